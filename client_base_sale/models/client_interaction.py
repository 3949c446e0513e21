# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class ClientInteraction(models.Model):
    _inherit = "client.interaction"

    @api.model
    def _client_interaction_backfill_sources(self):
        return [*super()._client_interaction_backfill_sources(), "sale"]

    @api.model
    def _client_interaction_backfill_sale_sql(self, after_id, limit, count_only=False):
        """Confirmed sales orders (see sale_order.py), by order id."""
        group = self._client_interaction_default_group("sale")
        where = SQL("so.id > %(after)s AND so.state = 'sale'", after=after_id)
        if count_only:
            return SQL("SELECT so.id FROM sale_order so WHERE %s", where)
        return SQL(
            """
            SELECT so.id AS src_id, so.partner_id AS partner_ref,
                   so.date_order AS date, 'sale' AS channel,
                   %(group)s::int AS group_id, so.user_id,
                   so.name AS summary, so.company_id,
                   'sale.order' AS res_model, so.id AS res_id
              FROM sale_order so
             WHERE %(where)s
             ORDER BY so.id
             %(limit)s
            """,
            group=group.id or None,
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )
