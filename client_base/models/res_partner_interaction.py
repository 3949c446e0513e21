# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_interaction_ids = fields.One2many(
        "client.interaction",
        "partner_id",
        string="Interaction history",
        help="Interactions of the client, those of its contact persons included.",
    )
    # The three figures below are stored on the commercial partner and kept
    # up to date in SQL by client.interaction._client_refresh_partner_stats.
    client_interaction_count = fields.Integer(
        string="Interactions", readonly=True, copy=False
    )
    client_interaction_count_12m = fields.Integer(
        string="Interactions (12 months)", readonly=True, copy=False
    )
    client_last_interaction_date = fields.Date(
        string="Last interaction", readonly=True, copy=False, index=True
    )
    client_interaction_stat_ids = fields.One2many(
        "client.interaction.partner.stat",
        "partner_id",
        string="Interactions per group (12 months)",
        readonly=True,
    )
    client_interaction_manual_enabled = fields.Boolean(
        compute="_compute_client_interaction_manual_enabled"
    )

    def _compute_client_interaction_manual_enabled(self):
        enabled = self.env["client.interaction"]._client_interaction_enabled("manual")
        self.client_interaction_manual_enabled = enabled

    def action_view_client_interactions(self):
        """Timeline of the client: its interactions and its contacts', by month."""
        self.ensure_one()
        client = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.client_interaction_action_partner"
        )
        action["domain"] = [("partner_id", "=", client.id)]
        action["context"] = {
            "default_partner_id": client.id,
            "search_default_group_by_month": 1,
        }
        action["display_name"] = self.env._(
            "History of %(client)s", client=client.display_name
        )
        return action

    def action_log_client_interaction(self):
        """Quick entry of an interaction with this client (or contact)."""
        self.ensure_one()
        context = {"default_partner_id": self.commercial_partner_id.id}
        if self != self.commercial_partner_id:
            context["default_contact_id"] = self.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log an interaction"),
            "res_model": "client.interaction",
            "view_mode": "form",
            "views": [
                (self.env.ref("client_base.client_interaction_view_form").id, "form")
            ],
            "target": "new",
            "context": context,
        }

    def _client_interaction_check_readable(self):
        """An interaction may only be recorded on a client one may read."""
        self.check_access("read")
