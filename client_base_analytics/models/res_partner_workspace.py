# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Own file per feature: several teams extend res.partner in this add-on.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.tools import SQL, date_utils


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _client_workspace_new_clients_domain(self, day=None):
        """Clients whose first posted customer invoice is in the quarter of
        ``day`` (today by default), in the user's companies."""
        start, end = date_utils.get_quarter(day or fields.Date.context_today(self))
        self.env["account.move"].flush_model(
            [
                "move_type",
                "state",
                "invoice_date",
                "commercial_partner_id",
                "company_id",
            ]
        )
        # SQL: first invoice date per client is an aggregate filtered on its
        # value (HAVING), which the ORM's search cannot express
        rows = self.env.execute_query(
            SQL(
                """
                SELECT commercial_partner_id
                  FROM account_move
                 WHERE move_type = 'out_invoice'
                   AND state = 'posted'
                   AND invoice_date IS NOT NULL
                   AND company_id IN %(companies)s
              GROUP BY commercial_partner_id
                HAVING MIN(invoice_date) BETWEEN %(start)s AND %(end)s
                """,
                companies=tuple(self.env.companies.ids),
                start=start,
                end=end,
            )
        )
        # the one definition of a client: not a user's or an own company's
        # partner (sudo: ids only, the list applies the user's rules)
        clients = self.sudo()._search(
            [("id", "in", [row[0] for row in rows]), *self._client_domain()]
        )
        return [("id", "in", list(clients))]

    @api.model
    def action_client_workspace_new_clients(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base_analytics.res_partner_action_workspace_director_clients"
        )
        action.update(
            name=self.env._("New clients this quarter"),
            display_name=self.env._("New clients this quarter"),
            domain=self._client_workspace_new_clients_domain(),
        )
        return action

    @api.model
    def _client_workspace_counters(self):
        return super()._client_workspace_counters() + [
            (
                50,
                "a_no_activity",
                self.env._("A clients without a next activity"),
                "res.partner",
                self._client_workspace_my_clients_domain()
                + [("client_abc", "=", "A"), ("activity_ids", "=", False)],
                "filter:workspace_a_no_activity",
                "warning",
            )
        ]
