# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, models
from odoo.tools import SQL

from .client_classification_run import CONCURRENCY_ERRORS

_logger = logging.getLogger(__name__)
PARTNER_CLASS_FIELDS = {
    # res.partner company-dependent field: client.classification column
    "client_lifecycle_class": "lifecycle",
    "client_abc": "abc",
    "client_xyz": "xyz",
    "client_abc_xyz": "cell",
    "client_rfm_segment": "rfm_segment",
}


class ClientClassificationRun(models.Model):
    """The write phase of a run: batches of pending changes written by SQL,
    their history and the clients' company-dependent classes (see
    :mod:`.client_classification_run`)."""

    _inherit = "client.classification.run"

    # Phase 5: write-back -----------------------------------------------------------

    def _write_batch(self, batch_size):
        """Write one batch of pending changes; close the run when none is left.

        :return: the number of clients written.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM client_classification_pending
                 WHERE run_id = %s ORDER BY partner_id LIMIT %s
                """,
                self.id,
                batch_size,
            )
        )
        batch = [r[0] for r in self.env.cr.fetchall()]
        written, n_history = self._write_changes(batch)
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM client_classification_pending WHERE run_id = %s",
                self.id,
            )
        )
        remaining = self.env.cr.fetchone()[0]
        self.write(
            {
                "written_count": self.written_count + written,
                "history_count": self.history_count + n_history,
                "remaining_count": remaining,
                "batch_count": self.batch_count + (1 if batch else 0),
            }
        )
        _logger.info(
            "Client classification run %s (company %s): %s written, %s remaining",
            self.id,
            self.company_id.id,
            written,
            remaining,
        )
        if not remaining:
            self._close("done")
        elif not written:
            self.skipped_count = remaining
            self._close(
                "done",
                self.env._(
                    "%(count)s clients were locked by other transactions and are "
                    "left for the next run.",
                    count=remaining,
                ),
            )
        return written

    def _write_changes(self, pending_ids):
        """Write the pending changes ``pending_ids`` with set-based SQL.

        :return: ``(clients written, history rows)``.

        Rows locked by another transaction are skipped (``SKIP LOCKED``) and a
        lock or serialization error rolls back the batch to its savepoint:
        those clients stay pending and are taken by the next call.
        """
        self.ensure_one()
        if not pending_ids:
            return 0, 0
        company_id = self.company_id.id
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        """SELECT c.id FROM client_classification c
                             JOIN client_classification_pending p
                               ON p.classification_id = c.id
                            WHERE p.id = ANY(%s)
                              FOR NO KEY UPDATE OF c SKIP LOCKED""",
                        pending_ids,
                    )
                )
                locked = [r[0] for r in self.env.cr.fetchall()]
                updated = self._sql_update(pending_ids, locked)
                created = self._sql_insert(pending_ids, company_id)
                done = updated + created
                n_history = self._sql_insert_history(done)
                self._sync_partners([cid for _pid, cid in done])
                self.env.cr.execute(
                    SQL(
                        """DELETE FROM client_classification_pending
                            WHERE id = ANY(%s) AND partner_id = ANY(%s)""",
                        pending_ids,
                        [pid for pid, _cid in done],
                    )
                )
        except CONCURRENCY_ERRORS as exc:
            _logger.warning(
                "Client classification run %s: batch left for later (%s)",
                self.id,
                exc.__class__.__name__,
            )
            return 0, 0
        self.env["client.classification"].invalidate_model()
        self.env["client.classification.history"].invalidate_model()
        return len(done), n_history

    FACT_SET = """
                       revenue = p.revenue,
                       indicator_value = p.indicator_value,
                       share = p.share,
                       cum_share = p.cum_share,
                       rank = p.rank,
                       percentile = p.percentile,
                       cv = p.cv,
                       purchase_periods = p.purchase_periods,
                       last_purchase = p.last_purchase,
                       frequency = p.frequency,
                       last_invoice = p.last_invoice,
                       recency = p.recency,
                       rfm_r = p.rfm_r,
                       rfm_f = p.rfm_f,
                       rfm_m = p.rfm_m,
                       rfm_segment = p.rfm_segment,"""

    def _sql_update(self, pending_ids, locked_ids):
        """Update the locked existing rows; return ``[(partner_id, id)]``."""
        if not locked_ids:
            return []
        # Bulk UPDATE: one statement per batch instead of one per client. The
        # effective columns repeat _compute_effective of client.classification.
        self.env.cr.execute(
            SQL(
                """
                UPDATE client_classification c
                   SET computed_lifecycle = p.lifecycle,
                       computed_abc = p.abc,
                       computed_xyz = p.xyz,
                       computed_cell = p.cell,
                       lifecycle = COALESCE(c.manual_lifecycle, p.lifecycle),
                       abc = COALESCE(c.manual_abc, p.abc),
                       xyz = COALESCE(c.manual_xyz, p.xyz),
                       cell = COALESCE(c.manual_abc, p.abc)
                              || COALESCE(c.manual_xyz, p.xyz),
                       differs = (c.manual_lifecycle IS NOT NULL
                                  AND c.manual_lifecycle
                                      IS DISTINCT FROM p.lifecycle)
                              OR (c.manual_abc IS NOT NULL
                                  AND c.manual_abc IS DISTINCT FROM p.abc)
                              OR (c.manual_xyz IS NOT NULL
                                  AND c.manual_xyz IS DISTINCT FROM p.xyz),
                       %(facts)s
                       run_id = %(run)s,
                       write_uid = %(uid)s,
                       write_date = now() AT TIME ZONE 'UTC'
                  FROM client_classification_pending p
                 WHERE p.id = ANY(%(pending)s)
                   AND c.id = p.classification_id
                   AND c.id = ANY(%(locked)s)
             RETURNING c.partner_id, c.id
                """,
                facts=SQL(self.FACT_SET),
                pending=pending_ids,
                locked=locked_ids,
                run=self.id,
                uid=self.env.uid,
            )
        )
        return self.env.cr.fetchall()

    def _sql_insert(self, pending_ids, company_id):
        """Insert the new classification rows; return ``[(partner_id, id)]``."""
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_classification (
                    partner_id, company_id, computed_lifecycle, computed_abc,
                    computed_xyz, computed_cell, lifecycle, abc, xyz, cell,
                    differs, revenue, indicator_value, share, cum_share, rank,
                    percentile, cv, purchase_periods, last_purchase, frequency,
                    last_invoice, recency, rfm_r, rfm_f, rfm_m, rfm_segment,
                    run_id, create_uid, create_date, write_uid, write_date)
                SELECT p.partner_id, %(company)s, p.lifecycle, p.abc, p.xyz,
                       p.cell, p.lifecycle, p.abc, p.xyz, p.cell, FALSE,
                       p.revenue, p.indicator_value, p.share, p.cum_share,
                       p.rank, p.percentile, p.cv, p.purchase_periods,
                       p.last_purchase, p.frequency, p.last_invoice, p.recency,
                       p.rfm_r, p.rfm_f, p.rfm_m, p.rfm_segment, %(run)s,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                       now() AT TIME ZONE 'UTC'
                  FROM client_classification_pending p
                 WHERE p.id = ANY(%(pending)s)
                   AND p.classification_id IS NULL
                ON CONFLICT (partner_id, company_id) DO NOTHING
                RETURNING partner_id, id
                """,
                pending=pending_ids,
                company=company_id,
                run=self.id,
                uid=self.env.uid,
            )
        )
        return self.env.cr.fetchall()

    def _sql_insert_history(self, done):
        """Bulk-insert one history row per class change; return the count."""
        if not done:
            return 0
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_classification_history (
                    classification_id, partner_id, company_id, run_id, date,
                    origin, old_lifecycle, new_lifecycle, old_abc, new_abc,
                    old_xyz, new_xyz, create_uid, create_date, write_uid,
                    write_date)
                SELECT c.id, c.partner_id, c.company_id, %(run)s,
                       now() AT TIME ZONE 'UTC', 'computed', p.old_lifecycle,
                       p.lifecycle, p.old_abc, p.abc, p.old_xyz, p.xyz,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                       now() AT TIME ZONE 'UTC'
                  FROM client_classification c
                  JOIN client_classification_pending p
                    ON p.run_id = %(run)s AND p.partner_id = c.partner_id
                 WHERE c.id = ANY(%(ids)s) AND p.history
                """,
                run=self.id,
                uid=self.env.uid,
                ids=[cid for _pid, cid in done],
            )
        )
        return self.env.cr.rowcount

    @api.model
    def _sync_partners(self, classification_ids=None):
        """Copy the effective classes onto the clients' company-dependent fields.

        One ``UPDATE`` of ``res_partner``: the commercial partner and its
        contacts get ``{company_id: class}`` merged into each JSONB column,
        only where a value differs. ``None`` (all rows) on install/update.
        """
        sets, differs = [], []
        for fname, column in PARTNER_CLASS_FIELDS.items():
            field = SQL.identifier(fname)
            value = SQL.identifier("c", column)
            sets.append(
                SQL(
                    """%(field)s = CASE WHEN %(value)s IS NULL
                        THEN NULLIF(COALESCE(p.%(field)s, '{}'::jsonb)
                                    - c.company_id::text, '{}'::jsonb)
                        ELSE COALESCE(p.%(field)s, '{}'::jsonb)
                             || jsonb_build_object(c.company_id::text, %(value)s)
                        END""",
                    field=field,
                    value=value,
                )
            )
            differs.append(
                SQL(
                    "(p.%s ->> c.company_id::text) IS DISTINCT FROM %s",
                    field,
                    value,
                )
            )
        where = SQL("TRUE")
        if classification_ids is not None:
            if not classification_ids:
                return 0
            where = SQL("c.id = ANY(%s)", list(classification_ids))
        self.env["client.classification"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p
                   SET %(sets)s
                  FROM client_classification c
                 WHERE %(where)s
                   AND p.commercial_partner_id = c.partner_id
                   AND (%(differs)s)
                """,
                sets=SQL(", ").join(sets),
                where=where,
                differs=SQL(" OR ").join(differs),
            )
        )
        count = self.env.cr.rowcount
        self.env["res.partner"].invalidate_model(list(PARTNER_CLASS_FIELDS))
        return count
