# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_menu_under_client_base(self):
        menu = self.env.ref("client_base_regulations.client_base_regulations_menu")
        self.assertEqual(
            menu.parent_id, self.env.ref("client_base.client_base_menu_root")
        )
