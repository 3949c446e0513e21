# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What to write: the computed rows compared with the stored ones, and the
rows kept between two calls of a run.

Pure Python (pandas/numpy), no Odoo import. Floats are compared rounded
(:data:`.classify_columns.FACT_COLUMNS`), so that float noise never counts
as a change; a client without a stored row counts as ``none`` without ABC
and XYZ.
"""

import io
import json
import math

import numpy as np
import pandas as pd

from .classify_columns import CLASS_COLUMNS, DATE_COLUMNS, FACT_COLUMNS, TEXT_COLUMNS


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
