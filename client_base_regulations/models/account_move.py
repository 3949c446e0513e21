# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import str2bool

from odoo.addons.client_base.tools import origin

from ..tools import regulation_logic as logic

DEFAULT_INVOICE_FIELDS = "street,city,country_id,vat,email"
INVOICE_FIELDS_PARAM = "client_base_regulations.invoice_required_fields"
# A posting made by Odoo's auto-post scheduled action runs in the origin scope
# AUTOMATIC_POSTING of client_base/tools/origin.py (not a context key: no
# client of the API can claim its posting is automatic).


class AccountMove(models.Model):
    _inherit = "account.move"

    client_invoice_guard_warning = fields.Char(
        string="Missing client data",
        compute="_compute_client_invoice_guard_warning",
        help="The client data the regulation requires for invoicing that this "
        "customer's card lacks (shown on the invoice, never stored).",
    )

    @api.depends(
        "move_type", "state", "commercial_partner_id", "partner_id", "company_id"
    )
    @api.depends_context("uid")
    def _compute_client_invoice_guard_warning(self):
        mode, names = self._client_invoice_guard_settings()
        self.client_invoice_guard_warning = False
        if mode not in ("warn", "block") or not names:
            return
        for move, labels in self._client_missing_invoice_data(names).items():
            move.client_invoice_guard_warning = ", ".join(labels)

    def _post(self, soft=True):
        """Invoicing guard on the posting itself: the form button, *Post
        entries* from the list, server actions and the auto-post scheduled
        action all go through here. In "block" mode customer invoices of
        clients that lack the primary data the regulation requires are
        refused; automatic postings (sudo code such as payment providers, the
        auto-post scheduled action) only when the setting does not exempt
        them. In "warn" mode nothing happens at posting: the invoice form
        shows a banner instead."""
        self._client_check_invoice_data()
        return super()._post(soft=soft)

    @api.model
    def _autopost_draft_entries(self):
        with origin.scope(origin.AUTOMATIC_POSTING):
            return super()._autopost_draft_entries()

    def _client_is_automatic_posting(self):
        """Posted by code, not by a person: sudo code (payment providers,
        e-commerce) or Odoo's auto-post scheduled action."""
        return self.env.su or origin.active(origin.AUTOMATIC_POSTING)

    def _client_invoice_guard_settings(self):
        icp = self.env["ir.config_parameter"].sudo()
        mode = icp.get_param("client_base_regulations.invoice_guard", "warn")
        names = logic.parse_field_list(
            icp.get_param(INVOICE_FIELDS_PARAM, DEFAULT_INVOICE_FIELDS)
        )
        Partner = self.env["res.partner"]
        # only real partner fields: the parameter is free text (A5)
        names = [name for name in names if name in Partner._fields]
        return mode, names

    def _client_missing_invoice_data(self, names):
        """{move: [field labels]} of the customer invoices whose client lacks
        some of ``names``."""
        result = {}
        Partner = self.env["res.partner"]
        for move in self.filtered(
            lambda m: (
                m.move_type in ("out_invoice", "out_refund") and m.commercial_partner_id
            )
        ):
            partner = move.commercial_partner_id.sudo()
            values = {name: partner[name] for name in names}
            missing = logic.missing_values(values, names)
            if missing:
                result[move] = [
                    Partner._fields[name].get_description(self.env)["string"]
                    for name in missing
                ]
        return result

    def _client_check_invoice_data(self):
        mode, names = self._client_invoice_guard_settings()
        if mode != "block" or not names:
            return
        if self._client_is_automatic_posting() and str2bool(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("client_base_regulations.invoice_guard_exempt_automatic", ""),
            False,
        ):
            return
        missing = self._client_missing_invoice_data(names)
        if not missing:
            return
        page = self.env["document.page"]._client_regulation_page("contact_info")
        lines = [
            self.env._(
                "%(invoice)s (%(client)s): %(fields)s",
                invoice=move.display_name,
                client=move.commercial_partner_id.display_name,
                fields=", ".join(labels),
            )
            for move, labels in missing.items()
        ]
        raise UserError(
            self.env._(
                "These invoices cannot be posted: the client data required "
                'by the regulation "%(regulation)s" is missing.\n%(lines)s\n'
                "Complete the client card, then post again. %(url)s",
                regulation=page.name or "",
                lines="\n".join(lines),
                url=page._client_regulation_url() if page else "",
            )
        )
