# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_base_vip_limit = fields.Integer(
        string="VIP clients limit",
        config_parameter="client_base.vip_limit",
        default=50,
        help="How many clients may hold the VIP status at once. Promoting one "
        "more client warns the user.",
    )
    client_base_update_period_months = fields.Integer(
        string="Update period (months)",
        config_parameter="client_base.update_period_months",
        default=6,
        help="How often the contact information of a client must be "
        "verified, unless a segment, tag or the client itself says otherwise.",
    )

    @api.constrains("client_base_vip_limit", "client_base_update_period_months")
    def _check_client_base_positive(self):
        for settings in self:
            if settings.client_base_vip_limit < 0:
                raise ValidationError(
                    self.env._("The VIP clients limit cannot be negative.")
                )
            if settings.client_base_update_period_months <= 0:
                raise ValidationError(
                    self.env._("The update period must be at least one month.")
                )
