# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientRegulatedRuleMixin(models.AbstractModel):
    """What every structured rule of the regulations has in common.

    A rule belongs to a company (or to all), and links the knowledge-base
    page that governs it; ``_client_regulation_default_key`` names the page
    a new rule links by default and the one opened when none is set.
    """

    _name = "client.regulated.rule.mixin"
    _description = "Structured rule of the client base regulations"

    _client_regulation_default_key = "verification"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty to apply the rule to every company.",
    )
    regulation_key = fields.Selection(
        related="regulation_page_id.client_regulation_key", string="Regulated part"
    )
    regulation_page_id = fields.Many2one(
        "document.page",
        string="Regulation",
        domain=[("client_regulation_key", "!=", False)],
        default=lambda self: self._default_regulation_page_id(),
    )

    def _default_regulation_page_id(self):
        return self.env["document.page"]._client_regulation_page(
            self._client_regulation_default_key
        )

    def action_open_regulation(self):
        self.ensure_one()
        return self.env["document.page"]._client_regulation_action(
            self.regulation_key or self._client_regulation_default_key
        )
