# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .client_interaction import CHANNEL_SELECTION


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    client_interaction_channel = fields.Selection(
        CHANNEL_SELECTION,
        string="Interaction channel",
        help="Channel of the interaction recorded when an activity of this "
        "type is marked done. Empty: deduced from the action (a phone call "
        "is an outgoing call), else 'Other'.",
    )
    client_interaction_group_id = fields.Many2one(
        "client.interaction.group",
        string="Interaction group",
        help="Default group of the interaction recorded when an activity of "
        "this type is marked done; the user may change it on the activity.",
    )
