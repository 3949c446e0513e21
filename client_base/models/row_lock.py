# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Row locks for the buttons that start work or record an outcome.

A button pressed twice (a double click, two tabs, two users) must have one
effect. Its method first takes ``SELECT ... FOR UPDATE NOWAIT`` on the rows
it changes, then checks their state again:

- a press while the first is still running fails to take the lock and gets
  a clear message (``UserError``) instead of waiting or doubling the work;
- a press whose transaction started before the first one committed gets a
  serialisation failure on the lock, which Odoo retries: the retry reads the
  first press's outcome and does nothing;
- a later press reads the outcome directly (the state check).
"""

from psycopg2 import errors as pg_errors

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class RowLocked(UserError):
    """The rows are locked by another transaction (a concurrent press)."""


def lock_rows_nowait(records, message=None):
    """Lock the rows of ``records`` for this transaction, or raise a
    ``RowLocked`` (a ``UserError``) with ``message`` (a translated string) if another
    transaction holds them. The cached values of the records are dropped,
    so the caller's state check reads the database."""
    if not records:
        return records
    records.flush_recordset()
    env = records.env
    try:
        with env.cr.savepoint(flush=False):
            env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                    SQL.identifier(records._table),
                    tuple(records.ids),
                ),
                log_exceptions=False,
            )
    except pg_errors.LockNotAvailable as error:
        raise RowLocked(
            message
            or env._(
                "This is being processed already (another click, tab or user); "
                "reload the page in a moment to see the result."
            )
        ) from error
    records.invalidate_recordset()
    return records


class ClientPressOnceMixin(models.AbstractModel):
    """A wizard whose final button has one effect however often it is
    pressed: the first press takes the row lock and sets the flag; a second
    press (concurrent: a clear message; later: nothing) does no work."""

    _name = "client.press.once.mixin"
    _description = "Client Base: a wizard button with one effect"

    client_pressed = fields.Boolean(string="Already done", readonly=True, copy=False)

    def _client_press_once(self, message=None):
        """True for the press that does the work, False for a later one."""
        self.ensure_one()
        lock_rows_nowait(
            self,
            message
            or self.env._(
                "This is being done already (another click or tab); the "
                "result shows in a moment."
            ),
        )
        if self.client_pressed:
            return False
        self.client_pressed = True
        return True
