# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Archive reasons as codes with parameters: pure Python, no Odoo import.

A client's archiving reason is stored as a code and its parameters
(``client_archive_reason_code``, ``client_archive_reason_params``) and shown
in the reader's language (``client_archive_reason``, computed); a sentence is
never stored. A reason is a dict: ``{"code": ..., **params}``:

- ``manual``: archived by hand; ``user`` (the user's name);
- ``unanswered``: no answer to ``count`` verification rounds in a row;
- ``inactive``: no invoice, order, interaction or verification for
  ``months`` months, since ``date`` (ISO);
- ``text``: a free text typed by a person (``text``), shown as typed.

:func:`from_text` reads the sentences stored by earlier versions (English or
Russian) back into codes (the migration to 18.0.1.1.0).

>>> from_text("No answer to 3 verification rounds in a row")
{'code': 'unanswered', 'count': 3}
>>> from_text("Неактивен более 24 мес. (нет счетов, заказов, взаимодействий "
...           "и проверок с 2024-12-07)")
{'code': 'inactive', 'months': 24, 'date': '2024-12-07'}
>>> from_text("Archived by hand by Mitchell Admin")
{'code': 'manual', 'user': 'Mitchell Admin'}
>>> from_text("Merged into another client")
{'code': 'text', 'text': 'Merged into another client'}
>>> of("Batch test")
{'code': 'text', 'text': 'Batch test'}
"""

import json
import re

__all__ = ["CODES", "from_text", "key", "of", "split"]

#: The codes, in the order of the selection field.
CODES = ("manual", "unanswered", "inactive", "text")

# the sentences earlier versions stored, in English and in Russian (ru.po)
_PATTERNS = (
    ("manual", re.compile(r"^Archived by hand by (?P<user>.+)$", re.DOTALL)),
    (
        "manual",
        re.compile(r"^Архивирован вручную пользователем (?P<user>.+)$", re.DOTALL),
    ),
    (
        "unanswered",
        re.compile(r"^No answer to (?P<count>\d+) verification rounds in a row$"),
    ),
    (
        "unanswered",
        re.compile(r"^Нет ответа на (?P<count>\d+) цикла\(ов\) проверки подряд$"),
    ),
    (
        "inactive",
        re.compile(
            r"^Inactive for more than (?P<months>\d+) months \(no invoice, order, "
            r"interaction or verification since (?P<date>\d{4}-\d{2}-\d{2})\)$"
        ),
    ),
    (
        "inactive",
        re.compile(
            r"^Неактивен более (?P<months>\d+) мес\. \(нет счетов, заказов, "
            r"взаимодействий и проверок с (?P<date>\d{4}-\d{2}-\d{2})\)$"
        ),
    ),
)
_INTEGERS = ("count", "months")


def of(reason):
    """A reason dict from a reason dict or a free text (``False`` for
    none)."""
    if not reason:
        return False
    if isinstance(reason, dict):
        if reason.get("code") not in CODES:
            raise ValueError(f"unknown archive reason {reason!r}")
        return dict(reason)
    return {"code": "text", "text": str(reason)}


def split(reason):
    """``(code, params)`` to store; ``(False, False)`` for no reason."""
    reason = of(reason)
    if not reason:
        return False, False
    params = {k: v for k, v in reason.items() if k != "code"}
    return reason["code"], params or False


def key(reason):
    """A hashable, stable key of a reason (to group equal reasons)."""
    return json.dumps(of(reason), sort_keys=True, default=str)


def from_text(text):
    """The reason a stored sentence of an earlier version says; unknown
    sentences are kept as free text."""
    text = (text or "").strip()
    if not text:
        return False
    for code, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            params = match.groupdict()
            for name in _INTEGERS:
                if name in params:
                    params[name] = int(params[name])
            return {"code": code, **params}
    return {"code": "text", "text": text}
