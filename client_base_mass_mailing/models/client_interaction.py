# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL

from .mailing_trace import CAPTURED_TYPES, REACHED_STATUSES


class ClientInteraction(models.Model):
    _inherit = "client.interaction"

    def action_open_source(self):
        """A mailing's interaction opens the mailing, not its technical trace."""
        self.ensure_one()
        self.check_access("read")
        if self.res_model != "mailing.trace" or not self.res_id:
            return super().action_open_source()
        trace = self.env["mailing.trace"].sudo().browse(self.res_id).exists()
        mailing = trace.mass_mailing_id.sudo(False)
        if not mailing:
            return False
        mailing.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": mailing._name,
            "res_id": mailing.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _client_interaction_backfill_sources(self):
        return [*super()._client_interaction_backfill_sources(), "mailing"]

    @api.model
    def _client_interaction_trace_partner_sql(self):
        """Client of a trace's recipient (CASE per model), as in live capture.

        See ``mailing.trace._client_interaction_clients``: the document's
        client, or for a mailing-list contact the partner of its e-mail
        when unambiguous.
        """
        cases = self._client_interaction_document_partner_cases("t")
        if not self._client_interaction_document_partner_field("mailing.contact"):
            # trace.email may read "Name <address>": keep the address
            email = SQL(
                "lower(btrim(COALESCE(substring(t.email FROM '<([^<>]+)>'), t.email)))"
            )
            partner = self.env["res.partner"]._client_interaction_partner_by_email_sql(
                email
            )
            cases.append(SQL("WHEN 'mailing.contact' THEN %s", partner))
        return SQL("(CASE t.model %s END)", SQL(" ").join(cases))

    @api.model
    def _client_interaction_backfill_mailing_sql(
        self, after_id, limit, count_only=False
    ):
        """Mailing traces that reached their recipient (see mailing_trace.py)."""
        group = self._client_interaction_default_group("mailing")
        where = SQL(
            """
            t.id > %(after)s
            AND t.trace_type IN %(types)s
            AND t.trace_status IN %(statuses)s
            """,
            after=after_id,
            types=CAPTURED_TYPES,
            statuses=REACHED_STATUSES,
        )
        if count_only:  # documents left to read: no costly columns
            return SQL("SELECT t.id FROM mailing_trace t WHERE %s", where)
        return SQL(
            """
            SELECT t.id AS src_id, %(partner)s AS partner_ref,
                   COALESCE(t.sent_datetime, t.open_datetime,
                            t.reply_datetime, t.create_date) AS date,
                   'mailing' AS channel, %(group)s::int AS group_id,
                   mm.user_id, COALESCE(NULLIF(mm.subject, ''), us.name)
                       AS summary,
                   NULL::int AS company_id,
                   'mailing.trace' AS res_model, t.id AS res_id
              FROM mailing_trace t
              LEFT JOIN mailing_mailing mm ON mm.id = t.mass_mailing_id
              LEFT JOIN utm_source us ON us.id = mm.source_id
             WHERE %(where)s
             ORDER BY t.id
             %(limit)s
            """,
            partner=self._client_interaction_trace_partner_sql(),
            group=group.id or None,
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )
