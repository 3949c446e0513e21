"""Unit tests of client_base/tools/greeting.py (no Odoo)."""

import doctest
from datetime import date, timedelta

import pytest
from conftest import load_pure

greeting = load_pure("client_base", "greeting")


def test_doctests():
    failed, _attempted = doctest.testmod(greeting)
    assert not failed


@pytest.mark.parametrize(
    "day,monday,sunday",
    [
        (date(2025, 12, 29), date(2025, 12, 29), date(2026, 1, 4)),
        (date(2026, 1, 4), date(2025, 12, 29), date(2026, 1, 4)),
        (date(2026, 1, 5), date(2026, 1, 5), date(2026, 1, 11)),
        (date(2027, 1, 1), date(2026, 12, 28), date(2027, 1, 3)),
        (date(2028, 2, 29), date(2028, 2, 28), date(2028, 3, 5)),
    ],
)
def test_week_bounds(day, monday, sunday):
    assert greeting.week_bounds(day) == (monday, sunday)


WEEK_2026_1 = (date(2025, 12, 29), date(2026, 1, 4))  # across the new year


@pytest.mark.parametrize(
    "origin,week,expected",
    [
        (date(1980, 12, 29), WEEK_2026_1, date(2025, 12, 29)),
        (date(1980, 12, 31), WEEK_2026_1, date(2025, 12, 31)),
        (date(1990, 1, 1), WEEK_2026_1, date(2026, 1, 1)),
        (date(1990, 1, 4), WEEK_2026_1, date(2026, 1, 4)),
        (date(1990, 1, 5), WEEK_2026_1, None),
        (date(1970, 12, 28), WEEK_2026_1, None),
        # born this week: no anniversary yet
        (date(2025, 12, 30), WEEK_2026_1, None),
        (date(2026, 1, 2), WEEK_2026_1, None),
        # one year old at the next turn of the year
        (date(2025, 1, 2), WEEK_2026_1, date(2026, 1, 2)),
        # February 29 in a common year: celebrated on February 28
        (date(2000, 2, 29), (date(2027, 2, 22), date(2027, 2, 28)), date(2027, 2, 28)),
        (date(2000, 2, 29), (date(2027, 3, 1), date(2027, 3, 7)), None),
        # ... and on February 29 in a leap year, not on the 28th
        (date(2000, 2, 29), (date(2028, 2, 28), date(2028, 3, 5)), date(2028, 2, 29)),
        (date(2000, 2, 29), (date(2028, 2, 21), date(2028, 2, 27)), None),
        (date(2000, 2, 28), (date(2028, 2, 28), date(2028, 3, 5)), date(2028, 2, 28)),
        (date(2001, 3, 1), (date(2028, 2, 28), date(2028, 3, 5)), date(2028, 3, 1)),
    ],
)
def test_occurrence_in_range(origin, week, expected):
    assert greeting.occurrence_in_range(origin, *week) == expected


def test_month_day_keys():
    keys = greeting.month_day_keys(*WEEK_2026_1)
    assert keys == ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03", "01-04"]
    common = greeting.month_day_keys(date(2027, 2, 22), date(2027, 2, 28))
    assert common[-2:] == ["02-28", "02-29"]
    leap = greeting.month_day_keys(date(2028, 2, 28), date(2028, 3, 5))
    assert leap[:3] == ["02-28", "02-29", "03-01"]
    assert leap.count("02-29") == 1


def test_keys_select_every_occurrence():
    """Whatever the week, an origin selected by the keys has an occurrence and
    an origin with an occurrence is selected (over eight years, leap included)."""
    start = date(2024, 1, 1)
    origins = [date(1996, 1, 1) + timedelta(days=n) for n in range(366)]
    day = start
    while day.year < 2032:
        monday, sunday = greeting.week_bounds(day)
        keys = set(greeting.month_day_keys(monday, sunday))
        for origin in origins:
            hit = greeting.occurrence_in_range(origin, monday, sunday)
            assert (hit is not None) == (origin.strftime("%m-%d") in keys), (
                origin,
                monday,
            )
        day = sunday + timedelta(days=1)


def test_years_and_round():
    assert greeting.years_since(date(1976, 1, 2), date(2026, 1, 2)) == 50
    assert greeting.is_round(1) and greeting.is_round(25)
    assert not greeting.is_round(7) and not greeting.is_round(0)
