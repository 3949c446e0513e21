"""Unit tests of client_base_analytics/tools/classify*.py (no Odoo needed)."""

import datetime
import math
import random
from fractions import Fraction

import pandas as pd
import pytest
from conftest import load_pure

classify = load_pure("client_base_analytics", "classify")
classify_columns = load_pure("client_base_analytics", "classify_columns")
classify_diff = load_pure("client_base_analytics", "classify_diff")
classify_params = load_pure("client_base_analytics", "classify_params")
classify_rfm = load_pure("client_base_analytics", "classify_rfm")
REF = datetime.date(2026, 11, 23)


def frame(rows, extra=()):
    columns = ["partner_id", "period", "revenue", *extra]
    return pd.DataFrame(rows, columns=columns)


def run(rows, params=None, partner_ids=(), extra=()):
    params = params or classify_params.Params()
    periods = classify_params.window_periods(REF, params)
    return classify.classify(frame(rows, extra), params, periods, partner_ids)


# -- an independent oracle: plain Python, exact fractions -----------------------


def oracle(rows, params):
    n = params.periods
    series, before = {}, {}
    for pid, period, rev in rows:
        if period < 0:
            before[pid] = before.get(pid, 0) + Fraction(str(rev))
        else:
            s = series.setdefault(pid, [Fraction(0)] * n)
            s[period] += Fraction(str(rev))
    ids = sorted(set(series) | set(before))
    out = {}
    for pid in ids:
        s = series.get(pid, [Fraction(0)] * n)
        bought_before = before.get(pid, 0) > 0
        purchases = [i for i, v in enumerate(s) if v > 0]
        if not purchases and not bought_before:
            life = "none"
        elif not bought_before and n - 1 - purchases[0] < params.new_periods:
            life = "new"
        elif not purchases or purchases[-1] < n - params.lost_periods:
            life = "lost"
        elif len(purchases) == 1:
            life = "one_time"
        else:
            life = "regular"
        xyz = None
        if life == "regular":
            start = 0 if bought_before else purchases[0]
            values = [float(v) for v in s[start:]]
            mean = sum(values) / len(values)
            if mean > 0:
                ddof = 1 if params.xyz_deviation == "sample" else 0
                std = math.sqrt(
                    sum((v - mean) ** 2 for v in values) / (len(values) - ddof)
                )
                cv = round(std / mean * 100, 2)
                xyz = "X" if cv <= params.xyz_x else "Y" if cv <= params.xyz_y else "Z"
        out[pid] = {"lifecycle": life, "xyz": xyz, "revenue": sum(s)}
    oracle_abc(out, ids, params)
    return out


def oracle_abc(out, ids, params):
    ranked = sorted(
        (pid for pid in ids if out[pid]["revenue"] > 0),
        key=lambda p: (-out[p]["revenue"], p),
    )
    total = sum(out[p]["revenue"] for p in ranked)
    cum = Fraction(0)
    for pid in ranked:
        prev_share = cum / total * 100 if total else 0
        cum += out[pid]["revenue"]
        if params.abc_rule == "own":
            # textbook: the client's own cumulative share; the top one is A
            share = cum / total * 100
            if share <= Fraction(str(params.abc_a)) or pid == ranked[0]:
                out[pid]["abc"] = "A"
            elif share <= Fraction(str(params.abc_b)):
                out[pid]["abc"] = "B"
            else:
                out[pid]["abc"] = "C"
        elif prev_share < Fraction(str(params.abc_a)):
            out[pid]["abc"] = "A"
        elif prev_share < Fraction(str(params.abc_b)):
            out[pid]["abc"] = "B"
        else:
            out[pid]["abc"] = "C"
    for pid in ids:
        out[pid].setdefault("abc", None)


def random_rows(seed, clients=300, params=None):
    params = params or classify_params.Params()
    rng = random.Random(seed)
    rows = []
    for pid in range(1, clients + 1):
        scale = rng.paretovariate(1.2) * 100
        if rng.random() < 0.3:
            rows.append((pid, -1, round(rng.uniform(-50, 500), 2)))
        start = rng.randrange(params.periods)
        for period in range(start, params.periods):
            if rng.random() < 0.55:
                rows.append((pid, period, round(scale * rng.uniform(0.2, 2), 2)))
        if rng.random() < 0.1:
            rows.append((pid, params.periods - 1, round(-scale * 3, 2)))  # refund
    # merge duplicates (the SQL gives one row per partner and period)
    merged = {}
    for pid, period, rev in rows:
        merged[(pid, period)] = round(merged.get((pid, period), 0) + rev, 2)
    return [(p, per, v) for (p, per), v in merged.items()]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("period", ["month", "quarter"])
@pytest.mark.parametrize("rule", classify_params.ABC_RULES)
@pytest.mark.parametrize("deviation", classify_params.XYZ_DEVIATIONS)
def test_matches_oracle(seed, period, rule, deviation):
    params = classify_params.Params(
        period=period,
        new_periods=2,
        lost_periods=2,
        abc_rule=rule,
        xyz_deviation=deviation,
    )
    rows = random_rows(seed, params=params)
    result = run(rows, params)
    expected = oracle(rows, params)
    assert set(result.index) == set(expected)
    for pid, exp in expected.items():
        got = result.loc[pid]
        assert got["lifecycle"] == exp["lifecycle"], pid
        abc = got["abc"] if isinstance(got["abc"], str) else None
        assert abc == exp["abc"], pid
        xyz = got["xyz"] if isinstance(got["xyz"], str) else None
        assert xyz == exp["xyz"], pid
        assert got["revenue"] == pytest.approx(float(exp["revenue"]), abs=0.01)
    # every class is populated with such skewed data
    assert {"A", "B", "C"} <= set(result["abc"].dropna())


def test_window_periods():
    params = classify_params.Params()
    periods = classify_params.window_periods(REF, params)
    assert periods[0] == datetime.date(2025, 11, 1)
    assert periods[-1] == datetime.date(2026, 10, 1)
    quarters = classify_params.window_periods(
        REF, classify_params.Params(period="quarter")
    )
    assert quarters == [
        datetime.date(2025, 10, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 7, 1),
    ]
    assert classify_params.add_months(datetime.date(2026, 3, 31), -1) == datetime.date(
        2026, 2, 28
    )


# -- B1: no purchase ------------------------------------------------------------


def test_b1_no_data_is_none_and_never_abc():
    result = run([(1, 5, 100.0)], partner_ids=[2, 3])
    assert result.loc[2, "lifecycle"] == "none"
    assert result.loc[2, "abc"] is None
    assert result.loc[1, "abc"] == "A"
    empty = run([], partner_ids=[7])
    assert list(empty.index) == [7]
    assert empty.loc[7, "lifecycle"] == "none"


# -- B2: refunds exceeding invoices, zero mean ----------------------------------


def test_b2_negative_and_zero_revenue():
    rows = [
        (1, 3, 100.0),
        (1, 4, -300.0),  # refund larger than the invoices
        (2, -1, 50.0),
        (2, 3, 100.0),
        (2, 9, -100.0),
        (3, 2, 0.0),
    ]
    result = run(rows)
    assert result.loc[1, "revenue"] == -200.0
    assert result.loc[1, "abc"] is None
    assert result.loc[2, "revenue"] == 0.0
    assert result.loc[2, "abc"] is None
    assert math.isnan(result.loc[2, "cv"])
    assert result.loc[3, "lifecycle"] == "none"
    # regular client whose mean is zero: CV undefined, no XYZ, no crash
    rows = [(4, -1, 10.0), (4, 6, 100.0), (4, 8, 50.0), (4, 10, -150.0)]
    result = run(rows, classify_params.Params(lost_periods=12))
    assert result.loc[4, "lifecycle"] == "regular"
    assert math.isnan(result.loc[4, "cv"])
    assert not isinstance(result.loc[4, "xyz"], str)
    # all totals zero: nothing classified
    result = run([(5, 1, 0.0)])
    assert result["abc"].isna().all()


# -- B3: ties and boundaries ------------------------------------------------------


def test_b3_exact_boundary_and_ties():
    # 80 / 10 / 5 / 5: the first client reaches 80 % exactly -> last A
    rows = [(1, 11, 80.0), (2, 11, 10.0), (3, 11, 5.0), (4, 11, 5.0)]
    result = run(rows)
    assert list(result["abc"]) == ["A", "B", "B", "C"]
    result = run(rows, classify_params.Params(abc_rule="crossing"))
    assert list(result["abc"]) == ["A", "B", "B", "C"]
    # ties on the boundary: the lower id ranks first, deterministically
    rows = [(9, 11, 40.0), (8, 11, 40.0), (7, 11, 15.0), (6, 11, 5.0)]
    result = run(rows)
    assert result.loc[8, "rank"] == 1 and result.loc[9, "rank"] == 2
    assert result.loc[8, "abc"] == "A" and result.loc[9, "abc"] == "A"
    rows = [(5, 11, 30.0), (4, 11, 30.0), (3, 11, 30.0), (2, 11, 10.0)]
    result = run(rows, classify_params.Params(abc_rule="crossing"))
    # 30, 60, 90: the client crossing 80 % (id 5, ranked last of the tie) is A
    assert result.loc[5, "abc"] == "A"
    assert result.loc[2, "abc"] == "B"  # previous cumulative share 90 < 95
    # own rule: 90 % > 80 % -> B, 100 % > 95 % -> C
    result = run(rows)
    assert result.loc[5, "abc"] == "B"
    assert result.loc[2, "abc"] == "C"
    # one dominant client is A, not B
    result = run([(1, 11, 99.0), (2, 11, 1.0)])
    assert result.loc[1, "abc"] == "A"


def test_b3_window_edges():
    # a line in the bucket before the window never counts in the window
    result = run([(1, -1, 100.0)])
    assert result.loc[1, "lifecycle"] == "lost"
    assert result.loc[1, "revenue"] == 0
    # first and last window period
    result = run([(1, 0, 10.0), (1, 11, 10.0)])
    assert result.loc[1, "purchase_periods"] == 2
    assert result.loc[1, "last_purchase"] == datetime.date(2026, 10, 1)


def test_lifecycle_rules():
    params = classify_params.Params(new_periods=3, lost_periods=4)
    rows = [
        (1, 10, 5.0),  # first purchase 1 period ago -> new
        (2, 3, 5.0),  # one purchase long ago, nothing since -> lost
        (3, -1, 5.0),
        (3, 9, 5.0),  # bought before, once in window -> one_time
        (4, 2, 5.0),
        (4, 9, 5.0),  # regular
        (5, 9, 5.0),  # first purchase 2 periods ago < 3 -> new
        (6, 8, 5.0),  # first purchase 3 periods ago -> not new; one_time
    ]
    result = run(rows, params)
    assert result["lifecycle"].to_dict() == {
        1: "new",
        2: "lost",
        3: "one_time",
        4: "regular",
        5: "new",
        6: "one_time",
    }


def test_xyz_skips_structural_zeros():
    # bought every period from period 8 on: the periods before are left out
    rows = [(1, i, 100.0) for i in range(8, 12)]
    result = run(rows, classify_params.Params(new_periods=1))
    assert result.loc[1, "lifecycle"] == "regular"
    assert result.loc[1, "cv"] == 0.0
    assert result.loc[1, "xyz"] == "X"
    # a client who bought before the window uses all window periods
    rows = [(2, -1, 1.0), (2, 0, 100.0), (2, 11, 100.0)]
    result = run(rows)
    values = [100.0] + [0.0] * 10 + [100.0]
    mean = sum(values) / 12
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / 12)
    assert result.loc[2, "cv"] == pytest.approx(std / mean * 100, abs=0.01)
    assert result.loc[2, "xyz"] == "Z"


def test_margin_and_invoice_indicators():
    rows = [(1, 11, 100.0, 5.0, 1), (2, 11, 50.0, 40.0, 3)]
    margin = run(
        rows, classify_params.Params(indicator="margin"), extra=("margin", "invoices")
    )
    assert margin.loc[2, "rank"] == 1
    count = run(
        rows, classify_params.Params(indicator="invoices"), extra=("margin", "invoices")
    )
    assert count.loc[2, "indicator_value"] == 3
    with pytest.raises(ValueError):
        run([(1, 11, 1.0)], classify_params.Params(indicator="margin"))


# -- B4: parameters ---------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"window_months": 0}, "window"),
        ({"window_months": -3}, "window"),
        ({"window_months": 13, "period": "quarter"}, "window_multiple"),
        ({"abc_a": 95, "abc_b": 80}, "abc_order"),
        ({"abc_a": 80, "abc_b": 80}, "abc_order"),
        ({"abc_a": 0, "abc_b": 80}, "abc_range"),
        ({"abc_a": 80, "abc_b": 100}, "abc_range"),
        ({"xyz_x": 50, "xyz_y": 20}, "xyz_order"),
        ({"xyz_x": -1, "xyz_y": 20}, "xyz_range"),
        ({"new_periods": 0}, "new_periods"),
        ({"lost_periods": 13}, "lost_periods"),
        ({"indicator": "profit"}, "indicator"),
        ({"period": "week"}, "period"),
        ({"window_months": 2}, "xyz_periods"),
        ({"window_months": 6, "period": "quarter"}, "xyz_periods"),
        ({"abc_rule": "middle"}, "abc_rule"),
        ({"xyz_deviation": "mad"}, "xyz_deviation"),
        ({"xyz_preset": "sap"}, "xyz_preset"),
        ({"rfm_method": "bounds", "rfm_r_bounds": (90, 30, 180, 365)}, "rfm_bounds"),
        ({"rfm_method": "bounds", "rfm_f_bounds": (1, 2, 4)}, "rfm_bounds"),
    ],
)
def test_b4_invalid_params(kwargs, code):
    errors = classify_params.validate_params(classify_params.Params(**kwargs))
    assert code in [c for c, _values in errors]


def test_valid_defaults():
    assert classify_params.validate_params(classify_params.Params()) == []
    assert classify_params.Params(period="quarter").xyz_x == 20.0
    # three periods are the shortest window XYZ accepts
    assert (
        classify_params.validate_params(
            classify_params.Params(window_months=3, new_periods=1, lost_periods=1)
        )
        == []
    )
    assert (
        classify_params.validate_params(
            classify_params.Params(
                window_months=9, period="quarter", new_periods=1, lost_periods=1
            )
        )
        == []
    )


# -- diff ---------------------------------------------------------------------------


def stored_from(result, ids=None):
    stored = result.copy()
    stored["id"] = range(100, 100 + len(stored))
    for col in ("last_purchase",):
        stored[col] = stored[col].map(lambda d: d and d.isoformat())
    return stored


def test_diff_only_changes():
    rows = random_rows(1, clients=50)
    result = run(rows)
    changes, history = classify_diff.diff(result, None)
    stored_count = int((result["lifecycle"] != "none").sum())
    assert len(changes) >= stored_count
    assert all(c["id"] is None for c in changes)
    # second run against what was stored: nothing to write
    stored = stored_from(result)
    assert classify_diff.diff(result, stored) == ([], {})
    # float noise is not a change
    noisy = stored.copy()
    noisy["revenue"] = noisy["revenue"] + 1e-9
    assert classify_diff.diff(result, noisy) == ([], {})
    # one client changes class -> one change, one history row
    changed = stored.copy()
    pid = changed.index[0]
    changed.loc[pid, "abc"] = "Z"
    changes, history = classify_diff.diff(result, changed)
    assert [c["partner_id"] for c in changes] == [pid]
    assert changes[0]["id"] == changed.loc[pid, "id"]
    assert history[pid]["old_abc"] == "Z"
    # a fact change without class change: written, no history
    changed = stored.copy()
    changed.loc[pid, "revenue"] = 1.5
    changes, history = classify_diff.diff(result, changed)
    assert len(changes) == 1 and history == {}


def test_effective_override():
    assert classify_diff.effective("A", False) == "A"
    assert classify_diff.effective("A", "C") == "C"


# -- Published worked example: ABC -------------------------------------------------

# Westermann, "Betriebstechnik HTL I/II" (2025, ISBN 978-3-7068-7580-6),
# chapter 4 "Materialwirtschaft", example L 4.1 "Beispiel ABC-Analyse",
# p. 112 (https://blickinsbuch.westermann.de/978-3-7068-7580-6/123):
# eight materials, annual value = quantity x unit price, A 80 %, B 15 %,
# C 5 % of the value. Material number -> (value in EUR/year, class in the
# book's solution table).
WESTERMANN_L41 = {
    1001: (67500.00, "A"),  # 500 x 135.00, 54.0 %, cumulative 54.0 %
    1002: (1575.00, "C"),  # 17,500 x 0.09, 1.3 %, cumulative 100.0 %
    1003: (4250.00, "B"),  # 5,000 x 0.85, 3.4 %, cumulative 94.7 %
    1004: (6035.00, "B"),  # 850 x 7.10, 4.8 %, cumulative 91.3 %
    1005: (2250.00, "C"),  # 15,000 x 0.15, 1.8 %, cumulative 98.7 %
    1006: (28500.00, "A"),  # 6,000 x 4.75, 22.9 %, cumulative 76.9 %
    1007: (2775.00, "C"),  # 1,500 x 1.85, 2.2 %, cumulative 96.9 %
    1008: (12000.00, "B"),  # 40,000 x 0.30, 9.6 %, cumulative 86.5 %
}


def westermann(params):
    rows = [(pid, 11, value) for pid, (value, _cls) in WESTERMANN_L41.items()]
    return run(rows, params)


def test_westermann_l41_default_rule_8_of_8():
    result = westermann(classify_params.Params())
    assert sum(WESTERMANN_L41.values(), ())[1::2]  # fixture sanity
    assert result["abc"].to_dict() == {
        pid: cls for pid, (_v, cls) in WESTERMANN_L41.items()
    }
    assert result.loc[1006, "cum_share"] == pytest.approx(76.9, abs=0.05)
    assert result.loc[1008, "cum_share"] == pytest.approx(86.5, abs=0.05)
    assert result.loc[1003, "cum_share"] == pytest.approx(94.7, abs=0.05)


def test_westermann_l41_crossing_rule_differs_on_two():
    result = westermann(classify_params.Params(abc_rule="crossing"))
    book = {pid: cls for pid, (_v, cls) in WESTERMANN_L41.items()}
    differ = {pid for pid in book if result.loc[pid, "abc"] != book[pid]}
    # the clients crossing 80 % (1008) and 95 % (1007) go to the upper class
    assert differ == {1008, 1007}
    assert result.loc[1008, "abc"] == "A" and result.loc[1007, "abc"] == "B"


# -- XYZ options --------------------------------------------------------------------


def test_xyz_sample_and_population_deviation():
    # steady-ish series over 12 months: 100, 120, 80, 100 ... (x3)
    values = [100.0, 120.0, 80.0, 100.0] * 3
    rows = [(1, -1, 1.0)] + [(1, i, v) for i, v in enumerate(values)]
    mean = sum(values) / 12
    ss = sum((v - mean) ** 2 for v in values)
    pop = math.sqrt(ss / 12) / mean * 100  # 14.14 %
    smp = math.sqrt(ss / 11) / mean * 100  # 14.77 %
    got_pop = run(rows, classify_params.Params(xyz_x=14.5, xyz_y=25))
    got_smp = run(
        rows, classify_params.Params(xyz_x=14.5, xyz_y=25, xyz_deviation="sample")
    )
    assert got_pop.loc[1, "cv"] == pytest.approx(pop, abs=0.01)
    assert got_smp.loc[1, "cv"] == pytest.approx(smp, abs=0.01)
    assert got_pop.loc[1, "xyz"] == "X"
    assert got_smp.loc[1, "xyz"] == "Y"


def test_xyz_presets():
    assert (classify_params.Params(xyz_preset="1c").xyz_x, 25.0) == (10.0, 25.0)
    assert classify_params.Params(xyz_preset="1c", period="quarter").xyz_y == 25.0
    assert (classify_params.Params(xyz_preset="scaled").xyz_x,) == (35.0,)
    scaled_q = classify_params.Params(xyz_preset="scaled", period="quarter")
    assert (scaled_q.xyz_x, scaled_q.xyz_y) == (20.0, 50.0)
    custom = classify_params.Params(xyz_preset="custom", xyz_x=5, xyz_y=15)
    assert (custom.xyz_x, custom.xyz_y) == (5, 15)
    # the same client (CV 14.14 %) is Y with 1C, X with the scaled preset
    values = [100.0, 120.0, 80.0, 100.0] * 3
    rows = [(1, -1, 1.0)] + [(1, i, v) for i, v in enumerate(values)]
    assert run(rows, classify_params.Params(xyz_preset="1c")).loc[1, "xyz"] == "Y"
    assert run(rows, classify_params.Params(xyz_preset="scaled")).loc[1, "xyz"] == "X"


# -- History ---------------------------------------------------------------------


def test_history_only_for_class_changes():
    # client 1 only has a refund; client 2 buys; client 3 stored, no change
    rows = [(1, 5, -300.0), (2, 3, 100.0), (2, 8, 100.0), (3, 4, 50.0)]
    result = run(rows, classify_params.Params(new_periods=1))
    changes, history = classify_diff.diff(result, None)
    assert {c["partner_id"] for c in changes} == {1, 2, 3}
    # the refund-only client is stored (its revenue is -300) but gets no
    # "nothing -> none" history row
    assert 1 not in history
    assert history[2]["old_lifecycle"] is None
    assert history[2]["new_lifecycle"] == "regular"
    stored = stored_from(result)
    assert classify_diff.diff(result, stored) == ([], {})


# -- RFM: a worked example ---------------------------------------------------------

# Window: 12 months to 2026-10-31 (reference date 2026-11-23), so recency is
# counted in days to 2026-11-01.
RFM_CLIENTS = {
    # id: (last invoice, invoices in the window, net revenue of the window)
    1: (datetime.date(2026, 10, 28), 10, 12000.0),  # 4 days
    2: (datetime.date(2026, 10, 10), 1, 300.0),  # 22 days
    3: (datetime.date(2026, 6, 1), 8, 9000.0),  # 153 days
    4: (datetime.date(2025, 12, 5), 1, 150.0),  # 331 days
    5: (datetime.date(2026, 3, 1), 3, 2000.0),  # 245 days
}


def rfm_run(params):
    periods = classify_params.window_periods(REF, params)
    rows = frame([(pid, 11, rev) for pid, (_d, _f, rev) in RFM_CLIENTS.items()])
    invoices = pd.DataFrame(
        [(pid, f, d) for pid, (d, f, _rev) in RFM_CLIENTS.items()],
        columns=["partner_id", "frequency", "last_invoice"],
    )
    return classify.classify(rows, params, periods, (), invoices)


def test_rfm_quintiles_worked_example():
    result = rfm_run(classify_params.Params())
    assert result["recency"].tolist() == [4, 22, 153, 331, 245]
    scores = {
        pid: (r["rfm_r"], r["rfm_f"], r["rfm_m"], r["rfm_segment"])
        for pid, r in result.iterrows()
    }
    assert scores == {
        1: (5, 5, 5, "champions"),
        2: (4, 1, 2, "promising"),  # frequency 1 ties with client 4: both 1
        3: (3, 4, 4, "loyal"),
        4: (1, 1, 1, "lost"),
        5: (2, 3, 3, "at_risk"),
    }


def test_rfm_bounds_worked_example():
    params = classify_params.Params(rfm_method="bounds")
    result = rfm_run(params)
    scores = {
        pid: (r["rfm_r"], r["rfm_f"], r["rfm_m"], r["rfm_segment"])
        for pid, r in result.iterrows()
    }
    assert scores == {
        1: (5, 5, 3, "champions"),
        2: (5, 1, 1, "new"),
        3: (3, 4, 3, "loyal"),
        4: (2, 1, 1, "hibernating"),
        5: (2, 3, 2, "at_risk"),
    }


def test_rfm_segment_grid_is_complete():
    names = {classify_rfm.rfm_segment(r, f) for r in range(1, 6) for f in range(1, 6)}
    assert names == set(classify_rfm.RFM_SEGMENTS)


def test_rfm_only_clients_with_invoices_and_stable_diff():
    params = classify_params.Params()
    periods = classify_params.window_periods(REF, params)
    rows = frame([(1, 11, 100.0), (2, -1, 50.0)])
    invoices = pd.DataFrame(
        [(1, 2, datetime.date(2026, 10, 2)), (2, 0, None)],
        columns=["partner_id", "frequency", "last_invoice"],
    )
    result = classify.classify(rows, params, periods, (), invoices)
    assert result.loc[1, "rfm_segment"] is not None
    assert result.loc[2, "rfm_segment"] is None
    stored = stored_from(result)
    stored["last_invoice"] = stored["last_invoice"].map(lambda d: d and d.isoformat())
    assert classify_diff.diff(result, stored) == ([], {})


def test_pack_unpack_round_trip():
    """What a run keeps between classifying and comparing comes back equal
    (numbers, text with gaps, dates with gaps), and compares as unchanged."""
    import numpy as np
    import pandas as pd

    rows = pd.DataFrame(
        {
            "partner_id": [1, 1, 2, 3, 3, 3],
            "period": [0, 1, 1, 0, 1, 2],
            "revenue": [100.0, 50.0, 10.0, 5.0, 5.0, 5.0],
        }
    )
    params = classify_params.Params()
    periods = classify_params.window_periods(datetime.date(2026, 4, 1), params)
    computed = classify.classify(rows, params, periods, [4])
    frame = classify_diff.normalized(computed)
    back = classify_diff.unpack(*classify_diff.pack(frame))
    assert back.index.tolist() == frame.index.tolist()
    for col in classify_columns.FACT_COLUMNS:
        a, b = frame[col], back[col]
        assert ((a == b) | (a.isna() & b.isna())).all(), col
    assert pd.isna(back.loc[4, "abc"]) and back.loc[1, "abc"] == "A"
    assert back["last_purchase"].dtype.kind == "M"
    assert np.isnan(back.loc[4, "revenue"]) or back.loc[4, "revenue"] == 0
    stored = back.assign(id=range(len(back)))
    changes, history = classify_diff.diff_frames(back, stored)
    assert changes.empty and history.empty
