# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class ClientGreeting(models.Model):
    _inherit = "client.greeting"

    @api.model
    def _get_client_since_origins(self, keys):
        """With invoicing, a client is a client since its first posted
        customer invoice; the card's creation date remains the fallback for
        clients never invoiced."""
        origins = super()._get_client_since_origins(keys)
        self.env["account.move"].flush_model(
            ["move_type", "state", "invoice_date", "commercial_partner_id"]
        )
        self.env["res.partner"].flush_model(["active", "client_state"])
        # SQL: first invoice per client, filtered by day and month (the ORM
        # cannot filter an aggregate by day and month)
        invoiced = dict(
            self.env.execute_query(
                SQL(
                    """
                    WITH firsts AS (
                        SELECT commercial_partner_id AS partner_id,
                               MIN(invoice_date) AS first_date
                          FROM account_move
                         WHERE move_type = 'out_invoice'
                           AND state = 'posted'
                           AND invoice_date IS NOT NULL
                      GROUP BY commercial_partner_id
                    )
                    SELECT f.partner_id, f.first_date
                      FROM firsts f
                      JOIN res_partner p ON p.id = f.partner_id
                     WHERE p.active
                       AND COALESCE(p.client_state, '') != 'archived'
                       AND (f.partner_id IN %(candidates)s
                            OR to_char(f.first_date, 'MM-DD') IN %(keys)s)
                    """,
                    candidates=tuple(origins) or (0,),
                    keys=tuple(keys),
                )
            )
        )
        result = {pid: day for pid, day in origins.items() if pid not in invoiced}
        keys = set(keys)
        result.update(
            (pid, day) for pid, day in invoiced.items() if day.strftime("%m-%d") in keys
        )
        return result
