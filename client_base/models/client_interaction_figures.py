# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Stored history figures of clients: counts, last date, per-group counts.

The figures (``client_interaction_count``, ``client_interaction_count_12m``,
``client_last_interaction_date`` on the client and the 12-month counts per
company and group) are recomputed set-based from ``client_interaction`` for
a set of clients, and refreshed nightly by a bounded cron (interactions
leave the 12-month window as days pass).
"""

import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .client_interaction import CONCURRENCY_ERRORS

_logger = logging.getLogger(__name__)

# Clients whose statistics are refreshed per call of the nightly cron.
STATS_BATCH = 5000


class ClientInteraction(models.Model):
    _inherit = "client.interaction"

    # ------------------------------------------------------------------
    # Partner statistics
    # ------------------------------------------------------------------

    @api.model
    def _client_refresh_partner_stats(self, partner_ids):
        """Recompute the stored history figures of clients, set-based.

        One UPDATE for all the clients (count, count over 12 months, last
        date, all companies together: only the rows that change are written)
        and one rebuild of the counts per company and group over 12 months.
        """
        partner_ids = sorted({pid for pid in partner_ids if pid})
        if not partner_ids:
            return
        self.env["client.interaction"].flush_model(["partner_id", "date", "group_id"])
        stat_fields = [
            "client_interaction_count",
            "client_interaction_count_12m",
            "client_last_interaction_date",
        ]
        self.env["res.partner"].flush_model(stat_fields)
        since = fields.Datetime.now() - relativedelta(months=12)
        # Raw SQL: aggregating per client in the database is what keeps this
        # independent of the size of the history (no per-partner ORM loop).
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p
                   SET client_interaction_count = s.total,
                       client_interaction_count_12m = s.recent,
                       client_last_interaction_date = s.last_date
                  FROM (
                        SELECT ids.pid,
                               count(ci.id) AS total,
                               count(ci.id) FILTER (WHERE ci.date >= %(since)s)
                                   AS recent,
                               max(ci.date)::date AS last_date
                          FROM unnest(%(ids)s::int[]) AS ids(pid)
                          LEFT JOIN client_interaction ci ON ci.partner_id = ids.pid
                         GROUP BY ids.pid
                       ) s
                 WHERE p.id = s.pid
                   AND (p.client_interaction_count IS DISTINCT FROM s.total
                        OR p.client_interaction_count_12m IS DISTINCT FROM s.recent
                        OR p.client_last_interaction_date
                           IS DISTINCT FROM s.last_date)
                """,
                since=since,
                ids=partner_ids,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM client_interaction_partner_stat
                 WHERE partner_id = ANY(%(ids)s::int[]);
                INSERT INTO client_interaction_partner_stat
                       (partner_id, company_id, group_id, interaction_count,
                        last_date, create_uid, write_uid, create_date,
                        write_date)
                SELECT partner_id, company_id, group_id, count(*),
                       max(date)::date, %(uid)s, %(uid)s,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM client_interaction
                 WHERE partner_id = ANY(%(ids)s::int[]) AND date >= %(since)s
                   AND group_id IS NOT NULL
                 GROUP BY partner_id, company_id, group_id
                """,
                since=since,
                ids=partner_ids,
                uid=self.env.uid,
            )
        )
        self.env["res.partner"].invalidate_model(
            [*stat_fields, "client_interaction_stat_ids"]
        )
        self.env["client.interaction.partner.stat"].invalidate_model()

    @api.model
    def _cron_refresh_partner_stats(self, batch_size=None):
        """Nightly: interactions leave the 12-month window as days pass."""
        batch_size = batch_size or STATS_BATCH
        icp = self.env["ir.config_parameter"].sudo()
        key = "client_base.interaction_stats_last_partner_id"
        last = int(icp.get_param(key, "0") or 0)
        self.flush_model(["partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT partner_id FROM client_interaction
                 WHERE partner_id > %(last)s ORDER BY partner_id LIMIT %(limit)s
                """,
                last=last,
                limit=batch_size,
            )
        )
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        try:
            with self.env.cr.savepoint():
                self._client_refresh_partner_stats(partner_ids)
        except CONCURRENCY_ERRORS:
            # Another transaction (the backfill, a posted invoice, a user)
            # updates these clients right now: keep the bookmark and leave
            # them for the next call rather than failing this one (done=0:
            # the scheduled action is triggered again shortly).
            _logger.info(
                "Interaction figures of %s clients busy, left for the next call",
                len(partner_ids),
            )
            self.env["ir.cron"]._client_notify_progress(
                done=0, remaining=len(partner_ids)
            )
            return
        remaining = 0
        if len(partner_ids) == batch_size:
            self.env.cr.execute(
                SQL(
                    "SELECT count(DISTINCT partner_id) FROM client_interaction"
                    " WHERE partner_id > %(last)s",
                    last=partner_ids[-1],
                )
            )
            remaining = self.env.cr.fetchone()[0]
        # a finished pass starts over next time
        icp.set_param(key, str(partner_ids[-1]) if remaining else "0")
        self.env["ir.cron"]._client_notify_progress(
            done=len(partner_ids), remaining=remaining
        )
