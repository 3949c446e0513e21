# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Completeness, rule selection and freshness: pure Python, no Odoo import.

A *rule* is a mapping with the keys ``field`` (a field key of
``FIELD_KEYS``), ``partner_kind`` (``company``, ``individual`` or
``contact``), ``segment`` (a client state such as ``vip``, or ``False`` for
every segment), ``importance`` (``primary`` or ``extra``), ``required``
(bool), ``invalid_handling`` (``reject`` or ``flag``) and ``weight`` (int).

>>> rules = [
...     {"field": "phone", "partner_kind": "company", "segment": False,
...      "importance": "primary", "required": False, "invalid_handling": "flag",
...      "weight": 3},
...     {"field": "mobile", "partner_kind": "company", "segment": False,
...      "importance": "extra", "required": False, "invalid_handling": "flag",
...      "weight": 1},
... ]
>>> applicable = select_rules(rules, "company", "client")
>>> completeness(applicable, {"phone"}, set())
(75, [])
>>> completeness(applicable, {"mobile"}, set())
(25, ['phone'])
"""

import calendar
import datetime

__all__ = [
    "FIELD_KEYS",
    "add_months",
    "completeness",
    "is_incomplete",
    "next_verification",
    "partner_kind",
    "resolve_period",
    "select_rules",
]

#: Field keys a rule may name; the Odoo side maps each to stored fields.
FIELD_KEYS = (
    "phone",
    "client_phone_extra",
    "mobile",
    "email",
    "client_email_personal",
    "website",
    "actual_address",
    "legal_address",
    "vat",
    "client_kpp",
    "client_ogrn",
    "function",
    "birthday",
    "client_founding_date",
    "client_preferred_channel",
    "client_best_contact_time",
    "client_decision_role",
)

PARTNER_KINDS = ("company", "individual", "contact")


def partner_kind(is_company, has_parent):
    """Kind of a partner for the rules.

    >>> partner_kind(True, False), partner_kind(False, False), partner_kind(False, True)
    ('company', 'individual', 'contact')
    """
    if is_company:
        return "company"
    return "contact" if has_parent else "individual"


def select_rules(rules, kind, segment):
    """Rules that apply to one partner, one per field key.

    A rule of the partner's segment replaces the general rule (segment
    ``False``) of the same field and kind.
    """
    general, specific = {}, {}
    for rule in rules:
        if rule["partner_kind"] != kind:
            continue
        if not rule.get("segment"):
            general[rule["field"]] = rule
        elif rule["segment"] == segment:
            specific[rule["field"]] = rule
    general.update(specific)
    return general


def completeness(applicable, filled, invalid):
    """Weighted completeness score 0-100 and the missing primary field keys.

    ``filled`` is the set of field keys holding a value, ``invalid`` the set
    of keys holding a value flagged invalid (counted as missing). With no
    applicable rule the score is 100.
    """
    total = 0
    got = 0
    missing = []
    for key in sorted(applicable, key=FIELD_KEYS.index):
        rule = applicable[key]
        weight = max(int(rule.get("weight") or 0), 0)
        total += weight
        ok = key in filled and key not in invalid
        if ok:
            got += weight
        elif rule.get("importance") == "primary" or rule.get("required"):
            missing.append(key)
    if not total:
        return 100, missing
    return round(100.0 * got / total), missing


def is_incomplete(applicable, score, missing, threshold=80):
    """Whether a partner is *incomplete*: its score is below ``threshold``
    (percent) or it misses a field its rules require.

    >>> rules = {"phone": {"required": True}, "email": {"required": False}}
    >>> is_incomplete(rules, 90, ["email"]), is_incomplete(rules, 90, ["phone"])
    (False, True)
    >>> is_incomplete(rules, 79, [])
    True
    """
    if score < threshold:
        return True
    return any(applicable.get(key, {}).get("required") for key in missing)


def add_months(date, months):
    """``date`` plus ``months`` months, clamped to the end of the month.

    >>> add_months(datetime.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month_index = date.month - 1 + months
    year = date.year + month_index // 12
    month = month_index % 12 + 1
    day = min(date.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def resolve_period(override=0, tag_periods=(), segment_period=0, general=6):
    """The update period in months that applies, most specific first.

    Per-client override, then the shortest period of the client's tags, then
    the period of the client's segment, then the general setting.

    >>> resolve_period(0, [12, 3], 0, 6), resolve_period(2, [3], 1, 6)
    (3, 2)
    >>> resolve_period(0, [], 0, 6), resolve_period(0, [0], 4, 6)
    (6, 4)
    """
    if override and override > 0:
        return override
    tags = [p for p in tag_periods if p and p > 0]
    if tags:
        return min(tags)
    if segment_period and segment_period > 0:
        return segment_period
    return general if general and general > 0 else 6


def next_verification(verified_on, created_on, months):
    """Date the next verification is due, or ``False`` without a base date."""
    base = verified_on or created_on
    if not base:
        return False
    if isinstance(base, datetime.datetime):
        base = base.date()
    return add_months(base, months)
