# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientInteractionPartnerStat(models.Model):
    """Interactions of a client per group over the last 12 months.

    Stored and rebuilt set-based by
    ``client.interaction._client_refresh_partner_stats`` (on every change
    and nightly), so that clients can be searched and filtered by it.
    """

    _name = "client.interaction.partner.stat"
    _description = "Client interactions per group (12 months)"
    _order = "partner_id, interaction_count desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    group_id = fields.Many2one(
        "client.interaction.group",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    interaction_count = fields.Integer(string="Interactions", readonly=True)
    last_date = fields.Date(string="Last interaction", readonly=True)

    _sql_constraints = (
        # target of the backfill's incremental upsert (ON CONFLICT)
        (
            "partner_group_uniq",
            "unique(partner_id, group_id)",
            "One figure per client and group.",
        ),
    )
