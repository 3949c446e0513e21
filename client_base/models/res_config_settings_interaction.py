# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# The capture switches are stored as system parameters shipped "True" by
# data/client_interaction_group_data.xml: a Boolean config_parameter that
# defaults to True could never be switched off (an unchecked box deletes the
# parameter, which would fall back to the default).


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_base_interaction_capture_manual = fields.Boolean(
        string="Manual entry",
        config_parameter="client_base.interaction_capture_manual",
    )
    client_base_interaction_capture_activity = fields.Boolean(
        string="Done activities",
        config_parameter="client_base.interaction_capture_activity",
    )
    client_base_interaction_capture_email = fields.Boolean(
        string="E-mails",
        config_parameter="client_base.interaction_capture_email",
    )
    client_base_interaction_capture_invoice = fields.Boolean(
        string="Customer invoices",
        config_parameter="client_base.interaction_capture_invoice",
    )
    client_base_interaction_capture_sale = fields.Boolean(
        string="Sales orders",
        config_parameter="client_base.interaction_capture_sale",
    )
    client_base_interaction_capture_mailing = fields.Boolean(
        string="Mass mailings",
        config_parameter="client_base.interaction_capture_mailing",
    )
    client_base_interaction_group_activity = fields.Many2one(
        "client.interaction.group",
        string="Default group of activities",
        config_parameter="client_base.interaction_group_activity",
    )
    client_base_interaction_group_email = fields.Many2one(
        "client.interaction.group",
        string="Group of e-mails",
        config_parameter="client_base.interaction_group_email",
    )
    client_base_interaction_group_invoice = fields.Many2one(
        "client.interaction.group",
        string="Group of invoices",
        config_parameter="client_base.interaction_group_invoice",
    )
    client_base_interaction_group_sale = fields.Many2one(
        "client.interaction.group",
        string="Group of sales orders",
        config_parameter="client_base.interaction_group_sale",
    )
    client_base_interaction_group_mailing = fields.Many2one(
        "client.interaction.group",
        string="Group of mass mailings",
        config_parameter="client_base.interaction_group_mailing",
    )

    def action_client_interaction_backfill(self):
        """Settings button: build the history from existing documents."""
        self.env["client.interaction"].action_backfill_now()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "The history is being built in the background from the "
                    "existing documents."
                ),
                "next": {"type": "ir.actions.client", "tag": "reload"},
            },
        }
