# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Own file per feature: several teams extend res.partner in this add-on.
# pylint: disable=consider-merging-classes-inherited
"""The one definition of a client (``tools/clients.py``) on ``res.partner``.

Every list, counter, dashboard and report of the suite that counts clients
uses ``_client_domain()`` (Python) or the search field ``client_is_client``
(the domains of the window actions, written in XML).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..tools import clients


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_is_client = fields.Boolean(
        string="Is a client",
        compute="_compute_client_is_client",
        search="_search_client_is_client",
        help="A company or a private person without a parent company, with a "
        "client state other than archived; not a contact person, not the "
        "partner of an internal user, not one of the own companies.",
    )

    @api.model
    def _client_excluded_partner_ids(self):
        """Partners of the internal users (active or archived) and of the own
        companies: never clients."""
        # sudo: ids only, to leave them out of the user's own lists
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("share", "=", False)])
        )
        companies = self.env["res.company"].sudo().with_context(active_test=False)
        return set(users.partner_id.ids) | set(
            companies.search([("partner_id", "!=", False)]).partner_id.ids
        )

    @api.model
    def _client_domain(self, include_archived=False):
        """Domain of the clients (see ``tools/clients.py``)."""
        return clients.client_domain(
            self._client_excluded_partner_ids(), include_archived=include_archived
        )

    def _compute_client_is_client(self):
        excluded = self._client_excluded_partner_ids()
        for partner in self:
            partner.client_is_client = clients.is_client(
                partner.id,
                partner.is_company,
                bool(partner.parent_id),
                partner.client_state,
                excluded,
            )

    def _search_client_is_client(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search clients with “Is a client” set or not set.")
            )
        domain = self._client_domain()
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]
