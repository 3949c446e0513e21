# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import logging
import time

import pandas as pd
from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.client_base.tools.locks import advisory_key

from ..tools import classify

_logger = logging.getLogger(__name__)

# Changed clients written per cron call. Each call re-aggregates (about two
# seconds for 2M invoice lines) and writes at most this many rows with a few
# set-based statements, which keeps every transaction well under 10 s.
BATCH_SIZE = 10000
CONCURRENCY_ERRORS = (pg_errors.LockNotAvailable, pg_errors.SerializationFailure)
# The changes computed by the first call of a run, kept in this process for
# its next calls (the ir.cron runner calls the job up to 10 times in a row in
# the same worker): {(db, run id): (batch_count, changes, history, clients)}.
# An entry is used only while the run's batch_count in the database matches,
# so a rolled-back call or another worker simply recomputes.
_PENDING = {}


def _pg_array(values):
    """A PostgreSQL array literal (text) of ints, floats, strings or None."""
    items = []
    for value in values:
        if value is None:
            items.append("NULL")
        elif isinstance(value, str):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            items.append(f'"{escaped}"')
        else:
            items.append(repr(value))
    return "{" + ",".join(items) + "}"


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
    progress = fields.Float(compute="_compute_progress")
    log = fields.Text(readonly=True)
    history_ids = fields.One2many(
        "client.classification.history", "run_id", readonly=True
    )

    @api.depends("company_id", "date")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.company_id.name or ''} {run.date or ''}".strip()

    @api.depends("written_count", "remaining_count", "state")
    def _compute_progress(self):
        for run in self:
            total = run.written_count + run.remaining_count
            if run.state != "running":
                run.progress = 100.0
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
    def _cron_process(self, batch_size=None):
        """Process one batch of the oldest running run; start runs if none.

        Reports ``_notify_progress``: the framework commits after each call and
        calls again (up to 10 times, then reschedules) while work remains.
        """
        batch_size = batch_size or int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("client_base_analytics.batch_size", BATCH_SIZE)
        )
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
            written, remaining = run._process_batch(batch_size)
            done += written
            if remaining and written:
                break
        pending = self.sudo().search([("state", "=", "running")])
        remaining = sum(max(run.remaining_count, 1) for run in pending)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    def _process_batch(self, batch_size):
        """Compute the changes of this run's company and write the first batch.

        :return: ``(written, remaining)``. A run whose changes are all written,
            or whose batch could not be written because of concurrent locks,
            is closed (the locked clients are left for the next run).
        """
        self.ensure_one()
        started = time.perf_counter()
        key = (self.env.cr.dbname, self.id)
        cached = _PENDING.pop(key, None)
        if cached and cached[0] == self.batch_count:
            changes, history, population = cached[1:]
        else:
            try:
                changes, history, population = self._compute_changes()
            except (UserError, ValidationError, ValueError) as exc:
                # data or configuration errors never raise out of the cron
                # (which would count as a failure and eventually deactivate it)
                _logger.warning("Client classification run %s failed: %s", self.id, exc)
                self._close("failed", str(exc))
                return 0, 0
            # the call that aggregates writes a smaller batch, so that no
            # call holds its transaction much longer than the others
            batch_size = max(1, batch_size // 4)
        if not self.batch_count:
            self.change_count = len(changes)
        batch = changes[:batch_size]
        done_ids, skipped, n_history = self._write_changes(batch, history)
        written = len(done_ids)
        changes = [row for row in changes if row["partner_id"] not in done_ids]
        remaining = len(changes)
        vals = {
            "client_count": population,
            "written_count": self.written_count + written,
            "history_count": self.history_count + n_history,
            "remaining_count": remaining,
            "batch_count": self.batch_count + 1,
        }
        self.write(vals)
        if remaining and written:
            _PENDING[key] = (self.batch_count, changes, history, population)
        _logger.info(
            "Client classification run %s (company %s): %s written, %s remaining, "
            "%s skipped, %.2fs",
            self.id,
            self.company_id.id,
            written,
            remaining,
            skipped,
            time.perf_counter() - started,
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
        return written, remaining

    def _close(self, state, message=None):
        vals = {"state": state, "date_end": fields.Datetime.now()}
        if state != "running":
            vals["remaining_count"] = 0
        if message:
            vals["log"] = "\n".join(filter(None, [self.log, message]))
        self.write(vals)

    def _compute_changes(self):
        """Aggregate, classify and diff for this run's company.

        :return: ``(changes, history, population)`` as in ``classify.diff``.
        """
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
        rows = self._aggregate(company, params, periods, window_end)
        stored = self._read_stored(company)
        computed = classify.classify(rows, params, periods, stored.index.tolist())
        changes, history = classify.diff(computed, stored)
        return changes, history, len(computed)

    @api.model
    def _aggregation_query(self, company, params, periods, window_end):
        """The one GROUP BY over the posted customer invoice lines of the window.

        Raw SQL because the ORM cannot group by a computed period index, and
        the lines must not travel to Python. Revenue is ``-balance``: company
        currency, untaxed, refunds negative, rolled up to the commercial partner.
        """
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
            invoices = SQL(
                "COUNT(DISTINCT aml.move_id) FILTER "
                "(WHERE am.move_type = 'out_invoice')"
            )
        return SQL(
            """
            SELECT partner.commercial_partner_id AS partner_id,
                   (EXTRACT(YEAR FROM aml.date)::int * 12
                    + EXTRACT(MONTH FROM aml.date)::int - 1
                    - %(start_index)s) / %(months)s AS period,
                   SUM(-aml.balance)::float8 AS revenue,
                   %(margin)s AS margin,
                   %(invoices)s AS invoices
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              JOIN res_partner partner ON partner.id = aml.partner_id
              %(joins)s
             WHERE aml.company_id = %(company_id)s
               AND aml.parent_state = 'posted'
               AND aml.display_type = 'product'
               AND am.move_type IN ('out_invoice', 'out_refund')
               AND aml.date >= %(start)s
               AND aml.date < %(end)s
          GROUP BY 1, 2
            """,
            start=periods[0],
            start_index=periods[0].year * 12 + periods[0].month - 1,
            months=classify.PERIOD_MONTHS[params.period],
            end=window_end,
            margin=margin,
            invoices=invoices,
            joins=joins,
            company_id=company.id,
        )

    @api.model
    def _aggregate(self, company, params, periods, window_end):
        for model, fnames in (
            ("account.move.line", ["balance", "date", "parent_state", "partner_id"]),
            (
                "account.move",
                ["move_type", "state", "date", "amount_untaxed_signed"],
            ),
            ("account.move", ["commercial_partner_id", "company_id"]),
            ("res.partner", ["commercial_partner_id"]),
        ):
            self.env[model].flush_model(fnames)
        # one big hash aggregate: give it memory instead of spilling to disk,
        # and skip JIT compilation (seconds of overhead, nothing gained here);
        # SET LOCAL ends with this transaction (one cron call)
        self.env.cr.execute(SQL("SET LOCAL work_mem = '64MB'"))
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        self.env.cr.execute(
            self._aggregation_query(company, params, periods, window_end)
        )
        data = self.env.cr.fetchall()
        self.env.cr.execute(self._earlier_buyers_query(company, periods))
        # period -1 flags the clients who bought before the window
        data += [(pid, -1, 1.0, 0.0, 0) for (pid,) in self.env.cr.fetchall()]
        rows = pd.DataFrame(
            data, columns=["partner_id", "period", "revenue", "margin", "invoices"]
        )
        rows["period"] = rows["period"].astype("int64")
        return rows

    @api.model
    def _earlier_buyers_query(self, company, periods):
        """Clients with a posted customer invoice before the window.

        Read from the invoices (account_move), not their lines: it only
        separates "never bought" (none) from "bought long ago" (lost).
        """
        return SQL(
            """
            SELECT DISTINCT partner.commercial_partner_id
              FROM account_move am
              JOIN res_partner partner ON partner.id = am.commercial_partner_id
             WHERE am.company_id = %(company_id)s
               AND am.state = 'posted'
               AND am.move_type = 'out_invoice'
               AND am.amount_untaxed_signed > 0
               AND am.date < %(start)s
            """,
            company_id=company.id,
            start=periods[0],
        )

    @api.model
    def _read_stored(self, company):
        columns = list(classify.FACT_COLUMNS)
        self.env["client.classification"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, id, computed_lifecycle, computed_abc,
                       computed_xyz, computed_cell, revenue, indicator_value,
                       share, cum_share, rank, percentile, cv, purchase_periods,
                       last_purchase
                  FROM client_classification
                 WHERE company_id = %s
                """,
                company.id,
            )
        )
        stored = pd.DataFrame(
            self.env.cr.fetchall(), columns=["partner_id", "id", *columns]
        )
        return stored.set_index("partner_id")

    def _write_changes(self, batch, history):
        """Write one batch with set-based SQL.

        :return: ``(partner ids written, number skipped, history rows)``.

        Rows locked by another transaction are skipped (``SKIP LOCKED``) and a
        lock or serialization error rolls back the batch to its savepoint:
        those clients stay in the diff and are taken by the next call.
        """
        self.ensure_one()
        if not batch:
            return set(), 0, 0
        company_id = self.company_id.id
        try:
            with self.env.cr.savepoint():
                updates = [row for row in batch if row["id"]]
                creates = [row for row in batch if not row["id"]]
                ids = {}
                if updates:
                    self.env.cr.execute(
                        SQL(
                            """SELECT id FROM client_classification
                                WHERE id = ANY(%s::int[])
                                  FOR NO KEY UPDATE SKIP LOCKED""",
                            _pg_array(int(row["id"]) for row in updates),
                        )
                    )
                    locked = {r[0] for r in self.env.cr.fetchall()}
                    updates = [row for row in updates if int(row["id"]) in locked]
                    self._sql_update(updates)
                    ids.update({row["partner_id"]: int(row["id"]) for row in updates})
                if creates:
                    ids.update(self._sql_insert(creates, company_id))
                entries = [
                    (ids[pid], history[pid]) for pid in sorted(ids) if pid in history
                ]
                self._sql_insert_history(entries, company_id)
        except CONCURRENCY_ERRORS as exc:
            _logger.warning(
                "Client classification run %s: batch left for later (%s)",
                self.id,
                exc.__class__.__name__,
            )
            return set(), len(batch), 0
        self.env["client.classification"].invalidate_model()
        self.env["client.classification.history"].invalidate_model()
        return set(ids), len(batch) - len(ids), len(entries)

    @staticmethod
    def _columns(rows):
        """Column arrays as PostgreSQL array literals (one text parameter each).

        A text literal is parsed much faster by PostgreSQL than the
        ``ARRAY[...]`` expression psycopg2 builds from a Python list.
        """

        def col(name, cast=None):
            values = [row[name] for row in rows]
            return _pg_array(cast(v) if v is not None and cast else v for v in values)

        return {
            "partner_id": col("partner_id", int),
            "id": col("id", int),
            "lifecycle": col("lifecycle"),
            "abc": col("abc"),
            "xyz": col("xyz"),
            "cell": col("cell"),
            "revenue": col("revenue", float),
            "indicator_value": col("indicator_value", float),
            "share": col("share", float),
            "cum_share": col("cum_share", float),
            "rank": col("rank", int),
            "percentile": col("percentile", int),
            "cv": col("cv", float),
            "purchase_periods": col("purchase_periods", int),
            "last_purchase": col("last_purchase"),
        }

    VALUES_CODE = """unnest(%(id)s::int[], %(partner_id)s::int[],
                  %(lifecycle)s::varchar[],
                  %(abc)s::varchar[], %(xyz)s::varchar[], %(cell)s::varchar[],
                  %(revenue)s::numeric[], %(indicator_value)s::float8[],
                  %(share)s::float8[], %(cum_share)s::float8[], %(rank)s::int[],
                  %(percentile)s::int[], %(cv)s::float8[],
                  %(purchase_periods)s::int[], %(last_purchase)s::date[])
           AS v(id, partner_id, lifecycle, abc, xyz, cell, revenue,
                indicator_value, share, cum_share, rank, percentile, cv,
                purchase_periods, last_purchase)"""

    def _values(self, rows):
        return SQL(self.VALUES_CODE, **self._columns(rows))

    def _sql_update(self, rows):
        if not rows:
            return
        # Bulk UPDATE: one statement per batch instead of one per client. The
        # effective columns repeat _compute_effective of client.classification.
        self.env.cr.execute(
            SQL(
                """
                UPDATE client_classification c
                   SET computed_lifecycle = v.lifecycle,
                       computed_abc = v.abc,
                       computed_xyz = v.xyz,
                       computed_cell = v.cell,
                       lifecycle = COALESCE(c.manual_lifecycle, v.lifecycle),
                       abc = COALESCE(c.manual_abc, v.abc),
                       xyz = COALESCE(c.manual_xyz, v.xyz),
                       cell = COALESCE(c.manual_abc, v.abc)
                              || COALESCE(c.manual_xyz, v.xyz),
                       differs = (c.manual_lifecycle IS NOT NULL
                                  AND c.manual_lifecycle
                                      IS DISTINCT FROM v.lifecycle)
                              OR (c.manual_abc IS NOT NULL
                                  AND c.manual_abc IS DISTINCT FROM v.abc)
                              OR (c.manual_xyz IS NOT NULL
                                  AND c.manual_xyz IS DISTINCT FROM v.xyz),
                       revenue = v.revenue,
                       indicator_value = v.indicator_value,
                       share = v.share,
                       cum_share = v.cum_share,
                       rank = v.rank,
                       percentile = v.percentile,
                       cv = v.cv,
                       purchase_periods = v.purchase_periods,
                       last_purchase = v.last_purchase,
                       run_id = %(run)s,
                       write_uid = %(uid)s,
                       write_date = now() AT TIME ZONE 'UTC'
                  FROM %(values)s
                 WHERE c.id = v.id
                """,
                values=self._values(rows),
                run=self.id,
                uid=self.env.uid,
            )
        )

    def _sql_insert(self, rows, company_id):
        """Insert new classification rows; return {partner_id: id}."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_classification (
                    partner_id, company_id, computed_lifecycle, computed_abc,
                    computed_xyz, computed_cell, lifecycle, abc, xyz, cell,
                    differs, revenue, indicator_value, share, cum_share, rank,
                    percentile, cv, purchase_periods, last_purchase, run_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT v.partner_id, %(company)s, v.lifecycle, v.abc, v.xyz,
                       v.cell, v.lifecycle, v.abc, v.xyz, v.cell, FALSE,
                       v.revenue, v.indicator_value, v.share, v.cum_share,
                       v.rank, v.percentile, v.cv, v.purchase_periods,
                       v.last_purchase, %(run)s, %(uid)s,
                       now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM %(values)s
                ON CONFLICT (partner_id, company_id) DO NOTHING
                RETURNING partner_id, id
                """,
                values=self._values(rows),
                company=company_id,
                run=self.id,
                uid=self.env.uid,
            )
        )
        return dict(self.env.cr.fetchall())

    def _sql_insert_history(self, entries, company_id):
        """Bulk-insert one history row per class change."""
        if not entries:
            return
        cls_ids = [cid for cid, _entry in entries]

        def col(name):
            return _pg_array(entry[name] for _cid, entry in entries)

        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_classification_history (
                    classification_id, partner_id, company_id, run_id, date,
                    origin, old_lifecycle, new_lifecycle, old_abc, new_abc,
                    old_xyz, new_xyz, create_uid, create_date, write_uid,
                    write_date)
                SELECT v.cid, c.partner_id, %(company)s, %(run)s,
                       now() AT TIME ZONE 'UTC', 'computed', v.ol, v.nl, v.oa,
                       v.na, v.ox, v.nx, %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(cid)s::int[], %(ol)s::varchar[],
                              %(nl)s::varchar[], %(oa)s::varchar[],
                              %(na)s::varchar[], %(ox)s::varchar[],
                              %(nx)s::varchar[])
                       AS v(cid, ol, nl, oa, na, ox, nx)
                  JOIN client_classification c ON c.id = v.cid
                """,
                company=company_id,
                run=self.id,
                uid=self.env.uid,
                cid=_pg_array(cls_ids),
                ol=col("old_lifecycle"),
                nl=col("new_lifecycle"),
                oa=col("old_abc"),
                na=col("new_abc"),
                ox=col("old_xyz"),
                nx=col("new_xyz"),
            )
        )
