# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure logic of the director's dashboard (no Odoo import).

The quarter under way is compared *to date*: its first N days against the
first N days of the previous quarter and of the same quarter last year, never
a partial quarter against a whole one.
"""

import datetime

from dateutil.relativedelta import relativedelta

ABC = ("A", "B", "C")
XYZ = ("X", "Y", "Z")


def quarter_start(day):
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def compared_periods(today):
    """{"current", "previous", "last_year"}: (start, end) inclusive.

    ``current`` runs from the first day of today's quarter to today; the two
    others cover the same number of days from the start of their quarter
    (capped at their quarter's end: 92 days of Q3 against 90 of Q1)."""
    start = quarter_start(today)
    days = (today - start).days
    result = {"current": (start, today)}
    for key, ref_start in (
        ("previous", start - relativedelta(months=3)),
        ("last_year", start - relativedelta(years=1)),
    ):
        ref_quarter_end = ref_start + relativedelta(months=3, days=-1)
        result[key] = (
            ref_start,
            min(ref_start + datetime.timedelta(days), ref_quarter_end),
        )
    return result


def quarter_of(day):
    """``(quarter number, year)`` of a date: ``(4, 2026)`` for 2026-11-27."""
    return (day.month - 1) // 3 + 1, day.year


def growth(current, reference):
    """Growth in percent, or None when the reference is zero (no base)."""
    if not reference:
        return None
    return round((current - reference) / abs(reference) * 100.0, 1)


def matrix(cells):
    """3 x 3 ABC-XYZ matrix from {(abc, xyz): (count, revenue)}.

    Returns rows A, B, C of cells X, Y, Z: dicts abc, xyz, count, revenue,
    share (percent of the total revenue of the matrix, None without any)."""
    total = sum(revenue for _count, revenue in cells.values() if revenue)
    rows = []
    for abc in ABC:
        row = []
        for xyz in XYZ:
            count, revenue = cells.get((abc, xyz), (0, 0.0))
            row.append(
                {
                    "abc": abc,
                    "xyz": xyz,
                    "count": count,
                    "revenue": revenue,
                    "share": round(revenue / total * 100.0, 1) if total else None,
                }
            )
        rows.append(row)
    return rows


def movers(current, reference, limit=5):
    """Biggest movers between two {partner_id: amount} maps.

    Returns (up, down): lists of (partner_id, current, reference, delta),
    the largest increases and the largest decreases first."""
    deltas = [
        (pid, current.get(pid, 0.0), reference.get(pid, 0.0))
        for pid in set(current) | set(reference)
    ]
    deltas = [(pid, cur, ref, cur - ref) for pid, cur, ref in deltas if cur != ref]
    up = sorted((d for d in deltas if d[3] > 0), key=lambda d: (-d[3], d[0]))
    down = sorted((d for d in deltas if d[3] < 0), key=lambda d: (d[3], d[0]))
    return up[:limit], down[:limit]
