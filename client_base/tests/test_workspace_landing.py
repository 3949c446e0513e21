# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkspaceLanding(TransactionCase):
    """Client Base opens on the user's own workspace, first role first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        user = "base.group_user,client_base.client_base_group_user"
        cls.manager = new_test_user(cls.env, login="land_manager", groups=user)
        cls.newcomer = new_test_user(cls.env, login="land_newcomer", groups=user)
        cls.secretary = new_test_user(
            cls.env,
            login="land_secretary",
            groups="base.group_user,client_base.client_base_group_secretary",
        )
        cls.director = new_test_user(
            cls.env,
            login="land_director",
            groups="base.group_user,client_base.client_base_group_director",
        )
        cls.env["res.partner"].create(
            {"name": "Landing Client", "is_company": True, "user_id": cls.manager.id}
        )
        cls.Users = cls.env["res.users"]

    def _landing(self, user):
        return self.Users.with_user(user).action_client_workspace_home()

    def test_manager_lands_on_my_clients(self):
        action = self._landing(self.manager)
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action.get("path"), "my-clients")

    def test_secretary_lands_on_greetings(self):
        action = self._landing(self.secretary)
        self.assertEqual(action["res_model"], "client.greeting")

    def test_director_first(self):
        director_action = self.env.ref(
            "client_base_analytics.client_workspace_dashboard_action",
            raise_if_not_found=False,
        )
        if not director_action:
            self.skipTest("client_base_analytics is not installed")
        self.director.groups_id |= self.env.ref(
            "client_base.client_base_group_secretary"
        )
        self.assertEqual(self.director._client_workspace_action(), director_action)

    def test_accountant_without_clients(self):
        accountant = self.env.ref(
            "account.group_account_invoice", raise_if_not_found=False
        )
        collect = self.env.ref(
            "client_base_regulations.account_move_action_document_collect",
            raise_if_not_found=False,
        )
        if not collect:
            self.skipTest("client_base_regulations is not installed")
        self.newcomer.groups_id |= accountant
        self.manager.groups_id |= accountant
        # an accountant lands on the documents to collect, unless clients are
        # theirs (a salesperson who also invoices keeps "My clients")
        self.assertEqual(self.newcomer._client_workspace_action(), collect)
        self.assertEqual(
            self.manager._client_workspace_action(),
            self.env.ref("client_base.res_partner_action_workspace_my_clients"),
        )

    def test_home_actions_set_where_none(self):
        chosen = self.env.ref("client_base.res_partner_action_client")
        self.manager.action_id = chosen.id
        (self.secretary | self.newcomer).action_id = False
        admin = self.env.ref("base.user_admin")
        admin_action = admin.action_id
        self.Users._client_workspace_set_home_actions()
        self.assertEqual(self.manager.action_id.id, chosen.id, "chosen by hand: kept")
        self.assertEqual(
            self.secretary.action_id.id,
            self.env.ref("client_base.client_greeting_action_week").id,
        )
        self.assertTrue(self.newcomer.action_id)
        self.assertEqual(admin.action_id, admin_action, "administrators keep theirs")
