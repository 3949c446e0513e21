# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure logic of the regulations add-on (no Odoo import).

>>> import datetime
>>> period_start(datetime.date(2026, 11, 23), 6)
datetime.date(2026, 7, 1)
>>> period_key(datetime.date(2026, 3, 31), 6)
'2026-01/6'
>>> add_months(datetime.date(2026, 8, 31), 6)
datetime.date(2027, 2, 28)
>>> split_round_robin([1, 2, 3, 4, 5], [10, 20])
[(1, 10), (2, 20), (3, 10), (4, 20), (5, 10)]
>>> consecutive_unanswered(["verified", "unanswered", "unanswered"])
2
>>> missing_values({"email": "a@b.c", "vat": " "}, ["email", "vat", "street"])
['vat', 'street']
"""

import calendar
import datetime
import unicodedata


def add_months(day, months):
    """``day`` moved by ``months`` months, clamped to the month's last day."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def period_start(day, months):
    """First day of the verification period containing ``day``.

    Periods of ``months`` months are aligned on January 1st, so that a
    six-month period is always January-June or July-December, whatever the
    day the scheduled action runs.
    """
    if months <= 0:
        raise ValueError("The period must be at least one month")
    month_index = day.year * 12 + (day.month - 1)
    start_index = month_index - (month_index % months)
    year, month = divmod(start_index, 12)
    return datetime.date(year, month + 1, 1)


def period_key(day, months):
    """Idempotency key of the period containing ``day``: ``YYYY-MM/<months>``."""
    start = period_start(day, months)
    return f"{start.year:04d}-{start.month:02d}/{months}"


def split_round_robin(items, operators):
    """Assign ``items`` to ``operators`` in turn; stable and fair (±1)."""
    if not operators:
        raise ValueError("At least one operator is needed")
    return [(item, operators[i % len(operators)]) for i, item in enumerate(items)]


def consecutive_unanswered(states):
    """How many of the latest rounds (oldest first) ended unanswered in a row."""
    count = 0
    for state in reversed(list(states)):
        if state != "unanswered":
            break
        count += 1
    return count


def missing_values(values, required):
    """Names of ``required`` keys whose value in ``values`` is empty or blank."""
    missing = []
    for name in required:
        value = values.get(name)
        if isinstance(value, str):
            value = value.strip()
        if not value:
            missing.append(name)
    return missing


def parse_field_list(text):
    """Split a comma-separated list of field names, dropping blanks and dupes.

    >>> parse_field_list(" street, vat,,email ,vat")
    ['street', 'vat', 'email']
    """
    seen = []
    for part in (text or "").split(","):
        name = part.strip()
        if name and name not in seen:
            seen.append(name)
    return seen


# Longest answer accepted per self-service field (characters); anything
# longer is cut, so a 100 kB value never reaches the client's record.
ANSWER_MAX_LENGTH = {
    "name": 128,
    "phone": 64,
    "mobile": 64,
    "email": 254,
    "website": 255,
    "street": 128,
    "street2": 128,
    "zip": 24,
    "city": 128,
    "vat": 32,
}
ANSWER_DEFAULT_MAX_LENGTH = 255


def clean_answer(name, value):
    """A self-service answer made safe to store: format characters (Unicode
    category Cf: zero-width spaces and joiners, bidirectional overrides and
    isolates, BOM) and control characters removed, whitespace runs folded to
    one space, trimmed, and cut to the field's maximum length.

    >>> clean_answer("city", " Mos\\u200bcow\\u202e ")
    'Moscow'
    >>> clean_answer("zip", "1" * 100)
    '111111111111111111111111'
    >>> clean_answer("name", None)
    ''
    """
    text = "".join(
        " " if char.isspace() else char
        for char in str(value or "")
        if unicodedata.category(char) not in ("Cf", "Cc") or char.isspace()
    )
    text = " ".join(text.split())
    limit = ANSWER_MAX_LENGTH.get(name, ANSWER_DEFAULT_MAX_LENGTH)
    return text[:limit].strip()
