# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Normalisation of contact values: pure Python, no Odoo import.

Every function returns a pair ``(value, valid)``:

- ``value`` is what should be stored: the normalised value when the input is
  valid, the trimmed input otherwise, ``False`` when the input is empty or
  whitespace only;
- ``valid`` is ``True`` for a valid or an empty value, ``False`` otherwise.

``normalize_phone`` and ``normalize_email`` give the *matching keys* (E.164,
lower-case bare address). What is stored is the *canonical* form of
``canonical_phone``/``canonical_email`` (what Odoo's own phone widget and mail
code produce: a readable international number, the trimmed address with its
display name and case kept); ``value_state`` tells the three states of a
stored value: ``ok`` (valid and canonical), ``to_normalize`` (valid, the
machine can fix it) and ``invalid`` (needs a person).

>>> normalize_phone(" 8 (495) 123-45-67 ", "RU")
('+74951234567', True)
>>> normalize_email("  John.Doe@Example.COM ")
('john.doe@example.com', True)
>>> normalize_website("Example.com/")
('https://example.com', True)
>>> normalize_text("   ")
False
"""

import re
import unicodedata
from email.utils import getaddresses
from urllib.parse import urlsplit, urlunsplit

import phonenumbers

__all__ = [
    "INVALID",
    "OK",
    "TO_NORMALIZE",
    "canonical_email",
    "canonical_phone",
    "canonical_text",
    "clean_text",
    "is_empty",
    "name_key",
    "normalize_email",
    "normalize_phone",
    "normalize_text",
    "normalize_website",
    "phone_key",
    "value_state",
]

OK = "ok"
TO_NORMALIZE = "to_normalize"
INVALID = "invalid"

_WS_RE = re.compile(r"\s+")
# a number in international format, up to its extension: every extension
# prefix of phonenumbers starts with a letter or "#" (" ext. ", " x",
# " int. ", " Anexo ", "#")
_INTERNATIONAL_NUMBER_RE = re.compile(r"\+[^A-Za-z#]*")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL_LOCAL_RE = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$"
)
_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_TLD_RE = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
_NAME_KEY_DROP_RE = re.compile(r"[^\w]+", re.UNICODE)


def is_empty(value):
    """True for ``None``, ``False`` and strings made of whitespace only."""
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    return False


def clean_text(value):
    """Trim, drop control characters and collapse inner whitespace.

    >>> clean_text("  ACME \\t  Ltd ")
    'ACME Ltd'
    >>> clean_text("\\n ")
    False
    """
    if is_empty(value):
        return False
    value = _CONTROL_RE.sub("", str(value))
    value = _WS_RE.sub(" ", value).strip()
    return value or False


def normalize_text(value):
    """Text field: whitespace only means empty; otherwise trimmed."""
    return clean_text(value)


def _valid_domain(domain):
    if not domain or len(domain) > 253 or "." not in domain:
        return None
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    ascii_domain = ascii_domain.lower()
    labels = ascii_domain.split(".")
    if not all(_LABEL_RE.match(label) for label in labels):
        return None
    if not _TLD_RE.match(labels[-1]):
        return None
    return domain.lower()


def normalize_email(value):
    """Trim, lowercase and validate one e-mail address.

    ``"Name <addr>"`` keeps the address only. Several addresses, spaces,
    missing ``@`` or a bad domain make the value invalid.

    >>> normalize_email('"Ivanov" <Ivanov@Mail.RU>')
    ('ivanov@mail.ru', True)
    >>> normalize_email("a@b@c.com")
    ('a@b@c.com', False)
    """
    text = clean_text(value)
    if not text:
        return False, True
    candidate = text
    if "<" in text or ">" in text:
        addresses = getaddresses([text])
        if len(addresses) == 1 and addresses[0][1] and text.rstrip().endswith(">"):
            candidate = addresses[0][1]
        else:
            return text, False
    candidate = candidate.strip().lower()
    if any(ch.isspace() for ch in candidate) or candidate.count("@") != 1:
        return text, False
    local, domain = candidate.split("@")
    if not local or len(local) > 64 or not _EMAIL_LOCAL_RE.match(local):
        return text, False
    domain = _valid_domain(domain)
    if not domain:
        return text, False
    return f"{local}@{domain}", True


def _parse_phone(text, region):
    """Parsed valid number of a cleaned ``text``, or ``None``."""
    region = (region or "").upper() or None
    candidate = text
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    candidate = re.sub(
        r"(?i)\s*(?:доб\.?|ext\.?|x)\s*(\d+)\s*$", r" ext. \1", candidate
    )
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return number


def normalize_phone(value, region=None):
    """Convert a phone number to E.164 using the country ``region`` (ISO code).

    An extension is kept as ``;ext=N`` (RFC 3966). ``00`` is read as ``+``.

    >>> normalize_phone("+7 495 123-45-67 доб. 12")
    ('+74951234567;ext=12', True)
    >>> normalize_phone("not a phone", "RU")
    ('not a phone', False)
    """
    text = clean_text(value)
    if not text:
        return False, True
    number = _parse_phone(text, region)
    if number is None:
        return text, False
    result = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:
        result = f"{result};ext={number.extension}"
    return result, True


def phone_key(value, region=None):
    """The E.164 key of a phone written in any format, or ``False``: the
    one phone parser of the suite (duplicates, import matching and the
    stored ``client_*_e164`` keys all come from here).

    Extensions are dropped: a switchboard is one number. ``region`` (ISO
    country code, the partner's country) reads national numbers.

    >>> phone_key("8 (495) 123-45-67 доб. 12", "RU")
    '+74951234567'
    >>> phone_key("+74951234567;ext=12")
    '+74951234567'
    >>> phone_key("12-34", "RU")
    False
    """
    if not isinstance(value, str):
        return False
    text = clean_text(value)
    if not text:
        return False
    number = _parse_phone(text, region)
    if number is None:
        return False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_website(value):
    """Lowercase scheme and host, add ``https://``, drop a lone trailing slash.

    >>> normalize_website("HTTP://WWW.Example.com/Path/")
    ('http://www.example.com/Path/', True)
    >>> normalize_website("not a site")
    ('not a site', False)
    """
    text = clean_text(value)
    if not text:
        return False, True
    if any(ch.isspace() for ch in text) or "<" in text or ">" in text:
        return text, False
    candidate = text if "://" in text else "https://" + text
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        return text, False
    scheme = parts.scheme.lower()
    host = _valid_domain(parts.hostname or "")
    if scheme not in ("http", "https") or not host or parts.username:
        return text, False
    netloc = host if port is None else f"{host}:{port}"
    path = "" if parts.path == "/" else parts.path
    return urlunsplit((scheme, netloc, path, parts.query, parts.fragment)), True


def name_key(name, city=None):
    """Key to compare client names within one city, or ``False``.

    Case, accents, punctuation and spacing are ignored.

    >>> name_key(" ООО «Ромашка» ", "Москва") == name_key("ооо ромашка", " москва")
    True
    >>> name_key("Acme", "  ")
    False
    """
    name = clean_text(name)
    city = clean_text(city)
    if not name or not city:
        return False

    def fold(text):
        text = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        return _NAME_KEY_DROP_RE.sub(" ", text).strip()

    name, city = fold(name), fold(city)
    if not name or not city:
        return False
    return f"{name}|{city}"


# Canonical (stored) forms and the three states ---------------------------


def canonical_phone(value, region=None):
    """Readable international form of a phone, as Odoo's phone widget stores it.

    >>> canonical_phone("8 (495) 908-49-47", "RU")
    ('+7 495 908-49-47', True)
    >>> canonical_phone("+7 495 765 43 21 доб. 12")
    ('+7 495 765-43-21 ext. 12', True)
    >>> canonical_phone("12", "RU")
    ('12', False)
    """
    text = clean_text(value)
    if not text:
        return False, True
    number = _parse_phone(text, region)
    if number is None:
        return text, False
    readable = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, readable), True


def e164_of_canonical(text):
    """E.164 key of a phone in the canonical (international) form of
    :func:`canonical_phone`, without parsing it again: the international
    format is ``+`` and the country code, then the national significant
    number grouped by spaces, hyphens or dots, then an optional extension
    with its region's prefix (`` ext. N``, `` xN``, ``#N``...).

    >>> e164_of_canonical("+7 495 908-49-47 ext. 12")
    '+74959084947'
    >>> e164_of_canonical("+39 06 1234 5678")
    '+390612345678'
    """
    number = _INTERNATIONAL_NUMBER_RE.match(text).group(0)
    return "+" + "".join(ch for ch in number if ch.isdigit())


def canonical_email(value):
    """Trimmed e-mail with its display name and case kept; validity.

    >>> canonical_email('  "Ivanov" <Ivanov@Mail.RU> ')
    ('"Ivanov" <Ivanov@Mail.RU>', True)
    >>> canonical_email("a@b@c.com")
    ('a@b@c.com', False)
    """
    text = clean_text(value)
    if not text:
        return False, True
    return text, normalize_email(text)[1]


def canonical_text(value, keep_blank=False):
    """Text trimmed with inner whitespace collapsed; never emptied if ``keep_blank``.

    >>> canonical_text("  ACME   Ltd "), canonical_text("  ", keep_blank=True)
    ('ACME Ltd', '  ')
    """
    text = clean_text(value)
    if not text and keep_blank and isinstance(value, str):
        return value
    return text


def value_state(stored, canonical, valid):
    """State of a stored value given its canonical form and validity.

    >>> value_state("+7 495 908-49-47", "+7 495 908-49-47", True)
    'ok'
    >>> value_state("+7 (495) 908-49-47", "+7 495 908-49-47", True)
    'to_normalize'
    >>> value_state("12", "12", False), value_state(False, False, True)
    ('invalid', 'ok')
    """
    if not valid:
        return INVALID
    if (stored or False) == (canonical or False):
        return OK
    return TO_NORMALIZE
