# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Keys of the PostgreSQL advisory locks the suite takes (no Odoo import).

A button pressed twice (two tabs, a double click, two users) must start one
job: its action takes ``pg_try_advisory_xact_lock(namespace, object id)``;
the second press, failing to take it, hands back the job in progress. The
lock is released with the transaction, so nothing can stay locked.

>>> advisory_key("client_base.interaction_backfill") == advisory_key(
...     "client_base.interaction_backfill")
True
>>> 0 <= advisory_key("anything") < 2**31
True
"""

import zlib


def advisory_key(name):
    """A stable int4 namespace for the lock named ``name``."""
    return zlib.crc32(name.encode()) & 0x7FFFFFFF
