# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who is writing: a person's entry or the suite's own code. One mechanism
for the whole suite, defined here and nowhere else.

Some rules depend on the origin of a write: a person's entry (form, import,
the client's self-service page) is normalised and checked against the field
rules; the archiving itself must not be checked and logged twice; an
invoice posted by Odoo's auto-post job is not a person's posting. The
origin is never read from the context: context keys are chosen by the
caller of any JSON-RPC method, so a key would let an API client claim to be
a person, the archiving or the auto-post job. It is a private
:mod:`contextvars` variable instead, set only by server code around a block
(``with origin.scope(origin.PEOPLE): ...``) and reset when the block ends;
no request can reach it.

>>> active(PEOPLE)
False
>>> with scope(PEOPLE):
...     with scope(ARCHIVING):
...         sorted(_SCOPES.get())
...     active(PEOPLE), active(ARCHIVING)
['archiving', 'people']
(True, False)
>>> active(PEOPLE)
False
"""

import contextlib
import contextvars

__all__ = ["ARCHIVING", "AUTOMATIC_POSTING", "PEOPLE", "active", "scope"]

#: A person's entry: forms, Odoo's import, the import wizard, self-service.
PEOPLE = "people"
#: The regulation's archiving writing its own changes (checked and logged).
ARCHIVING = "archiving"
#: Odoo's auto-post scheduled action posting draft invoices.
AUTOMATIC_POSTING = "automatic_posting"

_SCOPES = contextvars.ContextVar("client_base_origin", default=frozenset())


@contextlib.contextmanager
def scope(name):
    """Mark the writes inside the block as coming from ``name``."""
    token = _SCOPES.set(_SCOPES.get() | {name})
    try:
        yield
    finally:
        _SCOPES.reset(token)


def active(name):
    """Whether the current code runs inside a :func:`scope` of ``name``."""
    return name in _SCOPES.get()
