# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reading an imported client list safely (no Odoo import).

* ``decode``: the text of a CSV file and the encoding it was saved in. UTF-8
  (with or without BOM) first; otherwise ``charset-normalizer`` (pulled in by
  ``requests``) guesses, which recognises the cp1251 files Russian Excel saves
  by default. NUL characters (which PostgreSQL cannot store) are removed.
* ``neutralize_formula``: a value that a spreadsheet would run as a formula
  (CSV/formula injection: it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return) gets a leading apostrophe, unless it is a number or a phone
  number such as ``+7 495 123-45-67``.

>>> decode("Имя;Город\\nООО Ромашка;Москва\\n".encode("cp1251"))[1]
'cp1251'
>>> decode("Name\\nACME\\n".encode("utf-8-sig"))
('Name\\nACME\\n', 'utf-8')
>>> decode(b"Na\\x00me;City\\nAC\\x00ME;Omsk\\n")
('Name;City\\nACME;Omsk\\n', 'utf-8')
>>> neutralize_formula("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> neutralize_formula("+7 495 123-45-67")
'+7 495 123-45-67'
>>> neutralize_formula("-12.5")
'-12.5'
>>> neutralize_formula("@SUM(A1)")
"'@SUM(A1)"
"""

import re

try:
    from charset_normalizer import from_bytes
except ImportError:  # pragma: no cover - a dependency of requests
    from_bytes = None

# Characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A number or a phone number: digits with the usual separators, an optional
# sign or leading "+", an optional extension.
NUMBER_OR_PHONE = re.compile(
    r"^[+-]?\s*[\d(][\d\s().,/-]*(\s*(ext\.?|x|доб\.?|#)\s*\d+)?$", re.IGNORECASE
)
# Encodings tried when the file is not UTF-8 and no guess is possible.
FALLBACK_ENCODING = "cp1251"


def is_utf8(content):
    """True if ``content`` is valid UTF-8 (with or without BOM)."""
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def decode(content):
    """``(text, encoding)`` of the bytes of a text file."""
    if is_utf8(content):
        return strip_nul(content.decode("utf-8-sig")), "utf-8"
    encoding = None
    if from_bytes is not None:
        best = from_bytes(content).best()
        encoding = best.encoding if best else None
    encoding = encoding or FALLBACK_ENCODING
    return strip_nul(content.decode(encoding, errors="replace")), encoding


def strip_nul(text):
    """``text`` without NUL characters (PostgreSQL cannot store them).

    >>> strip_nul("AC\\x00ME")
    'ACME'
    """
    return text.replace("\x00", "") if "\x00" in text else text


def neutralize_formula(value):
    """``value`` made harmless for a spreadsheet (see the module doc)."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if NUMBER_OR_PHONE.match(value.strip()):
        return value
    return "'" + value
