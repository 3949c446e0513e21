# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Backfill: build the interaction history from existing documents.

Four sources feed the history: done activities and client e-mails here,
customer invoices and sales orders in the add-ons that extend the hook
``_client_interaction_backfill_sources``. Each source is an ``SQL`` SELECT
read in batches after a watermark (a system parameter); one INSERT ...
SELECT per batch records the interactions and grows the clients' figures
by what it added. ON CONFLICT DO NOTHING on the unique source key makes
every pass idempotent, so a pass can be restarted at any time.
"""

import logging
import time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.interaction_rules import backfill_remaining
from .client_interaction import CONCURRENCY_ERRORS, ORIGIN_SELECTION

_logger = logging.getLogger(__name__)

# Documents read per backfill batch: one INSERT ... SELECT of this many rows
# takes well under a second, so a cron call stays short and its lock small.
BACKFILL_BATCH = 5000


class ClientInteraction(models.Model):
    _inherit = "client.interaction"

    # Seconds a backfill call goes on with the next source after one has
    # finished (several small sources in one call); tests set it to 0.
    BACKFILL_CALL_BUDGET = 2.0

    # ------------------------------------------------------------------
    # Backfill: build the history from existing documents
    # ------------------------------------------------------------------

    @api.model
    def _client_interaction_backfill_sources(self):
        """Backfill sources, by name (extension hook).

        Each name ``x`` needs a method ``_client_interaction_backfill_x_sql(
        after_id, limit, count_only=False)`` returning an ``SQL`` SELECT of
        the next documents (see ``_client_interaction_backfill_batch``), and
        the capture origin ``x`` that switches it on or off.
        """
        return ["activity", "email"]

    @api.model
    def _client_interaction_backfill_key(self, source):
        return f"client_base.interaction_backfill_{source}_last_id"

    @api.model
    def _client_interaction_backfill_batch(self, source, limit=BACKFILL_BATCH):
        """Record the next ``limit`` documents of ``source``; resumable.

        The source SELECT yields, ordered by ``src_id`` and after the
        watermark: src_id, partner_ref, date, channel, group_id, user_id,
        summary, company_id, res_model, res_id. The watermark (a system
        parameter) moves past every document read, kept or not, so bad
        documents (no client) are read once; ON CONFLICT DO NOTHING on the
        unique source key makes every pass idempotent.

        Returns (documents read, interactions created, remaining documents).
        """
        icp = self.env["ir.config_parameter"].sudo()
        key = self._client_interaction_backfill_key(source)
        last = int(icp.get_param(key, "0") or 0)
        source_sql = getattr(self, f"_client_interaction_backfill_{source}_sql")
        self.env.flush_all()
        now = fields.Datetime.now()
        # Raw SQL: an INSERT ... SELECT moves a batch of thousands of
        # documents in one statement; the ORM would create them one by one
        # (and the backfill must scale to millions of documents).
        self.env.cr.execute(
            SQL(
                """
                WITH src AS (%(source)s),
                ins AS (
                    INSERT INTO client_interaction
                           (partner_id, contact_id, date, channel, group_id,
                            user_id, summary, company_id, origin, res_model,
                            res_id, create_uid, write_uid, create_date,
                            write_date)
                    SELECT p.commercial_partner_id,
                           CASE WHEN p.id <> p.commercial_partner_id
                                THEN p.id END,
                           src.date, src.channel, src.group_id, src.user_id,
                           COALESCE(NULLIF(src.summary, ''), %(fallback)s),
                           COALESCE(src.company_id, p.company_id, %(company)s),
                           %(origin)s, src.res_model, src.res_id,
                           %(uid)s, %(uid)s, %(now)s, %(now)s
                      FROM src
                      JOIN res_partner p ON p.id = src.partner_ref
                     WHERE p.commercial_partner_id IS NOT NULL
                       AND src.date IS NOT NULL
                    ON CONFLICT (res_model, res_id) DO NOTHING
                    RETURNING partner_id, company_id, group_id, date
                ),
                -- The clients' figures grow by what this batch added: cost in
                -- proportion to the batch, not to the clients' whole history.
                per_client AS (
                    SELECT partner_id, count(*) AS total,
                           count(*) FILTER (WHERE date >= %(since)s) AS recent,
                           max(date)::date AS last_date
                      FROM ins GROUP BY partner_id
                ),
                upd AS (
                    UPDATE res_partner p
                       SET client_interaction_count =
                               COALESCE(p.client_interaction_count, 0) + c.total,
                           client_interaction_count_12m =
                               COALESCE(p.client_interaction_count_12m, 0)
                               + c.recent,
                           client_last_interaction_date = GREATEST(
                               p.client_last_interaction_date, c.last_date)
                      FROM per_client c
                     WHERE p.id = c.partner_id
                    RETURNING p.id
                ),
                per_group AS (
                    INSERT INTO client_interaction_partner_stat AS s
                           (partner_id, company_id, group_id,
                            interaction_count, last_date, create_uid,
                            write_uid, create_date, write_date)
                    SELECT partner_id, company_id, group_id, count(*),
                           max(date)::date, %(uid)s, %(uid)s, %(now)s, %(now)s
                      FROM ins
                     WHERE date >= %(since)s AND group_id IS NOT NULL
                     GROUP BY partner_id, company_id, group_id
                    ON CONFLICT (partner_id, company_id, group_id) DO UPDATE
                       SET interaction_count =
                               s.interaction_count + EXCLUDED.interaction_count,
                           last_date = GREATEST(s.last_date, EXCLUDED.last_date)
                    RETURNING s.id
                )
                SELECT (SELECT max(src_id) FROM src),
                       (SELECT count(*) FROM src),
                       (SELECT count(*) FROM ins),
                       (SELECT count(*) FROM upd) + (SELECT count(*) FROM per_group)
                """,
                source=source_sql(last, limit),
                fallback=dict(ORIGIN_SELECTION).get(source, source),
                company=self.env.company.id,
                origin=source,
                uid=self.env.uid,
                now=now,
                since=now - relativedelta(months=12),
            )
        )
        max_id, read, created, _figures = self.env.cr.fetchone()
        self.invalidate_model()
        self.env["res.partner"].invalidate_model(
            [
                "client_interaction_count",
                "client_interaction_count_12m",
                "client_last_interaction_date",
                "client_interaction_stat_ids",
                "client_interaction_ids",
                "client_interaction_visible_count",
                "client_visible_last_interaction_date",
            ]
        )
        self.env["client.interaction.partner.stat"].invalidate_model()
        if read:
            icp.set_param(key, str(max_id))
            last = max_id
        # Progress: the documents left are counted once per pass (a scan of
        # the rest of the table), then the count goes down batch by batch.
        remaining_key = f"{key}_remaining"
        remaining = 0
        if read == limit:
            known = int(icp.get_param(remaining_key, "0") or 0)
            remaining = known - read
            if remaining <= 0:
                self.env.cr.execute(
                    SQL(
                        "SELECT count(*) FROM (%(source)s) AS rest",
                        source=source_sql(last, None, count_only=True),
                    )
                )
                remaining = self.env.cr.fetchone()[0]
        icp.set_param(remaining_key, str(remaining) if remaining else False)
        return read, created, remaining

    @api.model
    def _client_interaction_message_user_sql(self):
        """User who wrote a message (the internal user of its author)."""
        return SQL(
            "(SELECT u.id FROM res_users u WHERE u.partner_id = m.author_id"
            " ORDER BY u.share, u.id LIMIT 1)"
        )

    @api.model
    def _client_interaction_message_summary_sql(self):
        """Plain text of a message: its subject, else its body without tags."""
        return SQL(
            "COALESCE(NULLIF(m.subject, ''), left(btrim(regexp_replace("
            "regexp_replace(m.body, '<[^>]*>', ' ', 'g'), '\\s+', ' ', 'g')), 200))"
        )

    @api.model
    def _client_interaction_document_partner_cases(self, alias):
        """``WHEN model THEN client`` branches for a row ``alias`` that
        points at a document by its ``model`` and ``res_id`` columns (a
        message, a mailing trace...): one branch per mail-thread model whose
        client is its ``partner_id`` (see the hook
        ``_client_interaction_document_partner_field``).
        """
        res_id = SQL.identifier(alias, "res_id")
        models_ids = (
            self.env["ir.model"]
            .sudo()
            .search_read([("is_mail_thread", "=", True)], ["model"])
        )
        cases = [SQL("WHEN 'res.partner' THEN %s", res_id)]
        for row in models_ids:
            model_name = row["model"]
            if model_name == "res.partner" or model_name not in self.env:
                continue
            model = self.env[model_name]
            if model._abstract or not model._auto:
                continue
            if self._client_interaction_document_partner_field(model_name) != (
                "partner_id"
            ):
                continue
            cases.append(
                SQL(
                    "WHEN %(name)s THEN (SELECT d.partner_id FROM %(table)s d"
                    " WHERE d.id = %(res_id)s)",
                    name=model_name,
                    table=SQL.identifier(model._table),
                    res_id=res_id,
                )
            )
        return cases

    @api.model
    def _client_interaction_message_partner_sql(self):
        """Client of the document a message is posted on (CASE per model)."""
        return SQL(
            "(CASE m.model %s END)",
            SQL(" ").join(self._client_interaction_document_partner_cases("m")),
        )

    @api.model
    def _client_interaction_backfill_activity_sql(
        self, after_id, limit, count_only=False
    ):
        """Done activities: their 'done' messages, on any client document."""
        subtype = self.env.ref("mail.mt_activities", raise_if_not_found=False)
        group = self._client_interaction_default_group("activity")
        where = SQL(
            """
            m.id > %(after)s
            AND m.message_type = 'notification'
            AND m.subtype_id = %(subtype)s
            AND m.model IS NOT NULL AND m.res_id IS NOT NULL
            """,
            after=after_id,
            subtype=subtype.id if subtype else 0,
        )
        if count_only:  # documents left to read: no costly columns
            return SQL("SELECT m.id FROM mail_message m WHERE %s", where)
        # Same rule as tools.interaction_rules.channel_for_activity.
        return SQL(
            """
            SELECT m.id AS src_id, %(partner)s AS partner_ref, m.date,
                   COALESCE(t.client_interaction_channel,
                            CASE WHEN t.category = 'phonecall'
                                 THEN 'call_out' ELSE 'other' END) AS channel,
                   COALESCE(t.client_interaction_group_id, %(group)s) AS group_id,
                   %(user)s AS user_id, %(summary)s AS summary,
                   NULL::int AS company_id,
                   'mail.message' AS res_model, m.id AS res_id
              FROM mail_message m
              LEFT JOIN mail_activity_type t ON t.id = m.mail_activity_type_id
             WHERE %(where)s
             ORDER BY m.id
             %(limit)s
            """,
            partner=self._client_interaction_message_partner_sql(),
            group=group.id or None,
            user=self._client_interaction_message_user_sql(),
            summary=self._client_interaction_message_summary_sql(),
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )

    @api.model
    def _client_interaction_backfill_email_sql(self, after_id, limit, count_only=False):
        """E-mails on the clients' chatter (see mail.message's live hook)."""
        comment = self.env.ref("mail.mt_comment", raise_if_not_found=False)
        group = self._client_interaction_default_group("email")
        where = SQL(
            """
            m.id > %(after)s
            AND m.model = 'res.partner'
            AND (m.message_type = 'email'
                 OR (m.message_type = 'comment'
                     AND m.subtype_id = %(subtype)s
                     AND EXISTS (SELECT 1 FROM mail_message_res_partner_rel r
                                  WHERE r.mail_message_id = m.id)))
            """,
            after=after_id,
            subtype=comment.id if comment else 0,
        )
        if count_only:  # documents left to read: no costly columns
            return SQL("SELECT m.id FROM mail_message m WHERE %s", where)
        return SQL(
            """
            SELECT m.id AS src_id, m.res_id AS partner_ref, m.date,
                   CASE WHEN m.message_type = 'email'
                          OR author.commercial_partner_id
                             = client.commercial_partner_id
                        THEN 'email_in' ELSE 'email_out' END AS channel,
                   %(group)s::int AS group_id,
                   %(user)s AS user_id, %(summary)s AS summary,
                   NULL::int AS company_id,
                   'mail.message' AS res_model, m.id AS res_id
              FROM mail_message m
              JOIN res_partner client ON client.id = m.res_id
              LEFT JOIN res_partner author ON author.id = m.author_id
             WHERE %(where)s
             ORDER BY m.id
             %(limit)s
            """,
            group=group.id or None,
            user=self._client_interaction_message_user_sql(),
            summary=self._client_interaction_message_summary_sql(),
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )

    @api.model
    def _cron_backfill(self, batch_size=None):
        """Scheduled backfill: one batch of the first source with work left
        (and of the next sources, while the call is within its budget and
        the sources before are finished: no call for a few documents)."""
        started = time.perf_counter()
        batch_size = batch_size or BACKFILL_BATCH
        done = 0
        full = False
        remaining = {}
        for source in self._client_interaction_backfill_sources():
            if not self._client_interaction_enabled(source):
                continue
            if full or (
                done and time.perf_counter() - started > self.BACKFILL_CALL_BUDGET
            ):
                # read in a later call: its documents still count as left
                remaining[source] = self._client_interaction_backfill_pending(source)
                continue
            try:
                with self.env.cr.savepoint():
                    read, created, left = self._client_interaction_backfill_batch(
                        source, batch_size
                    )
            except CONCURRENCY_ERRORS as exc:
                # users post invoices and edit clients meanwhile: leave the
                # batch (its watermark did not move) for the next call, and
                # go on with the next source
                _logger.warning(
                    "Interaction backfill %s: batch left for the next call (%s)",
                    source,
                    exc.__class__.__name__,
                )
                self.env.registry.clear_cache()
                remaining[source] = self._client_interaction_backfill_pending(source)
                remaining[source] = remaining[source] or 1
                continue
            _logger.info(
                "Interaction backfill %s: %s documents read, %s recorded, %s left",
                source,
                read,
                created,
                left,
            )
            done += read
            remaining[source] = left
            full = bool(left)
        pending = backfill_remaining(remaining)
        if not pending and any(value is None for value in remaining.values()):
            pending = 1  # another source still has to be looked at
        # done=0 with work left (every batch yielded): triggered again soon
        self.env["ir.cron"]._client_notify_progress(done=done, remaining=pending)
        return done, pending

    @api.model
    def _client_interaction_backfill_pending(self, source):
        """Documents of ``source`` left after its watermark (None: unknown).

        Counted once per pass and kept with the source's progress, so that
        the progress of the scheduled action covers every source, not only
        the one being read.
        """
        icp = self.env["ir.config_parameter"].sudo()
        key = self._client_interaction_backfill_key(source)
        known = icp.get_param(f"{key}_remaining")
        if known:
            return int(known)
        source_sql = getattr(self, f"_client_interaction_backfill_{source}_sql", None)
        if source_sql is None:
            return None
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM (%(source)s) AS rest",
                source=source_sql(int(icp.get_param(key, "0") or 0), None, True),
            )
        )
        count = self.env.cr.fetchone()[0]
        icp.set_param(f"{key}_remaining", str(count) if count else False)
        return count
