# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL


class ClientInteractionPartnerStat(models.Model):
    """Interactions of a client per company and group over the last 12 months.

    Stored and rebuilt set-based by
    ``client.interaction._client_refresh_partner_stats`` (on every change
    and nightly), so that clients can be searched and filtered by it. One
    row per company of the interactions: a user sees the rows of the
    companies whose interactions he may read (multi-company rule).
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
    company_id = fields.Many2one(
        "res.company",
        required=True,
        ondelete="cascade",
        readonly=True,
        help="Company of the interactions counted.",
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
            "partner_company_group_uniq",
            "unique(partner_id, company_id, group_id)",
            "One figure per client, company and group.",
        ),
    )

    def init(self):
        # Figures of before the split per company: one row per (client,
        # group), no company. They are derived data: drop their constraint
        # (it would refuse a row per company) and rebuild them.
        cr = self.env.cr
        table = SQL.identifier(self._table)
        cr.execute(
            SQL(
                "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s",
                table,
                SQL.identifier(f"{self._table}_partner_group_uniq"),
            )
        )
        cr.execute(
            SQL("SELECT DISTINCT partner_id FROM %s WHERE company_id IS NULL", table)
        )
        partner_ids = [row[0] for row in cr.fetchall()]
        if partner_ids:
            self.env["client.interaction"]._client_refresh_partner_stats(partner_ids)
