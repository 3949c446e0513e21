# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, create_index

from ..tools import bounds
from ..tools.interaction_rules import summary_from_html
from ..tools.locks import advisory_key
from .bounded import check_bounds
from .row_lock import lock_rows_nowait

_logger = logging.getLogger(__name__)

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

    @api.model
    def _client_interaction_summary_text(self, html_text, limit=120):
        """Plain text summary of an HTML body (see tools.interaction_rules)."""
        return summary_from_html(str(html_text or ""), limit=limit)
