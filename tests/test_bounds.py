"""The bounds of the numbers a user enters (client_base/tools/bounds.py)."""

import doctest

from conftest import REPO, load_pure

bounds = load_pure("client_base", "bounds")
classify_params = load_pure("client_base_analytics", "classify_params")


def test_doctests():
    result = doctest.testmod(bounds)
    assert result.failed == 0 and result.attempted > 0


def test_every_bound_is_an_interval():
    for key, bound in bounds.BOUNDS.items():
        assert bound.low < bound.high, key
        assert bounds.INT4_MIN <= bound.low and bound.high <= bounds.INT4_MAX, key


def test_clamp_keeps_dates_computable():
    assert bounds.clamp("res.partner", "client_update_period_months", 10**8) == 120
    assert bounds.clamp("res.partner", "client_update_period_months", -5) == 0
    assert bounds.clamp("res.partner", "client_update_period_months", "x", 6) == 6


def test_analytics_window_matches_classify():
    bound = bounds.lookup("res.company", "client_analytics_window_months")
    assert bound.high == classify_params.MAX_WINDOW_MONTHS


def test_readme_shows_the_table():
    readme = (REPO / "README.rst").read_text(encoding="utf-8")
    assert bounds.rst_table() in readme, (
        "README.rst: paste the table of client_base/tools/bounds.py "
        "(python -c 'print(bounds.rst_table())')"
    )
