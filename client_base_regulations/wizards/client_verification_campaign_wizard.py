# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import regulation_logic as logic


class ClientVerificationCampaignWizard(models.TransientModel):
    """Select clients by a filter, split them among operators."""

    _name = "client.verification.campaign.wizard"
    _inherit = "client.press.once.mixin"
    _description = "New client verification campaign"

    name = fields.Char(required=True)
    channel = fields.Selection(
        [("phone", "In-house calls"), ("agency", "Agency calls"), ("email", "E-mail")],
        default="phone",
        required=True,
    )
    domain = fields.Char(
        string="Clients",
        default="[]",
        help="Filter of the clients to verify (archived clients are never included).",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Selected clients",
        default=lambda self: self._default_partner_ids(),
    )
    operator_ids = fields.Many2many("res.users", string="Operators", required=True)
    client_count = fields.Integer(compute="_compute_client_count")
    campaign_id = fields.Many2one(
        "client.verification.campaign", readonly=True, copy=False
    )

    def _default_partner_ids(self):
        if self.env.context.get("active_model") == "res.partner":
            return [fields.Command.set(self.env.context.get("active_ids") or [])]
        return []

    @api.depends("domain", "partner_ids")
    def _compute_client_count(self):
        for wizard in self:
            try:
                wizard.client_count = len(wizard._get_clients())
            except UserError:
                wizard.client_count = 0

    def _parse_domain(self):
        """The stored filter is parsed with ast.literal_eval, never evaluated
        (RELIABILITY.md A5)."""
        try:
            domain = ast.literal_eval(self.domain or "[]")
        except (ValueError, SyntaxError) as error:
            raise UserError(self.env._("The client filter is not valid.")) from error
        if not isinstance(domain, list):
            raise UserError(self.env._("The client filter is not valid."))
        return domain

    def _get_clients(self):
        self.ensure_one()
        Partner = self.env["res.partner"]
        clients = self.partner_ids.filtered("active")
        if not self.partner_ids or (self.domain and self.domain != "[]"):
            clients |= Partner.search(
                self._parse_domain() + Partner._client_base_domain(), order="id"
            )
        return clients.sorted("id")

    def action_create(self):
        self.ensure_one()
        if not self.env.user.has_group("client_base.client_base_group_manager"):
            raise UserError(
                self.env._("Only data-quality managers may start a campaign.")
            )
        # pressed twice: one campaign, the second press shows it
        if not self._client_press_once():
            return self._client_open_campaign(self.campaign_id)
        clients = self._get_clients()
        if not clients:
            raise UserError(self.env._("No client matches the filter."))
        pairs = logic.split_round_robin(clients.ids, self.operator_ids.ids)
        campaign = self.env["client.verification.campaign"].create(
            {
                "name": self.name,
                "channel": self.channel,
                "line_ids": [
                    fields.Command.create({"partner_id": pid, "operator_id": uid})
                    for pid, uid in pairs
                ],
            }
        )
        self.campaign_id = campaign
        return self._client_open_campaign(campaign)

    def _client_open_campaign(self, campaign):
        return {
            "type": "ir.actions.act_window",
            "res_model": "client.verification.campaign",
            "res_id": campaign.id,
            "view_mode": "form",
        }
