# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The columns of a classification result, and the frame that holds them.

Pure Python (pandas/numpy), no Odoo import: :func:`.classify.classify`
returns a frame indexed by ``partner_id`` with the :data:`FACT_COLUMNS`,
built on :func:`empty_result` (every client ``none``, no facts); the
run writes and compares exactly these columns.
"""

import numpy as np
import pandas as pd

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


def int_na(count):
    """An all-missing nullable integer array (built without a Python loop)."""
    return pd.arrays.IntegerArray(
        np.zeros(count, dtype="int64"), np.ones(count, dtype=bool)
    )


def int_at(count, positions, values):
    """A nullable integer array with ``values`` at ``positions``."""
    data = np.zeros(count, dtype="int64")
    mask = np.ones(count, dtype=bool)
    data[positions] = values
    mask[positions] = False
    return pd.arrays.IntegerArray(data, mask)


def object_at(index, positions, values):
    """An object column (None where missing) with ``values`` at ``positions``.

    Kept ``object``: pandas 3 would infer its ``str`` dtype (NaN for None).
    """
    column = np.full(len(index), None, dtype=object)
    column[positions] = values
    return pd.Series(column, index=index, dtype=object)


def empty_result(index):
    index = np.asarray(index, dtype="int64")
    count = len(index)
    frame = pd.DataFrame(index=pd.Index(index, name="partner_id", dtype="int64"))
    frame["lifecycle"] = "none"
    for col in ("abc", "xyz", "cell", "last_purchase"):
        frame[col] = None
    for col in ("revenue", "indicator_value", "share", "cum_share", "cv"):
        frame[col] = np.nan
    for col in ("rank", "percentile"):
        frame[col] = int_na(count)
    frame["purchase_periods"] = 0
    for col in ("last_invoice", "rfm_segment"):
        frame[col] = None
    for col in ("frequency", "recency", "rfm_r", "rfm_f", "rfm_m"):
        frame[col] = int_na(count)
    return frame
