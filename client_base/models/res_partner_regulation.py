# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the regulation asks of every add-on about a client.

``client_base_regulations`` archives inactive clients and re-verifies stale
ones; what makes a client "active" lives in the add-ons that own the
documents. Each hook below returns nothing here and is extended by
whichever add-on knows the answer, the same way as the workspaces
(``res_users_workspace.py``):

- ``client_base_regulations``: its own protections (own company, manual
  protection, VIP, users, receivables, draft invoices) and the clients
  invoiced recently; it is the only caller;
- ``client_base_sale``: open sales orders, clients who ordered recently.

So no add-on tests whether another one is installed, and a protection added
by a new bridge needs no change in the regulations add-on.
"""

from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _client_archive_blockers(self):
        """``{partner id: [reasons]}``: why clients of ``self`` must never be
        archived (translated reasons, shown to the user who archives).
        Set-based: a fixed number of queries for any number of clients.
        Extension hook: add to ``super()``'s result."""
        return {}

    @api.model
    def _client_partners_with_orders(self, partner_ids, since):
        """Ids of the commercial partners that ordered or were invoiced since
        the date ``since``; among ``partner_ids`` only, unless it is ``None``
        (then every such partner). Extension hook: add to ``super()``'s set."""
        return set()
