# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Column mapping and row matching of the client import: pure Python.

>>> mapping = guess_mapping(["Наименование", "E-mail", "Телефон", "ИНН", "Misc"])
>>> [mapping[c] for c in ("Наименование", "E-mail", "Телефон", "ИНН", "Misc")]
['name', 'email', 'phone', 'vat', '']
>>> decide({"vat": {7}, "email": {7}, "phone": set()})
('update', 7)
>>> decide({"vat": {7}, "email": {8}})
('conflict', False)
>>> decide({})
('create', False)
"""

import re

__all__ = ["IMPORT_FIELDS", "decide", "diff_values", "guess_mapping"]

#: Importable field names, each with header synonyms (lowercase, no spaces).
IMPORT_FIELDS = {
    "name": (
        "name",
        "client",
        "company",
        "companyname",
        "наименование",
        "название",
        "клиент",
        "имя",
        "фио",
        "контрагент",
    ),
    "company_type": ("type", "companytype", "тип", "вид"),
    "vat": ("vat", "taxid", "tin", "inn", "инн", "унп", "бин"),
    "email": ("email", "e-mail", "mail", "почта", "электроннаяпочта", "емейл"),
    "client_email_personal": ("personalemail", "личнаяпочта"),
    "phone": ("phone", "telephone", "tel", "workphone", "телефон", "рабочийтелефон"),
    "client_phone_extra": (
        "phone2",
        "extraphone",
        "additionalphone",
        "дополнительныйтелефон",
        "телефон2",
    ),
    "mobile": ("mobile", "cell", "мобильный", "мобильныйтелефон", "сотовый"),
    "website": ("website", "web", "site", "url", "сайт"),
    "street": ("street", "address", "адрес", "улица", "фактическийадрес"),
    "street2": ("street2", "address2"),
    "zip": ("zip", "postcode", "postalcode", "индекс"),
    "city": ("city", "town", "город"),
    "country": ("country", "countrycode", "страна"),
    "function": ("function", "jobposition", "position", "должность"),
}

_HEADER_DROP_RE = re.compile(r"[\s_.:]+")


def _header_key(header):
    return _HEADER_DROP_RE.sub("", str(header or "")).casefold()


def guess_mapping(columns):
    """Map each column header to an importable field name, or ``''``.

    A field is used at most once (the first matching column wins).
    """
    used = set()
    mapping = {}
    for column in columns:
        key = _header_key(column)
        found = ""
        for fname, synonyms in IMPORT_FIELDS.items():
            if fname in used:
                continue
            if key == fname.replace("_", "") or key in synonyms:
                found = fname
                break
        if found:
            used.add(found)
        mapping[column] = found
    return mapping


def decide(matches):
    """Create, update or conflict from the partners matched per key.

    ``matches`` maps a key name (vat, email, phone, name) to the set of
    partner ids it matched. One partner in all the sets means an update,
    several different partners a conflict, none a creation.
    """
    found = set()
    for ids in matches.values():
        found |= set(ids)
    if not found:
        return "create", False
    if len(found) == 1:
        return "update", next(iter(found))
    return "conflict", False


def diff_values(existing, new, overwrite=False):
    """Values to write on an existing partner, and the conflicting fields.

    Empty new values never erase. Without ``overwrite``, a field holding a
    different value is a conflict and is not written.

    >>> old = {"phone": False, "email": "a@b.ru"}
    >>> diff_values(old, {"phone": "+7", "email": "c@d.ru"})
    ({'phone': '+7'}, ['email'])
    >>> diff_values({"email": "a@b.ru"}, {"email": "c@d.ru"}, overwrite=True)
    ({'email': 'c@d.ru'}, [])
    """
    to_write = {}
    conflicts = []
    for fname, value in new.items():
        if value in (False, None, ""):
            continue
        old = existing.get(fname)
        if old == value:
            continue
        if old not in (False, None, "") and not overwrite:
            conflicts.append(fname)
            continue
        to_write[fname] = value
    return to_write, conflicts
