# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, create_index

from ..tools import bounds
from ..tools.interaction_rules import backfill_remaining, summary_from_html
from ..tools.locks import advisory_key
from .bounded import check_bounds
from .row_lock import lock_rows_nowait

_logger = logging.getLogger(__name__)

# Documents read per backfill batch: one INSERT ... SELECT of this many rows
# takes well under a second, so a cron call stays short and its lock small.
BACKFILL_BATCH = 5000
# Clients whose statistics are refreshed per call of the nightly cron.
STATS_BATCH = 5000
# Errors of a batch that met a concurrent transaction (users posting invoices,
# editing clients): the batch is left for the next call, the cron never fails.
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)
# Context that keeps captured interactions light: no creation message, no
# tracking, no follower (they are history, not conversations).
CAPTURE_CONTEXT = {
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "tracking_disable": True,
}

CHANNEL_SELECTION = [
    ("call_in", "Incoming call"),
    ("call_out", "Outgoing call"),
    ("meeting", "Meeting"),
    ("email_in", "Incoming e-mail"),
    ("email_out", "Outgoing e-mail"),
    ("sale", "Sale"),
    ("invoice", "Invoice"),
    ("mailing", "Mailing"),
    ("letter", "Letter"),
    ("other", "Other"),
]
ORIGIN_SELECTION = [
    ("manual", "Manual entry"),
    ("activity", "Done activity"),
    ("email", "E-mail"),
    ("invoice", "Customer invoice"),
    ("sale", "Sales order"),
    ("mailing", "Mass mailing"),
]


class ClientInteraction(models.Model):
    """One contact with a client: a call, a meeting, an e-mail, a sale..."""

    _name = "client.interaction"
    _description = "Client interaction"
    _inherit = "mail.thread"
    _order = "date desc, id desc"
    _rec_name = "summary"
    _check_company_auto = True
    # Seconds a backfill call goes on with the next source after one has
    # finished (several small sources in one call); tests set it to 0.
    BACKFILL_CALL_BUDGET = 2.0

    @api.constrains(*bounds.fields_of("client.interaction"))
    def _check_client_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("client.interaction"))

    def _default_user_id(self):
        return self.env.user

    def _default_company_id(self):
        return self.env.company

    # What and when
    date = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True, tracking=True
    )
    summary = fields.Char(required=True, tracking=True)
    outcome = fields.Text()
    channel = fields.Selection(
        CHANNEL_SELECTION, required=True, default="other", tracking=True
    )
    group_id = fields.Many2one(
        "client.interaction.group",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    color = fields.Integer(related="group_id.color")
    duration = fields.Float(help="Duration in hours.")
    # Who
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Always the commercial entity: an interaction with a contact "
        "person is rolled up to its company.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact person",
        index="btree_not_null",
        ondelete="set null",
        domain="[('id', 'child_of', partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self._default_user_id(),
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self._default_company_id(),
    )
    # Where it came from
    origin = fields.Selection(
        ORIGIN_SELECTION, required=True, default="manual", readonly=True
    )
    res_model = fields.Char(string="Source model", readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Source record", model_field="res_model", readonly=True
    )

    _sql_constraints = (
        # A document yields at most one interaction, whoever captures it
        # (live hook, backfill, a retry): the backfill relies on it through
        # ON CONFLICT DO NOTHING.
        (
            "source_uniq",
            "unique(res_model, res_id)",
            "This document is already recorded as an interaction.",
        ),
        (
            "duration_positive",
            "CHECK(duration IS NULL OR duration >= 0)",
            "The duration cannot be negative.",
        ),
    )

    def init(self):
        # The client timeline reads "the last N interactions of one client":
        # one index range scan whatever the size of the client's history.
        create_index(
            self.env.cr,
            "client_interaction_partner_date_idx",
            self._table,
            ["partner_id", "date DESC", "id DESC"],
        )

    @api.constrains("partner_id", "contact_id")
    def _check_contact_id(self):
        for interaction in self:
            contact = interaction.contact_id
            if contact and contact.commercial_partner_id != interaction.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact person of %(client)s.",
                        contact=contact.display_name,
                        client=interaction.partner_id.display_name,
                    )
                )

    @api.onchange("contact_id")
    def _onchange_contact_id(self):
        if self.contact_id:
            self.partner_id = self.contact_id.commercial_partner_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._client_interaction_normalize_vals(vals)
        interactions = super().create(vals_list)
        if not self.env.su:
            interactions.partner_id._client_interaction_check_readable()
        interactions._client_refresh_partner_stats(interactions.partner_id.ids)
        return interactions

    def write(self, vals):
        vals = dict(vals)
        self._client_interaction_normalize_vals(vals)
        if vals.get("partner_id") and "contact_id" not in vals:
            # moved to another client: its former contact person cannot follow
            self.filtered(
                lambda i: (
                    i.contact_id
                    and i.contact_id.commercial_partner_id.id != vals["partner_id"]
                )
            ).contact_id = False
        stats_fields = {"partner_id", "date", "group_id"}
        old_partners = self.partner_id if stats_fields & set(vals) else None
        res = super().write(vals)
        if old_partners is not None:
            if not self.env.su:
                self.partner_id._client_interaction_check_readable()
            self._client_refresh_partner_stats((old_partners | self.partner_id).ids)
        return res

    def unlink(self):
        partners = self.partner_id
        res = super().unlink()
        self._client_refresh_partner_stats(partners.ids)
        return res

    def action_schedule_next(self):
        """Plan the next contact: an activity on the client, same group."""
        self.ensure_one()
        self.check_access("read")
        client = self.contact_id or self.partner_id
        activity_type = self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        )
        vals = {
            "res_model_id": self.env["ir.model"]._get_id("res.partner"),
            "res_id": client.id,
            "activity_type_id": activity_type.id if activity_type else False,
            "summary": self.env._("Follow-up: %(summary)s", summary=self.summary),
            "user_id": self.env.user.id,
            "date_deadline": fields.Date.context_today(self) + relativedelta(days=7),
            "client_interaction_group_id": self.group_id.id,
        }
        # pressed twice: the same follow-up is shown again, not planned twice
        lock_rows_nowait(self)
        activity = self.env["mail.activity"].search(
            [(fname, "=", value) for fname, value in vals.items()], limit=1
        ) or self.env["mail.activity"].create(vals)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Schedule the next interaction"),
            "res_model": "mail.activity",
            "res_id": activity.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_open_source(self):
        """Open the document the interaction was captured from."""
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return False
        record = self.env[self.res_model].browse(self.res_id).exists()
        if record and self.res_model == "mail.message":
            record = self.env[record.model].browse(record.res_id).exists()
        if not record:
            return False
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def action_backfill_now(self):
        """Rebuild the history from existing documents, in the background.

        Rewinds every source to its first document and wakes the backfill
        cron up; the unique source key makes the new pass create only what
        is missing.
        """
        if not self.env.su and not self.env.user.has_group(
            "client_base.client_base_group_manager"
        ):
            raise AccessError(
                self.env._("Only a data quality manager can run the backfill.")
            )
        # a second press while the first is in flight (two tabs, a double
        # click) hands back the backfill already being restarted
        self.env.cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s, 0)",
                advisory_key("client_base.interaction_backfill"),
            )
        )
        if not self.env.cr.fetchone()[0]:
            return True
        icp = self.env["ir.config_parameter"].sudo()
        try:
            with self.env.cr.savepoint():
                for source in self._client_interaction_backfill_sources():
                    key = self._client_interaction_backfill_key(source)
                    icp.set_param(key, "0")
                    icp.set_param(f"{key}_remaining", False)
        except psycopg2.errors.UniqueViolation:
            # a press committed in between created the same keys: that
            # press restarted the backfill already
            return True
        cron = self.env.ref(
            "client_base.ir_cron_client_interaction_backfill", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()
        return True

    # ------------------------------------------------------------------
    # Normalisation and access
    # ------------------------------------------------------------------

    @api.model
    def _client_interaction_normalize_vals(self, vals):
        """Roll the client up to its commercial partner, keep the contact."""
        partner_id = vals.get("partner_id")
        contact_id = vals.get("contact_id")
        Partner = self.env["res.partner"].sudo()
        if partner_id:
            partner = Partner.browse(partner_id)
            if partner.commercial_partner_id != partner:
                if not contact_id:
                    vals["contact_id"] = partner.id
                vals["partner_id"] = partner.commercial_partner_id.id
        elif contact_id:
            vals["partner_id"] = Partner.browse(contact_id).commercial_partner_id.id
        return vals

    # ------------------------------------------------------------------
    # Capture: shared by every path (extension hooks)
    # ------------------------------------------------------------------

    @api.model
    def _client_interaction_enabled(self, origin):
        """Whether the capture ``origin`` is switched on in the settings."""
        icp = self.env["ir.config_parameter"].sudo()
        return bool(icp.get_param(f"client_base.interaction_capture_{origin}"))

    @api.model
    def _client_interaction_default_group(self, origin):
        """Group configured in the settings for documents of ``origin``."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"client_base.interaction_group_{origin}")
        )
        try:
            group_id = int(value or 0)
        except ValueError:
            _logger.warning("Ignoring bad interaction group parameter %r", value)
            return self.env["client.interaction.group"]
        return self.env["client.interaction.group"].sudo().browse(group_id).exists()

    @api.model
    def _client_interaction_document_partner_field(self, model_name):
        """Field giving the client of a document of ``model_name``, or None.

        Extension hook: override to teach the capture where the client of
        another kind of document is.
        """
        if model_name == "res.partner":
            return "id"
        if model_name in ("res.users", "res.company"):
            return None  # their partner is the company's own, not a client
        model = self.env.get(model_name)
        field = model._fields.get("partner_id") if model is not None else None
        if (
            field is not None
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
            and field.store
        ):
            return "partner_id"
        return None

    @api.model
    def _client_interaction_document_partner(self, document):
        """The partner of a document (possibly empty): see the hook above."""
        fname = self._client_interaction_document_partner_field(document._name)
        if not fname:
            return self.env["res.partner"]
        if fname == "id":
            return document
        return document[fname]

    @api.model
    def _client_interaction_prepare_document_vals(
        self, document, channel, origin, date=None, summary=None, user=None
    ):
        """Values of the interaction recording ``document`` (or None).

        Public extension hook for the documents of apps that Client Base
        does not depend on. A sales or mass-mailing bridge calls, e.g. in
        ``sale.order._action_confirm``::

            Interaction = self.env["client.interaction"]
            Interaction._client_interaction_capture(
                [Interaction._client_interaction_prepare_document_vals(
                    order, "sale", "sale", date=order.date_order,
                    user=order.user_id) for order in self],
                "sale",
            )

        Returns None for a document without a client, which is skipped.
        """
        partner = self._client_interaction_document_partner(document).exists()
        if not partner:
            _logger.debug("%s has no client: no interaction recorded", document)
            return None
        group = self._client_interaction_default_group(origin)
        company = document["company_id"] if "company_id" in document._fields else None
        return {
            "date": date or fields.Datetime.now(),
            "partner_id": partner.id,
            "channel": channel,
            "group_id": group.id or False,
            "user_id": user.id if user else False,
            "summary": summary or document.display_name or document._description,
            "company_id": (company or partner.company_id or self.env.company).id,
            "origin": origin,
            "res_model": document._name,
            "res_id": document.id,
        }

    @api.model
    def _client_interaction_capture(self, vals_list, origin):
        """Create interactions idempotently, as superuser.

        ``vals_list`` items may be None (skipped). Documents that already
        have an interaction are skipped; a concurrent capture of the same
        document is absorbed by the unique constraint. Returns the new
        interactions.
        """
        Interaction = self.sudo().with_context(**CAPTURE_CONTEXT)
        if not self._client_interaction_enabled(origin):
            return Interaction.browse()
        vals_list = [vals for vals in vals_list if vals]
        keys = {(vals["res_model"], vals["res_id"]) for vals in vals_list}
        existing = set()
        for model_name in {key[0] for key in keys}:
            ids = [key[1] for key in keys if key[0] == model_name]
            for row in Interaction.search_read(
                [("res_model", "=", model_name), ("res_id", "in", ids)], ["res_id"]
            ):
                existing.add((model_name, row["res_id"]))
        todo = []
        for vals in vals_list:
            key = (vals["res_model"], vals["res_id"])
            if key not in existing:
                existing.add(key)
                todo.append(vals)
        if not todo:
            return Interaction.browse()
        try:
            with self.env.cr.savepoint():
                return Interaction.create(todo)
        except psycopg2.errors.UniqueViolation:
            # Another transaction captured one of them meanwhile: the
            # history is complete already, do not fail the user's action.
            _logger.info("Interaction already captured concurrently: %s", keys)
            return Interaction.browse()

    # ------------------------------------------------------------------
    # Partner statistics
    # ------------------------------------------------------------------

    @api.model
    def _client_refresh_partner_stats(self, partner_ids):
        """Recompute the stored history figures of clients, set-based.

        One UPDATE for all the clients (count, count over 12 months, last
        date, all companies together: only the rows that change are written)
        and one rebuild of the counts per company and group over 12 months.
        """
        partner_ids = sorted({pid for pid in partner_ids if pid})
        if not partner_ids:
            return
        self.env["client.interaction"].flush_model(["partner_id", "date", "group_id"])
        stat_fields = [
            "client_interaction_count",
            "client_interaction_count_12m",
            "client_last_interaction_date",
        ]
        self.env["res.partner"].flush_model(stat_fields)
        since = fields.Datetime.now() - relativedelta(months=12)
        # Raw SQL: aggregating per client in the database is what keeps this
        # independent of the size of the history (no per-partner ORM loop).
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p
                   SET client_interaction_count = s.total,
                       client_interaction_count_12m = s.recent,
                       client_last_interaction_date = s.last_date
                  FROM (
                        SELECT ids.pid,
                               count(ci.id) AS total,
                               count(ci.id) FILTER (WHERE ci.date >= %(since)s)
                                   AS recent,
                               max(ci.date)::date AS last_date
                          FROM unnest(%(ids)s::int[]) AS ids(pid)
                          LEFT JOIN client_interaction ci ON ci.partner_id = ids.pid
                         GROUP BY ids.pid
                       ) s
                 WHERE p.id = s.pid
                   AND (p.client_interaction_count IS DISTINCT FROM s.total
                        OR p.client_interaction_count_12m IS DISTINCT FROM s.recent
                        OR p.client_last_interaction_date
                           IS DISTINCT FROM s.last_date)
                """,
                since=since,
                ids=partner_ids,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM client_interaction_partner_stat
                 WHERE partner_id = ANY(%(ids)s::int[]);
                INSERT INTO client_interaction_partner_stat
                       (partner_id, company_id, group_id, interaction_count,
                        last_date, create_uid, write_uid, create_date,
                        write_date)
                SELECT partner_id, company_id, group_id, count(*),
                       max(date)::date, %(uid)s, %(uid)s,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM client_interaction
                 WHERE partner_id = ANY(%(ids)s::int[]) AND date >= %(since)s
                   AND group_id IS NOT NULL
                 GROUP BY partner_id, company_id, group_id
                """,
                since=since,
                ids=partner_ids,
                uid=self.env.uid,
            )
        )
        self.env["res.partner"].invalidate_model(
            [*stat_fields, "client_interaction_stat_ids"]
        )
        self.env["client.interaction.partner.stat"].invalidate_model()

    @api.model
    def _cron_refresh_partner_stats(self, batch_size=None):
        """Nightly: interactions leave the 12-month window as days pass."""
        batch_size = batch_size or STATS_BATCH
        icp = self.env["ir.config_parameter"].sudo()
        key = "client_base.interaction_stats_last_partner_id"
        last = int(icp.get_param(key, "0") or 0)
        self.flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT partner_id FROM client_interaction
                 WHERE partner_id > %(last)s ORDER BY partner_id LIMIT %(limit)s
                """,
                last=last,
                limit=batch_size,
            )
        )
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        try:
            with self.env.cr.savepoint():
                self._client_refresh_partner_stats(partner_ids)
        except CONCURRENCY_ERRORS:
            # Another transaction (the backfill, a posted invoice, a user)
            # updates these clients right now: keep the bookmark and leave
            # them for the next call rather than failing this one (done=0:
            # the scheduled action is triggered again shortly).
            _logger.info(
                "Interaction figures of %s clients busy, left for the next call",
                len(partner_ids),
            )
            self.env["ir.cron"]._client_notify_progress(
                done=0, remaining=len(partner_ids)
            )
            return
        remaining = 0
        if len(partner_ids) == batch_size:
            self.env.cr.execute(
                SQL(
                    "SELECT count(DISTINCT partner_id) FROM client_interaction"
                    " WHERE partner_id > %(last)s",
                    last=partner_ids[-1],
                )
            )
            remaining = self.env.cr.fetchone()[0]
        # a finished pass starts over next time
        icp.set_param(key, str(partner_ids[-1]) if remaining else "0")
        self.env["ir.cron"]._client_notify_progress(
            done=len(partner_ids), remaining=remaining
        )

    # ------------------------------------------------------------------
    # Backfill: build the history from existing documents
    # ------------------------------------------------------------------

    @api.model
    def _client_interaction_backfill_sources(self):
        """Backfill sources, by name (extension hook).

        Each name ``x`` needs a method ``_client_interaction_backfill_x_sql(
        after_id, limit, count_only=False)`` returning an ``SQL`` SELECT of
        the next documents (see ``_client_interaction_backfill_batch``), and
        the capture origin ``x`` that switches it on or off.
        """
        return ["activity", "email"]

    @api.model
    def _client_interaction_backfill_key(self, source):
        return f"client_base.interaction_backfill_{source}_last_id"

    @api.model
    def _client_interaction_backfill_batch(self, source, limit=BACKFILL_BATCH):
        """Record the next ``limit`` documents of ``source``; resumable.

        The source SELECT yields, ordered by ``src_id`` and after the
        watermark: src_id, partner_ref, date, channel, group_id, user_id,
        summary, company_id, res_model, res_id. The watermark (a system
        parameter) moves past every document read, kept or not, so bad
        documents (no client) are read once; ON CONFLICT DO NOTHING on the
        unique source key makes every pass idempotent.

        Returns (documents read, interactions created, remaining documents).
        """
        icp = self.env["ir.config_parameter"].sudo()
        key = self._client_interaction_backfill_key(source)
        last = int(icp.get_param(key, "0") or 0)
        source_sql = getattr(self, f"_client_interaction_backfill_{source}_sql")
        self.env.flush_all()
        now = fields.Datetime.now()
        # Raw SQL: an INSERT ... SELECT moves a batch of thousands of
        # documents in one statement; the ORM would create them one by one
        # (and the backfill must scale to millions of documents).
        self.env.cr.execute(
            SQL(
                """
                WITH src AS (%(source)s),
                ins AS (
                    INSERT INTO client_interaction
                           (partner_id, contact_id, date, channel, group_id,
                            user_id, summary, company_id, origin, res_model,
                            res_id, create_uid, write_uid, create_date,
                            write_date)
                    SELECT p.commercial_partner_id,
                           CASE WHEN p.id <> p.commercial_partner_id
                                THEN p.id END,
                           src.date, src.channel, src.group_id, src.user_id,
                           COALESCE(NULLIF(src.summary, ''), %(fallback)s),
                           COALESCE(src.company_id, p.company_id, %(company)s),
                           %(origin)s, src.res_model, src.res_id,
                           %(uid)s, %(uid)s, %(now)s, %(now)s
                      FROM src
                      JOIN res_partner p ON p.id = src.partner_ref
                     WHERE p.commercial_partner_id IS NOT NULL
                       AND src.date IS NOT NULL
                    ON CONFLICT (res_model, res_id) DO NOTHING
                    RETURNING partner_id, company_id, group_id, date
                ),
                -- The clients' figures grow by what this batch added: cost in
                -- proportion to the batch, not to the clients' whole history.
                per_client AS (
                    SELECT partner_id, count(*) AS total,
                           count(*) FILTER (WHERE date >= %(since)s) AS recent,
                           max(date)::date AS last_date
                      FROM ins GROUP BY partner_id
                ),
                upd AS (
                    UPDATE res_partner p
                       SET client_interaction_count =
                               COALESCE(p.client_interaction_count, 0) + c.total,
                           client_interaction_count_12m =
                               COALESCE(p.client_interaction_count_12m, 0)
                               + c.recent,
                           client_last_interaction_date = GREATEST(
                               p.client_last_interaction_date, c.last_date)
                      FROM per_client c
                     WHERE p.id = c.partner_id
                    RETURNING p.id
                ),
                per_group AS (
                    INSERT INTO client_interaction_partner_stat AS s
                           (partner_id, company_id, group_id,
                            interaction_count, last_date, create_uid,
                            write_uid, create_date, write_date)
                    SELECT partner_id, company_id, group_id, count(*),
                           max(date)::date, %(uid)s, %(uid)s, %(now)s, %(now)s
                      FROM ins
                     WHERE date >= %(since)s AND group_id IS NOT NULL
                     GROUP BY partner_id, company_id, group_id
                    ON CONFLICT (partner_id, company_id, group_id) DO UPDATE
                       SET interaction_count =
                               s.interaction_count + EXCLUDED.interaction_count,
                           last_date = GREATEST(s.last_date, EXCLUDED.last_date)
                    RETURNING s.id
                )
                SELECT (SELECT max(src_id) FROM src),
                       (SELECT count(*) FROM src),
                       (SELECT count(*) FROM ins),
                       (SELECT count(*) FROM upd) + (SELECT count(*) FROM per_group)
                """,
                source=source_sql(last, limit),
                fallback=dict(ORIGIN_SELECTION).get(source, source),
                company=self.env.company.id,
                origin=source,
                uid=self.env.uid,
                now=now,
                since=now - relativedelta(months=12),
            )
        )
        max_id, read, created, _figures = self.env.cr.fetchone()
        self.invalidate_model()
        self.env["res.partner"].invalidate_model(
            [
                "client_interaction_count",
                "client_interaction_count_12m",
                "client_last_interaction_date",
                "client_interaction_stat_ids",
                "client_interaction_ids",
                "client_interaction_visible_count",
                "client_visible_last_interaction_date",
            ]
        )
        self.env["client.interaction.partner.stat"].invalidate_model()
        if read:
            icp.set_param(key, str(max_id))
            last = max_id
        # Progress: the documents left are counted once per pass (a scan of
        # the rest of the table), then the count goes down batch by batch.
        remaining_key = f"{key}_remaining"
        remaining = 0
        if read == limit:
            known = int(icp.get_param(remaining_key, "0") or 0)
            remaining = known - read
            if remaining <= 0:
                self.env.cr.execute(
                    SQL(
                        "SELECT count(*) FROM (%(source)s) AS rest",
                        source=source_sql(last, None, count_only=True),
                    )
                )
                remaining = self.env.cr.fetchone()[0]
        icp.set_param(remaining_key, str(remaining) if remaining else False)
        return read, created, remaining

    @api.model
    def _client_interaction_message_user_sql(self):
        """User who wrote a message (the internal user of its author)."""
        return SQL(
            "(SELECT u.id FROM res_users u WHERE u.partner_id = m.author_id"
            " ORDER BY u.share, u.id LIMIT 1)"
        )

    @api.model
    def _client_interaction_message_summary_sql(self):
        """Plain text of a message: its subject, else its body without tags."""
        return SQL(
            "COALESCE(NULLIF(m.subject, ''), left(btrim(regexp_replace("
            "regexp_replace(m.body, '<[^>]*>', ' ', 'g'), '\\s+', ' ', 'g')), 200))"
        )

    @api.model
    def _client_interaction_document_partner_cases(self, alias):
        """``WHEN model THEN client`` branches for a row ``alias`` that
        points at a document by its ``model`` and ``res_id`` columns (a
        message, a mailing trace...): one branch per mail-thread model whose
        client is its ``partner_id`` (see the hook
        ``_client_interaction_document_partner_field``).
        """
        res_id = SQL.identifier(alias, "res_id")
        models_ids = (
            self.env["ir.model"]
            .sudo()
            .search_read([("is_mail_thread", "=", True)], ["model"])
        )
        cases = [SQL("WHEN 'res.partner' THEN %s", res_id)]
        for row in models_ids:
            model_name = row["model"]
            if model_name == "res.partner" or model_name not in self.env:
                continue
            model = self.env[model_name]
            if model._abstract or not model._auto:
                continue
            if self._client_interaction_document_partner_field(model_name) != (
                "partner_id"
            ):
                continue
            cases.append(
                SQL(
                    "WHEN %(name)s THEN (SELECT d.partner_id FROM %(table)s d"
                    " WHERE d.id = %(res_id)s)",
                    name=model_name,
                    table=SQL.identifier(model._table),
                    res_id=res_id,
                )
            )
        return cases

    @api.model
    def _client_interaction_message_partner_sql(self):
        """Client of the document a message is posted on (CASE per model)."""
        return SQL(
            "(CASE m.model %s END)",
            SQL(" ").join(self._client_interaction_document_partner_cases("m")),
        )

    @api.model
    def _client_interaction_backfill_activity_sql(
        self, after_id, limit, count_only=False
    ):
        """Done activities: their 'done' messages, on any client document."""
        subtype = self.env.ref("mail.mt_activities", raise_if_not_found=False)
        group = self._client_interaction_default_group("activity")
        where = SQL(
            """
            m.id > %(after)s
            AND m.message_type = 'notification'
            AND m.subtype_id = %(subtype)s
            AND m.model IS NOT NULL AND m.res_id IS NOT NULL
            """,
            after=after_id,
            subtype=subtype.id if subtype else 0,
        )
        if count_only:  # documents left to read: no costly columns
            return SQL("SELECT m.id FROM mail_message m WHERE %s", where)
        # Same rule as tools.interaction_rules.channel_for_activity.
        return SQL(
            """
            SELECT m.id AS src_id, %(partner)s AS partner_ref, m.date,
                   COALESCE(t.client_interaction_channel,
                            CASE WHEN t.category = 'phonecall'
                                 THEN 'call_out' ELSE 'other' END) AS channel,
                   COALESCE(t.client_interaction_group_id, %(group)s) AS group_id,
                   %(user)s AS user_id, %(summary)s AS summary,
                   NULL::int AS company_id,
                   'mail.message' AS res_model, m.id AS res_id
              FROM mail_message m
              LEFT JOIN mail_activity_type t ON t.id = m.mail_activity_type_id
             WHERE %(where)s
             ORDER BY m.id
             %(limit)s
            """,
            partner=self._client_interaction_message_partner_sql(),
            group=group.id or None,
            user=self._client_interaction_message_user_sql(),
            summary=self._client_interaction_message_summary_sql(),
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )

    @api.model
    def _client_interaction_backfill_email_sql(self, after_id, limit, count_only=False):
        """E-mails on the clients' chatter (see mail.message's live hook)."""
        comment = self.env.ref("mail.mt_comment", raise_if_not_found=False)
        group = self._client_interaction_default_group("email")
        where = SQL(
            """
            m.id > %(after)s
            AND m.model = 'res.partner'
            AND (m.message_type = 'email'
                 OR (m.message_type = 'comment'
                     AND m.subtype_id = %(subtype)s
                     AND EXISTS (SELECT 1 FROM mail_message_res_partner_rel r
                                  WHERE r.mail_message_id = m.id)))
            """,
            after=after_id,
            subtype=comment.id if comment else 0,
        )
        if count_only:  # documents left to read: no costly columns
            return SQL("SELECT m.id FROM mail_message m WHERE %s", where)
        return SQL(
            """
            SELECT m.id AS src_id, m.res_id AS partner_ref, m.date,
                   CASE WHEN m.message_type = 'email'
                          OR author.commercial_partner_id
                             = client.commercial_partner_id
                        THEN 'email_in' ELSE 'email_out' END AS channel,
                   %(group)s::int AS group_id,
                   %(user)s AS user_id, %(summary)s AS summary,
                   NULL::int AS company_id,
                   'mail.message' AS res_model, m.id AS res_id
              FROM mail_message m
              JOIN res_partner client ON client.id = m.res_id
              LEFT JOIN res_partner author ON author.id = m.author_id
             WHERE %(where)s
             ORDER BY m.id
             %(limit)s
            """,
            group=group.id or None,
            user=self._client_interaction_message_user_sql(),
            summary=self._client_interaction_message_summary_sql(),
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )

    @api.model
    def _cron_backfill(self, batch_size=None):
        """Scheduled backfill: one batch of the first source with work left
        (and of the next sources, while the call is within its budget and
        the sources before are finished: no call for a few documents)."""
        started = time.perf_counter()
        batch_size = batch_size or BACKFILL_BATCH
        done = 0
        full = False
        remaining = {}
        for source in self._client_interaction_backfill_sources():
            if not self._client_interaction_enabled(source):
                continue
            if full or (
                done and time.perf_counter() - started > self.BACKFILL_CALL_BUDGET
            ):
                # read in a later call: its documents still count as left
                remaining[source] = self._client_interaction_backfill_pending(source)
                continue
            try:
                with self.env.cr.savepoint():
                    read, created, left = self._client_interaction_backfill_batch(
                        source, batch_size
                    )
            except CONCURRENCY_ERRORS as exc:
                # users post invoices and edit clients meanwhile: leave the
                # batch (its watermark did not move) for the next call, and
                # go on with the next source
                _logger.warning(
                    "Interaction backfill %s: batch left for the next call (%s)",
                    source,
                    exc.__class__.__name__,
                )
                self.env.registry.clear_cache()
                remaining[source] = self._client_interaction_backfill_pending(source)
                remaining[source] = remaining[source] or 1
                continue
            _logger.info(
                "Interaction backfill %s: %s documents read, %s recorded, %s left",
                source,
                read,
                created,
                left,
            )
            done += read
            remaining[source] = left
            full = bool(left)
        pending = backfill_remaining(remaining)
        if not pending and any(value is None for value in remaining.values()):
            pending = 1  # another source still has to be looked at
        # done=0 with work left (every batch yielded): triggered again soon
        self.env["ir.cron"]._client_notify_progress(done=done, remaining=pending)
        return done, pending

    @api.model
    def _client_interaction_backfill_pending(self, source):
        """Documents of ``source`` left after its watermark (None: unknown).

        Counted once per pass and kept with the source's progress, so that
        the progress of the scheduled action covers every source, not only
        the one being read.
        """
        icp = self.env["ir.config_parameter"].sudo()
        key = self._client_interaction_backfill_key(source)
        known = icp.get_param(f"{key}_remaining")
        if known:
            return int(known)
        source_sql = getattr(self, f"_client_interaction_backfill_{source}_sql", None)
        if source_sql is None:
            return None
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM (%(source)s) AS rest",
                source=source_sql(int(icp.get_param(key, "0") or 0), None, True),
            )
        )
        count = self.env.cr.fetchone()[0]
        icp.set_param(f"{key}_remaining", str(count) if count else False)
        return count

    @api.model
    def _client_interaction_summary_text(self, html_text, limit=120):
        """Plain text summary of an HTML body (see tools.interaction_rules)."""
        return summary_from_html(str(html_text or ""), limit=limit)
