# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Own file per feature: several teams extend res.partner in this add-on.
# pylint: disable=consider-merging-classes-inherited
"""The account manager's workspace: my clients, my overdue verifications
and tasks. The domains are computed in Python (not in the action's XML) so
that "today" is the user's day and the lists are testable at any date."""

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _client_workspace_my_clients_domain(self):
        """Clients whose salesperson (account manager) is the current user.
        Extension hook."""
        return [("user_id", "=", self.env.uid), ("parent_id", "=", False)]

    @api.model
    def _client_workspace_overdue_verifications_domain(self):
        today = fields.Date.context_today(self)
        return self._client_workspace_my_clients_domain() + [
            ("client_next_verification", "<", today),
            ("client_state", "!=", "archived"),
        ]

    @api.model
    def _client_workspace_overdue_tasks_domain(self):
        """Overdue activities on my clients and their contact persons, and my
        own overdue activities on any contact."""
        today = fields.Date.context_today(self)
        my_clients = self.search(self._client_workspace_my_clients_domain())
        contacts = self.search([("id", "child_of", my_clients.ids)])
        return [
            ("res_model", "=", "res.partner"),
            ("date_deadline", "<", today),
            "|",
            ("user_id", "=", self.env.uid),
            ("res_id", "in", contacts.ids),
        ]

    @api.model
    def action_client_workspace_overdue_verifications(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base.res_partner_action_workspace_my_clients"
        )
        action.update(
            name=self.env._("My overdue verifications"),
            display_name=self.env._("My overdue verifications"),
            domain=self._client_workspace_overdue_verifications_domain(),
        )
        return action

    @api.model
    def action_client_workspace_overdue_tasks(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base.mail_activity_action_workspace_overdue"
        )
        action["domain"] = self._client_workspace_overdue_tasks_domain()
        return action
