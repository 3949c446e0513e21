# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.osv import expression

from .client_classification import (
    ABC_SELECTION,
    CELL_SELECTION,
    LIFECYCLE_SELECTION,
    RFM_SEGMENT_SELECTION,
    XYZ_SELECTION,
)

CLIENT_GROUPS = "client_base.client_base_group_user"
NEGATIVE_OPERATORS = ("!=", "not in")


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_classification_ids = fields.One2many(
        "client.classification",
        "partner_id",
        string="Classifications",
        groups=CLIENT_GROUPS,
    )
    # The effective classes of the commercial partner in each company,
    # company-dependent (JSONB {company_id: class}): searchable and groupable
    # by the user's current company in the client list, kanban and pivot.
    # Written set-based by the classification run (only what changed) and by
    # a manual override; see client.classification.run._sync_partners.
    client_lifecycle_class = fields.Selection(
        LIFECYCLE_SELECTION,
        string="Lifecycle class",
        company_dependent=True,
        readonly=True,
        groups=CLIENT_GROUPS,
    )
    client_abc = fields.Selection(
        ABC_SELECTION,
        string="ABC class",
        company_dependent=True,
        readonly=True,
        groups=CLIENT_GROUPS,
    )
    client_xyz = fields.Selection(
        XYZ_SELECTION,
        string="XYZ class",
        company_dependent=True,
        readonly=True,
        groups=CLIENT_GROUPS,
    )
    client_abc_xyz = fields.Selection(
        CELL_SELECTION,
        string="ABC-XYZ",
        company_dependent=True,
        readonly=True,
        groups=CLIENT_GROUPS,
    )
    client_rfm_segment = fields.Selection(
        RFM_SEGMENT_SELECTION,
        string="RFM segment",
        company_dependent=True,
        readonly=True,
        groups=CLIENT_GROUPS,
    )
    client_analytic_assignment_ids = fields.One2many(
        "client.analytic.assignment",
        "partner_id",
        string="Simple analytics",
        groups=CLIENT_GROUPS,
    )
    client_segment_ids = fields.Many2many(
        "client.segment",
        string="Segments",
        compute="_compute_client_segment_ids",
        search="_search_client_segment_ids",
        groups=CLIENT_GROUPS,
    )

    def _compute_client_segment_ids(self):
        segments = self.env["client.segment"].search([("active", "=", True)])
        members = {
            segment: set(
                self.search(
                    expression.AND([segment._get_domain(), [("id", "in", self.ids)]])
                ).ids
            )
            for segment in segments
        }
        for partner in self:
            partner.client_segment_ids = segments.filtered(
                lambda s, p=partner: p.id in members[s]
            )

    def _search_client_segment_ids(self, operator, value):
        if operator not in ("in", "=", "not in", "!="):
            return expression.FALSE_DOMAIN
        if isinstance(value, str):
            segments = self.env["client.segment"].search([("name", "ilike", value)])
        else:
            ids = value if isinstance(value, list | tuple) else [value]
            segments = self.env["client.segment"].browse(
                [v for v in ids if isinstance(v, int)]
            )
        domain = expression.OR([seg._get_domain() for seg in segments]) or (
            expression.FALSE_DOMAIN
        )
        if operator in NEGATIVE_OPERATORS:
            return ["!", *expression.normalize_domain(domain)]
        return domain

    def action_view_client_dynamics(self):
        """The client's interactions per month, by group (analysis graph)."""
        self.ensure_one()
        client = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_analytics.client_interaction_analysis_action_partner"
        )
        action["domain"] = [("partner_id", "=", client.id)]
        action["display_name"] = self.env._(
            "Dynamics of %(client)s", client=client.display_name
        )
        return action
