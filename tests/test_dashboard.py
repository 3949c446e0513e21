"""Unit tests of client_base_analytics/tools/dashboard.py (no Odoo needed)."""

import datetime

from conftest import load_pure

dashboard = load_pure("client_base_analytics", "dashboard")
D = datetime.date


def test_quarter_to_date_same_number_of_days():
    periods = dashboard.compared_periods(D(2026, 11, 27))
    assert periods["current"] == (D(2026, 10, 1), D(2026, 11, 27))
    # 57 days after the start of each quarter
    assert periods["previous"] == (D(2026, 7, 1), D(2026, 8, 27))
    assert periods["last_year"] == (D(2025, 10, 1), D(2025, 11, 27))


def test_quarter_to_date_capped_at_the_shorter_quarter():
    # Q3 has 92 days, Q2 91: the last day of Q3 compares with the whole Q2
    periods = dashboard.compared_periods(D(2026, 9, 30))
    assert periods["previous"] == (D(2026, 4, 1), D(2026, 6, 30))
    # first day of a quarter: one day against one day
    periods = dashboard.compared_periods(D(2026, 1, 1))
    assert periods["previous"] == (D(2025, 10, 1), D(2025, 10, 1))
    assert periods["last_year"] == (D(2025, 1, 1), D(2025, 1, 1))


def test_quarter_of():
    assert dashboard.quarter_of(D(2026, 11, 27)) == (4, 2026)
    assert dashboard.quarter_of(D(2026, 1, 1)) == (1, 2026)
    assert dashboard.quarter_of(D(2025, 6, 30)) == (2, 2025)


def test_growth():
    assert dashboard.growth(120, 100) == 20.0
    assert dashboard.growth(50, 100) == -50.0
    assert dashboard.growth(10, -20) == 150.0
    assert dashboard.growth(10, 0) is None


def test_matrix_shares_and_empty_cells():
    rows = dashboard.matrix({("A", "X"): (2, 75.0), ("C", "Z"): (5, 25.0)})
    assert [c["xyz"] for c in rows[0]] == ["X", "Y", "Z"]
    assert rows[0][0]["share"] == 75.0 and rows[0][0]["count"] == 2
    assert rows[2][2]["share"] == 25.0
    assert rows[1][1] == {
        "abc": "B",
        "xyz": "Y",
        "count": 0,
        "revenue": 0.0,
        "share": 0.0,
    }
    assert dashboard.matrix({})[0][0]["share"] is None


def test_movers():
    up, down = dashboard.movers({1: 100, 2: 10, 3: 50}, {1: 40, 2: 30, 4: 70}, limit=2)
    assert up == [(1, 100, 40, 60), (3, 50, 0, 50)]
    assert down == [(4, 0, 70, -70), (2, 10, 30, -20)]
