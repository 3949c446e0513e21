# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.client_base.models.bounded import check_bounds
from odoo.addons.client_base.tools import bounds


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_regulations_invoice_guard = fields.Selection(
        [
            ("off", "Off"),
            ("warn", "Warn (banner on the invoice)"),
            ("block", "Block posting"),
        ],
        string="Invoicing guard",
        default="warn",
        config_parameter="client_base_regulations.invoice_guard",
        help="What happens when a customer invoice is posted for a client "
        "whose primary data required for invoicing is missing.",
    )
    client_regulations_invoice_fields = fields.Char(
        string="Required for invoicing",
        default="street,city,country_id,vat,email",
        config_parameter="client_base_regulations.invoice_required_fields",
        help="Technical names of the client fields required to post a customer "
        "invoice, separated by commas.",
    )
    client_regulations_invoice_guard_exempt_automatic = fields.Boolean(
        string="Exempt automatic postings",
        config_parameter="client_base_regulations.invoice_guard_exempt_automatic",
        help="In blocking mode, let Odoo's automatic postings through (the "
        "auto-post scheduled action, online payments): only postings by a "
        "person are blocked.",
    )
    client_regulations_questionnaire_mode = fields.Selection(
        [
            ("review", "A user approves the changes"),
            ("direct", "Apply the changes directly"),
        ],
        string="Questionnaire answers",
        default="review",
        config_parameter="client_base_regulations.questionnaire_mode",
    )
    client_regulations_questionnaire_days = fields.Integer(
        string="Questionnaire link valid (days)",
        default=30,
        config_parameter="client_base_regulations.questionnaire_days",
    )

    @api.constrains(*bounds.fields_of("res.config.settings", "client_regulations_"))
    def _check_client_regulations_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(
            self, bounds.fields_of("res.config.settings", "client_regulations_")
        )

    def action_client_open_regulation(self):
        key = self.env.context.get("client_regulation_key") or "contact_info"
        return self.env["document.page"]._client_regulation_action(key)
