# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import time

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import classify_params
from . import revenue_basis as revenue


class ClientClassificationRun(models.Model):
    """The aggregation phase of a run: the window, its chunks and their
    queries into the run's sums (see :mod:`.client_classification_run`)."""

    _inherit = "client.classification.run"

    # Parameters and window -------------------------------------------------------

    def _params_and_window(self):
        """``(params, periods, window_end)`` of this run; raises when invalid."""
        self.ensure_one()
        company = self.company_id
        params = company._client_analytics_params()
        errors = classify_params.validate_params(params)
        if errors:
            raise ValidationError(
                "\n".join(
                    company._client_analytics_error_message(code, values)
                    for code, values in errors
                )
            )
        periods = classify_params.window_periods(self.date, params)
        window_end = classify_params.add_months(
            periods[-1], classify_params.PERIOD_MONTHS[params.period]
        )
        if self.window_start != periods[0]:
            self.write(
                {
                    "window_start": periods[0],
                    "window_end": window_end - datetime.timedelta(days=1),
                }
            )
        return params, periods, window_end

    def _chunks(self, params, periods, window_end):
        """The aggregation chunks of the run, in order: ``(kind, index)``.

        One chunk per period of the window for the invoice lines, then the
        reversing refunds, then the invoices (account_move) in date slices:
        one per period of the window and one per 12 months before it, back
        to the first customer invoice of the company (read once per run and
        kept on it, so that the list never changes during a run).
        """
        chunks = [("period", i) for i in range(len(periods))]
        if params.refunds_in_invoice_period:
            chunks.append(("refunds", None))
        months = classify_params.PERIOD_MONTHS[params.period]
        slices = [(day, classify_params.add_months(day, months)) for day in periods]
        if not self.history_start:
            self.env.cr.execute(
                SQL(
                    """SELECT MIN(date) FROM account_move
                        WHERE company_id = %s AND state = 'posted'
                          AND move_type = 'out_invoice'""",
                    self.company_id.id,
                )
            )
            self.history_start = self.env.cr.fetchone()[0] or periods[0]
        end = periods[0]
        while end > self.history_start:
            start = classify_params.add_months(end, -12)
            slices.append((max(start, self.history_start), end))
            end = start
        chunks += [("invoices", dates) for dates in slices]
        # last: one row per client and period (the chunks above give a
        # client several rows of period -1, one per slice of invoices)
        chunks.append(("collapse", None))
        return chunks

    # Phase 1: aggregation ------------------------------------------------------------

    def _aggregate_chunks(self, started, budget):
        """Aggregate chunks into the run's sums while the budget allows."""
        params, periods, window_end = self._params_and_window()
        chunks = self._chunks(params, periods, window_end)
        self._flush_sources()
        self._tune_session()
        company = self.company_id
        done = self.chunk_done
        while done < len(chunks):
            kind, index = chunks[done]
            if kind == "collapse":
                if done > self.chunk_done:
                    break  # a call of its own (seconds at tier L)
                self._collapse_sums()
                done += 1
                if time.perf_counter() - started > budget:
                    break
                continue
            if kind == "period":
                months = classify_params.PERIOD_MONTHS[params.period]
                date_from = periods[index]
                date_to = classify_params.add_months(date_from, months)
                query = self._aggregation_query(
                    company, params, periods, window_end, date_from, date_to
                )
            elif kind == "refunds":
                query = self._refund_query(company, params, periods, window_end)
            else:
                query = self._invoice_query(company, periods, window_end, *index)
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO client_classification_run_sum (run_id,
                        partner_id, period, revenue, margin, invoices,
                        last_invoice)
                    SELECT %(run)s, q.partner_id, q.period, q.revenue,
                           q.margin, q.invoices, q.last_invoice
                      FROM (%(query)s) q
                    """,
                    run=self.id,
                    query=query,
                )
            )
            done += 1
            if time.perf_counter() - started > budget:
                break
        vals = {"chunk_done": done}
        if done >= len(chunks):
            vals["phase"] = "classify"
        self.write(vals)

    def _collapse_sums(self):
        """Replace the run's partial sums by one row per client and period
        (halves the rows the classification reads at tier L)."""
        self.env.cr.execute(
            SQL(
                """
                WITH moved AS (
                    DELETE FROM client_classification_run_sum
                     WHERE run_id = %(run)s
                 RETURNING partner_id, period, revenue, margin, invoices,
                           last_invoice
                )
                INSERT INTO client_classification_run_sum (run_id, partner_id,
                    period, revenue, margin, invoices, last_invoice)
                SELECT %(run)s, partner_id, period, SUM(revenue), SUM(margin),
                       SUM(invoices), MAX(last_invoice)
                  FROM moved
              GROUP BY partner_id, period
                """,
                run=self.id,
            )
        )

    def _flush_sources(self):
        for model, fnames in (
            (
                "account.move.line",
                ["balance", "date", "parent_state", "partner_id", "display_type"],
            ),
            (
                "account.move",
                [
                    "move_type",
                    "state",
                    "date",
                    "amount_untaxed_signed",
                    "reversed_entry_id",
                    "commercial_partner_id",
                    "company_id",
                ],
            ),
            ("res.partner", ["commercial_partner_id"]),
        ):
            self.env[model].flush_model(fnames)

    def _tune_session(self):
        # one big hash aggregate: give it memory instead of spilling to disk,
        # and skip JIT compilation (seconds of overhead, nothing gained here);
        # SET LOCAL ends with this transaction (one cron call)
        self.env.cr.execute(SQL("SET LOCAL work_mem = '64MB'"))
        self.env.cr.execute(SQL("SET LOCAL jit = off"))

    @api.model
    def _measure_sql(self, company, params):
        """``(margin, invoices, joins)`` SQL of the ABC indicator."""
        margin = SQL("0::float8")
        invoices = SQL("0")
        joins = SQL("")
        if params.indicator == "margin":
            # cost as in account.invoice.report (without UoM conversion)
            margin = SQL(
                """SUM(-aml.balance - CASE WHEN am.move_type = 'out_refund'
                       THEN -1 ELSE 1 END * aml.quantity
                       * COALESCE((pp.standard_price ->> %(company)s)::float8, 0)
                   )::float8""",
                company=str(company.id),
            )
            joins = SQL("LEFT JOIN product_product pp ON pp.id = aml.product_id")
        elif params.indicator == "invoices":
            # an invoice cancelled in full by credit notes is no purchase
            invoices = SQL(
                "COUNT(DISTINCT aml.move_id) FILTER "
                "(WHERE am.move_type = 'out_invoice' AND NOT %s)",
                revenue.fully_refunded("am"),
            )
        return margin, invoices, joins

    @api.model
    def _period_sql(self, date_sql, periods, params):
        """SQL of the window period index of a date expression."""
        return SQL(
            """(EXTRACT(YEAR FROM %(date)s)::int * 12
                + EXTRACT(MONTH FROM %(date)s)::int - 1
                - %(start_index)s) / %(months)s""",
            date=date_sql,
            start_index=periods[0].year * 12 + periods[0].month - 1,
            months=classify_params.PERIOD_MONTHS[params.period],
        )

    @api.model
    def _aggregation_query(
        self, company, params, periods, window_end, date_from=None, date_to=None
    ):
        """The GROUP BY over the posted customer invoice lines of the window
        (or of ``[date_from, date_to)``, one chunk of it).

        Raw SQL because the ORM cannot group by a computed period index, and
        the lines must not travel to Python. The lines are the suite's
        revenue basis (``tools/revenue.py``: ``-balance``, company currency,
        untaxed, refunds negative, rolled up to the commercial partner).
        With ``refunds_in_invoice_period`` the refunds that reverse an
        invoice are left to :meth:`_refund_query`.
        """
        margin, invoices, joins = self._measure_sql(company, params)
        refunds = None
        if params.refunds_in_invoice_period:
            refunds = SQL(
                "(am.reversed_entry_id IS NULL OR am.move_type <> 'out_refund')"
            )
        return SQL(
            """
            SELECT %(partner)s AS partner_id,
                   %(period)s AS period,
                   SUM(%(amount)s)::float8 AS revenue,
                   %(margin)s AS margin,
                   %(invoices)s AS invoices,
                   NULL::date AS last_invoice
              %(lines)s
          GROUP BY 1, 2
            """,
            partner=revenue.PARTNER,
            amount=revenue.AMOUNT,
            period=self._period_sql(revenue.DATE, periods, params),
            margin=margin,
            invoices=invoices,
            lines=revenue.revenue_lines(
                company_ids=company.ids,
                date_from=date_from or periods[0],
                date_to=date_to or window_end,
                joins=joins,
                where=refunds,
            ),
        )

    @api.model
    def _refund_query(self, company, params, periods, window_end):
        """Refunds of invoices of the window, in the period of the invoice.

        A refund that reverses an invoice (``reversed_entry_id``) counts in
        the period of that invoice, whenever it was posted (a refund of an
        invoice before the window counts nowhere in the window).
        """
        margin, _invoices, joins = self._measure_sql(company, params)
        return SQL(
            """
            SELECT partner.commercial_partner_id AS partner_id,
                   %(period)s AS period,
                   SUM(-aml.balance)::float8 AS revenue,
                   %(margin)s AS margin,
                   0 AS invoices,
                   NULL::date AS last_invoice
              FROM account_move am
              JOIN account_move rev ON rev.id = am.reversed_entry_id
              JOIN account_move_line aml ON aml.move_id = am.id
              JOIN res_partner partner ON partner.id = aml.partner_id
              %(joins)s
             WHERE am.company_id = %(company_id)s
               AND am.state = 'posted'
               AND am.move_type = 'out_refund'
               AND am.reversed_entry_id IS NOT NULL
               AND am.date >= %(start)s
               AND rev.date >= %(start)s
               AND rev.date < %(end)s
               AND aml.display_type = 'product'
          GROUP BY 1, 2
            """,
            period=self._period_sql(SQL("rev.date"), periods, params),
            start=periods[0],
            end=window_end,
            margin=margin,
            joins=joins,
            company_id=company.id,
        )

    @api.model
    def _invoice_query(
        self, company, periods, window_end, date_from=None, date_to=None
    ):
        """Per client: bought before the window, invoices in it, last invoice.

        Read from the invoices (account_move), not their lines. The row has
        period -1: ``revenue`` 1 flags a posted customer invoice before the
        window (separates "never bought", none, from "bought long ago",
        lost), ``invoices`` the number of customer invoices in the window (an
        invoice cancelled in full by credit notes counts nowhere: RFM
        frequency agrees with the monetary value, which nets it out) and
        ``last_invoice`` the date of the last one (RFM).
        """
        return SQL(
            """
            SELECT partner.commercial_partner_id AS partner_id,
                   -1 AS period,
                   MAX(CASE WHEN am.date < %(start)s
                             AND am.amount_untaxed_signed > 0
                            THEN 1 ELSE 0 END)::float8 AS revenue,
                   0::float8 AS margin,
                   COUNT(*) FILTER (WHERE am.date >= %(start)s
                                      AND NOT %(cancelled)s) AS invoices,
                   MAX(am.date) FILTER (WHERE am.date >= %(start)s
                                          AND NOT %(cancelled)s)
                       AS last_invoice
              FROM account_move am
              JOIN res_partner partner ON partner.id = am.commercial_partner_id
             WHERE am.company_id = %(company_id)s
               AND am.state = 'posted'
               AND am.move_type = 'out_invoice'
               AND am.date < %(end)s
               %(slice)s
          GROUP BY 1
            """,
            company_id=company.id,
            cancelled=revenue.fully_refunded("am"),
            start=periods[0],
            end=window_end,
            slice=SQL("AND am.date >= %s AND am.date < %s", date_from, date_to)
            if date_from
            else SQL(""),
        )

    @api.model
    def _aggregate(self, company, params, periods, window_end):
        """All the sums of a window in one go (tests, benchmark).

        :return: ``(rows, invoices)`` DataFrames as :func:`classify.classify`
            takes them.
        """
        self._flush_sources()
        self._tune_session()
        queries = [self._aggregation_query(company, params, periods, window_end)]
        if params.refunds_in_invoice_period:
            queries.append(self._refund_query(company, params, periods, window_end))
        queries.append(self._invoice_query(company, periods, window_end))
        data = []
        for query in queries:
            self.env.cr.execute(query)
            data += self.env.cr.fetchall()
        return self._frames(data)
