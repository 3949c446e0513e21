# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Classification parameters: the options, their validation and the
window of periods.

Pure Python, no Odoo import. The rules the parameters drive are stated in
:mod:`.classify`; the error codes :func:`validate_params` returns are
translated by the caller.
"""

import calendar
import datetime

PERIOD_MONTHS = {"month": 1, "quarter": 3}
INDICATORS = ("revenue", "margin", "invoices")
LIFECYCLES = ("none", "new", "lost", "one_time", "regular")
# Default XYZ thresholds (CV in %) per period length. The classic 10 % / 25 %
# cut-offs assume yearly data; CV of independent noise grows roughly with
# sqrt(periods per year), so 10/25 yearly become ~35/85 monthly (x sqrt 12)
# and 20/50 quarterly (x sqrt 4).
XYZ_DEFAULTS = {"month": (35.0, 85.0), "quarter": (20.0, 50.0)}
# 1C and the Russian how-tos: 10 % / 25 % applied to the chosen periods as is.
XYZ_1C = (10.0, 25.0)
XYZ_PRESETS = ("1c", "scaled", "custom")
ABC_RULES = ("own", "crossing")
XYZ_DEVIATIONS = ("population", "sample")
RFM_METHODS = ("quintile", "bounds")
# XYZ needs a series: at least this many periods in the window.
MIN_XYZ_PERIODS = 3
MAX_WINDOW_MONTHS = 120


class Params:
    """Classification parameters (one company)."""

    __slots__ = (
        "abc_a",
        "abc_b",
        "abc_rule",
        "indicator",
        "lost_periods",
        "new_periods",
        "period",
        "refunds_in_invoice_period",
        "rfm_f_bounds",
        "rfm_m_bounds",
        "rfm_method",
        "rfm_r_bounds",
        "window_months",
        "xyz_deviation",
        "xyz_preset",
        "xyz_x",
        "xyz_y",
    )

    def __init__(
        self,
        indicator="revenue",
        window_months=12,
        period="month",
        abc_a=80.0,
        abc_b=95.0,
        xyz_x=None,
        xyz_y=None,
        new_periods=6,
        lost_periods=6,
        abc_rule="own",
        xyz_deviation="population",
        xyz_preset=None,
        refunds_in_invoice_period=True,
        rfm_method="quintile",
        rfm_r_bounds=(30, 90, 180, 365),
        rfm_f_bounds=(1, 2, 4, 8),
        rfm_m_bounds=(1000.0, 5000.0, 20000.0, 100000.0),
    ):
        self.indicator = indicator
        self.window_months = window_months
        self.period = period
        self.abc_a = abc_a
        self.abc_b = abc_b
        self.abc_rule = abc_rule
        self.xyz_deviation = xyz_deviation
        if xyz_preset is None:
            custom = xyz_x is not None or xyz_y is not None
            xyz_preset = "custom" if custom else "scaled"
        self.xyz_preset = xyz_preset
        self.xyz_x, self.xyz_y = xyz_thresholds(xyz_preset, period, xyz_x, xyz_y)
        self.new_periods = new_periods
        self.lost_periods = lost_periods
        self.refunds_in_invoice_period = refunds_in_invoice_period
        self.rfm_method = rfm_method
        self.rfm_r_bounds = tuple(rfm_r_bounds)
        self.rfm_f_bounds = tuple(rfm_f_bounds)
        self.rfm_m_bounds = tuple(rfm_m_bounds)

    @property
    def periods(self):
        """Number of periods in the window."""
        return self.window_months // PERIOD_MONTHS[self.period]

    def as_dict(self):
        return {name: getattr(self, name) for name in self.__slots__}


def xyz_thresholds(preset, period, x=None, y=None):
    """``(x, y)`` CV thresholds in % of a preset for a period length."""
    scaled = XYZ_DEFAULTS.get(period, XYZ_DEFAULTS["month"])
    if preset == "1c":
        return XYZ_1C
    if preset == "scaled":
        return scaled
    return (scaled[0] if x is None else x, scaled[1] if y is None else y)


def _validate_rfm(params):
    errors = []
    if params.rfm_method == "bounds":
        for name in ("rfm_r_bounds", "rfm_f_bounds", "rfm_m_bounds"):
            bounds = getattr(params, name)
            ok = len(bounds) == 4 and all(
                b is not None and b >= 0 and (i == 0 or b > bounds[i - 1])
                for i, b in enumerate(bounds)
            )
            if not ok:
                value = ", ".join(map(str, bounds))
                errors.append(("rfm_bounds", {"value": value}))
    return errors


def validate_params(params):
    """Return a list of ``(code, values)`` errors; empty when valid.

    Codes (translated by the caller): ``indicator``, ``period``, ``window``,
    ``window_multiple``, ``abc_range``, ``abc_order``, ``xyz_range``,
    ``xyz_order``, ``new_periods``, ``lost_periods``, ``xyz_periods``,
    ``abc_rule``, ``xyz_deviation``, ``xyz_preset``, ``rfm_method``,
    ``rfm_bounds``.
    """
    errors = []
    if params.indicator not in INDICATORS:
        errors.append(("indicator", {"value": params.indicator}))
    for code, value, allowed in (
        ("abc_rule", params.abc_rule, ABC_RULES),
        ("xyz_deviation", params.xyz_deviation, XYZ_DEVIATIONS),
        ("xyz_preset", params.xyz_preset, XYZ_PRESETS),
        ("rfm_method", params.rfm_method, RFM_METHODS),
    ):
        if value not in allowed:
            errors.append((code, {"value": value}))
    errors += _validate_rfm(params)
    if params.period not in PERIOD_MONTHS:
        errors.append(("period", {"value": params.period}))
        return errors
    window = params.window_months
    if not isinstance(window, int) or window <= 0 or window > MAX_WINDOW_MONTHS:
        errors.append(("window", {"value": window, "max": MAX_WINDOW_MONTHS}))
        return errors
    months = PERIOD_MONTHS[params.period]
    if window % months:
        errors.append(("window_multiple", {"value": window, "months": months}))
        return errors
    a, b = params.abc_a, params.abc_b
    if not (0 < a < 100 and 0 < b < 100):
        errors.append(("abc_range", {"a": a, "b": b}))
    elif not a < b:
        errors.append(("abc_order", {"a": a, "b": b}))
    x, y = params.xyz_x, params.xyz_y
    if not (x > 0 and y > 0):
        errors.append(("xyz_range", {"x": x, "y": y}))
    elif not x < y:
        errors.append(("xyz_order", {"x": x, "y": y}))
    n_periods = params.periods
    if n_periods < MIN_XYZ_PERIODS:
        errors.append(("xyz_periods", {"value": n_periods, "min": MIN_XYZ_PERIODS}))
    for code, value in (
        ("new_periods", params.new_periods),
        ("lost_periods", params.lost_periods),
    ):
        if not isinstance(value, int) or not 1 <= value <= n_periods:
            errors.append((code, {"value": value, "max": n_periods}))
    return errors


# Periods -------------------------------------------------------------------


def add_months(day, months):
    """``day`` shifted by ``months`` (day of month clamped)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def period_start(day, period):
    months = PERIOD_MONTHS[period]
    month = (day.month - 1) // months * months + 1
    return datetime.date(day.year, month, 1)


def window_periods(ref_date, params):
    """Start dates of the window's periods, oldest first.

    The window ends just before the period containing ``ref_date``.
    """
    months = PERIOD_MONTHS[params.period]
    current = period_start(ref_date, params.period)
    count = params.periods
    return [add_months(current, -months * (count - i)) for i in range(count)]
