# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Expert client analytics: lifecycle class, ABC, XYZ and the diff to write.

Pure Python (pandas/numpy), no Odoo import: PostgreSQL aggregates the posted
invoice lines into (partner, period) sums, this module classifies those rows.

Input rows (a DataFrame) have the columns ``partner_id``, ``period`` (an
integer: ``0`` the oldest period of the window, ``W - 1`` the last closed
period; ``-1`` rows with a positive revenue flag the clients who bought
before the window), ``revenue`` (net of refunds, company currency),
optionally ``margin`` and ``invoices``.

Conventions (documented in readme/CONFIGURE.md):

* The window is made of the ``W = window_months / period_months`` *closed*
  periods before the period of the reference date; the current, unfinished
  period is never counted.
* A *purchase period* is a period whose net revenue is positive.
* Lifecycle, first rule that matches: ``none`` (no purchase period and no
  purchase before the window),
  ``new`` (first purchase fewer than N periods ago, "0 periods ago" being the
  last closed period), ``lost`` (no purchase in the last K periods),
  ``one_time`` (exactly one purchase period in the window), ``regular``.
* ABC: clients with a positive indicator are sorted by indicator descending,
  ties by partner id ascending. ``S`` is a client's own cumulative share
  (its share plus the shares of the clients ranked before it) and ``S_prev``
  the cumulative share of the clients ranked *before* it.
  Rule ``own`` (default, the textbooks and 1C): A if ``S <= a``, B if
  ``S <= b``, else C. Rule ``crossing``: A if ``S_prev < a``, B if
  ``S_prev < b``, else C (the client that crosses a threshold belongs to the
  upper class). The arithmetic is exact (integer cents). Clients whose
  indicator is zero or negative get no ABC class.
* XYZ: regular clients only. The series is the per-period revenue from the
  first purchase period of the window (or the window start when the client
  bought before it) to the last closed period, zero periods included;
  ``CV = std / mean * 100`` with the population (``/ n``, default) or the
  sample (``/ (n - 1)``) standard deviation. X if ``CV <= x``, Y if
  ``CV <= y``, else Z; no class when the mean is not positive (CV
  undefined). The thresholds come from a preset (``1c``: 10 / 25 % on the
  chosen periods; ``scaled``: 35 / 85 % monthly, 20 / 50 % quarterly) or
  custom values.
* RFM (see :func:`rfm`): recency, frequency and monetary scores 1-5 of the
  clients with at least one invoice in the window, and a named segment.
"""

import calendar
import datetime
import io
import json
import math

import numpy as np
import pandas as pd

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
# RFM segments from the (R, F) scores: the usual 11-cell grid of RFM
# marketing practice (champions top right, lost bottom left).
RFM_SEGMENTS = (
    "champions",
    "loyal",
    "potential",
    "new",
    "promising",
    "need_attention",
    "about_to_sleep",
    "cant_lose",
    "at_risk",
    "hibernating",
    "lost",
)

# Columns written back (and compared) per client, with the rounding used for
# the comparison so that float noise never counts as a change.
FACT_COLUMNS = {
    "lifecycle": None,
    "abc": None,
    "xyz": None,
    "cell": None,
    "revenue": 2,
    "indicator_value": 2,
    "share": 4,
    "cum_share": 4,
    "rank": None,
    "percentile": None,
    "cv": 2,
    "purchase_periods": None,
    "last_purchase": None,
    "frequency": None,
    "last_invoice": None,
    "recency": None,
    "rfm_r": None,
    "rfm_f": None,
    "rfm_m": None,
    "rfm_segment": None,
}
DATE_COLUMNS = ("last_purchase", "last_invoice")
INT_COLUMNS = (
    "rank",
    "percentile",
    "purchase_periods",
    "frequency",
    "recency",
    "rfm_r",
    "rfm_f",
    "rfm_m",
)
TEXT_COLUMNS = ("lifecycle", "abc", "xyz", "cell", "rfm_segment")
CLASS_COLUMNS = ("lifecycle", "abc", "xyz")


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


# Classification ---------------------------------------------------------------


def _int_na(count):
    """An all-missing nullable integer array (built without a Python loop)."""
    return pd.arrays.IntegerArray(
        np.zeros(count, dtype="int64"), np.ones(count, dtype=bool)
    )


def _int_at(count, positions, values):
    """A nullable integer array with ``values`` at ``positions``."""
    data = np.zeros(count, dtype="int64")
    mask = np.ones(count, dtype=bool)
    data[positions] = values
    mask[positions] = False
    return pd.arrays.IntegerArray(data, mask)


def _object_at(index, positions, values):
    """An object column (None where missing) with ``values`` at ``positions``.

    Kept ``object``: pandas 3 would infer its ``str`` dtype (NaN for None).
    """
    column = np.full(len(index), None, dtype=object)
    column[positions] = values
    return pd.Series(column, index=index, dtype=object)


def _empty_result(index):
    index = np.asarray(index, dtype="int64")
    count = len(index)
    frame = pd.DataFrame(index=pd.Index(index, name="partner_id", dtype="int64"))
    frame["lifecycle"] = "none"
    for col in ("abc", "xyz", "cell", "last_purchase"):
        frame[col] = None
    for col in ("revenue", "indicator_value", "share", "cum_share", "cv"):
        frame[col] = np.nan
    for col in ("rank", "percentile"):
        frame[col] = _int_na(count)
    frame["purchase_periods"] = 0
    for col in ("last_invoice", "rfm_segment"):
        frame[col] = None
    for col in ("frequency", "recency", "rfm_r", "rfm_f", "rfm_m"):
        frame[col] = _int_na(count)
    return frame


def classify(rows, params, periods, partner_ids=(), invoices=None):
    """Classify clients.

    :param rows: DataFrame ``partner_id, period, revenue[, margin, invoices]``
        (at most one row per partner and period).
    :param params: :class:`Params` (assumed valid).
    :param periods: start dates of the window periods (``window_periods``).
    :param partner_ids: clients to include even without rows (they get the
        ``none`` lifecycle and empty facts), e.g. the ones already stored.
    :param invoices: optional DataFrame ``partner_id, frequency,
        last_invoice`` (number of customer invoices in the window and the
        date of the last one) for the RFM scores; without it no RFM.
    :return: DataFrame indexed by ``partner_id`` with the :data:`FACT_COLUMNS`.
    """
    n_periods = len(periods)
    rows = rows if rows is not None else pd.DataFrame()
    if rows.empty:
        all_ids = sorted({int(p) for p in partner_ids})
        if invoices is not None and not invoices.empty:
            all_ids = sorted(set(all_ids) | set(invoices["partner_id"].astype(int)))
        result = _empty_result(all_ids)
        if invoices is not None and len(all_ids):
            _rfm_into(result, invoices, params, periods)
        return result
    rows = rows.copy()
    rows["partner_id"] = rows["partner_id"].astype("int64")
    rows["period"] = rows["period"].astype("int64")
    rows["revenue"] = rows["revenue"].astype("float64")
    all_ids = np.union1d(
        rows["partner_id"].unique(), np.asarray(list(partner_ids), dtype="int64")
    )
    if invoices is not None and not invoices.empty:
        all_ids = np.union1d(all_ids, invoices["partner_id"].to_numpy(dtype="int64"))
    result = _empty_result(all_ids)

    in_window = rows[rows["period"] >= 0]
    # partner x period matrix of net revenue (window only), zero-filled
    matrix = (
        in_window.pivot_table(
            index="partner_id",
            columns="period",
            values="revenue",
            aggfunc="sum",
            fill_value=0.0,
        )
        .reindex(index=all_ids, columns=range(n_periods), fill_value=0.0)
        .to_numpy(dtype="float64")
    )
    before = (
        rows[rows["period"] < 0]
        .groupby("partner_id")["revenue"]
        .sum()
        .reindex(all_ids, fill_value=0.0)
        .to_numpy()
        > 0
    )
    bought = matrix > 0
    purchase_count = bought.sum(axis=1)
    any_window = purchase_count > 0
    # first / last purchase period in the window (-1 when none)
    first = np.where(any_window, bought.argmax(axis=1), -1)
    last = np.where(any_window, n_periods - 1 - bought[:, ::-1].argmax(axis=1), -1)
    first_ago = np.where(before, n_periods, n_periods - 1 - first)

    lifecycle = np.select(
        [
            ~any_window & ~before,
            any_window & ~before & (first_ago < params.new_periods),
            ~any_window | (last < n_periods - params.lost_periods),
            purchase_count == 1,
        ],
        ["none", "new", "lost", "one_time"],
        default="regular",
    )
    result["lifecycle"] = lifecycle
    result["purchase_periods"] = purchase_count.astype("int64")
    result["revenue"] = matrix.sum(axis=1).round(2)
    period_dates = np.array(periods + [None], dtype=object)
    result["last_purchase"] = np.where(any_window, period_dates[last], None)

    # ABC -------------------------------------------------------------------
    indicator = _indicator(rows, params, all_ids, matrix)
    result["indicator_value"] = indicator.round(2)
    _abc(result, indicator, params)

    # XYZ -------------------------------------------------------------------
    regular = lifecycle == "regular"
    start = np.where(before, 0, first)
    mask = np.arange(n_periods)[None, :] >= start[:, None]
    series = np.where(mask & regular[:, None], matrix, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        counts = np.sum(~np.isnan(series), axis=1)
        safe = np.where(counts > 0, counts, 1)
        mean = np.where(counts > 0, np.nansum(series, axis=1) / safe, np.nan)
        ddof = 1 if params.xyz_deviation == "sample" else 0
        dof = counts - ddof
        var = np.where(
            dof > 0,
            np.nansum((series - mean[:, None]) ** 2, axis=1)
            / np.where(dof > 0, dof, 1),
            np.nan,
        )
        cv = np.where(regular & (mean > 0), np.sqrt(var) / mean * 100.0, np.nan)
    result["cv"] = np.round(cv, 2)
    # compare on the rounded value, so that the stored CV gives the same class
    rcv = result["cv"].to_numpy()
    xyz = np.select(
        [np.isnan(rcv), rcv <= params.xyz_x, rcv <= params.xyz_y],
        [None, "X", "Y"],
        default="Z",
    )
    result["xyz"] = xyz
    abc = result["abc"].to_numpy(dtype=object)
    has_both = pd.notna(abc) & pd.notna(xyz)
    cell = np.full(len(result), None, dtype=object)
    cell[has_both] = abc[has_both].astype(str) + xyz[has_both].astype(str)
    result["cell"] = cell
    if invoices is not None:
        _rfm_into(result, invoices, params, periods)
    return result


def _indicator(rows, params, all_ids, matrix):
    if params.indicator == "revenue":
        return matrix.sum(axis=1)
    column = "margin" if params.indicator == "margin" else "invoices"
    if column not in rows:
        raise ValueError(f"rows lack the {column!r} column")
    return (
        rows[rows["period"] >= 0]
        .groupby("partner_id")[column]
        .sum()
        .reindex(all_ids, fill_value=0.0)
        .to_numpy(dtype="float64")
    )


def _abc(result, indicator, params):
    """Fill abc, share, cum_share, rank and percentile (exact arithmetic)."""
    ids = result.index.to_numpy()
    cents = np.rint(np.where(indicator > 0, indicator, 0.0) * 100).astype("int64")
    positive = cents > 0
    if not positive.any():
        return
    pos_ids = ids[positive]
    pos_cents = cents[positive]
    # sort: indicator desc, partner id asc (lexsort: last key is primary)
    order = np.lexsort((pos_ids, -pos_cents))
    sorted_cents = pos_cents[order]
    total = int(sorted_cents.sum())
    cum = np.cumsum(sorted_cents)
    prev = cum - sorted_cents
    # thresholds in thousandths of a percent, compared exactly with python ints
    a_milli = round(params.abc_a * 1000)
    b_milli = round(params.abc_b * 1000)
    scale = 100 * 1000
    if params.abc_rule == "crossing":
        prev_obj = prev.astype(object) * scale
        classes = np.where(
            prev_obj < a_milli * total,
            "A",
            np.where(prev_obj < b_milli * total, "B", "C"),
        )
    else:
        cum_obj = cum.astype(object) * scale
        classes = np.where(
            cum_obj <= a_milli * total,
            "A",
            np.where(cum_obj <= b_milli * total, "B", "C"),
        )
        # the top client is A even when its own share exceeds the A threshold
        classes[0] = "A"
    count = len(order)
    ranks = np.arange(1, count + 1)
    # positions in result (its index is sorted, positive keeps that order)
    target = np.flatnonzero(positive)[order]
    size = len(result)
    result["abc"] = _object_at(result.index, target, classes)
    share = np.full(size, np.nan)
    share[target] = np.round(sorted_cents / total * 100.0, 4)
    result["share"] = share
    cum_share = np.full(size, np.nan)
    cum_share[target] = np.round(cum / total * 100.0, 4)
    result["cum_share"] = cum_share
    result["rank"] = _int_at(size, target, ranks)
    result["percentile"] = _int_at(
        size, target, np.ceil(ranks * 100 / count).astype("int64")
    )


# RFM ----------------------------------------------------------------------------


def rank_scores(values, higher_is_better=True, ids=None):
    """Scores 1-5 by rank: ``1 + floor(5 * (rank - 1) / n)``.

    ``rank`` is the minimum rank of equal values (ties share a score, the
    lowest of their group), counted from the worst value, so that the
    clients are split into quintiles of the population.
    """
    values = np.asarray(values, dtype="float64")
    count = len(values)
    if not count:
        return np.zeros(0, dtype="int64")
    keyed = values if higher_is_better else -values
    ranks = pd.Series(keyed).rank(method="min").to_numpy()
    return (1 + np.floor(5 * (ranks - 1) / count)).astype("int64")


def bound_scores(values, bounds, higher_is_better=True):
    """Scores 1-5 from four ascending bounds.

    Higher is better (frequency, monetary): 1 up to ``b1``, 2 up to ``b2``,
    3 up to ``b3``, 4 up to ``b4``, 5 above. Lower is better (recency in
    days): 5 up to ``b1``, 4 up to ``b2``, 3 up to ``b3``, 2 up to ``b4``,
    1 above.
    """
    values = np.asarray(values, dtype="float64")
    # number of bounds strictly below the value: 0..4
    above = np.searchsorted(np.asarray(bounds, dtype="float64"), values, "left")
    return (5 - above if not higher_is_better else 1 + above).astype("int64")


def rfm_segment(r, f):
    """Named segment of the recency and frequency scores (1-5 each)."""
    if r == 5 and f >= 4:
        return "champions"
    if r >= 3 and f >= 4:
        return "loyal"
    if r >= 4 and f >= 2:
        return "potential"
    if r == 5:
        return "new"
    if r == 4:
        return "promising"
    if r == 3:
        return "need_attention" if f == 3 else "about_to_sleep"
    if f == 5:
        return "cant_lose"
    if f >= 3:
        return "at_risk"
    if r == 1 and f == 1:
        return "lost"
    return "hibernating"


SEGMENT_GRID = np.array(
    [[rfm_segment(r, f) for f in range(1, 6)] for r in range(1, 6)], dtype=object
)


def rfm_scores(recency, frequency, monetary, params):
    """``(r, f, m)`` score arrays of the clients given (all with invoices)."""
    if params.rfm_method == "bounds":
        return (
            bound_scores(recency, params.rfm_r_bounds, higher_is_better=False),
            bound_scores(frequency, params.rfm_f_bounds),
            bound_scores(monetary, params.rfm_m_bounds),
        )
    return (
        rank_scores(recency, higher_is_better=False),
        rank_scores(frequency),
        rank_scores(monetary),
    )


def _rfm_into(result, invoices, params, periods):
    """Fill the RFM columns of ``result`` (index partner_id).

    Recency is the number of days from the last invoice to the end of the
    window (stable during a period, so a daily run writes nothing new);
    frequency the number of customer invoices in the window; monetary the
    net revenue of the window. Only the clients with at least one invoice in
    the window are scored.
    """
    months = PERIOD_MONTHS[params.period]
    window_end = np.datetime64(add_months(periods[-1], months), "D")
    inv = invoices[invoices["frequency"].fillna(0).to_numpy() > 0]
    positions = result.index.get_indexer(inv["partner_id"].to_numpy(dtype="int64"))
    inv = inv[positions >= 0]
    positions = positions[positions >= 0]
    if inv.empty:
        return
    last = pd.to_datetime(inv["last_invoice"]).to_numpy().astype("datetime64[D]")
    recency = (window_end - last).astype("int64")
    frequency = inv["frequency"].to_numpy(dtype="int64")
    revenue = np.nan_to_num(result["revenue"].to_numpy()[positions])
    r, f, m = rfm_scores(recency, frequency, revenue, params)
    size = len(result)
    result["frequency"] = _int_at(size, positions, frequency)
    result["last_invoice"] = _object_at(
        result.index, positions, pd.to_datetime(last).date
    )
    result["recency"] = _int_at(size, positions, recency)
    result["rfm_r"] = _int_at(size, positions, r)
    result["rfm_f"] = _int_at(size, positions, f)
    result["rfm_m"] = _int_at(size, positions, m)
    result["rfm_segment"] = _object_at(
        result.index, positions, SEGMENT_GRID[r - 1, f - 1]
    )


# Overrides and diff -----------------------------------------------------------


def normalized(frame):
    """Comparable copy of the FACT_COLUMNS: rounded floats, datetime64 dates
    (NaT when missing), text with NaN when missing (vectorised)."""
    out = {}
    for col, digits in FACT_COLUMNS.items():
        if col not in frame:
            out[col] = pd.Series(np.nan, index=frame.index, dtype="float64")
            continue
        series = frame[col]
        if col in DATE_COLUMNS:
            values = series.astype(object)
            values = values.where(values.notna() & ~values.isin(["", False]), None)
            out[col] = pd.to_datetime(values, errors="coerce")
        elif col in TEXT_COLUMNS:
            values = series.astype(object)
            keep = values.notna() & ~values.isin(["", False])
            out[col] = values.where(keep, np.nan)
        else:
            values = pd.to_numeric(series, errors="coerce").astype("float64")
            out[col] = values.round(digits) if digits is not None else values
    return pd.DataFrame(out, index=frame.index)


def pack(frame):
    """A frame indexed by partner id as ``(header, data)`` bytes, to keep
    between two calls of a run.

    ``data`` is one float64 matrix saved by ``np.save`` without pickle (the
    partner ids, then each column: text as category codes, dates as days
    since 1970, NaN when missing); ``header`` the column names, kinds and
    categories as JSON. Far cheaper than rows in a table for 250,000
    clients, and never unpickled.
    """
    columns = list(frame.columns)
    matrix = np.empty((len(frame), len(columns) + 1), dtype="float64")
    matrix[:, 0] = frame.index.to_numpy(dtype="float64")
    kinds, categories = {}, {}
    for j, col in enumerate(columns, 1):
        series = frame[col]
        if series.dtype.kind == "M" or col in DATE_COLUMNS:
            days = pd.to_datetime(series).to_numpy(dtype="datetime64[D]")
            values = days.astype("int64").astype("float64")
            values[np.isnat(days)] = np.nan
            kinds[col] = "date"
        elif series.dtype == object:
            codes, uniques = pd.factorize(series)
            values = codes.astype("float64")
            values[codes < 0] = np.nan
            kinds[col] = "text"
            categories[col] = [str(u) for u in uniques]
        else:
            values = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64")
            kinds[col] = "number"
        matrix[:, j] = values
    buffer = io.BytesIO()
    np.save(buffer, matrix, allow_pickle=False)
    header = {"columns": columns, "kinds": kinds, "categories": categories}
    return json.dumps(header).encode(), buffer.getvalue()


def unpack(header, data):
    """The frame :func:`pack` packed (text with NaN, dates as datetime64)."""
    matrix = np.load(io.BytesIO(bytes(data)), allow_pickle=False)
    header = json.loads(bytes(header).decode())
    index = pd.Index(matrix[:, 0].astype("int64"), name="partner_id")
    out = {}
    for j, col in enumerate(header["columns"], 1):
        values = matrix[:, j]
        missing = np.isnan(values)
        kind = header["kinds"][col]
        if kind == "text":
            labels = np.asarray(header["categories"][col] + [""], dtype=object)
            codes = np.where(missing, len(labels) - 1, values).astype("int64")
            text = labels[codes]
            text[missing] = np.nan
            out[col] = pd.Series(text, index=index, dtype=object)
        elif kind == "date":
            out[col] = pd.Series(pd.to_datetime(values, unit="D"), index=index)
        else:
            out[col] = pd.Series(values, index=index)
    return pd.DataFrame(out, index=index)


def _column(series):
    """Python values of a column (for SQL parameters): None for NaN."""
    return [
        None if v is None or (isinstance(v, float) and math.isnan(v)) else v
        for v in series.tolist()
    ]


def diff_frames(computed, stored):
    """Rows to write and class changes, as DataFrames (see :func:`diff`).

    :return: ``(changes, history)``: ``changes`` indexed by partner id
        (sorted) with the normalized :data:`FACT_COLUMNS` and ``id`` (NaN for
        a new row); ``history`` indexed by partner id with ``old_<c>`` and
        ``new_<c>`` of the :data:`CLASS_COLUMNS`, for the clients whose
        lifecycle, ABC or XYZ class changed.
    """
    new = normalized(computed)
    if stored is None or stored.empty:
        stored = pd.DataFrame(columns=["id", *FACT_COLUMNS])
    stored = stored[~stored.index.duplicated()]
    old = normalized(stored).reindex(new.index)
    exists = new.index.isin(stored.index)
    # history compares with "none" when there is no stored row
    old_classes = old[list(CLASS_COLUMNS)].copy()
    old_classes.loc[~exists, "lifecycle"] = "none"
    same = np.ones(len(new), dtype=bool)
    class_same = np.ones(len(new), dtype=bool)
    for col in FACT_COLUMNS:
        a, b = new[col], old[col]
        same &= ((a == b) | (a.isna() & b.isna())).to_numpy()
    for col in CLASS_COLUMNS:
        a, b = new[col], old_classes[col]
        class_same &= ((a == b) | (a.isna() & b.isna())).to_numpy()
    nothing = (
        (new["lifecycle"] == "none")
        & (new["revenue"].isna() | (new["revenue"] == 0))
        & new["frequency"].isna()
    ).to_numpy()
    changed = np.where(exists, ~same, ~nothing)
    changes = new[changed].sort_index()
    changes["id"] = pd.to_numeric(
        stored["id"].reindex(changes.index), errors="coerce"
    ).astype("float64")
    moved = changed & ~class_same
    history = pd.DataFrame(index=new.index[moved])
    for c in CLASS_COLUMNS:
        history["old_" + c] = old.loc[moved, c]
        history["new_" + c] = new.loc[moved, c]
    return changes, history.sort_index()


def diff(computed, stored):
    """Rows to create, rows to update and class changes (vectorised).

    :param computed: result of :func:`classify`.
    :param stored: DataFrame indexed by ``partner_id`` with the column ``id``
        and the :data:`FACT_COLUMNS` as stored (may be empty or None).
    :return: ``(changes, history)``: ``changes`` is a list of dicts, one per
        client whose stored row is missing or differs (key ``id`` is None for a
        new row), sorted by partner id; ``history`` maps partner id to
        ``{"old_<c>": ..., "new_<c>": ...}`` for the clients whose lifecycle,
        ABC or XYZ class changed. A client without a stored row counts as
        ``none`` without ABC and XYZ: a new row whose classes are exactly
        that (e.g. a client whose only document is a refund) is written but
        gets no history row. (The run uses :func:`diff_frames`.)
    """
    frame, moved = diff_frames(computed, stored)
    if frame.empty:
        return [], {}
    frame = frame.copy()
    for col in DATE_COLUMNS:
        frame[col] = frame[col].dt.strftime("%Y-%m-%d").astype(object)
    keys = [*FACT_COLUMNS, "partner_id", "id"]
    lists = [_column(frame[col]) for col in FACT_COLUMNS]
    lists.append(frame.index.tolist())
    lists.append([None if v is None else int(v) for v in _column(frame["id"])])
    changes = [
        dict(zip(keys, values, strict=True)) for values in zip(*lists, strict=True)
    ]
    history = {}
    if len(moved):
        keys = list(moved.columns)
        lists = [_column(moved[c].astype(object)) for c in keys]
        history = {
            partner_id: dict(zip(keys, values, strict=True))
            for partner_id, values in zip(
                moved.index.tolist(), zip(*lists, strict=True), strict=True
            )
        }
    return changes, history


def effective(computed_value, manual_value):
    """The class a user sees: the manual override when set."""
    return manual_value or computed_value
