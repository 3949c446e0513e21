# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class ClientInteraction(models.Model):
    _inherit = "client.interaction"

    @api.model
    def _client_interaction_backfill_sources(self):
        return [*super()._client_interaction_backfill_sources(), "invoice"]

    @api.model
    def _client_interaction_backfill_invoice_sql(
        self, after_id, limit, count_only=False
    ):
        """Posted customer invoices and refunds (see account_move.py)."""
        group = self._client_interaction_default_group("invoice")
        where = SQL(
            """
            am.id > %(after)s
            AND am.state = 'posted'
            AND am.move_type IN ('out_invoice', 'out_refund')
            """,
            after=after_id,
        )
        if count_only:
            return SQL("SELECT am.id FROM account_move am WHERE %s", where)
        return SQL(
            """
            SELECT am.id AS src_id, am.partner_id AS partner_ref,
                   (COALESCE(am.invoice_date, am.date) + time '12:00')
                       AS date,
                   'invoice' AS channel, %(group)s::int AS group_id,
                   am.invoice_user_id AS user_id, am.name AS summary,
                   am.company_id, 'account.move' AS res_model,
                   am.id AS res_id
              FROM account_move am
             WHERE %(where)s
             ORDER BY am.id
             %(limit)s
            """,
            group=group.id or None,
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )
