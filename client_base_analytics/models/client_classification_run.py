# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.client_base.tools.locks import advisory_key

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
# its rows in the work tables below): any worker, after any restart,
# continues it where the last committed call left it.

# The run's work tables, in the order a run fills them. Each row carries the
# run's id as a plain integer (no foreign key: see
# client.classification.run.sum); _cleanup deletes a run's rows when it
# closes or is deleted.
# - client_classification_run_sum: partial sums of the aggregation chunks
#   (model client.classification.run.sum);
# - client_classification_run_stage: the computed rows kept between the
#   classification phases (packed by classify_diff.pack, one row per run);
# - client_classification_pending: the changes still to write (model
#   client.classification.pending).
WORK_TABLES = (
    "client_classification_run_sum",
    "client_classification_run_stage",
    "client_classification_pending",
)
# The work tables that are no Odoo model, with their columns: SQL only, never
# exposed to RPC; created by init(), dropped by the add-on's uninstall hook
# (the uninstall would leave them).
SQL_TABLES = {
    "client_classification_run_stage": (
        "run_id integer PRIMARY KEY, header bytea, data bytea"
    ),
}


class ClientClassificationRun(models.Model):
    """One classification run of one company, with its progress and log.

    A run is advanced by the scheduled action, one bounded slice of work per
    call (:meth:`_cron_process`, :meth:`_process_step`), through five phases
    (``phase``), in this order:

    1. ``aggregate``: sum the company's invoice lines, refunds and invoices
       chunk by chunk into client_classification_run_sum
       (client_classification_run_aggregate.py);
    2. ``classify``: classify the sums and keep the computed rows in
       client_classification_run_stage;
    3. ``diff``: compare them with the stored classifications and stage the
       changes;
    4. ``store``: store the staged changes in client_classification_pending
       (2 to 4: client_classification_run_classify.py);
    5. ``write``: write the pending changes in batches, with their history
       and the clients' classes, then close the run
       (client_classification_run_write.py).

    Its work tables are declared in :data:`WORK_TABLES`.
    """

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

        Phases (see the class): ``aggregate`` (one chunk at a time: a period
        of the window, the refunds, the invoices; each an ``INSERT ...
        SELECT`` into client_classification_run_sum), ``classify`` (read the
        sums, classify, stage the computed rows), ``diff`` (compare with the
        stored rows, stage the changes), ``store`` (copy the changes into
        client_classification_pending), each a step of its own, then
        ``write`` (batches of pending changes: one in a call that took other
        steps, else several). Within a call the run goes on to the next step
        or batch while the call has used less than half its budget.

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
        # the SQL-only work tables (SQL_TABLES): the stage table keeps the
        # computed rows a run has between classifying and comparing
        # (classify_diff.pack), one row per run
        for table, columns in SQL_TABLES.items():
            self.env.cr.execute(
                SQL(
                    "CREATE TABLE IF NOT EXISTS %s (%s)",
                    SQL.identifier(table),
                    SQL(columns),
                )
            )
        # stored as is: compressing 40 MB of floats took seconds (tier L)
        self.env.cr.execute(
            SQL(
                "ALTER TABLE %s ALTER COLUMN data SET STORAGE EXTERNAL",
                SQL.identifier("client_classification_run_stage"),
            )
        )

    def _cleanup(self):
        """Drop the run's partial sums, staged rows and unwritten changes."""
        for table in WORK_TABLES:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM %s WHERE run_id = ANY(%s)",
                    SQL.identifier(table),
                    self.ids,
                )
            )
