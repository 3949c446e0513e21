# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sales orders in the client base regulation (hooks of client_base's
res_partner_regulation.py, read by client_base_regulations): a client with
an open order is never archived; a client who ordered recently is neither
re-verified nor proposed for archiving."""

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _client_archive_blockers(self):
        """Open orders: a quotation, or a confirmed order still to invoice,
        of the client or one of its contacts."""
        blockers = super()._client_archive_blockers()
        if not self:
            return blockers
        ids = self.ids
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "child_of", ids),
                    "|",
                    ("state", "in", ("draft", "sent")),
                    "&",
                    ("state", "=", "sale"),
                    ("invoice_status", "=", "to invoice"),
                ],
                ["partner_id"],
            )
        )
        reason = self.env._("open orders")
        for pid in {p.commercial_partner_id.id for (p,) in groups} & set(ids):
            blockers.setdefault(pid, []).append(reason)
        return blockers

    @api.model
    def _client_partners_with_orders(self, partner_ids, since):
        """Adds the commercial partners with a confirmed order since
        ``since``."""
        found = super()._client_partners_with_orders(partner_ids, since)
        if partner_ids is not None and not partner_ids:
            return found
        domain = [
            ("state", "in", ("sale", "done")),
            ("date_order", ">=", fields.Datetime.to_datetime(since)),
        ]
        if partner_ids is not None:
            domain.append(("partner_id.commercial_partner_id", "in", list(partner_ids)))
        groups = self.env["sale.order"].sudo()._read_group(domain, ["partner_id"])
        found.update(partner.commercial_partner_id.id for (partner,) in groups)
        return found
