# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.base.models.res_users import name_boolean_group


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


@tagged("post_install", "-at_install")
class TestWorkspaceLandingFollowsRoles(TransactionCase):
    """The Home Action follows the roles of any user, not only at install."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_group = cls.env.ref("client_base.client_base_group_secretary")
        cls.user_group = cls.env.ref("client_base.client_base_group_user")
        cls.greetings = cls.env.ref("client_base.client_greeting_action_week")
        cls.my_clients = cls.env.ref(
            "client_base.res_partner_action_workspace_my_clients"
        )
        cls.quality = cls.env.ref("client_base.client_quality_report_action")

    def _user(self, login, groups):
        return new_test_user(self.env, login=login, groups=groups)

    def test_created_with_a_role(self):
        secretary = self._user(
            "follow_secretary",
            "base.group_user,client_base.client_base_group_secretary",
        )
        self.assertEqual(secretary.action_id.id, self.greetings.id)
        quality = self._user(
            "follow_quality", "base.group_user,client_base.client_base_group_manager"
        )
        self.assertEqual(quality.action_id.id, self.quality.id)
        plain = self._user("follow_plain", "base.group_user")
        self.assertFalse(plain.action_id, "no role: Odoo's default landing")

    def test_groups_written(self):
        user = self._user("follow_written", "base.group_user")
        user.write({"groups_id": [Command.link(self.user_group.id)]})
        self.assertEqual(user.action_id.id, self.my_clients.id)
        user.write({"groups_id": [Command.link(self.secretary_group.id)]})
        self.assertEqual(user.action_id.id, self.greetings.id)
        user.write(
            {
                "groups_id": [
                    Command.unlink(self.secretary_group.id),
                    Command.unlink(self.user_group.id),
                ]
            }
        )
        self.assertFalse(user.action_id, "no role left: no workspace")

    def test_group_users_written(self):
        user = self._user("follow_group", "base.group_user")
        self.secretary_group.write({"users": [Command.link(user.id)]})
        self.assertEqual(user.action_id.id, self.greetings.id)

    def test_user_form_check_boxes(self):
        """The user form writes the groups through its reified fields."""
        user = self._user("follow_form", "base.group_user")
        gid = self.secretary_group.id
        names = user.fields_get()
        field = name_boolean_group(gid)
        if field in names:
            user.write({field: True})
        else:
            field = next(
                name
                for name in names
                if name.startswith("sel_groups_") and str(gid) in name.split("_")[2:]
            )
            user.write({field: gid})
        self.assertEqual(user.action_id.id, self.greetings.id)

    def test_hand_chosen_and_admin_kept(self):
        chosen = self.env.ref("client_base.res_partner_action_client")
        user = self._user("follow_chosen", "base.group_user")
        user.action_id = chosen.id
        user.write({"groups_id": [Command.link(self.secretary_group.id)]})
        self.assertEqual(user.action_id.id, chosen.id, "chosen by hand: kept")
        admin = self.env.ref("base.user_admin")
        before = admin.action_id
        admin.write({"groups_id": [Command.link(self.secretary_group.id)]})
        self.assertEqual(admin.action_id, before, "administrators keep theirs")
