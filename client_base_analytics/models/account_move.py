# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time

from odoo import models

# Customer documents recorded in the relationship history.
CLIENT_INVOICE_TYPES = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._client_interaction_capture_invoices()
        return posted

    def _client_interaction_capture_invoices(self):
        """Record posted customer invoices in their client's history.

        Idempotent: a move re-posted after a reset to draft keeps its one
        interaction (unique source key).
        """
        Interaction = self.env["client.interaction"]
        invoices = self.filtered(
            lambda m: m.move_type in CLIENT_INVOICE_TYPES and m.state == "posted"
        )
        if not invoices or not Interaction._client_interaction_enabled("invoice"):
            return Interaction.browse()
        vals_list = []
        for move in invoices:
            vals = Interaction._client_interaction_prepare_document_vals(
                move,
                "invoice",
                "invoice",
                date=datetime.combine(move.invoice_date or move.date, time(12)),
                summary=move.name,
                user=move.invoice_user_id,
            )
            if vals:
                vals["company_id"] = move.company_id.id
            vals_list.append(vals)
        return Interaction._client_interaction_capture(vals_list, "invoice")
