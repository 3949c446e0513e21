# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import cleanup
from .res_partner import FIELD_KINDS, VALUE_FIELDS

# Stored fields of res.partner's quality compute (see _client_apply_plan).
QUALITY_COMPUTED = (
    "client_invalid_fields",
    "client_to_normalize_fields",
    "client_completeness",
    "client_incomplete",
    "client_missing_fields",
)

# Partners per scheduled-action call: a few seconds each (see the benchmark).
CLEANUP_BATCH_SIZE = 2000


class ClientNormalizeRun(models.Model):
    """One clean-up of the contact data of a company, run in batches.

    The cursor (last partner id done) is committed with each batch, so a
    crash loses at most the batch in progress and the next call resumes.
    """

    _name = "client.normalize.run"
    _description = "Clean-up of contact data"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        readonly=True,
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    cursor = fields.Integer(readonly=True, help="Last partner id processed.")
    total_count = fields.Integer(string="Partners", readonly=True)
    done_count = fields.Integer(string="Processed", readonly=True)
    changed_count = fields.Integer(string="Changed", readonly=True)
    value_count = fields.Integer(string="Values changed", readonly=True)
    progress = fields.Float(compute="_compute_progress")
    date_done = fields.Datetime(string="Finished on", readonly=True)

    @api.depends("total_count", "done_count")
    def _compute_progress(self):
        for run in self:
            run.progress = (
                100.0 * run.done_count / run.total_count if run.total_count else 0.0
            )

    @api.depends("company_id", "create_date")
    def _compute_display_name(self):
        for run in self:
            run.display_name = self.env._(
                "Clean-up of %(company)s, %(date)s",
                company=run.company_id.name,
                date=fields.Datetime.to_string(
                    run.create_date or fields.Datetime.now()
                ),
            )

    def action_cancel(self):
        self.check_access("write")
        self.filtered(lambda r: r.state in ("queued", "running")).write(
            {"state": "cancelled"}
        )
        return True

    @api.model
    def _client_start(self, company):
        """Queue a clean-up of ``company`` (or hand back the one in progress)."""
        self.check_access("create")
        self.env["res.partner"].check_access("write")
        if company not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You cannot clean up the data of %(company)s.", company=company.name
                )
            )
        run = self.search(
            [("company_id", "=", company.id), ("state", "in", ("queued", "running"))],
            limit=1,
        )
        if not run:
            run = self.create(
                {
                    "company_id": company.id,
                    "total_count": self._client_count(company, 0),
                }
            )
        cron = self.env.ref(
            "client_base.ir_cron_client_normalize", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()
        return run

    # Batches ---------------------------------------------------------------

    @api.model
    def _client_domain_sql(self, company, cursor):
        """Partners of ``company`` (and shared ones) after ``cursor`` that may
        hold a value to normalise: flagged by the quality compute (which runs
        on every ORM write), or never computed (rows loaded by SQL)."""
        return SQL(
            """p.id > %s AND (p.company_id = %s OR p.company_id IS NULL)
               AND (p.client_to_normalize_fields IS NOT NULL
                    OR p.client_completeness IS NULL)""",
            cursor,
            company.id,
        )

    @api.model
    def _client_count(self, company, cursor):
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM res_partner p WHERE %s",
                self._client_domain_sql(company, cursor),
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _client_fetch(self, company, cursor=0, limit=None):
        """Rows ``(id, country code, *values)`` of the partners after ``cursor``."""
        self.env["res.partner"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT p.id, c.code, %s
                     FROM res_partner p
                LEFT JOIN res_country c ON c.id = p.country_id
                    WHERE %s
                 ORDER BY p.id
                    %s""",
                SQL(", ").join(SQL("p.%s", SQL.identifier(f)) for f in VALUE_FIELDS),
                self._client_domain_sql(company, cursor),
                SQL("LIMIT %s", limit) if limit else SQL(),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _client_plan(self, company, rows):
        return cleanup.plan(rows, VALUE_FIELDS, FIELD_KINDS, company.country_id.code)

    def _client_apply_plan(self, plan):
        """Write the planned values set-based and log old -> new per partner.

        One UPDATE per field (the new values joined from a VALUES list), then
        the ORM recomputes what depends on them; one batch of chatter notes.
        """
        if not plan:
            return 0
        cr = self.env.cr
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        by_field = {}
        for pid, changes in plan.items():
            for fname, (_old, new) in changes.items():
                by_field.setdefault(fname, []).append((pid, new or None))
        for fname, pairs in by_field.items():
            cr.execute(
                SQL(
                    """UPDATE res_partner p
                          SET %s = v.new, write_date = now() AT TIME ZONE 'UTC',
                              write_uid = %s
                         FROM (VALUES %s) AS v(id, new)
                        WHERE p.id = v.id""",
                    SQL.identifier(fname),
                    self.env.uid,
                    SQL(", ").join(SQL("(%s, %s)", pid, new) for pid, new in pairs),
                )
            )
        # Every valid value of these partners is canonical now: nothing is
        # left to normalise, and the score, missing and invalid fields are
        # unchanged (a value to normalise already counted as filled and
        # valid), so the quality compute is not run again for them.
        cr.execute(
            SQL(
                "UPDATE res_partner SET client_to_normalize_fields = NULL "
                "WHERE id = ANY(%s)",
                list(plan),
            )
        )
        partners = Partner.browse(list(plan))
        fnames = list(by_field)
        partners.invalidate_recordset(
            [*fnames, "write_date", "write_uid", "client_to_normalize_fields"]
        )
        partners.modified(fnames)
        # a phone only changes its format: its E.164 form (phone_sanitized,
        # Odoo's own key) stays the same, no need to parse it again
        for fname in (*QUALITY_COMPUTED, "phone_sanitized"):
            if fname in Partner._fields:
                self.env.remove_to_compute(Partner._fields[fname], partners)
        self._client_log_changes(plan, Partner._client_key_labels())
        self.env.flush_all()
        return sum(len(changes) for changes in plan.values())

    def _client_log_changes(self, plan, labels):
        """One chatter note per partner (old -> new), inserted in one query.

        The bodies are built here from escaped values (``Markup`` with ``%``),
        so the ORM's HTML sanitising of each body is not needed; a log note
        notifies nobody, as ``_message_log_batch`` does.
        """
        if not plan:
            return
        title = self.env._("Contact data normalised by the clean-up:")
        rows = []
        for pid, changes in plan.items():
            items = Markup("").join(
                Markup("<li>%s: %s → %s</li>")
                % (labels.get(fname, fname), old, new or "")
                for fname, (old, new) in changes.items()
            )
            rows.append((pid, str(Markup("<p>%s</p><ul>%s</ul>") % (title, items))))
        author = self.user_id.partner_id or self.env.user.partner_id
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        self.env.cr.execute(
            SQL(
                """INSERT INTO mail_message (model, res_id, body, message_type,
                              subtype_id, author_id, email_from, date,
                              create_uid, create_date, write_uid, write_date)
                   SELECT 'res.partner', v.id, v.body, 'notification', %s, %s,
                          %s, now() AT TIME ZONE 'UTC', %s,
                          now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC'
                     FROM (VALUES %s) AS v(id, body)""",
                note,
                author.id or None,
                author.email_formatted or None,
                self.env.uid,
                self.env.uid,
                SQL(", ").join(SQL("(%s, %s)", pid, body) for pid, body in rows),
            )
        )
        self.env["mail.message"].invalidate_model()
        self.env["res.partner"].browse(list(plan)).invalidate_recordset(["message_ids"])

    def _client_process_batch(self, batch_size=CLEANUP_BATCH_SIZE):
        """Clean one batch of this run: ``(partners processed, changed)``."""
        self.ensure_one()
        run = self.with_context(lang=self.user_id.lang or self.env.lang)
        rows = run._client_fetch(self.company_id, self.cursor, batch_size)
        plan = run._client_plan(self.company_id, rows)
        values = run._client_apply_plan(plan)
        vals = {
            "state": "running",
            "done_count": self.done_count + len(rows),
            "changed_count": self.changed_count + len(plan),
            "value_count": self.value_count + values,
        }
        if rows:
            vals["cursor"] = rows[-1][0]
        if len(rows) < batch_size:
            vals.update(state="done", date_done=fields.Datetime.now())
        self.write(vals)
        return len(rows), len(plan)

    @api.model
    def _cron_client_normalize(self, batch_size=CLEANUP_BATCH_SIZE):
        """One batch of the oldest clean-up in progress (resumable)."""
        run = self.sudo().search(
            [("state", "in", ("queued", "running"))], order="id", limit=1
        )
        if not run:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return 0
        done, changed = run._client_process_batch(batch_size)
        remaining = 0
        if run.state != "done":
            remaining = self._client_count(run.company_id, run.cursor)
        others = self.sudo().search_count(
            [("state", "in", ("queued", "running")), ("id", "!=", run.id)]
        )
        if others and not done:
            # an empty last batch: the scheduler would stop, call again soon
            self.env.ref("client_base.ir_cron_client_normalize")._trigger()
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining + others)
        return changed
