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
  ties by partner id ascending. ``S_prev`` is the cumulative share of the
  clients ranked *before* a client: A if ``S_prev < a``, B if ``S_prev < b``,
  else C. So the client that crosses a threshold belongs to the upper class
  and a client that reaches it exactly is the last one of that class. The
  arithmetic is exact (integer cents). Clients whose indicator is zero or
  negative get no ABC class.
* XYZ: regular clients only. The series is the per-period revenue from the
  first purchase period of the window (or the window start when the client
  bought before it) to the last closed period, zero periods included;
  ``CV = population std / mean * 100``. X if ``CV <= x``, Y if ``CV <= y``,
  else Z; no class when the mean is not positive (CV undefined).
"""

import calendar
import datetime
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
MAX_WINDOW_MONTHS = 120

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
}
CLASS_COLUMNS = ("lifecycle", "abc", "xyz")


class Params:
    """Classification parameters (one company)."""

    __slots__ = (
        "abc_a",
        "abc_b",
        "indicator",
        "lost_periods",
        "new_periods",
        "period",
        "window_months",
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
    ):
        self.indicator = indicator
        self.window_months = window_months
        self.period = period
        defaults = XYZ_DEFAULTS.get(period, XYZ_DEFAULTS["month"])
        self.abc_a = abc_a
        self.abc_b = abc_b
        self.xyz_x = defaults[0] if xyz_x is None else xyz_x
        self.xyz_y = defaults[1] if xyz_y is None else xyz_y
        self.new_periods = new_periods
        self.lost_periods = lost_periods

    @property
    def periods(self):
        """Number of periods in the window."""
        return self.window_months // PERIOD_MONTHS[self.period]

    def as_dict(self):
        return {name: getattr(self, name) for name in self.__slots__}


def validate_params(params):
    """Return a list of ``(code, values)`` errors; empty when valid.

    Codes (translated by the caller): ``indicator``, ``period``, ``window``,
    ``window_multiple``, ``abc_range``, ``abc_order``, ``xyz_range``,
    ``xyz_order``, ``new_periods``, ``lost_periods``.
    """
    errors = []
    if params.indicator not in INDICATORS:
        errors.append(("indicator", {"value": params.indicator}))
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


def _empty_result(index):
    frame = pd.DataFrame(index=pd.Index(index, name="partner_id", dtype="int64"))
    frame["lifecycle"] = "none"
    for col in ("abc", "xyz", "cell", "last_purchase"):
        frame[col] = None
    for col in ("revenue", "indicator_value", "share", "cum_share", "cv"):
        frame[col] = np.nan
    for col in ("rank", "percentile"):
        frame[col] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["purchase_periods"] = 0
    return frame


def classify(rows, params, periods, partner_ids=()):
    """Classify clients.

    :param rows: DataFrame ``partner_id, period, revenue[, margin, invoices]``
        (at most one row per partner and period).
    :param params: :class:`Params` (assumed valid).
    :param periods: start dates of the window periods (``window_periods``).
    :param partner_ids: clients to include even without rows (they get the
        ``none`` lifecycle and empty facts), e.g. the ones already stored.
    :return: DataFrame indexed by ``partner_id`` with the :data:`FACT_COLUMNS`.
    """
    n_periods = len(periods)
    rows = rows if rows is not None else pd.DataFrame()
    if rows.empty:
        all_ids = sorted({int(p) for p in partner_ids})
        return _empty_result(all_ids)
    rows = rows.copy()
    rows["partner_id"] = rows["partner_id"].astype("int64")
    rows["period"] = rows["period"].astype("int64")
    rows["revenue"] = rows["revenue"].astype("float64")
    all_ids = np.union1d(
        rows["partner_id"].unique(), np.asarray(list(partner_ids), dtype="int64")
    )
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
        var = np.where(
            counts > 0,
            np.nansum((series - mean[:, None]) ** 2, axis=1) / safe,
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
    prev_obj = prev.astype(object) * scale
    classes = np.where(
        prev_obj < a_milli * total,
        "A",
        np.where(prev_obj < b_milli * total, "B", "C"),
    )
    count = len(order)
    ranks = np.arange(1, count + 1)
    target = pos_ids[order]
    frame = pd.DataFrame(
        {
            "abc": classes,
            "share": np.round(sorted_cents / total * 100.0, 4),
            "cum_share": np.round(cum / total * 100.0, 4),
            "rank": ranks,
            "percentile": np.ceil(ranks * 100 / count).astype("int64"),
        },
        index=target,
    )
    result.loc[target, "abc"] = frame["abc"]
    result.loc[target, "share"] = frame["share"]
    result.loc[target, "cum_share"] = frame["cum_share"]
    result.loc[target, "rank"] = frame["rank"].astype("Int64")
    result.loc[target, "percentile"] = frame["percentile"].astype("Int64")


# Overrides and diff -----------------------------------------------------------


def _normalized(frame):
    """Comparable copy of the FACT_COLUMNS: rounded floats, ISO dates, NaN."""
    out = {}
    for col, digits in FACT_COLUMNS.items():
        if col not in frame:
            out[col] = pd.Series(np.nan, index=frame.index, dtype="float64")
            continue
        series = frame[col]
        if col == "last_purchase":
            out[col] = series.map(
                lambda v: (
                    v.isoformat()
                    if isinstance(v, datetime.date)
                    else (v if isinstance(v, str) and v else np.nan)
                )
            ).astype(object)
        elif col in CLASS_COLUMNS or col == "cell":
            values = series.astype(object)
            keep = values.notna() & values.astype(bool)
            out[col] = values.where(keep, np.nan)
        else:
            values = pd.to_numeric(series, errors="coerce").astype("float64")
            out[col] = values.round(digits) if digits is not None else values
    return pd.DataFrame(out, index=frame.index)


def _column(series):
    """Python values of a column (for SQL parameters): None for NaN."""
    return [
        None if v is None or (isinstance(v, float) and math.isnan(v)) else v
        for v in series.tolist()
    ]


def diff(computed, stored):
    """Rows to create, rows to update and class changes (vectorised).

    :param computed: result of :func:`classify`.
    :param stored: DataFrame indexed by ``partner_id`` with the column ``id``
        and the :data:`FACT_COLUMNS` as stored (may be empty or None).
    :return: ``(changes, history)``: ``changes`` is a list of dicts, one per
        client whose stored row is missing or differs (key ``id`` is None for a
        new row), sorted by partner id; ``history`` maps partner id to
        ``{"old_<c>": ..., "new_<c>": ...}`` for the clients whose lifecycle,
        ABC or XYZ class changed (a new row counts as a change from nothing).
    """
    new = _normalized(computed)
    if stored is None or stored.empty:
        stored = pd.DataFrame(columns=["id", *FACT_COLUMNS])
    stored = stored[~stored.index.duplicated()]
    old = _normalized(stored).reindex(new.index)
    exists = new.index.isin(stored.index)
    same = pd.Series(True, index=new.index)
    class_same = pd.Series(True, index=new.index)
    for col in FACT_COLUMNS:
        equal = (new[col] == old[col]) | (new[col].isna() & old[col].isna())
        same &= equal
        if col in CLASS_COLUMNS:
            class_same &= equal
    nothing = (new["lifecycle"] == "none") & (
        new["revenue"].isna() | (new["revenue"] == 0)
    )
    changed = np.where(exists, ~same, ~nothing)
    if not changed.any():
        return [], {}
    new_rows = new[changed].sort_index()
    keys = [*FACT_COLUMNS, "partner_id", "id"]
    lists = [_column(new_rows[col]) for col in FACT_COLUMNS]
    lists.append(new_rows.index.tolist())
    lists.append(
        [
            None if v is None else int(v)
            for v in _column(stored["id"].reindex(new_rows.index))
        ]
    )
    changes = [
        dict(zip(keys, values, strict=True)) for values in zip(*lists, strict=True)
    ]
    history = {}
    moved = new.index[changed & ~class_same.to_numpy()]
    if len(moved):
        keys, lists = [], []
        for c in CLASS_COLUMNS:
            keys += ["old_" + c, "new_" + c]
            lists += [_column(old.loc[moved, c]), _column(new.loc[moved, c])]
        history = {
            partner_id: dict(zip(keys, values, strict=True))
            for partner_id, values in zip(
                moved.tolist(), zip(*lists, strict=True), strict=True
            )
        }
    return changes, history


def effective(computed_value, manual_value):
    """The class a user sees: the manual override when set."""
    return manual_value or computed_value
