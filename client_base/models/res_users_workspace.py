# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Landing page: Client Base opens on the user's own workspace.

The roles are tried in their sequence; the first one the user has wins:

====  ==========================  ==========================================
seq   role (group)                workspace
====  ==========================  ==========================================
10    Director                    Client base overview (client_base_analytics)
20    Secretary                   Greetings this week
30    Account manager with        My clients
      clients of their own
40    Accountant (Invoicing)      Documents to collect (client_base_regulations)
90    Client Base user            My clients
====  ==========================  ==========================================
"""

from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _client_workspace_roles(self):
        """[(sequence, group xmlid, action xmlid, needs own clients)]: the
        workspace of each role. Extension hook (the director's and the
        accountant's come from their add-ons)."""
        return [
            (
                20,
                "client_base.client_base_group_secretary",
                "client_base.client_greeting_action_week",
                False,
            ),
            (
                30,
                "client_base.client_base_group_user",
                "client_base.res_partner_action_workspace_my_clients",
                True,
            ),
            (
                90,
                "client_base.client_base_group_user",
                "client_base.res_partner_action_workspace_my_clients",
                False,
            ),
        ]

    def _client_workspace_action(self):
        """The workspace action (a record) of this user, or None."""
        self.ensure_one()
        owns_clients = None
        for _seq, group, xmlid, needs_clients in sorted(self._client_workspace_roles()):
            if not self.has_group(group):
                continue
            if needs_clients:
                if owns_clients is None:
                    owns_clients = bool(
                        self.env["res.partner"]
                        .sudo()
                        .search_count(
                            [("user_id", "=", self.id), ("parent_id", "=", False)],
                            limit=1,
                        )
                    )
                if not owns_clients:
                    continue
            action = self.env.ref(xmlid, raise_if_not_found=False)
            if action:
                return action
        return None

    @api.model
    def action_client_workspace_home(self):
        """The action of the Client Base app menu: the user's own workspace."""
        action = self.env.user._client_workspace_action()
        if not action:
            action = self.env.ref("client_base.res_partner_action_client")
        if action._name == "ir.actions.server":
            return action.run()
        return self.env["ir.actions.actions"]._for_xml_id(
            action.get_external_id()[action.id]
        )

    @api.model
    def _client_workspace_set_home_actions(self):
        """Install hook: give each role user their workspace as Home Action,
        where the user has none (or has a workspace of a less specific role).
        Administrators keep theirs."""
        workspaces = self.env["ir.actions.actions"]
        for _seq, _group, xmlid, _own in self._client_workspace_roles():
            action = self.env.ref(xmlid, raise_if_not_found=False)
            if action:
                workspaces |= workspaces.browse(action.id)
        users = (
            self.env.ref("client_base.client_base_group_user")
            .sudo()
            .users.filtered(
                lambda u: (
                    not u.share
                    and not u._is_system()
                    and (not u.action_id or u.action_id.id in workspaces.ids)
                )
            )
        )
        for user in users:
            action = user._client_workspace_action()
            if action and user.action_id != action:
                user.sudo().action_id = action.id
        return True
