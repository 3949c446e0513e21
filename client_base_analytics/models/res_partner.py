# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.osv import expression

from .client_classification import (
    ABC_SELECTION,
    CELL_SELECTION,
    LIFECYCLE_SELECTION,
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
    client_lifecycle_class = fields.Selection(
        LIFECYCLE_SELECTION,
        string="Lifecycle class",
        compute="_compute_client_classes",
        search="_search_client_lifecycle_class",
        groups=CLIENT_GROUPS,
    )
    client_abc = fields.Selection(
        ABC_SELECTION,
        string="ABC class",
        compute="_compute_client_classes",
        search="_search_client_abc",
        groups=CLIENT_GROUPS,
    )
    client_xyz = fields.Selection(
        XYZ_SELECTION,
        string="XYZ class",
        compute="_compute_client_classes",
        search="_search_client_xyz",
        groups=CLIENT_GROUPS,
    )
    client_abc_xyz = fields.Selection(
        CELL_SELECTION,
        string="ABC-XYZ",
        compute="_compute_client_classes",
        search="_search_client_abc_xyz",
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

    @api.depends_context("company")
    def _compute_client_classes(self):
        """Classes of the commercial partner in the current company."""
        commercial = self.commercial_partner_id
        records = self.env["client.classification"].search(
            [
                ("partner_id", "in", commercial.ids),
                ("company_id", "=", self.env.company.id),
            ]
        )
        by_partner = {rec.partner_id.id: rec for rec in records}
        for partner in self:
            rec = by_partner.get(partner.commercial_partner_id.id)
            partner.client_lifecycle_class = rec.lifecycle if rec else "none"
            partner.client_abc = rec.abc if rec else False
            partner.client_xyz = rec.xyz if rec else False
            partner.client_abc_xyz = rec.cell if rec else False

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

    def _client_class_domain(self, fname, selection, operator, value, empty=False):
        """Domain on partners from a condition on their classification.

        ``empty`` is the value shown when a client has no classification row
        (``none`` for the lifecycle, False for the classes).
        """
        if operator not in ("=", "!=", "in", "not in"):
            raise ValueError(self.env._("Unsupported operator %s", operator))
        values = value if isinstance(value, list | tuple) else [value]
        values = {v or False for v in values}
        if operator in NEGATIVE_OPERATORS:
            values = ({key for key, _label in selection} | {False}) - values
        empty_values = {False, empty}
        positive = [v for v in values if v not in empty_values]
        company_id = self.env.company.id
        domains = []
        if positive:
            domains.append(
                [
                    (
                        "commercial_partner_id.client_classification_ids",
                        "any",
                        [("company_id", "=", company_id), (fname, "in", positive)],
                    )
                ]
            )
        if values & empty_values:
            domains.append(
                [
                    (
                        "commercial_partner_id.client_classification_ids",
                        "not any",
                        [
                            ("company_id", "=", company_id),
                            (fname, "not in", list(empty_values)),
                        ],
                    )
                ]
            )
        return expression.OR(domains) if domains else expression.FALSE_DOMAIN

    def _search_client_lifecycle_class(self, operator, value):
        return self._client_class_domain(
            "lifecycle", LIFECYCLE_SELECTION, operator, value, empty="none"
        )

    def _search_client_abc(self, operator, value):
        return self._client_class_domain("abc", ABC_SELECTION, operator, value)

    def _search_client_xyz(self, operator, value):
        return self._client_class_domain("xyz", XYZ_SELECTION, operator, value)

    def _search_client_abc_xyz(self, operator, value):
        return self._client_class_domain("cell", CELL_SELECTION, operator, value)

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
