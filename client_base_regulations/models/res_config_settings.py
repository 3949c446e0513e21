# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models

from odoo.addons.client_base.models.bounded import check_bounds
from odoo.addons.client_base.tools import bounds

from .account_move import DEFAULT_INVOICE_FIELDS, INVOICE_FIELDS_PARAM, logic

# Client fields a person can fill in on the card (no lists, files or
# technical columns)
INVOICE_FIELD_DOMAIN = [
    ("model", "=", "res.partner"),
    ("store", "=", True),
    (
        "ttype",
        "in",
        ["char", "text", "html", "selection", "many2one", "date", "integer", "float"],
    ),
]


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
    # Offered by their labels; stored as technical names in the parameter
    # client_base_regulations.invoice_required_fields (stable across databases)
    client_regulations_invoice_field_ids = fields.Many2many(
        "ir.model.fields",
        string="Required for invoicing",
        domain=INVOICE_FIELD_DOMAIN,
        help="The client fields required to post a customer invoice.",
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

    @api.model
    def get_values(self):
        res = super().get_values()
        names = logic.parse_field_list(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(INVOICE_FIELDS_PARAM, DEFAULT_INVOICE_FIELDS)
        )
        res["client_regulations_invoice_field_ids"] = [
            Command.set(self._client_invoice_fields(names).ids)
        ]
        return res

    def set_values(self):
        res = super().set_values()
        names = self.client_regulations_invoice_field_ids.filtered_domain(
            INVOICE_FIELD_DOMAIN
        ).mapped("name")
        self.env["ir.config_parameter"].sudo().set_param(
            INVOICE_FIELDS_PARAM, ",".join(names)
        )
        return res

    @api.model
    def _client_invoice_fields(self, names):
        """The ``ir.model.fields`` of the client field names, in their order."""
        records = (
            self.env["ir.model.fields"]
            .sudo()
            .search(INVOICE_FIELD_DOMAIN + [("name", "in", names)])
        )
        by_name = {rec.name: rec for rec in records}
        return self.env["ir.model.fields"].browse(
            [by_name[name].id for name in names if name in by_name]
        )

    def action_client_open_regulation(self):
        key = self.env.context.get("client_regulation_key") or "contact_info"
        return self.env["document.page"]._client_regulation_action(key)
