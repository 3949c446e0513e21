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
* RFM (:mod:`.classify_rfm`): recency, frequency and monetary scores 1-5 of
  the clients with at least one invoice in the window, and a named segment.

The jobs, one module each: :mod:`.classify_params` (the parameters, their
validation, the window of periods), this module (lifecycle, ABC, XYZ),
:mod:`.classify_rfm` (RFM), :mod:`.classify_columns` (the columns of a
result) and :mod:`.classify_diff` (the comparison with the stored rows and
the rows kept between two calls of a run).
"""

import numpy as np
import pandas as pd

from .classify_columns import empty_result, int_at, object_at
from .classify_rfm import rfm_into


def classify(rows, params, periods, partner_ids=(), invoices=None):
    """Classify clients.

    :param rows: DataFrame ``partner_id, period, revenue[, margin, invoices]``
        (at most one row per partner and period).
    :param params: :class:`.classify_params.Params` (assumed valid).
    :param periods: start dates of the window periods
        (:func:`.classify_params.window_periods`).
    :param partner_ids: clients to include even without rows (they get the
        ``none`` lifecycle and empty facts), e.g. the ones already stored.
    :param invoices: optional DataFrame ``partner_id, frequency,
        last_invoice`` (number of customer invoices in the window and the
        date of the last one) for the RFM scores; without it no RFM.
    :return: DataFrame indexed by ``partner_id`` with the
        :data:`.classify_columns.FACT_COLUMNS`.
    """
    n_periods = len(periods)
    rows = rows if rows is not None else pd.DataFrame()
    if rows.empty:
        all_ids = sorted({int(p) for p in partner_ids})
        if invoices is not None and not invoices.empty:
            all_ids = sorted(set(all_ids) | set(invoices["partner_id"].astype(int)))
        result = empty_result(all_ids)
        if invoices is not None and len(all_ids):
            rfm_into(result, invoices, params, periods)
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
    result = empty_result(all_ids)

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
        rfm_into(result, invoices, params, periods)
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
    result["abc"] = object_at(result.index, target, classes)
    share = np.full(size, np.nan)
    share[target] = np.round(sorted_cents / total * 100.0, 4)
    result["share"] = share
    cum_share = np.full(size, np.nan)
    cum_share[target] = np.round(cum / total * 100.0, 4)
    result["cum_share"] = cum_share
    result["rank"] = int_at(size, target, ranks)
    result["percentile"] = int_at(
        size, target, np.ceil(ranks * 100 / count).astype("int64")
    )
