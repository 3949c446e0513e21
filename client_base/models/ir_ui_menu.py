# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Menus that hold only what the user uses.

Odoo shows a menu to every member of one of its groups and has no "but not".
On top of that, by groups only (Odoo caches the visible menus per set of
groups, and so does this):

* *Workspaces › Manager* (my clients, my overdue verifications, my overdue
  tasks: the clients assigned to the user) is hidden from the director and
  the secretary, whose own workspace is another one and who have no clients
  of their own;
* the *Dashboards* app (``spreadsheet_dashboard``, installed with Sales or
  Invoicing) is hidden from a user none of whose groups opens a dashboard:
  it would be empty. Its administrators keep it.
"""

from odoo import api, models, tools

# menu xmlid -> the groups whose members do not see it
HIDDEN_FOR = {
    "client_base.client_workspace_manager_menu": (
        "client_base.client_base_group_director",
        "client_base.client_base_group_secretary",
    ),
}
DASHBOARDS_MENU = "spreadsheet_dashboard.spreadsheet_dashboard_menu_root"
DASHBOARDS_ADMIN = "spreadsheet_dashboard.group_dashboard_manager"


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _client_base_hidden_menus(self):
        """The menus hidden from the current user on top of Odoo's rules
        (depends on the user's groups only)."""
        user = self.env.user
        hidden = self.browse()
        for xmlid, groups in HIDDEN_FOR.items():
            if any(user._has_group(group) for group in groups):
                hidden |= self.env.ref(xmlid, raise_if_not_found=False) or hidden
        dashboards = self.env.ref(DASHBOARDS_MENU, raise_if_not_found=False)
        if (
            dashboards
            and "spreadsheet.dashboard" in self.env
            and not user._has_group(DASHBOARDS_ADMIN)
        ):
            # the record rule of the dashboards, company aside
            count = (
                self.env["spreadsheet.dashboard"]
                .sudo()
                .search_count([("group_ids", "in", user._get_group_ids())], limit=1)
            )
            if not count:
                hidden |= dashboards
        if not hidden:
            return hidden
        return (
            self.sudo()
            .with_context(**{"ir.ui.menu.full_list": True})
            .search([("id", "child_of", hidden.ids)])
        )

    @api.model
    @tools.ormcache("frozenset(self.env.user.groups_id.ids)", "debug")
    def _visible_menu_ids(self, debug=False):
        visible = super()._visible_menu_ids(debug)
        hidden = self._client_base_hidden_menus()
        return visible - set(hidden.ids) if hidden else visible
