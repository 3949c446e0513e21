# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tax-ID checks with python-stdnum (what Odoo's ``base_vat`` uses): no Odoo.

Every function returns ``(canonical, valid)`` like ``normalize``: the
canonical form trims the value, and a Russian INN loses its inner spaces
(what ``base_vat`` stores, through stdnum's ``compact``); the rest of the
formatting of a foreign VAT number is Odoo's own (``base_vat`` when
installed). An empty value is valid.

- Russian partners: the tax ID is the INN (10 digits for an organisation, 12
  for an individual, checksums of ``stdnum.ru.inn``); the KPP has 9
  characters (4 digits, 2 digits or capital letters, 3 digits); the OGRN has
  13 digits and the OGRNIP 15, the last one a check digit.
- Other partners: the VAT number is checked by stdnum's module of the
  country of its prefix, or of the partner's country; a country stdnum does
  not know is not checked (valid).

>>> check_vat("7707083893", "RU")
('7707083893', True)
>>> check_vat("7707083894", "RU")
('7707083894', False)
>>> check_vat(" BE0477472701 ", "BE")
('BE0477472701', True)
>>> check_kpp("773601001"), check_ogrn("1027700132195")
(('773601001', True), ('1027700132195', True))
"""

import re

import stdnum.util
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as ru_inn

try:  # python-stdnum >= 1.20
    from stdnum.ru import ogrn as ru_ogrn
except ImportError:  # pragma: no cover - depends on the installed release
    ru_ogrn = None

__all__ = ["check_kpp", "check_ogrn", "check_vat"]

_KPP_RE = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")
_SPACES_RE = re.compile(r"[\s-]+")


def _trim(value):
    if value is None or value is False:
        return False
    text = str(value).strip()
    return text or False


def check_inn(value):
    """INN of a Russian organisation (10 digits) or individual (12 digits).

    >>> check_inn("500100732259"), check_inn("12345")
    (('500100732259', True), ('12345', False))
    """
    text = _trim(value)
    if not text:
        return False, True
    number = _SPACES_RE.sub("", text)
    if number[:2].upper() == "RU":
        number = number[2:]
    return text, bool(ru_inn.is_valid(number))


def check_kpp(value):
    """KPP: 4 digits (tax office), 2 digits or capitals (reason), 3 digits.

    >>> check_kpp("7736 01 001"), check_kpp("77360100")
    (('7736 01 001', True), ('77360100', False))
    """
    text = _trim(value)
    if not text:
        return False, True
    return text, bool(_KPP_RE.match(_SPACES_RE.sub("", text)))


def _ogrn_valid(number):
    if not number.isdigit() or number[0] == "0":
        return False
    if len(number) == 13:
        return int(number[:12]) % 11 % 10 == int(number[12])
    if len(number) == 15:
        return int(number[:14]) % 13 % 10 == int(number[14])
    return False


def check_ogrn(value):
    """OGRN (13 digits) or OGRNIP (15 digits) with its check digit.

    >>> check_ogrn("304500116000157"), check_ogrn("1027700132194")
    (('304500116000157', True), ('1027700132194', False))
    """
    text = _trim(value)
    if not text:
        return False, True
    number = _SPACES_RE.sub("", text)
    if ru_ogrn is not None:
        return text, bool(ru_ogrn.is_valid(number))
    return text, _ogrn_valid(number)


def check_vat(value, country_code=None):
    """VAT number (INN for Russia) of a partner of ``country_code``.

    >>> check_vat("77 0708 3893", "RU")
    ('7707083893', True)
    >>> check_vat("BEnew", "BE"), check_vat("XX123", None)
    (('BEnew', False), ('XX123', True))
    """
    text = _trim(value)
    if not text or text == "/":
        return text, True
    compact = _SPACES_RE.sub("", text)
    country = (country_code or "").lower()
    number = compact
    if len(compact) > 2 and compact[:2].isalpha():
        country, number = compact[:2].lower(), compact[2:]
    if country == "ru":
        valid = check_inn(number)[1]
        if not compact[:2].isalpha():
            text = ru_inn.compact(text)
        return text, valid
    if not country:
        return text, True
    if country == "el":
        country = "gr"
    module = stdnum.util.get_cc_module(country, "vat")
    if module is None or not hasattr(module, "validate"):
        return text, True
    try:
        module.validate(number)
    except StdnumError:
        return text, False
    return text, True
