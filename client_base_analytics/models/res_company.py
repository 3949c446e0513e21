# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.client_base.models.bounded import check_bounds
from odoo.addons.client_base.tools import bounds

from ..tools import classify_params

ANALYTICS_FIELDS = (
    "client_analytics_indicator",
    "client_analytics_window_months",
    "client_analytics_period",
    "client_abc_a",
    "client_abc_b",
    "client_xyz_x",
    "client_xyz_y",
    "client_new_periods",
    "client_lost_periods",
    "client_abc_rule",
    "client_xyz_deviation",
    "client_xyz_preset",
    "client_refunds_in_invoice_period",
    "client_rfm_method",
    "client_rfm_r_bounds",
    "client_rfm_f_bounds",
    "client_rfm_m_bounds",
)


def _bounds(text):
    """Four numbers from "30, 90, 180, 365" (a tuple; unparsable -> ())."""
    try:
        return tuple(float(v) for v in (text or "").replace(";", ",").split(","))
    except ValueError:
        return ()


class ResCompany(models.Model):
    _inherit = "res.company"

    client_analytics_indicator = fields.Selection(
        [
            ("revenue", "Revenue"),
            ("margin", "Margin"),
            ("invoices", "Number of invoices"),
        ],
        string="ABC indicator",
        default="revenue",
        required=True,
    )
    client_analytics_window_months = fields.Integer(
        string="Analysis window (months)", default=12
    )
    client_analytics_period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")],
        string="Period length",
        default="month",
        required=True,
    )
    client_abc_a = fields.Float(string="A up to (cumulative %)", default=80.0)
    client_abc_b = fields.Float(string="B up to (cumulative %)", default=95.0)
    client_xyz_x = fields.Float(string="X up to (CV %)", default=35.0)
    client_xyz_y = fields.Float(string="Y up to (CV %)", default=85.0)
    client_new_periods = fields.Integer(string="New for (periods)", default=6)
    client_lost_periods = fields.Integer(
        string="Lost after (periods without purchase)", default=6
    )
    client_abc_rule = fields.Selection(
        [
            ("own", "Own cumulative share"),
            ("crossing", "Crossing client in the upper class"),
        ],
        string="ABC boundary rule",
        default="own",
        required=True,
        help="Own cumulative share: a client is A while its own cumulative "
        "share is at most the A threshold (80 %), as in the textbooks and 1C. "
        "Crossing client in the upper class: the client whose share crosses "
        "the threshold is still A.",
    )
    client_xyz_deviation = fields.Selection(
        [("population", "Population (divide by n)"), ("sample", "Sample (n - 1)")],
        string="XYZ standard deviation",
        default="population",
        required=True,
    )
    client_xyz_preset = fields.Selection(
        [
            ("1c", "1C: 10 / 25 %"),
            ("scaled", "Scaled to the period"),
            ("custom", "Custom"),
        ],
        string="XYZ thresholds",
        default="scaled",
        required=True,
        help="1C: 10 % / 25 % applied to the chosen periods as they are. Scaled "
        "to the period: 35 / 85 % for months, 20 / 50 % for quarters (the "
        "yearly 10 / 25 % times the square root of the periods per year).",
    )
    client_refunds_in_invoice_period = fields.Boolean(
        string="Refunds in the period of their invoice",
        default=True,
        help="A credit note that reverses an invoice counts in the period of "
        "that invoice, not in the month it was issued.",
    )
    client_rfm_method = fields.Selection(
        [("quintile", "Quintiles"), ("bounds", "Fixed bounds")],
        string="RFM scores",
        default="quintile",
        required=True,
    )
    client_rfm_r_bounds = fields.Char(
        string="Recency bounds (days)",
        default="30, 90, 180, 365",
        help="Score 5 up to the first bound, 4 up to the second, ... 1 above the last.",
    )
    client_rfm_f_bounds = fields.Char(
        string="Frequency bounds (invoices)",
        default="1, 2, 4, 8",
        help="Score 1 up to the first bound, 2 up to the second, ... 5 above the last.",
    )
    client_rfm_m_bounds = fields.Char(
        string="Monetary bounds (revenue)",
        default="1000, 5000, 20000, 100000",
        help="Score 1 up to the first bound, 2 up to the second, ... 5 above the last.",
    )

    @api.constrains(*bounds.fields_of("res.company"))
    def _check_client_analytics_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("res.company"))

    @api.constrains(*ANALYTICS_FIELDS)
    def _check_client_analytics_params(self):
        for company in self:
            errors = classify_params.validate_params(company._client_analytics_params())
            if errors:
                raise ValidationError(
                    "\n".join(
                        self._client_analytics_error_message(code, values)
                        for code, values in errors
                    )
                )

    def _client_analytics_params(self):
        """The classification parameters of this company (pure object)."""
        self.ensure_one()
        return classify_params.Params(
            indicator=self.client_analytics_indicator,
            window_months=self.client_analytics_window_months,
            period=self.client_analytics_period,
            abc_a=self.client_abc_a,
            abc_b=self.client_abc_b,
            xyz_x=self.client_xyz_x,
            xyz_y=self.client_xyz_y,
            new_periods=self.client_new_periods,
            lost_periods=self.client_lost_periods,
            abc_rule=self.client_abc_rule,
            xyz_deviation=self.client_xyz_deviation,
            xyz_preset=self.client_xyz_preset,
            refunds_in_invoice_period=self.client_refunds_in_invoice_period,
            rfm_method=self.client_rfm_method,
            rfm_r_bounds=_bounds(self.client_rfm_r_bounds),
            rfm_f_bounds=_bounds(self.client_rfm_f_bounds),
            rfm_m_bounds=_bounds(self.client_rfm_m_bounds),
        )

    @api.model
    def _client_analytics_error_message(self, code, values):
        """Translated text of a ``classify_params.validate_params`` error."""
        if code == "indicator":
            return self.env._("Unknown ABC indicator %(value)s.", **values)
        if code == "period":
            return self.env._("Unknown period length %(value)s.", **values)
        if code == "window":
            return self.env._(
                "The analysis window must be between 1 and %(max)s months "
                "(got %(value)s).",
                **values,
            )
        if code == "window_multiple":
            return self.env._(
                "The analysis window (%(value)s months) must be a whole number "
                "of periods of %(months)s months.",
                **values,
            )
        if code == "abc_range":
            return self.env._(
                "ABC thresholds must lie strictly between 0 and 100 %% "
                "(got A %(a)s, B %(b)s).",
                **values,
            )
        if code == "abc_order":
            return self.env._(
                "ABC thresholds must increase: A (%(a)s %%) must be below "
                "B (%(b)s %%).",
                **values,
            )
        if code == "xyz_range":
            return self.env._(
                "XYZ thresholds must be positive (got X %(x)s, Y %(y)s).", **values
            )
        if code == "xyz_order":
            return self.env._(
                "XYZ thresholds must increase: X (%(x)s %%) must be below "
                "Y (%(y)s %%).",
                **values,
            )
        if code == "new_periods":
            return self.env._(
                "The number of periods a client stays new must be between 1 and "
                "the number of periods in the window (%(max)s); got %(value)s.",
                **values,
            )
        if code == "lost_periods":
            return self.env._(
                "The number of periods without purchase before a client is lost "
                "must be between 1 and the number of periods in the window "
                "(%(max)s); got %(value)s.",
                **values,
            )
        if code == "xyz_periods":
            return self.env._(
                "XYZ needs at least %(min)s periods in the analysis window; the "
                "window holds %(value)s. Lengthen the window or use shorter "
                "periods.",
                **values,
            )
        if code in ("abc_rule", "xyz_deviation", "xyz_preset", "rfm_method"):
            return self.env._("Unknown analytics option %(value)s.", **values)
        if code == "rfm_bounds":
            return self.env._(
                "RFM bounds must be four increasing numbers, zero or more "
                "(got %(value)s).",
                **values,
            )
        return code
