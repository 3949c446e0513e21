# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import csv
import io

import numpy as np
import pandas as pd
import psycopg2

from odoo import api, models
from odoo.tools import SQL

from ..tools import classify, classify_columns, classify_diff

# columns read back as text (classes) by _read_frame
TEXT_READ = {
    "lifecycle",
    "abc",
    "xyz",
    "cell",
    "rfm_segment",
    "last_purchase",
    "last_invoice",
}


def _float_list(series):
    """Floats of a column as a list, ``None`` for NaN."""
    values = series.to_numpy(dtype="float64", na_value=np.nan)
    out = values.astype(object)
    out[np.isnan(values)] = None
    return out.tolist()


def _int_list(series):
    """Whole numbers of a (float or nullable) column, ``None`` for NaN."""
    values = series.to_numpy(dtype="float64", na_value=np.nan)
    missing = np.isnan(values)
    out = np.where(missing, 0, np.round(values)).astype("int64").astype(object)
    out[missing] = None
    return out.tolist()


def _date_list(series):
    """ISO dates of a datetime64 column, ``None`` for NaT."""
    values = pd.to_datetime(series).to_numpy(dtype="datetime64[D]")
    out = np.datetime_as_string(values).astype(object)
    out[np.isnat(values)] = None
    return out.tolist()


def _object_list(series):
    """Text values of a column, ``None`` for NaN or None."""
    values = series.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    return values.tolist()


class ClientClassificationRun(models.Model):
    """The classification phases of a run: classify the sums, compare with
    the stored rows, store the changes to write (see
    :mod:`.client_classification_run`)."""

    _inherit = "client.classification.run"

    @staticmethod
    def _frames(data):
        """Split the summed rows (tuples or a DataFrame) into the classify
        inputs."""
        frame = pd.DataFrame(
            data,
            columns=[
                "partner_id",
                "period",
                "revenue",
                "margin",
                "invoices",
                "last_invoice",
            ],
        )
        frame["period"] = frame["period"].astype("int64")
        frame["invoices"] = frame["invoices"].fillna(0).astype("int64")
        flags = frame["period"] < 0
        rows = frame.loc[~flags, ["partner_id", "period", "revenue", "margin"]]
        rows = rows.assign(invoices=frame.loc[~flags, "invoices"])
        rows = rows.groupby(["partner_id", "period"], as_index=False).sum()
        before = frame[flags & (frame["revenue"] > 0)]
        rows = pd.concat(
            [
                rows,
                pd.DataFrame(
                    {
                        "partner_id": before["partner_id"],
                        "period": -1,
                        "revenue": 1.0,
                        "margin": 0.0,
                        "invoices": 0,
                    }
                ),
            ],
            ignore_index=True,
        )
        invoices = frame.loc[flags, ["partner_id", "invoices", "last_invoice"]]
        invoices = invoices.rename(columns={"invoices": "frequency"})
        return rows, invoices.reset_index(drop=True)

    # Phases 2 to 4: classify, diff, store -------------------------------------------

    def _classify_to_pending(self):
        """Classify from the run's sums; keep every client's computed row
        (packed, :func:`classify_diff.pack`, in client_classification_run_stage)
        for the next call, which compares them with the stored rows
        (:meth:`_diff_pending`).

        Two calls, not one: at 250,000 clients reading the sums, classifying,
        reading the stored rows, comparing and writing the changes took
        13.4 s in a single call on two idle cores (``bench_analytics.py
        --tier L``); each half stays well under the 10 s of a call.
        """
        params, periods, _window_end = self._params_and_window()
        company = self.company_id
        sums = self._read_frame(
            SQL(
                """
                SELECT partner_id, period, SUM(revenue), SUM(margin),
                       SUM(invoices), MAX(last_invoice)
                  FROM client_classification_run_sum
                 WHERE run_id = %s
              GROUP BY 1, 2
                """,
                self.id,
            ),
            ["partner_id", "period", "revenue", "margin", "invoices", "last_invoice"],
        )
        rows, invoices = self._frames(sums)
        # the clients already classified are classified again, with or
        # without sales in the window (their ids only: the comparison with
        # their stored rows is the next call's)
        self.env["client.classification"].flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT partner_id FROM client_classification WHERE company_id = %s",
                company.id,
            )
        )
        stored_ids = [row[0] for row in self.env.cr.fetchall()]
        computed = classify.classify(rows, params, periods, stored_ids, invoices)
        self._stage_put(*classify_diff.pack(classify_diff.normalized(computed)))
        self.env.cr.execute(
            SQL("DELETE FROM client_classification_run_sum WHERE run_id = %s", self.id)
        )
        self.write({"phase": "diff", "client_count": len(computed)})

    def _diff_pending(self):
        """Compare the computed rows with the stored ones; keep only the
        changes and the class moves (packed again) for the next call."""
        computed = self._stage_get()
        stored = self._read_stored(self.company_id)
        changes, history = classify_diff.diff_frames(computed, stored)
        frame = changes.copy()
        frame["moved"] = changes.index.isin(history.index).astype("float64")
        for c in ("lifecycle", "abc", "xyz"):
            old = "old_" + c
            values = history[old] if old in history else pd.Series(dtype=object)
            frame[old] = values.reindex(changes.index).astype(object)
        self._stage_put(*classify_diff.pack(frame))
        self.write({"phase": "store", "change_count": len(changes)})

    def _store_staged(self):
        """COPY the staged changes into client_classification_pending, where
        the write phase takes them in batches (a call of its own: 250,000
        rows at tier L)."""
        frame = self._stage_get()
        history = frame.loc[frame["moved"] > 0, ["old_lifecycle", "old_abc", "old_xyz"]]
        self._store_pending(frame, history)
        self.env.cr.execute(
            SQL(
                "DELETE FROM client_classification_run_stage WHERE run_id = %s", self.id
            )
        )
        self.write({"phase": "write", "remaining_count": len(frame)})

    def _stage_put(self, header, data):
        """Keep the packed rows of this run (:func:`classify_diff.pack`)."""
        self.env.cr.execute(
            SQL(
                """INSERT INTO client_classification_run_stage (run_id, header, data)
                   VALUES (%s, %s, %s)
                   ON CONFLICT (run_id) DO UPDATE
                      SET header = EXCLUDED.header, data = EXCLUDED.data""",
                self.id,
                psycopg2.Binary(header),
                psycopg2.Binary(data),
            )
        )

    def _stage_get(self):
        """The packed rows of this run, as a frame."""
        self.env.cr.execute(
            SQL(
                "SELECT header, data FROM client_classification_run_stage "
                "WHERE run_id = %s",
                self.id,
            )
        )
        row = self.env.cr.fetchone()
        if row is None:
            # never expected (the stage is written and read in the committed
            # calls of this run): fail, the next run starts afresh
            raise ValueError("The classified rows of the run are missing.")
        return classify_diff.unpack(*row)

    def _store_pending(self, changes, history):
        """COPY the changes into client_classification_pending (fast).

        :param changes: ``changes`` of :func:`classify_diff.diff_frames`.
        :param history: its ``history``.
        """
        if changes.empty:
            return
        n = len(changes)
        moved = changes.index.isin(history.index)
        columns = {
            "run_id": [self.id] * n,
            "partner_id": changes.index.tolist(),
            "classification_id": _int_list(changes["id"]),
        }
        for col in classify_columns.FACT_COLUMNS:
            values = changes[col]
            if col in classify_columns.INT_COLUMNS:
                columns[col] = _int_list(values)
            elif col in classify_columns.DATE_COLUMNS:
                columns[col] = _date_list(values)
            elif col in classify_columns.TEXT_COLUMNS:
                columns[col] = _object_list(values)
            else:
                columns[col] = _float_list(values)
        columns["history"] = np.where(moved, "t", "f").tolist()
        for c in ("lifecycle", "abc", "xyz"):
            old = "old_" + c
            columns[old] = (
                _object_list(history[old].reindex(changes.index))
                if old in history
                else [None] * n
            )
        # the csv module writes the rows about twice as fast as
        # DataFrame.to_csv (no per-cell formatting of nullable dtypes):
        # 250,000 changes at tier L; None is written empty, read as NULL
        buffer = io.StringIO()
        csv.writer(buffer).writerows(zip(*columns.values(), strict=True))
        buffer.seek(0)
        columns = ", ".join(columns)
        # COPY: the fastest way in (250,000 changes at tier L)
        self.env.cr.copy_expert(
            f"COPY client_classification_pending ({columns}) "
            "FROM STDIN WITH (FORMAT csv)",
            buffer,
        )

    @api.model
    def _read_stored(self, company):
        columns = list(classify_columns.FACT_COLUMNS)
        self.env["client.classification"].flush_model()
        stored = self._read_frame(
            SQL(
                """
                SELECT partner_id, id, computed_lifecycle, computed_abc,
                       computed_xyz, computed_cell, revenue, indicator_value,
                       share, cum_share, rank, percentile, cv, purchase_periods,
                       last_purchase, frequency, last_invoice, recency, rfm_r,
                       rfm_f, rfm_m, rfm_segment
                  FROM client_classification
                 WHERE company_id = %s
                """,
                company.id,
            ),
            ["partner_id", "id", *columns],
        )
        return stored.set_index("partner_id")

    def _read_frame(self, query, columns):
        """A query's rows as a DataFrame through ``COPY ... TO STDOUT``.

        Hundreds of thousands of rows: the C CSV parser of pandas is several
        times faster than building Python tuples. Text columns come back as
        text (NaN when NULL), numbers as numbers, dates as ISO text.
        """
        buffer = io.StringIO()
        statement = self.env.cr.mogrify(query.code, query.params).decode()
        self.env.cr.copy_expert(
            f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)", buffer
        )
        buffer.seek(0)
        if not buffer.getvalue():
            return pd.DataFrame(columns=columns)
        return pd.read_csv(
            buffer,
            header=None,
            names=columns,
            keep_default_na=False,
            na_values=[""],
            dtype={c: object for c in columns if c in TEXT_READ},
        )
