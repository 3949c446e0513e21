# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contact keys of the duplicate evidence: pure Python, no Odoo import.

The values two partners are compared by, each in one form: the E.164 phone
(the suite's one phone parser, ``tools/normalize.py``), the lower-cased
e-mail address, the company domain (never a public mail provider's), the
tax ID (a Russian INN only with valid control digits).

>>> domain_key("Info@Romashka.ru"), tax_key("RU 7707083893")
('romashka.ru', '7707083893')
"""

import re

from . import normalize

__all__ = [
    "PUBLIC_DOMAINS",
    "common_key",
    "domain_key",
    "email_key",
    "is_public_domain",
    "is_valid_inn",
    "phone_key",
    "tax_key",
]

# Free mail providers: a shared domain there says nothing about a company.
PUBLIC_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "t-online.de",
        "mail.com",
        "protonmail.com",
        "proton.me",
        "yandex.ru",
        "yandex.com",
        "ya.ru",
        "yandex.by",
        "yandex.kz",
        "yandex.ua",
        "mail.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "internet.ru",
        "rambler.ru",
        "lenta.ru",
        "autorambler.ru",
        "myrambler.ru",
        "ro.ru",
        "qip.ru",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "virgilio.it",
        "163.com",
        "126.com",
        "qq.com",
    ]
)
_DIGITS_RE = re.compile(r"\D+")
_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def phone_key(value, region=None):
    """The E.164 form of a phone written in any format, or ``False``
    (:func:`normalize.phone_key`).

    Extensions are dropped: a switchboard is one number. ``region`` (ISO
    country code) reads national numbers.

    >>> phone_key("8 (495) 123-45-67 доб. 12", "RU")
    '+74951234567'
    >>> phone_key("+7 495 123-45-67")
    '+74951234567'
    >>> phone_key("12-34", "RU")
    False
    """
    # the one phone parser of the suite: tools/normalize.py
    return normalize.phone_key(value, region)


def email_key(value):
    """The lower-cased address of an e-mail value, or ``False``.

    >>> email_key(' "Ivanov" <Ivanov@Mail.RU> ')
    'ivanov@mail.ru'
    >>> email_key("not an address")
    False
    """
    if not value or not isinstance(value, str):
        return False
    text = value.strip()
    if "<" in text and text.endswith(">"):
        text = text[text.rfind("<") + 1 : -1]
    text = text.strip().lower()
    if text.count("@") != 1 or any(ch.isspace() for ch in text):
        return False
    local, domain = text.split("@")
    if not local or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return False
    return text


def is_public_domain(domain):
    """True for a free mail provider's domain.

    >>> is_public_domain("Mail.ru"), is_public_domain("romashka.ru")
    (True, False)
    """
    return bool(domain) and domain.lower() in PUBLIC_DOMAINS


def domain_key(email=None, website=None):
    """The company domain of an e-mail (else of a website), or ``False``.

    Public mail providers give no key; ``www.`` is dropped.

    >>> domain_key("info@romashka.ru"), domain_key("ivanov@mail.ru")
    ('romashka.ru', False)
    >>> domain_key(False, "https://www.Romashka.ru/contacts")
    'romashka.ru'
    """
    address = email_key(email)
    if address:
        domain = address.split("@")[1]
        return False if is_public_domain(domain) else domain
    if website and isinstance(website, str):
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", website.strip().lower())
        host = re.split(r"[/?#:]", host)[0]
        host = host.removeprefix("www.")
        if "." in host and not is_public_domain(host):
            return host
    return False


def is_valid_inn(value):
    """Check the control digits of a 10- or 12-digit Russian INN.

    >>> is_valid_inn("7707083893"), is_valid_inn("7707083894")
    (True, False)
    """
    if not value or not value.isdigit():
        return False

    def digit(digits, coefs):
        return sum(int(d) * c for d, c in zip(digits, coefs, strict=False)) % 11 % 10

    if len(value) == 10:
        return int(value[9]) == digit(value, _INN10)
    if len(value) == 12:
        return int(value[10]) == digit(value, _INN12_1) and int(value[11]) == digit(
            value, _INN12_2
        )
    return False


def tax_key(vat):
    """A tax ID usable as evidence, or ``False``.

    A Russian INN (10 or 12 digits) must pass its checksum; another VAT
    number needs at least five characters.

    >>> tax_key(" 77 0708 3893 "), tax_key("7707083894"), tax_key("DE 123456789")
    ('7707083893', False, 'DE123456789')
    """
    if not vat or not isinstance(vat, str):
        return False
    value = re.sub(r"[\s.-]+", "", vat).upper()
    if value.startswith("RU") and value[2:].isdigit():
        value = value[2:]
    if value.isdigit() and len(value) in (10, 12):
        return value if is_valid_inn(value) else False
    if value.isdigit() and len(value) < 10:
        return False
    return value if len(value) >= 5 and value != "/" else False


def common_key(kind, left, right, shared):
    """True when ``left`` and ``right`` share a value not held by too many."""
    return any((kind, value) not in shared for value in left & right)
