# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestWorkspaceManager(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_2 = new_test_user(
            cls.env,
            login="cb_manager_2",
            groups="base.group_user,client_base.client_base_group_user",
        )
        Partner = cls.env["res.partner"]
        cls.stale = Partner.create(
            {
                "name": "Stale Ltd",
                "is_company": True,
                "user_id": cls.cb_user.id,
                "client_state": "client",
                "client_verified_on": "2024-01-10",
            }
        )
        cls.fresh = Partner.create(
            {
                "name": "Fresh Ltd",
                "is_company": True,
                "user_id": cls.cb_user.id,
                "client_state": "client",
                "client_verified_on": "2025-12-20",
            }
        )
        cls.contact = Partner.create(
            {"name": "Person of Stale", "parent_id": cls.stale.id}
        )
        cls.other = Partner.create(
            {
                "name": "Other Ltd",
                "is_company": True,
                "user_id": cls.manager_2.id,
                "client_state": "client",
                "client_verified_on": "2024-01-10",
            }
        )
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _activity(self, partner, deadline, user):
        return self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": partner.id,
                "activity_type_id": self.todo.id,
                "summary": f"{partner.name} {deadline}",
                "date_deadline": deadline,
                "user_id": user.id,
            }
        )

    def test_my_clients(self):
        action = self.env.ref("client_base.res_partner_action_workspace_my_clients")
        domain = safe_eval(action.domain, {"uid": self.cb_user.id})
        mine = self.env["res.partner"].with_user(self.cb_user).search(domain)
        self.assertEqual(mine, self.stale | self.fresh)
        # the list shows completeness, freshness and next activity
        arch = self.env["res.partner"].get_view(action.view_ids[0].view_id.id, "list")[
            "arch"
        ]
        for name in (
            "client_completeness",
            "client_next_verification",
            "activity_ids",
        ):
            self.assertIn(f'name="{name}"', arch)

    @freeze_time("2026-01-05")
    def test_my_overdue_verifications(self):
        self.assertLess(str(self.stale.client_next_verification), "2026-01-05")
        self.assertGreater(str(self.fresh.client_next_verification), "2026-01-05")
        Partner = self.env["res.partner"].with_user(self.cb_user)
        action = Partner.action_client_workspace_overdue_verifications()
        self.assertEqual(Partner.search(action["domain"]), self.stale)
        action = Partner.with_user(
            self.manager_2
        ).action_client_workspace_overdue_verifications()
        self.assertEqual(Partner.search(action["domain"]), self.other)

    @freeze_time("2026-01-05")
    def test_my_overdue_tasks(self):
        on_my_client = self._activity(self.stale, "2026-01-03", self.manager_2)
        on_my_contact = self._activity(self.contact, "2026-01-04", self.manager_2)
        mine_elsewhere = self._activity(self.other, "2025-12-31", self.cb_user)
        self._activity(self.stale, "2026-01-05", self.cb_user)  # due today
        self._activity(self.fresh, "2026-01-06", self.cb_user)  # not yet due
        self._activity(self.other, "2026-01-02", self.manager_2)  # not mine
        Partner = self.env["res.partner"].with_user(self.cb_user)
        action = Partner.action_client_workspace_overdue_tasks()
        self.assertEqual(action["res_model"], "mail.activity")
        activities = self.env["mail.activity"].search(action["domain"])
        self.assertEqual(activities, on_my_client | on_my_contact | mine_elsewhere)
        # the list the manager sees is the same (record rules included)
        seen = (
            self.env["mail.activity"].with_user(self.cb_user).search(action["domain"])
        )
        self.assertEqual(seen, activities)

    def test_menu_by_group(self):
        menu = self.env.ref("client_base.client_workspace_my_clients_menu")
        self.assertTrue(menu_visible(menu, self.cb_user))
        self.assertFalse(menu_visible(menu, self.plain_user))


def menu_visible(menu, user):
    """The menu and all its parents are visible to ``user``."""
    visible = menu.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
    chain = menu
    while chain[-1].parent_id:
        chain |= chain[-1].parent_id
    return all(m.id in visible for m in chain)
