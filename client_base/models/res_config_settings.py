# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import bounds
from .bounded import check_bounds


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
    client_base_complete_threshold = fields.Integer(
        string="Complete from (%)",
        config_parameter="client_base.complete_threshold",
        default=80,
        help="A client whose completeness is below this score, or who misses a "
        "required field, is incomplete.",
    )
    client_base_normalize_strict = fields.Boolean(
        string="Normalise every write (strict)",
        config_parameter="client_base.normalize_strict",
        help="Normalise contact values on every write, also those of programs "
        "and other modules. Off: only people's entries (forms, import, "
        "self-service) and the clean-up are normalised, other writes are "
        "stored as given and flagged 'to normalise'.",
    )

    client_base_update_period_prospect_months = fields.Integer(
        string="Update period of prospects (months)",
        config_parameter="client_base.update_period_prospect_months",
        help="0 means the general update period applies.",
    )
    client_base_update_period_client_months = fields.Integer(
        string="Update period of clients (months)",
        config_parameter="client_base.update_period_client_months",
        help="0 means the general update period applies.",
    )
    client_base_update_period_vip_months = fields.Integer(
        string="Update period of VIP clients (months)",
        config_parameter="client_base.update_period_vip_months",
        help="0 means the general update period applies.",
    )

    @api.constrains(*bounds.fields_of("res.config.settings", "client_base_"))
    def _check_client_base_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("res.config.settings", "client_base_"))

    @api.constrains(
        "client_base_vip_limit",
        "client_base_update_period_months",
        "client_base_complete_threshold",
    )
    def _check_client_base_positive(self):
        for settings in self:
            if settings.client_base_vip_limit < 0:
                raise ValidationError(
                    self.env._("The VIP clients limit cannot be negative.")
                )
            if not 0 <= settings.client_base_complete_threshold <= 100:
                raise ValidationError(
                    self.env._("The completeness threshold is a percentage (0-100).")
                )
            if settings.client_base_update_period_months <= 0:
                raise ValidationError(
                    self.env._("The update period must be at least one month.")
                )

    @api.constrains(
        "client_base_update_period_prospect_months",
        "client_base_update_period_client_months",
        "client_base_update_period_vip_months",
    )
    def _check_client_base_segment_periods(self):
        for settings in self:
            if (
                min(
                    settings.client_base_update_period_prospect_months,
                    settings.client_base_update_period_client_months,
                    settings.client_base_update_period_vip_months,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("An update period cannot be negative.")
                )

    def set_values(self):
        keys = (
            "client_base.update_period_months",
            "client_base.update_period_prospect_months",
            "client_base.update_period_client_months",
            "client_base.update_period_vip_months",
            "client_base.complete_threshold",
        )
        icp = self.env["ir.config_parameter"].sudo()
        before = [icp.get_param(key) for key in keys]
        res = super().set_values()
        if [icp.get_param(key) for key in keys] != before:
            # next verification dates and the incomplete flag depend on these
            self.env["res.partner"]._client_schedule_quality_refresh()
        return res
