# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""RFM: recency, frequency and monetary scores 1-5 and a named segment.

Pure Python (pandas/numpy), no Odoo import. Only the clients with at least
one customer invoice in the window are scored; scores come from quintiles
of the population (``quintile``) or four bounds per score (``bounds``), and
the segment from the recency and frequency scores (:data:`RFM_SEGMENTS`).
"""

import numpy as np
import pandas as pd

from .classify_columns import int_at, object_at
from .classify_params import PERIOD_MONTHS, add_months

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


def rfm_into(result, invoices, params, periods):
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
    result["frequency"] = int_at(size, positions, frequency)
    result["last_invoice"] = object_at(
        result.index, positions, pd.to_datetime(last).date
    )
    result["recency"] = int_at(size, positions, recency)
    result["rfm_r"] = int_at(size, positions, r)
    result["rfm_f"] = int_at(size, positions, f)
    result["rfm_m"] = int_at(size, positions, m)
    result["rfm_segment"] = object_at(
        result.index, positions, SEGMENT_GRID[r - 1, f - 1]
    )
