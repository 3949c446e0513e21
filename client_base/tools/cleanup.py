# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Canonical forms by kind of value, and the plan of a clean-up: no Odoo.

>>> rows = [(1, "RU", "+7 (495) 908-49-47", " a@b.ru"), (2, None, "12", "x@y.org")]
>>> changes = plan(rows, ("phone", "email"), {"phone": "phone", "email": "email"})
>>> sorted(changes), changes[1]["phone"], changes[1]["email"]
([1], ('+7 (495) 908-49-47', '+7 495 908-49-47'), (' a@b.ru', 'a@b.ru'))
"""

from . import normalize, taxid

__all__ = ["canonical", "plan"]


def canonical(kind, value, region=None):
    """``(canonical, valid)`` of ``value`` of a field of the given ``kind``.

    Kinds: ``phone``, ``email``, ``website``, ``vat``, ``kpp``, ``ogrn``,
    ``name`` (never emptied) and ``text``.

    >>> canonical("name", "   "), canonical("text", "  Moscow ")
    (('   ', True), ('Moscow', True))
    """
    if kind == "phone":
        return normalize.canonical_phone(value, region)
    if kind == "email":
        return normalize.canonical_email(value)
    if kind == "website":
        return normalize.normalize_website(value)
    if kind == "vat":
        return taxid.check_vat(value, region)
    if kind == "kpp":
        return taxid.check_kpp(value)
    if kind == "ogrn":
        return taxid.check_ogrn(value)
    return normalize.canonical_text(value, keep_blank=kind == "name"), True


def plan(rows, columns, kinds, default_region=None):
    """Changes a clean-up makes: ``{id: {field: (old, new)}}``.

    ``rows`` are tuples ``(id, region, *values of columns)``; only valid
    values not in canonical form change (an invalid value needs a person).
    Running the plan on its own result gives ``{}``.
    """
    result = {}
    for row in rows:
        pid, region = row[0], row[1] or default_region
        changes = {}
        for column, value in zip(columns, row[2:], strict=True):
            if value is None or value is False or value == "":
                continue
            new, valid = canonical(kinds[column], value, region)
            if valid and (new or False) != value:
                changes[column] = (value, new or False)
        if changes:
            result[pid] = changes
    return result
