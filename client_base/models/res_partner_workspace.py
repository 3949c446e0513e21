# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Own file per feature: several teams extend res.partner in this add-on.
# pylint: disable=consider-merging-classes-inherited
"""The account manager's workspace: my clients, my overdue verifications
and tasks. The domains are computed in Python (not in the action's XML) so
that "today" is the user's day and the lists are testable at any date."""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# no interaction for this many days: the client needs a call
NO_CONTACT_DAYS = 90


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _client_workspace_my_clients_domain(self):
        """Clients whose salesperson (account manager) is the current user.
        Extension hook."""
        return [("user_id", "=", self.env.uid), *self._client_domain()]

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

    @api.model
    def _client_workspace_no_contact_domain(self):
        since = fields.Date.context_today(self) - relativedelta(days=NO_CONTACT_DAYS)
        return self._client_workspace_my_clients_domain() + [
            ("client_state", "!=", "archived"),
            "|",
            ("client_visible_last_interaction_date", "=", False),
            ("client_visible_last_interaction_date", "<", since),
        ]

    @api.model
    def _client_workspace_counters(self):
        """[(sequence, key, label, model, domain, search filter or action xmlid,
        level)]: the counters above "My clients". A counter with a search
        filter applies it to the list; one with an action opens it. Extension
        hook."""
        return [
            (
                10,
                "my_clients",
                self.env._("My clients"),
                "res.partner",
                self._client_workspace_my_clients_domain(),
                "filter:",
                "primary",
            ),
            (
                20,
                "overdue_verifications",
                self.env._("Overdue verifications"),
                "res.partner",
                self._client_workspace_overdue_verifications_domain(),
                "filter:workspace_overdue_verification",
                "danger",
            ),
            (
                30,
                "overdue_tasks",
                self.env._("Overdue tasks"),
                "mail.activity",
                self._client_workspace_overdue_tasks_domain(),
                "action:client_base.mail_activity_action_workspace_overdue_tasks",
                "danger",
            ),
            (
                40,
                "no_contact",
                self.env._("No contact for %s days", NO_CONTACT_DAYS),
                "res.partner",
                self._client_workspace_no_contact_domain(),
                "filter:workspace_no_contact",
                "warning",
            ),
        ]

    @api.model
    def client_workspace_counters(self):
        """The counters of the manager's workspace, for the web client."""
        self.check_access("read")
        result = []
        for seq, key, label, model, domain, target, level in sorted(
            self._client_workspace_counters(), key=lambda c: c[0]
        ):
            kind, _sep, name = target.partition(":")
            result.append(
                {
                    "key": key,
                    "label": label,
                    "count": self.env[model].search_count(domain),
                    "filter": name if kind == "filter" else False,
                    "action": name if kind == "action" else False,
                    "level": level,
                    "sequence": seq,
                }
            )
        return result
