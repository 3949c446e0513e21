# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class ClientBaseCommon(BaseCommon):
    """Shared fixtures: one user per Client Base role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cb_user = new_test_user(
            cls.env,
            login="cb_user",
            groups="base.group_user,client_base.client_base_group_user",
        )
        cls.cb_manager = new_test_user(
            cls.env,
            login="cb_manager",
            groups="base.group_user,client_base.client_base_group_manager",
        )
        cls.plain_user = new_test_user(
            cls.env, login="cb_plain", groups="base.group_user"
        )
