# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools import classify_params
from .res_company import ANALYTICS_FIELDS


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

    @api.model_create_multi
    def create(self, vals_list):
        """Write the company's analytics parameters in one write, after the
        settings record is created: Odoo would write each related field on
        its own, and the company's constraint would compare a new value with
        an old one (A = 96 %, B = 98 % refused because of the old B = 95 %).
        The constraint then validates the final set of values."""
        pending = []
        for vals in vals_list:
            company_vals = {}
            for name in list(vals):
                target = self._client_analytics_company_field(name)
                if target:
                    company_vals[target] = vals.pop(name)
            pending.append(company_vals)
        records = super().create(vals_list)
        for settings, company_vals in zip(records, pending, strict=True):
            company = settings.company_id
            changed = {
                fname: value
                for fname, value in company_vals.items()
                if company[fname] != value
            }
            if changed:
                company.write(changed)
        return records

    @api.model
    def _client_analytics_company_field(self, name):
        """The res.company field behind the settings field ``name``, if it is
        one of the analytics parameters checked together."""
        field = self._fields.get(name)
        if not field or not field.related or field.readonly:
            return None
        first, _sep, rest = field.related.partition(".")
        if first == "company_id" and rest in ANALYTICS_FIELDS:
            return rest
        return None

    @api.onchange("client_analytics_period", "client_xyz_preset")
    def _onchange_client_analytics_period(self):
        """Show the thresholds of the preset for the period length."""
        for settings in self:
            if settings.client_xyz_preset in ("1c", "scaled"):
                settings.client_xyz_x, settings.client_xyz_y = (
                    classify_params.xyz_thresholds(
                        settings.client_xyz_preset, settings.client_analytics_period
                    )
                )

    def action_client_analytics_recompute(self):
        return self.env["client.classification.run"].action_recompute_now()
