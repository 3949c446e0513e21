# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import csv
import datetime
import io
import logging
import time

import numpy as np
import pandas as pd
import psycopg2
from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.client_base.tools.locks import advisory_key

from ..tools import classify
from . import revenue_basis as revenue

_logger = logging.getLogger(__name__)

# Changed clients written per cron call (set-based statements: each call
# stays far under 10 s).
BATCH_SIZE = 10000
# Seconds of work a call starts steps in: aggregation chunks (one period
# each) are taken while the call has spent less than this, and a call goes on
# with the next step (classification, first batch, next company) only while
# it has spent less than half of it. Tier L (10M lines): see the README.
CALL_BUDGET = 3.0
CONCURRENCY_ERRORS = (
    pg_errors.LockNotAvailable,
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
)
# A run's state lives in the database (phase and chunk counters on the run,
# the partial sums in client_classification_run_sum, the changes still to
# write in client_classification_pending): any worker, after any restart,
# continues it where the last committed call left it.
# columns read back as text (classes) by _read_frame
TEXT_READ = {
    "lifecycle",
    "abc",
    "xyz",
    "cell",
    "rfm_segment",
    "last_purchase",
    "last_invoice",
}
PARTNER_CLASS_FIELDS = {
    # res.partner company-dependent field: client.classification column
    "client_lifecycle_class": "lifecycle",
    "client_abc": "abc",
    "client_xyz": "xyz",
    "client_abc_xyz": "cell",
    "client_rfm_segment": "rfm_segment",
}


def _float_list(series):
    """Floats of a column as a list, ``None`` for NaN."""
    values = series.to_numpy(dtype="float64", na_value=np.nan)
    out = values.astype(object)
    out[np.isnan(values)] = None
    return out.tolist()


def _int_list(series):
    """Whole numbers of a (float or nullable) column, ``None`` for NaN."""
    values = series.to_numpy(dtype="float64", na_value=np.nan)
    missing = np.isnan(values)
    out = np.where(missing, 0, np.round(values)).astype("int64").astype(object)
    out[missing] = None
    return out.tolist()


def _date_list(series):
    """ISO dates of a datetime64 column, ``None`` for NaT."""
    values = pd.to_datetime(series).to_numpy(dtype="datetime64[D]")
    out = np.datetime_as_string(values).astype(object)
    out[np.isnat(values)] = None
    return out.tolist()


def _object_list(series):
    """Text values of a column, ``None`` for NaN or None."""
    values = series.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    return values.tolist()


class ClientClassificationRun(models.Model):
    """One classification run of one company, with its progress and log."""

    _name = "client.classification.run"
    _description = "Client classification run"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        readonly=True,
    )
    date = fields.Date(
        string="Reference date",
        required=True,
        default=fields.Date.context_today,
        readonly=True,
        help="The window is made of the closed periods before this date.",
    )
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        default="running",
        required=True,
        index=True,
        readonly=True,
    )
    trigger = fields.Selection(
        [("cron", "Scheduled"), ("manual", "Recompute now")],
        default="cron",
        required=True,
        readonly=True,
    )
    date_start = fields.Datetime(
        string="Started", default=fields.Datetime.now, readonly=True
    )
    date_end = fields.Datetime(string="Finished", readonly=True)
    window_start = fields.Date(readonly=True)
    window_end = fields.Date(readonly=True)
    client_count = fields.Integer(string="Clients analysed", readonly=True)
    change_count = fields.Integer(string="Changes found", readonly=True)
    written_count = fields.Integer(string="Clients written", readonly=True)
    history_count = fields.Integer(string="Class changes", readonly=True)
    remaining_count = fields.Integer(string="Remaining", readonly=True)
    skipped_count = fields.Integer(
        string="Left for next run",
        readonly=True,
        help="Clients locked by another transaction; the next run takes them.",
    )
    batch_count = fields.Integer(string="Batches", readonly=True)
    phase = fields.Selection(
        [
            ("aggregate", "Aggregating"),
            ("classify", "Classifying"),
            ("diff", "Comparing"),
            ("store", "Storing changes"),
            ("write", "Writing"),
        ],
        default="aggregate",
        required=True,
        readonly=True,
    )
    chunk_done = fields.Integer(string="Chunks aggregated", readonly=True)
    history_start = fields.Date(
        string="First invoice",
        readonly=True,
        help="Date of the company's first customer invoice when the run "
        "started (the aggregation slices go back to it).",
    )
    call_count = fields.Integer(string="Scheduled calls", readonly=True)
    progress = fields.Float(compute="_compute_progress")
    log = fields.Text(readonly=True)
    history_ids = fields.One2many(
        "client.classification.history", "run_id", readonly=True
    )

    @api.depends("company_id", "date")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.company_id.name or ''} {run.date or ''}".strip()

    @api.depends("written_count", "remaining_count", "state", "phase")
    def _compute_progress(self):
        for run in self:
            total = run.written_count + run.remaining_count
            if run.state != "running":
                run.progress = 100.0
            elif run.phase != "write":
                run.progress = 0.0
            else:
                run.progress = total and 100.0 * run.written_count / total

    # Actions -------------------------------------------------------------------

    @api.model
    def action_recompute_now(self):
        """Start a run for the current companies and wake the scheduled action."""
        if not self.env.user.has_group("client_base.client_base_group_manager"):
            raise UserError(
                self.env._("Only data quality managers can recompute the analytics.")
            )
        self.check_access("create")
        companies = self.env.companies
        # one press at a time per company: a second press while the first is
        # in flight (two tabs, a double click) starts nothing and is handed
        # the run in progress
        free = self._client_lock_companies(companies)
        running = self.search(
            [("state", "=", "running"), ("company_id", "in", companies.ids)]
        )
        todo = free - running.company_id
        runs = running | self.sudo()._start_runs(todo, trigger="manual")
        cron = self.env.ref(
            "client_base_analytics.ir_cron_client_classification",
            raise_if_not_found=False,
        )
        if cron:
            cron.sudo()._trigger()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_analytics.client_classification_run_action"
        )
        # the runs of the other press show once it commits
        action["domain"] = [
            "|",
            ("id", "in", runs.ids),
            "&",
            ("state", "=", "running"),
            ("company_id", "in", (companies - free).ids),
        ]
        return action

    @api.model
    def _client_lock_companies(self, companies):
        """The companies among ``companies`` whose start lock this
        transaction takes (``pg_try_advisory_xact_lock``, released at
        commit); the others are being started by another transaction."""
        key = advisory_key("client_base_analytics.recompute")
        free = companies.browse()
        for company in companies:
            self.env.cr.execute(
                SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", key, company.id)
            )
            if self.env.cr.fetchone()[0]:
                free |= company
        return free

    def action_refresh(self):
        """Reload the form (progress of a running run)."""
        return True

    # Engine ----------------------------------------------------------------------

    @api.model
    def _start_runs(self, companies, trigger="cron"):
        today = fields.Date.context_today(self)
        return self.create(
            [
                {"company_id": company.id, "trigger": trigger, "date": today}
                for company in companies
            ]
        )

    @api.model
    def _call_budget(self):
        return float(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("client_base_analytics.call_budget", CALL_BUDGET)
        )

    @api.model
    def _cron_process(self, batch_size=None):
        """Do one bounded slice of work of the oldest running run.

        Starts runs if none is running. Reports ``_notify_progress``: the
        framework commits after each call and calls again (up to 10 times,
        then reschedules) while work remains.
        """
        started = time.perf_counter()
        batch_size = batch_size or int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("client_base_analytics.batch_size", BATCH_SIZE)
        )
        budget = self._call_budget()
        runs = self.sudo().search([("state", "=", "running")], order="id")
        if not runs:
            companies = (
                self.env["res.company"]
                .sudo()
                .search([("active", "=", True)], order="id")
            )
            runs = self.sudo()._start_runs(companies)
        done = 0
        for run in runs:
            try:
                with self.env.cr.savepoint():
                    steps, remaining = run._process_step(batch_size, started, budget)
            except CONCURRENCY_ERRORS as exc:
                # a step met a concurrent transaction: left for the next call
                # (triggered soon when this call did nothing else)
                _logger.warning(
                    "Client classification run %s: step left for the next call (%s)",
                    run.id,
                    exc.__class__.__name__,
                )
                break
            done += steps
            if remaining or time.perf_counter() - started > budget / 2:
                break
        pending = self.sudo().search([("state", "=", "running")])
        remaining = sum(max(run.remaining_count, 1) for run in pending)
        # every call advances a run (a chunk, a phase, a batch): done > 0
        # while work remains, so Odoo's runner calls again at once
        self.env["ir.cron"]._client_notify_progress(done=done, remaining=remaining)
        return done, remaining

    def _process_step(self, batch_size, started=None, budget=None):
        """Advance this run by bounded steps.

        Phases: ``aggregate`` (one chunk at a time: a period of the window, the
        refunds, the invoices; each an ``INSERT ... SELECT`` into
        client_classification_run_sum), ``classify`` (read the sums, classify,
        diff, store the changes in client_classification_pending), ``write``
        (batches of pending changes: one in a call that took other steps, else
        several). Within a call the run goes on to the next step or batch
        while the call has used less than half its budget.

        :return: ``(done, remaining)``: ``done`` counts the clients written
            plus the steps taken (aggregation chunks, phases), at least 1 (a
            call always moves the run: Odoo 18.0's runner reads done=0 as
            finished); ``remaining`` is 0 when the run is closed.
        """
        self.ensure_one()
        started = started or time.perf_counter()
        budget = budget if budget is not None else self._call_budget()
        written = steps = 0
        self.call_count += 1
        try:
            while self.state == "running":
                if self.phase == "aggregate":
                    before = self.chunk_done
                    self._aggregate_chunks(started, budget)
                    steps += max(self.chunk_done - before, 1)
                elif self.phase == "classify":
                    self._classify_to_pending()
                    steps += 1
                elif self.phase == "diff":
                    self._diff_pending()
                    steps += 1
                elif self.phase == "store":
                    self._store_staged()
                    steps += 1
                else:
                    # the call that classified writes a smaller batch, so that
                    # no call holds its transaction much longer than the others
                    # (a call that only writes takes full batches: fewer calls)
                    size = batch_size
                    if steps:
                        size = max(1, batch_size // 4)
                    batch = self._write_batch(size)
                    written += batch
                    steps += not batch
                    # more batches in this call while it is well in budget
                    # (fewer calls; each batch's locks last one call)
                    if not batch or steps:
                        break
                if time.perf_counter() - started > budget / 2:
                    break
        except (UserError, ValidationError, ValueError) as exc:
            # data or configuration errors never raise out of the cron
            # (which would count as a failure and eventually deactivate it)
            _logger.warning("Client classification run %s failed: %s", self.id, exc)
            self._close("failed", str(exc))
            return 1, 0
        done = max(written + steps, 1)
        if self.state != "running":
            return done, 0
        return done, max(self.remaining_count, 1)

    def unlink(self):
        # the sums and changes of a run refer to it by a plain integer
        self._cleanup()
        return super().unlink()

    def _close(self, state, message=None):
        vals = {"state": state, "date_end": fields.Datetime.now()}
        if state != "running":
            vals["remaining_count"] = 0
            self._cleanup()
        if message:
            vals["log"] = "\n".join(filter(None, [self.log, message]))
        self.write(vals)

    def init(self):
        # the computed rows a run keeps between classifying and comparing
        # (classify.pack): one row per run, SQL only, never exposed to RPC
        self.env.cr.execute(
            SQL(
                """CREATE TABLE IF NOT EXISTS client_classification_run_stage (
                       run_id integer PRIMARY KEY, header bytea, data bytea)"""
            )
        )
        # stored as is: compressing 40 MB of floats took seconds (tier L)
        self.env.cr.execute(
            SQL(
                "ALTER TABLE client_classification_run_stage "
                "ALTER COLUMN data SET STORAGE EXTERNAL"
            )
        )

    def _cleanup(self):
        """Drop the run's partial sums, staged rows and unwritten changes."""
        for table in (
            "client_classification_run_sum",
            "client_classification_run_stage",
            "client_classification_pending",
        ):
            self.env.cr.execute(
                SQL(
                    "DELETE FROM %s WHERE run_id = ANY(%s)",
                    SQL.identifier(table),
                    self.ids,
                )
            )

    # Parameters and window -------------------------------------------------------

    def _params_and_window(self):
        """``(params, periods, window_end)`` of this run; raises when invalid."""
        self.ensure_one()
        company = self.company_id
        params = company._client_analytics_params()
        errors = classify.validate_params(params)
        if errors:
            raise ValidationError(
                "\n".join(
                    company._client_analytics_error_message(code, values)
                    for code, values in errors
                )
            )
        periods = classify.window_periods(self.date, params)
        window_end = classify.add_months(
            periods[-1], classify.PERIOD_MONTHS[params.period]
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
        months = classify.PERIOD_MONTHS[params.period]
        slices = [(day, classify.add_months(day, months)) for day in periods]
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
            start = classify.add_months(end, -12)
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
                months = classify.PERIOD_MONTHS[params.period]
                date_from = periods[index]
                date_to = classify.add_months(date_from, months)
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
            months=classify.PERIOD_MONTHS[params.period],
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

    @staticmethod
    def _frames(data):
        """Split the summed rows (tuples or a DataFrame) into the classify
        inputs."""
        frame = pd.DataFrame(
            data,
            columns=[
                "partner_id",
                "period",
                "revenue",
                "margin",
                "invoices",
                "last_invoice",
            ],
        )
        frame["period"] = frame["period"].astype("int64")
        frame["invoices"] = frame["invoices"].fillna(0).astype("int64")
        flags = frame["period"] < 0
        rows = frame.loc[~flags, ["partner_id", "period", "revenue", "margin"]]
        rows = rows.assign(invoices=frame.loc[~flags, "invoices"])
        rows = rows.groupby(["partner_id", "period"], as_index=False).sum()
        before = frame[flags & (frame["revenue"] > 0)]
        rows = pd.concat(
            [
                rows,
                pd.DataFrame(
                    {
                        "partner_id": before["partner_id"],
                        "period": -1,
                        "revenue": 1.0,
                        "margin": 0.0,
                        "invoices": 0,
                    }
                ),
            ],
            ignore_index=True,
        )
        invoices = frame.loc[flags, ["partner_id", "invoices", "last_invoice"]]
        invoices = invoices.rename(columns={"invoices": "frequency"})
        return rows, invoices.reset_index(drop=True)

    # Phase 2: classification ----------------------------------------------------------

    def _classify_to_pending(self):
        """Classify from the run's sums; keep every client's computed row
        (packed, :func:`classify.pack`, in client_classification_run_stage)
        for the next call, which compares them with the stored rows
        (:meth:`_diff_pending`).

        Two calls, not one: at 250,000 clients reading the sums, classifying,
        reading the stored rows, comparing and writing the changes took
        13.4 s in a single call on two idle cores (``bench_analytics.py
        --tier L``); each half stays well under the 10 s of a call.
        """
        params, periods, _window_end = self._params_and_window()
        company = self.company_id
        sums = self._read_frame(
            SQL(
                """
                SELECT partner_id, period, SUM(revenue), SUM(margin),
                       SUM(invoices), MAX(last_invoice)
                  FROM client_classification_run_sum
                 WHERE run_id = %s
              GROUP BY 1, 2
                """,
                self.id,
            ),
            ["partner_id", "period", "revenue", "margin", "invoices", "last_invoice"],
        )
        rows, invoices = self._frames(sums)
        # the clients already classified are classified again, with or
        # without sales in the window (their ids only: the comparison with
        # their stored rows is the next call's)
        self.env["client.classification"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT partner_id FROM client_classification WHERE company_id = %s",
                company.id,
            )
        )
        stored_ids = [row[0] for row in self.env.cr.fetchall()]
        computed = classify.classify(rows, params, periods, stored_ids, invoices)
        self._stage_put(*classify.pack(classify.normalized(computed)))
        self.env.cr.execute(
            SQL("DELETE FROM client_classification_run_sum WHERE run_id = %s", self.id)
        )
        self.write({"phase": "diff", "client_count": len(computed)})

    def _diff_pending(self):
        """Compare the computed rows with the stored ones; keep only the
        changes and the class moves (packed again) for the next call."""
        computed = self._stage_get()
        stored = self._read_stored(self.company_id)
        changes, history = classify.diff_frames(computed, stored)
        frame = changes.copy()
        frame["moved"] = changes.index.isin(history.index).astype("float64")
        for c in ("lifecycle", "abc", "xyz"):
            old = "old_" + c
            values = history[old] if old in history else pd.Series(dtype=object)
            frame[old] = values.reindex(changes.index).astype(object)
        self._stage_put(*classify.pack(frame))
        self.write({"phase": "store", "change_count": len(changes)})

    def _store_staged(self):
        """COPY the staged changes into client_classification_pending, where
        the write phase takes them in batches (a call of its own: 250,000
        rows at tier L)."""
        frame = self._stage_get()
        history = frame.loc[frame["moved"] > 0, ["old_lifecycle", "old_abc", "old_xyz"]]
        self._store_pending(frame, history)
        self.env.cr.execute(
            SQL(
                "DELETE FROM client_classification_run_stage WHERE run_id = %s", self.id
            )
        )
        self.write({"phase": "write", "remaining_count": len(frame)})

    def _stage_put(self, header, data):
        """Keep the packed rows of this run (:func:`classify.pack`)."""
        self.env.cr.execute(
            SQL(
                """INSERT INTO client_classification_run_stage (run_id, header, data)
                   VALUES (%s, %s, %s)
                   ON CONFLICT (run_id) DO UPDATE
                      SET header = EXCLUDED.header, data = EXCLUDED.data""",
                self.id,
                psycopg2.Binary(header),
                psycopg2.Binary(data),
            )
        )

    def _stage_get(self):
        """The packed rows of this run, as a frame."""
        self.env.cr.execute(
            SQL(
                "SELECT header, data FROM client_classification_run_stage "
                "WHERE run_id = %s",
                self.id,
            )
        )
        row = self.env.cr.fetchone()
        if row is None:
            # never expected (the stage is written and read in the committed
            # calls of this run): fail, the next run starts afresh
            raise ValueError("The classified rows of the run are missing.")
        return classify.unpack(*row)

    def _store_pending(self, changes, history):
        """COPY the changes into client_classification_pending (fast).

        :param changes: ``changes`` of :func:`classify.diff_frames`.
        :param history: its ``history``.
        """
        if changes.empty:
            return
        n = len(changes)
        moved = changes.index.isin(history.index)
        columns = {
            "run_id": [self.id] * n,
            "partner_id": changes.index.tolist(),
            "classification_id": _int_list(changes["id"]),
        }
        for col in classify.FACT_COLUMNS:
            values = changes[col]
            if col in classify.INT_COLUMNS:
                columns[col] = _int_list(values)
            elif col in classify.DATE_COLUMNS:
                columns[col] = _date_list(values)
            elif col in classify.TEXT_COLUMNS:
                columns[col] = _object_list(values)
            else:
                columns[col] = _float_list(values)
        columns["history"] = np.where(moved, "t", "f").tolist()
        for c in ("lifecycle", "abc", "xyz"):
            old = "old_" + c
            columns[old] = (
                _object_list(history[old].reindex(changes.index))
                if old in history
                else [None] * n
            )
        # the csv module writes the rows about twice as fast as
        # DataFrame.to_csv (no per-cell formatting of nullable dtypes):
        # 250,000 changes at tier L; None is written empty, read as NULL
        buffer = io.StringIO()
        csv.writer(buffer).writerows(zip(*columns.values(), strict=True))
        buffer.seek(0)
        columns = ", ".join(columns)
        # COPY: the fastest way in (250,000 changes at tier L)
        self.env.cr.copy_expert(
            f"COPY client_classification_pending ({columns}) "
            "FROM STDIN WITH (FORMAT csv)",
            buffer,
        )

    @api.model
    def _read_stored(self, company):
        columns = list(classify.FACT_COLUMNS)
        self.env["client.classification"].flush_model()
        stored = self._read_frame(
            SQL(
                """
                SELECT partner_id, id, computed_lifecycle, computed_abc,
                       computed_xyz, computed_cell, revenue, indicator_value,
                       share, cum_share, rank, percentile, cv, purchase_periods,
                       last_purchase, frequency, last_invoice, recency, rfm_r,
                       rfm_f, rfm_m, rfm_segment
                  FROM client_classification
                 WHERE company_id = %s
                """,
                company.id,
            ),
            ["partner_id", "id", *columns],
        )
        return stored.set_index("partner_id")

    def _read_frame(self, query, columns):
        """A query's rows as a DataFrame through ``COPY ... TO STDOUT``.

        Hundreds of thousands of rows: the C CSV parser of pandas is several
        times faster than building Python tuples. Text columns come back as
        text (NaN when NULL), numbers as numbers, dates as ISO text.
        """
        buffer = io.StringIO()
        statement = self.env.cr.mogrify(query.code, query.params).decode()
        self.env.cr.copy_expert(
            f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)", buffer
        )
        buffer.seek(0)
        if not buffer.getvalue():
            return pd.DataFrame(columns=columns)
        return pd.read_csv(
            buffer,
            header=None,
            names=columns,
            keep_default_na=False,
            na_values=[""],
            dtype={c: object for c in columns if c in TEXT_READ},
        )

    # Phase 3: write-back -----------------------------------------------------------

    def _write_batch(self, batch_size):
        """Write one batch of pending changes; close the run when none is left.

        :return: the number of clients written.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM client_classification_pending
                 WHERE run_id = %s ORDER BY partner_id LIMIT %s
                """,
                self.id,
                batch_size,
            )
        )
        batch = [r[0] for r in self.env.cr.fetchall()]
        written, n_history = self._write_changes(batch)
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM client_classification_pending WHERE run_id = %s",
                self.id,
            )
        )
        remaining = self.env.cr.fetchone()[0]
        self.write(
            {
                "written_count": self.written_count + written,
                "history_count": self.history_count + n_history,
                "remaining_count": remaining,
                "batch_count": self.batch_count + (1 if batch else 0),
            }
        )
        _logger.info(
            "Client classification run %s (company %s): %s written, %s remaining",
            self.id,
            self.company_id.id,
            written,
            remaining,
        )
        if not remaining:
            self._close("done")
        elif not written:
            self.skipped_count = remaining
            self._close(
                "done",
                self.env._(
                    "%(count)s clients were locked by other transactions and are "
                    "left for the next run.",
                    count=remaining,
                ),
            )
        return written

    def _write_changes(self, pending_ids):
        """Write the pending changes ``pending_ids`` with set-based SQL.

        :return: ``(clients written, history rows)``.

        Rows locked by another transaction are skipped (``SKIP LOCKED``) and a
        lock or serialization error rolls back the batch to its savepoint:
        those clients stay pending and are taken by the next call.
        """
        self.ensure_one()
        if not pending_ids:
            return 0, 0
        company_id = self.company_id.id
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        """SELECT c.id FROM client_classification c
                             JOIN client_classification_pending p
                               ON p.classification_id = c.id
                            WHERE p.id = ANY(%s)
                              FOR NO KEY UPDATE OF c SKIP LOCKED""",
                        pending_ids,
                    )
                )
                locked = [r[0] for r in self.env.cr.fetchall()]
                updated = self._sql_update(pending_ids, locked)
                created = self._sql_insert(pending_ids, company_id)
                done = updated + created
                n_history = self._sql_insert_history(done)
                self._sync_partners([cid for _pid, cid in done])
                self.env.cr.execute(
                    SQL(
                        """DELETE FROM client_classification_pending
                            WHERE id = ANY(%s) AND partner_id = ANY(%s)""",
                        pending_ids,
                        [pid for pid, _cid in done],
                    )
                )
        except CONCURRENCY_ERRORS as exc:
            _logger.warning(
                "Client classification run %s: batch left for later (%s)",
                self.id,
                exc.__class__.__name__,
            )
            return 0, 0
        self.env["client.classification"].invalidate_model()
        self.env["client.classification.history"].invalidate_model()
        return len(done), n_history

    FACT_SET = """
                       revenue = p.revenue,
                       indicator_value = p.indicator_value,
                       share = p.share,
                       cum_share = p.cum_share,
                       rank = p.rank,
                       percentile = p.percentile,
                       cv = p.cv,
                       purchase_periods = p.purchase_periods,
                       last_purchase = p.last_purchase,
                       frequency = p.frequency,
                       last_invoice = p.last_invoice,
                       recency = p.recency,
                       rfm_r = p.rfm_r,
                       rfm_f = p.rfm_f,
                       rfm_m = p.rfm_m,
                       rfm_segment = p.rfm_segment,"""

    def _sql_update(self, pending_ids, locked_ids):
        """Update the locked existing rows; return ``[(partner_id, id)]``."""
        if not locked_ids:
            return []
        # Bulk UPDATE: one statement per batch instead of one per client. The
        # effective columns repeat _compute_effective of client.classification.
        self.env.cr.execute(
            SQL(
                """
                UPDATE client_classification c
                   SET computed_lifecycle = p.lifecycle,
                       computed_abc = p.abc,
                       computed_xyz = p.xyz,
                       computed_cell = p.cell,
                       lifecycle = COALESCE(c.manual_lifecycle, p.lifecycle),
                       abc = COALESCE(c.manual_abc, p.abc),
                       xyz = COALESCE(c.manual_xyz, p.xyz),
                       cell = COALESCE(c.manual_abc, p.abc)
                              || COALESCE(c.manual_xyz, p.xyz),
                       differs = (c.manual_lifecycle IS NOT NULL
                                  AND c.manual_lifecycle
                                      IS DISTINCT FROM p.lifecycle)
                              OR (c.manual_abc IS NOT NULL
                                  AND c.manual_abc IS DISTINCT FROM p.abc)
                              OR (c.manual_xyz IS NOT NULL
                                  AND c.manual_xyz IS DISTINCT FROM p.xyz),
                       %(facts)s
                       run_id = %(run)s,
                       write_uid = %(uid)s,
                       write_date = now() AT TIME ZONE 'UTC'
                  FROM client_classification_pending p
                 WHERE p.id = ANY(%(pending)s)
                   AND c.id = p.classification_id
                   AND c.id = ANY(%(locked)s)
             RETURNING c.partner_id, c.id
                """,
                facts=SQL(self.FACT_SET),
                pending=pending_ids,
                locked=locked_ids,
                run=self.id,
                uid=self.env.uid,
            )
        )
        return self.env.cr.fetchall()

    def _sql_insert(self, pending_ids, company_id):
        """Insert the new classification rows; return ``[(partner_id, id)]``."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_classification (
                    partner_id, company_id, computed_lifecycle, computed_abc,
                    computed_xyz, computed_cell, lifecycle, abc, xyz, cell,
                    differs, revenue, indicator_value, share, cum_share, rank,
                    percentile, cv, purchase_periods, last_purchase, frequency,
                    last_invoice, recency, rfm_r, rfm_f, rfm_m, rfm_segment,
                    run_id, create_uid, create_date, write_uid, write_date)
                SELECT p.partner_id, %(company)s, p.lifecycle, p.abc, p.xyz,
                       p.cell, p.lifecycle, p.abc, p.xyz, p.cell, FALSE,
                       p.revenue, p.indicator_value, p.share, p.cum_share,
                       p.rank, p.percentile, p.cv, p.purchase_periods,
                       p.last_purchase, p.frequency, p.last_invoice, p.recency,
                       p.rfm_r, p.rfm_f, p.rfm_m, p.rfm_segment, %(run)s,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                       now() AT TIME ZONE 'UTC'
                  FROM client_classification_pending p
                 WHERE p.id = ANY(%(pending)s)
                   AND p.classification_id IS NULL
                ON CONFLICT (partner_id, company_id) DO NOTHING
                RETURNING partner_id, id
                """,
                pending=pending_ids,
                company=company_id,
                run=self.id,
                uid=self.env.uid,
            )
        )
        return self.env.cr.fetchall()

    def _sql_insert_history(self, done):
        """Bulk-insert one history row per class change; return the count."""
        if not done:
            return 0
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_classification_history (
                    classification_id, partner_id, company_id, run_id, date,
                    origin, old_lifecycle, new_lifecycle, old_abc, new_abc,
                    old_xyz, new_xyz, create_uid, create_date, write_uid,
                    write_date)
                SELECT c.id, c.partner_id, c.company_id, %(run)s,
                       now() AT TIME ZONE 'UTC', 'computed', p.old_lifecycle,
                       p.lifecycle, p.old_abc, p.abc, p.old_xyz, p.xyz,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                       now() AT TIME ZONE 'UTC'
                  FROM client_classification c
                  JOIN client_classification_pending p
                    ON p.run_id = %(run)s AND p.partner_id = c.partner_id
                 WHERE c.id = ANY(%(ids)s) AND p.history
                """,
                run=self.id,
                uid=self.env.uid,
                ids=[cid for _pid, cid in done],
            )
        )
        return self.env.cr.rowcount

    @api.model
    def _sync_partners(self, classification_ids=None):
        """Copy the effective classes onto the clients' company-dependent fields.

        One ``UPDATE`` of ``res_partner``: the commercial partner and its
        contacts get ``{company_id: class}`` merged into each JSONB column,
        only where a value differs. ``None`` (all rows) on install/update.
        """
        sets, differs = [], []
        for fname, column in PARTNER_CLASS_FIELDS.items():
            field = SQL.identifier(fname)
            value = SQL.identifier("c", column)
            sets.append(
                SQL(
                    """%(field)s = CASE WHEN %(value)s IS NULL
                        THEN NULLIF(COALESCE(p.%(field)s, '{}'::jsonb)
                                    - c.company_id::text, '{}'::jsonb)
                        ELSE COALESCE(p.%(field)s, '{}'::jsonb)
                             || jsonb_build_object(c.company_id::text, %(value)s)
                        END""",
                    field=field,
                    value=value,
                )
            )
            differs.append(
                SQL(
                    "(p.%s ->> c.company_id::text) IS DISTINCT FROM %s",
                    field,
                    value,
                )
            )
        where = SQL("TRUE")
        if classification_ids is not None:
            if not classification_ids:
                return 0
            where = SQL("c.id = ANY(%s)", list(classification_ids))
        self.env["client.classification"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p
                   SET %(sets)s
                  FROM client_classification c
                 WHERE %(where)s
                   AND p.commercial_partner_id = c.partner_id
                   AND (%(differs)s)
                """,
                sets=SQL(", ").join(sets),
                where=where,
                differs=SQL(" OR ").join(differs),
            )
        )
        count = self.env.cr.rowcount
        self.env["res.partner"].invalidate_model(list(PARTNER_CLASS_FIELDS))
        return count
