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
    client_abc_rule = fields.Selection(
        related="company_id.client_abc_rule", readonly=False
    )
    client_xyz_deviation = fields.Selection(
        related="company_id.client_xyz_deviation", readonly=False
    )
    client_xyz_preset = fields.Selection(
        related="company_id.client_xyz_preset", readonly=False
    )
    client_refunds_in_invoice_period = fields.Boolean(
        related="company_id.client_refunds_in_invoice_period", readonly=False
    )
    client_rfm_method = fields.Selection(
        related="company_id.client_rfm_method", readonly=False
    )
    client_rfm_r_bounds = fields.Char(
        related="company_id.client_rfm_r_bounds", readonly=False
    )
    client_rfm_f_bounds = fields.Char(
        related="company_id.client_rfm_f_bounds", readonly=False
    )
    client_rfm_m_bounds = fields.Char(
        related="company_id.client_rfm_m_bounds", readonly=False
    )

    @api.onchange("client_analytics_period", "client_xyz_preset")
    def _onchange_client_analytics_period(self):
        """Show the thresholds of the preset for the period length."""
        for settings in self:
            if settings.client_xyz_preset in ("1c", "scaled"):
                settings.client_xyz_x, settings.client_xyz_y = classify.xyz_thresholds(
                    settings.client_xyz_preset, settings.client_analytics_period
                )

    def action_client_analytics_recompute(self):
        return self.env["client.classification.run"].action_recompute_now()
