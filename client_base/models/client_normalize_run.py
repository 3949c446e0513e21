# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

import psycopg2
from markupsafe import escape
from psycopg2 import IntegrityError

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, email_normalize

from ..tools import cleanup, normalize
from .res_partner import FIELD_KINDS, VALUE_FIELDS
from .res_partner_duplicate import PHONE_KEYS

# phone field: its E.164 key column (see res_partner_duplicate.py)
KEY_OF_PHONE = {phone: key for key, phone in PHONE_KEYS.items()}

# Stored fields of res.partner's quality compute (see _client_apply_plan).
QUALITY_COMPUTED = (
    "client_invalid_fields",
    "client_to_normalize_fields",
    "client_completeness",
    "client_incomplete",
    "client_missing_fields",
)

# Partners per scheduled-action call: about 2.5 s each on two cores at
# 100,000 partners (tools/bench/bench_contact.py).
CLEANUP_BATCH_SIZE = 5000
# A batch that met a concurrent transaction: left for the next call.
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)

_logger = logging.getLogger(__name__)


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

    # One clean-up in progress per company, whatever the number of presses,
    # tabs or users: the database refuses the second one (btree exclusion).
    _sql_constraints = (
        (
            "one_in_progress_per_company",
            (
                "EXCLUDE USING btree (company_id WITH =) "
                "WHERE (state IN ('queued', 'running'))"
            ),
            "A clean-up of this company is in progress already.",
        ),
    )

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
            vals = {
                "company_id": company.id,
                "total_count": self._client_count(company, 0),
            }
            try:
                with self.env.cr.savepoint():
                    run = self.create(vals)
            except IntegrityError as error:
                # another transaction queued one meanwhile (not visible yet)
                raise UserError(
                    self.env._(
                        "A clean-up of %(company)s is being started already "
                        "(another click, tab or user); its progress shows in "
                        "the list of clean-ups.",
                        company=company.name,
                    )
                ) from error
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

        One UPDATE per batch: every changed field of every partner (the new
        values joined from a VALUES list, a flag per field telling whether it
        changes), the cleared *to normalise* flag and the write date in one
        row version per partner (res_partner carries some 25 indexes: each
        extra UPDATE of the same rows costs as much again). Then the ORM
        recomputes what depends on them; one batch of chatter notes.
        """
        if not plan:
            return 0
        cr = self.env.cr
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        # new values per partner; a changed phone brings its E.164 key, read
        # off its canonical form (a valid number only changes its format,
        # so the key is the one of the same number: no second parse)
        updates = {}
        emptied = set()  # a phone or e-mail emptied: recomputed as usual
        for pid, changes in plan.items():
            new = updates[pid] = {
                f: value or None for f, (_o, value) in changes.items()
            }
            for fname, key in KEY_OF_PHONE.items():
                if new.get(fname) and key in Partner._fields:
                    new[key] = normalize.e164_of_canonical(new[fname])
                elif fname in new:
                    emptied.add(pid)
            if new.get("email") and "email_normalized" in Partner._fields:
                # what mail's _compute_email_normalized stores, without the
                # ORM round trip
                new["email_normalized"] = email_normalize(new["email"], strict=False)
            elif "email" in new:
                emptied.add(pid)
        fnames = sorted({fname for new in updates.values() for fname in new})
        ids = list(updates)
        # the values travel as one array per column (unnest), not as a
        # VALUES list of thousands of parameters
        arrays = [SQL("%s::int[]", ids)]
        columns = ["id"]
        sets = []
        for index, fname in enumerate(fnames):
            flag, new = f"set_{index}", f"new_{index}"
            columns += [flag, new]
            arrays.append(SQL("%s::boolean[]", [fname in updates[pid] for pid in ids]))
            arrays.append(
                SQL("%s::text[]", [updates[pid].get(fname) or None for pid in ids])
            )
            sets.append(
                SQL(
                    "%(col)s = CASE WHEN v.%(flag)s THEN v.%(new)s ELSE p.%(col)s END",
                    col=SQL.identifier(fname),
                    flag=SQL.identifier(flag),
                    new=SQL.identifier(new),
                )
            )
        # Every valid value of these partners is canonical now: nothing is
        # left to normalise, and the score, missing and invalid fields are
        # unchanged (a value to normalise already counted as filled and
        # valid), so the quality compute is not run again for them.
        cr.execute(
            SQL(
                """UPDATE res_partner p
                      SET %(sets)s, client_to_normalize_fields = NULL,
                          write_date = now() AT TIME ZONE 'UTC', write_uid = %(uid)s
                     FROM unnest(%(arrays)s) AS v(%(columns)s)
                    WHERE p.id = v.id""",
                sets=SQL(", ").join(sets),
                uid=self.env.uid,
                arrays=SQL(", ").join(arrays),
                columns=SQL(", ").join(SQL.identifier(c) for c in columns),
            )
        )
        partners = Partner.browse(list(plan))
        partners.invalidate_recordset(
            [*fnames, "write_date", "write_uid", "client_to_normalize_fields"]
        )
        partners.modified(fnames)
        # a phone only changes its format: its E.164 forms (phone_sanitized,
        # Odoo's own key, and ours, written above) stay right, no need to
        # parse them again
        for fname in QUALITY_COMPUTED:
            if fname in Partner._fields:
                self.env.remove_to_compute(Partner._fields[fname], partners)
        formatted = partners - Partner.browse(emptied)
        for fname in ("phone_sanitized", *PHONE_KEYS, "email_normalized"):
            if fname in Partner._fields:
                self.env.remove_to_compute(Partner._fields[fname], formatted)
        self._client_log_changes(plan, Partner._client_key_labels())
        self.env.flush_all()
        return sum(len(changes) for changes in plan.values())

    def _client_log_changes(self, plan, labels):
        """One chatter note per partner (old -> new), inserted in one query.

        The bodies are built here from escaped values (``escape``), so the
        ORM's HTML sanitising of each body is not needed; a log note notifies
        nobody, as ``_message_log_batch`` does.
        """
        if not plan:
            return
        # the note of the job is in each client's language
        Partner = self.env["res.partner"].with_context(active_test=False)
        langs = dict(zip(plan, Partner.browse(list(plan)).mapped("lang"), strict=True))
        texts = {}

        def texts_of(lang):
            if lang not in texts:
                env = self.with_context(lang=lang).env
                names = (
                    Partner.with_env(env)._client_key_labels()
                    if lang != self.env.lang
                    else labels
                )
                texts[lang] = (
                    escape(env._("Contact data normalised by the clean-up:")),
                    {fname: escape(label) for fname, label in names.items()},
                )
            return texts[lang]

        ids, bodies = [], []
        for pid, changes in plan.items():
            title, names = texts_of(self.env["res.lang"]._client_lang(langs[pid]))
            items = "".join(
                f"<li>{names.get(fname) or escape(fname)}: {escape(old)} → "
                f"{escape(new or '')}</li>"
                for fname, (old, new) in changes.items()
            )
            ids.append(pid)
            bodies.append(f"<p>{title}</p><ul>{items}</ul>")
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
                     FROM unnest(%s::int[], %s::text[]) AS v(id, body)""",
                note,
                author.id or None,
                author.email_formatted or None,
                self.env.uid,
                self.env.uid,
                ids,
                bodies,
            )
        )
        self.env["mail.message"].invalidate_model()
        self.env["res.partner"].browse(list(plan)).invalidate_recordset(["message_ids"])

    def _client_process_batch(self, batch_size=CLEANUP_BATCH_SIZE):
        """Clean one batch of this run: ``(partners processed, changed)``."""
        self.ensure_one()
        run = self.with_context(
            lang=self.env["res.lang"]._client_lang(self.user_id.lang)
        )
        # one row more than the batch tells whether another batch follows,
        # without counting what is left
        rows = run._client_fetch(self.company_id, self.cursor, batch_size + 1)
        more = len(rows) > batch_size
        rows = rows[:batch_size]
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
        if not more:
            vals.update(state="done", date_done=fields.Datetime.now())
        self.write(vals)
        return len(rows), len(plan)

    @api.model
    def _cron_client_normalize(self, batch_size=None):
        """One batch of the oldest clean-up in progress (resumable).

        Every call that moves a run (its cursor, or its closing) reports done
        > 0 (Odoo 18.0's runner reads done=0 as finished); a batch that meets
        a concurrent transaction is left for the next call, triggered soon.
        """
        batch_size = batch_size or CLEANUP_BATCH_SIZE
        Cron = self.env["ir.cron"]
        run = self.sudo().search(
            [("state", "in", ("queued", "running"))], order="id", limit=1
        )
        if not run:
            Cron._notify_progress(done=0, remaining=0)
            return 0
        others = self.sudo().search_count(
            [("state", "in", ("queued", "running")), ("id", "!=", run.id)]
        )
        try:
            with self.env.cr.savepoint():
                done, changed = run._client_process_batch(batch_size)
        except CONCURRENCY_ERRORS as exc:
            _logger.warning(
                "Clean-up run %s: batch left for the next call (%s)",
                run.id,
                exc.__class__.__name__,
            )
            self.env.invalidate_all()
            Cron._client_notify_progress(
                done=0, remaining=max(run.total_count - run.done_count, 1) + others
            )
            return 0
        remaining = 0
        if run.state != "done":
            # an estimate for the progress (partners flagged since the start
            # are taken too): at least one, since a next batch exists
            remaining = max(run.total_count - run.done_count, 1)
        # an empty last batch closed the run: a step done all the same
        Cron._client_notify_progress(done=max(done, 1), remaining=remaining + others)
        return changed
