# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ClientAnalyticAssignment(models.Model):
    """The value of one simple analytic for one client."""

    _name = "client.analytic.assignment"
    _description = "Client analytic assignment"
    _order = "attribute_id, partner_id"
    _rec_name = "value_id"

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    attribute_id = fields.Many2one(
        "client.analytic.attribute",
        string="Analytic",
        required=True,
        index=True,
        ondelete="cascade",
    )
    # the company of the attribute: what the multi-company rule filters on
    company_id = fields.Many2one(related="attribute_id.company_id")
    value_id = fields.Many2one(
        "client.analytic.value",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('attribute_id', '=', attribute_id)]",
    )
    origin = fields.Selection(
        [("manual", "By hand"), ("rule", "By rule")],
        required=True,
        default="manual",
    )
    assigned_on = fields.Date(default=fields.Date.context_today, readonly=True)
    assigned_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )

    _sql_constraints = (
        (
            "partner_attribute_uniq",
            "unique(partner_id, attribute_id)",
            "A client has one value per analytic.",
        ),
    )

    @api.constrains("attribute_id", "value_id")
    def _check_value_attribute(self):
        for rec in self:
            if rec.value_id.attribute_id != rec.attribute_id:
                raise ValidationError(
                    self.env._(
                        "The value %(value)s does not belong to the analytic "
                        "%(attribute)s.",
                        value=rec.value_id.name,
                        attribute=rec.attribute_id.name,
                    )
                )

    @api.onchange("value_id")
    def _onchange_value_id(self):
        for rec in self:
            rec.origin = "manual"

    def write(self, vals):
        if "value_id" in vals:
            vals = dict(
                vals,
                assigned_on=fields.Date.context_today(self),
                assigned_by_id=self.env.uid,
            )
        return super().write(vals)
