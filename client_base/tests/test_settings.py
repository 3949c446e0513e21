# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestSettings(ClientBaseCommon):
    def test_groups_ladder(self):
        self.assertTrue(self.cb_manager.has_group("client_base.client_base_group_user"))
        self.assertFalse(
            self.cb_user.has_group("client_base.client_base_group_manager")
        )
        self.assertTrue(
            self.env.ref("base.user_admin").has_group(
                "client_base.client_base_group_manager"
            )
        )

    def test_settings_saved_as_parameters(self):
        settings = self.env["res.config.settings"].create(
            {"client_base_vip_limit": 12, "client_base_update_period_months": 3}
        )
        settings.execute()
        icp = self.env["ir.config_parameter"].sudo()
        self.assertEqual(icp.get_param("client_base.vip_limit"), "12")
        self.assertEqual(icp.get_param("client_base.update_period_months"), "3")

    def test_settings_rejects_bad_values(self):
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"client_base_update_period_months": 0}
            )
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"client_base_vip_limit": -1})

    def test_menu_visible_per_group(self):
        root = self.env.ref("client_base.client_base_menu_root")
        config = self.env.ref("client_base.client_base_menu_config")
        menus_user = self.env["ir.ui.menu"].with_user(self.cb_user)._visible_menu_ids()
        menus_plain = (
            self.env["ir.ui.menu"].with_user(self.plain_user)._visible_menu_ids()
        )
        self.assertIn(root.id, menus_user)
        self.assertNotIn(config.id, menus_user)
        self.assertNotIn(root.id, menus_plain)
