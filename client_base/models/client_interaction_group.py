# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientInteractionGroup(models.Model):
    """What an interaction was for: interest, presentation, service, complaint."""

    _name = "client.interaction.group"
    _description = "Client interaction group"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical key, used by imports and other add-ons.",
    )
    description = fields.Text(translate=True)
    color = fields.Integer()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="Leave empty to share the group between all companies.",
    )

    _sql_constraints = (
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of an interaction group must be unique per company.",
        ),
    )
