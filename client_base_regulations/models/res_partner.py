# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The regulation's partner: what the other jobs share (the clients, their
recent orders, the regulation page).

The jobs of the same model live in their own files: verification
(``res_partner_verification.py``), archiving (``res_partner_archiving.py``,
its reason in ``res_partner_archive_reason.py``), agency access
(``res_partner_agency.py``).
"""

from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_client_open_regulation(self):
        """Open the regulation given in the context (``client_regulation_key``)."""
        key = self.env.context.get("client_regulation_key") or "contact_info"
        return self.env["document.page"]._client_regulation_action(key)

    @api.model
    def _client_base_domain(self):
        """Active clients, the one definition of the suite
        (``res.partner._client_domain``, client_base/tools/clients.py)."""
        return [("active", "=", True), *self._client_domain()]

    @api.model
    def _client_partners_with_orders(self, partner_ids, since):
        """Ids of the commercial partners that ordered or were invoiced since
        ``since``; among ``partner_ids`` only, unless it is ``None`` (then one
        aggregate over the recent documents, whatever the number of clients).
        Here the invoices; the sales orders come from client_base_sale (hook
        of client_base, res_partner_regulation.py)."""
        found = super()._client_partners_with_orders(partner_ids, since)
        if partner_ids is not None and not partner_ids:
            return found
        domain = [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("invoice_date", ">=", since),
        ]
        if partner_ids is not None:
            domain.append(("commercial_partner_id", "in", list(partner_ids)))
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(domain, ["commercial_partner_id"])
        )
        found.update(partner.id for (partner,) in groups)
        return found
