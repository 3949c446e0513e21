# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib

from markupsafe import Markup

from odoo import models
from odoo.exceptions import UserError

logic = importlib.import_module(
    "odoo.addons.client_base_regulations.tools.regulation_logic"
)

DEFAULT_INVOICE_FIELDS = "street,city,country_id,vat,email"


class AccountMove(models.Model):
    _inherit = "account.move"

    def action_post(self):
        """Invoicing guard: customer invoices need the client's primary data
        (regulation "contact information"). Checked on the user's action only,
        so automatic flows (e.g. payment providers) are never blocked."""
        self._client_check_invoice_data()
        return super().action_post()

    def _client_invoice_guard_settings(self):
        icp = self.env["ir.config_parameter"].sudo()
        mode = icp.get_param("client_base_regulations.invoice_guard", "warn")
        names = logic.parse_field_list(
            icp.get_param(
                "client_base_regulations.invoice_required_fields",
                DEFAULT_INVOICE_FIELDS,
            )
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
            lambda m: m.move_type in ("out_invoice", "out_refund")
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
        if mode not in ("warn", "block") or not names:
            return
        missing = self._client_missing_invoice_data(names)
        if not missing:
            return
        page = self.env["document.page"]._client_regulation_page("contact_info")
        if mode == "block":
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
        for move, labels in missing.items():
            body = Markup("<p>%s</p>") % self.env._(
                "Posted although the client lacks data required by the "
                "regulation: %(fields)s",
                fields=", ".join(labels),
            )
            if page:
                body += Markup('<p><a href="%s">%s</a></p>') % (
                    page._client_regulation_url(),
                    page.name,
                )
            move.message_post(body=body, subtype_xmlid="mail.mt_note")
            move.commercial_partner_id.sudo().message_post(
                body=body, subtype_xmlid="mail.mt_note"
            )
