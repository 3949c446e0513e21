# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import bounds
from .bounded import check_bounds


class ResPartnerCategory(models.Model):
    _inherit = "res.partner.category"

    client_update_period_months = fields.Integer(
        string="Update period (months)",
        help="Clients with this tag must have their contact information "
        "verified at least this often; 0 means the general period applies. "
        "With several tags, the shortest period wins.",
    )

    @api.constrains(*bounds.fields_of("res.partner.category"))
    def _check_client_base_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("res.partner.category"))

    @api.constrains("client_update_period_months")
    def _check_client_update_period_months(self):
        for tag in self:
            if tag.client_update_period_months < 0:
                raise ValidationError(
                    self.env._("The update period cannot be negative.")
                )
