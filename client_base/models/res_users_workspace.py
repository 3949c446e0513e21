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
50    Data quality manager        Data quality
60    Data agency operator        My verification calls (client_base_regulations)
90    Client Base user            My clients
====  ==========================  ==========================================

The landing follows the roles: whenever a user is created or their groups
change (``groups_id``, the group check boxes of the user form, or the users
of a group), their Home Action becomes the workspace of their first role,
unless they have a Home Action that is not a workspace (chosen by hand: kept).
Administrators keep theirs.
"""

from odoo import api, models

# the user form writes groups through these reified fields
GROUP_FIELD_PREFIXES = ("in_group_", "sel_groups_")


def _changes_groups(vals):
    return any(
        key == "groups_id" or key.startswith(GROUP_FIELD_PREFIXES) for key in vals
    )


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
                50,
                "client_base.client_base_group_manager",
                "client_base.client_quality_report_action",
                False,
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
    def _client_workspace_actions(self):
        """Every workspace action (ir.actions.actions) of the roles."""
        workspaces = self.env["ir.actions.actions"]
        for _seq, _group, xmlid, _own in self._client_workspace_roles():
            action = self.env.ref(xmlid, raise_if_not_found=False)
            if action:
                workspaces |= workspaces.browse(action.id)
        return workspaces

    def _client_workspace_follow_roles(self):
        """Give these users the workspace of their first role as Home Action
        (none when they have no role any more), where their Home Action is
        empty or a workspace; a Home Action chosen by hand and the
        administrators' stay."""
        workspaces = self._client_workspace_actions()
        for user in self.sudo():
            if user.share or user._is_system():
                continue
            if user.action_id and user.action_id.id not in workspaces.ids:
                continue
            action = user._client_workspace_action()
            target = action.id if action else False
            if user.action_id.id != target:
                user.action_id = target
        return True

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        # the groups given, or the default ones of new users
        users._client_workspace_follow_roles()
        return users

    def write(self, vals):
        res = super().write(vals)
        if _changes_groups(vals):
            self._client_workspace_follow_roles()
        return res

    @api.model
    def _client_workspace_set_home_actions(self):
        """Install hook: give each role user their workspace as Home Action,
        where the user has none (or has a workspace of another role).
        Administrators keep theirs."""
        users = self.browse()
        for _seq, group, _xmlid, _own in self._client_workspace_roles():
            group = self.env.ref(group, raise_if_not_found=False)
            if group:
                users |= group.sudo().users
        users._client_workspace_follow_roles()
        return True


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        before = self.sudo().users if "users" in vals else None
        res = super().write(vals)
        if before is not None:
            # added or removed: both may change role
            (before | self.sudo().users)._client_workspace_follow_roles()
        return res
