# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools import classify


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_analytics_indicator = fields.Selection(
        related="company_id.client_analytics_indicator", readonly=False
    )
    client_analytics_window_months = fields.Integer(
        related="company_id.client_analytics_window_months", readonly=False
    )
    client_analytics_period = fields.Selection(
        related="company_id.client_analytics_period", readonly=False
    )
    client_abc_a = fields.Float(related="company_id.client_abc_a", readonly=False)
    client_abc_b = fields.Float(related="company_id.client_abc_b", readonly=False)
    client_xyz_x = fields.Float(related="company_id.client_xyz_x", readonly=False)
    client_xyz_y = fields.Float(related="company_id.client_xyz_y", readonly=False)
    client_new_periods = fields.Integer(
        related="company_id.client_new_periods", readonly=False
    )
    client_lost_periods = fields.Integer(
        related="company_id.client_lost_periods", readonly=False
    )

    @api.onchange("client_analytics_period")
    def _onchange_client_analytics_period(self):
        """Propose the documented XYZ thresholds of the new period length."""
        for settings in self:
            defaults = classify.XYZ_DEFAULTS.get(settings.client_analytics_period)
            if defaults:
                settings.client_xyz_x, settings.client_xyz_y = defaults

    def action_client_analytics_recompute(self):
        return self.env["client.classification.run"].action_recompute_now()
