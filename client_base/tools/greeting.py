# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Date logic of the greetings (birthdays and anniversaries). Pure Python.

>>> week_bounds(date(2025, 12, 31))
(datetime.date(2025, 12, 29), datetime.date(2026, 1, 4))
>>> occurrence_in_range(date(1990, 1, 2), date(2025, 12, 29), date(2026, 1, 4))
datetime.date(2026, 1, 2)
>>> occurrence_in_range(date(2000, 2, 29), date(2027, 2, 22), date(2027, 2, 28))
datetime.date(2027, 2, 28)
"""

import calendar
from datetime import date, timedelta


def week_bounds(day):
    """Monday and Sunday of the ISO week of ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def anniversary_in_year(origin, year):
    """The day ``origin`` (a birthday, a founding date) is celebrated in
    ``year``: the same month and day, and February 28 for February 29 in a
    year that is not a leap year."""
    if origin.month == 2 and origin.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, origin.month, origin.day)


def occurrence_in_range(origin, start, end):
    """The anniversary of ``origin`` between ``start`` and ``end`` (included),
    or None. The range may span a year boundary (e.g. Dec 29 - Jan 4). Only
    anniversaries after ``origin`` itself count (one year old at least)."""
    for year in range(start.year, end.year + 1):
        day = anniversary_in_year(origin, year)
        if start <= day <= end and day > origin:
            return day
    return None


def month_day_keys(start, end):
    """The "MM-DD" keys of the days from ``start`` to ``end``, to pre-select
    candidates in SQL (``to_char(date, 'MM-DD') IN keys``). February 28 of a
    year that is not a leap year also selects February 29 birthdays."""
    keys = []
    day = start
    while day <= end:
        keys.append(day.strftime("%m-%d"))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            keys.append("02-29")
        day += timedelta(days=1)
    return keys


def years_since(origin, occurrence):
    """Age or anniversary number celebrated on ``occurrence``."""
    return occurrence.year - origin.year


def is_round(years):
    """Round anniversaries deserve special care: 1, 5, 10, 15, 20..."""
    return years == 1 or (years > 0 and years % 5 == 0)
