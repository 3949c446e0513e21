# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        self._client_interaction_capture_orders()
        return res

    def _client_interaction_capture_orders(self):
        """Record confirmed orders in their client's history.

        Idempotent: an order cancelled, set back to quotation and confirmed
        again keeps its one interaction (unique source key).
        """
        Interaction = self.env["client.interaction"]
        orders = self.filtered(lambda o: o.state == "sale")
        if not orders or not Interaction._client_interaction_enabled("sale"):
            return Interaction.browse()
        vals_list = []
        for order in orders:
            vals = Interaction._client_interaction_prepare_document_vals(
                order,
                "sale",
                "sale",
                date=order.date_order,
                summary=order.name,
                user=order.user_id,
            )
            if vals:
                vals["company_id"] = order.company_id.id
            vals_list.append(vals)
        return Interaction._client_interaction_capture(vals_list, "sale")
