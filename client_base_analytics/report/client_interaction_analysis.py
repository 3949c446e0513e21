# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL, frozendict

from odoo.addons.client_base.models.client_interaction import (
    CHANNEL_SELECTION,
    ORIGIN_SELECTION,
)

from ..models.client_classification import (
    ABC_SELECTION,
    CELL_SELECTION,
    LIFECYCLE_SELECTION,
    XYZ_SELECTION,
)


class ClientInteractionAnalysis(models.Model):
    """Interactions by client class: one row per interaction.

    The relationship history joined with the client's classification in the
    interaction's own company (the partner's class fields are computed per
    current company and not stored, so they cannot be grouped by). A client
    without a classification in that company has no ABC, XYZ or cell, and
    the lifecycle class "none", as on the client's card.
    """

    _name = "client.interaction.analysis"
    _description = "Interactions by client class"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    # Searches and groupings flush what the view reads first.
    _depends = frozendict(
        {
            "client.interaction": (
                "date",
                "partner_id",
                "contact_id",
                "company_id",
                "channel",
                "group_id",
                "user_id",
                "origin",
            ),
            "client.classification": (
                "partner_id",
                "company_id",
                "lifecycle",
                "abc",
                "xyz",
                "cell",
            ),
        }
    )

    # The interaction
    date = fields.Datetime(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    contact_id = fields.Many2one("res.partner", string="Contact person", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    channel = fields.Selection(CHANNEL_SELECTION, readonly=True)
    group_id = fields.Many2one("client.interaction.group", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    origin = fields.Selection(ORIGIN_SELECTION, readonly=True)
    # The client's classes in the interaction's company
    lifecycle = fields.Selection(
        LIFECYCLE_SELECTION, string="Lifecycle class", readonly=True
    )
    abc = fields.Selection(ABC_SELECTION, string="ABC", readonly=True)
    xyz = fields.Selection(XYZ_SELECTION, string="XYZ", readonly=True)
    cell = fields.Selection(CELL_SELECTION, string="ABC-XYZ", readonly=True)
    # Measure
    interaction_count = fields.Integer(string="Interactions", readonly=True)

    def action_open_interaction(self):
        """Open the interaction behind the row (list view's row click)."""
        self.ensure_one()
        interaction = self.env["client.interaction"].browse(self.id)
        interaction.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "client.interaction",
            "res_id": interaction.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _select(self):
        """Columns of the view (extension hook: add columns here)."""
        return SQL(
            """
            ci.id, ci.date, ci.partner_id, ci.contact_id, ci.company_id,
            ci.channel, ci.group_id, ci.user_id, ci.origin,
            COALESCE(cc.lifecycle, 'none') AS lifecycle,
            cc.abc, cc.xyz, cc.cell,
            1 AS interaction_count
            """
        )

    def _from(self):
        """Tables of the view: the classification of the interaction's
        company, found through its unique (partner_id, company_id) index.

        The classification side being unique, PostgreSQL drops the join from
        the queries that read no class column (e.g. by group or by month).
        """
        return SQL(
            """
            client_interaction ci
            LEFT JOIN client_classification cc
                   ON cc.partner_id = ci.partner_id
                  AND cc.company_id = ci.company_id
            """
        )

    def _query(self):
        return SQL("SELECT %s FROM %s", self._select(), self._from())

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
