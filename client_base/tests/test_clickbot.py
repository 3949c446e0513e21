# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every screen works: Odoo's own clickbot opens every menu of the Client
Base app (every view of every action, every filter) as the administrator and
as each role user, and fails on any error dialog or failed RPC."""

import logging
from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

_logger = logging.getLogger(__name__)

CLICKBOT = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('%s');"
)

# (login, groups); a role whose group is absent (add-on not installed) is
# skipped. The data quality manager's menus are the administrator's.
ROLES = (
    ("cb_click_manager", ("client_base.client_base_group_user",)),
    ("cb_click_secretary", ("client_base.client_base_group_secretary",)),
    ("cb_click_director", ("client_base.client_base_group_director",)),
    (
        "cb_click_accountant",
        ("client_base.client_base_group_user", "account.group_account_invoice"),
    ),
)


@tagged("post_install", "-at_install", "client_base_clickbot")
class TestClickEverywhere(HttpCase):
    allow_end_on_form = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        for login, xmlids in ROLES:
            groups = [
                xmlid
                for xmlid in ("base.group_user",) + xmlids
                if cls.env.ref(xmlid, raise_if_not_found=False)
            ]
            if len(groups) == len(xmlids) + 1:
                cls.users[login] = new_test_user(
                    cls.env, login=login, groups=",".join(groups), tz="Europe/Moscow"
                )
        manager = cls.users["cb_click_manager"]
        # a few records, so that the lists, kanbans and forms render rows
        company = cls.env["res.partner"].create(
            {
                "name": "Clickbot Client Ltd",
                "is_company": True,
                "user_id": manager.id,
                "client_state": "client",
                "email": "not-an-email",
            }
        )
        today = date.today()
        cls.env["res.partner"].create(
            {
                "name": "Clickbot Birthday Person",
                "parent_id": company.id,
                "birthday": date(1988, today.month, min(today.day, 28)),
            }
        )
        for user in (cls.env.ref("base.user_admin"), *cls.users.values()):
            if "tour_enabled" in user._fields:
                user.tour_enabled = False

    def _click_app(self, login, menu_xmlid):
        self.browser_js(
            "/odoo",
            CLICKBOT % menu_xmlid,
            "odoo.isReady === true",
            login=login,
            timeout=1200,
            success_signal="clickbot test succeeded",
        )

    def test_click_client_base_admin(self):
        self._click_app("admin", "client_base.client_base_menu_root")

    def test_click_client_base_roles(self):
        for login in self.users:
            with self.subTest(login=login):
                _logger.info("clickbot over Client Base as %s", login)
                self._click_app(login, "client_base.client_base_menu_root")
