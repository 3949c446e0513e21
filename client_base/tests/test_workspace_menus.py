# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkspaceMenus(TransactionCase):
    """Each role's menus hold only what the role uses (ir_ui_menu.py)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env,
            login="menu_director",
            groups="base.group_user,client_base.client_base_group_director",
        )
        cls.secretary = new_test_user(
            cls.env,
            login="menu_secretary",
            groups="base.group_user,client_base.client_base_group_secretary",
        )
        cls.manager = new_test_user(
            cls.env,
            login="menu_manager",
            groups="base.group_user,client_base.client_base_group_user",
        )
        cls.manager_menu = cls.env.ref("client_base.client_workspace_manager_menu")
        cls.manager_menus = cls.env["ir.ui.menu"].search(
            [("id", "child_of", cls.manager_menu.id)]
        )

    def _visible(self, user):
        Menu = self.env["ir.ui.menu"].with_user(user)
        return Menu.browse(Menu._visible_menu_ids())

    def _app_names(self, user):
        """The apps of the user's home screen, as the web client loads them."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        return {menus[menu_id]["xmlid"] for menu_id in menus["root"]["children"]}

    def test_manager_workspace_only_for_managers(self):
        self.assertEqual(len(self.manager_menus), 4)
        self.assertFalse(self._visible(self.director) & self.manager_menus)
        self.assertFalse(self._visible(self.secretary) & self.manager_menus)
        self.assertEqual(
            self._visible(self.manager) & self.manager_menus, self.manager_menus
        )

    def test_director_workspace_and_clients_kept(self):
        visible = self._visible(self.director)
        for xmlid in (
            "client_base.client_workspace_menu",
            "client_base.res_partner_menu_client",
            "client_base_analytics.client_workspace_director_sales_menu",
        ):
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu:
                self.assertIn(menu, visible, xmlid)
        workspaces = self.env.ref("client_base.client_workspace_menu")
        director_menus = visible & self.env["ir.ui.menu"].search(
            [("id", "child_of", workspaces.id), ("action", "!=", False)]
        )
        self.assertTrue(director_menus, "the director keeps a workspace")

    def test_empty_dashboards_app_hidden(self):
        dashboards = self.env.ref(
            "spreadsheet_dashboard.spreadsheet_dashboard_menu_root",
            raise_if_not_found=False,
        )
        if not dashboards:
            self.skipTest("spreadsheet_dashboard is not installed")
        xmlid = "spreadsheet_dashboard.spreadsheet_dashboard_menu_root"
        Dashboard = self.env["spreadsheet.dashboard"]
        self.assertFalse(
            Dashboard.with_user(self.director).search_count([]),
            "the director opens no dashboard",
        )
        self.assertNotIn(xmlid, self._app_names(self.director))
        self.assertNotIn(dashboards, self._visible(self.director))
        # a dashboard of one of the user's groups brings the app back
        Dashboard.search([], limit=1).group_ids |= self.env.ref(
            "client_base.client_base_group_director"
        )
        self.env.registry.clear_cache()
        if Dashboard.search_count([]):
            self.assertIn(xmlid, self._app_names(self.director))
        # the administrator keeps it
        self.assertIn(xmlid, self._app_names(self.env.ref("base.user_admin")))
