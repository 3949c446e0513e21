# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientAnalyticValue(models.Model):
    _name = "client.analytic.value"
    _description = "Client analytic value"
    _order = "attribute_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    attribute_id = fields.Many2one(
        "client.analytic.attribute",
        string="Analytic",
        required=True,
        index=True,
        ondelete="cascade",
    )
    assignment = fields.Selection(related="attribute_id.assignment")
    # the company of the attribute: what the multi-company rule filters on
    company_id = fields.Many2one(related="attribute_id.company_id")
    state_ids = fields.Many2many(
        "res.country.state",
        string="States",
        help="Rule 'from the state': clients in these states get this value.",
    )
    country_ids = fields.Many2many(
        "res.country",
        string="Countries",
        help="Rule 'from the country': clients in these countries get this value.",
    )
    color = fields.Integer()
