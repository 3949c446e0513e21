# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: every screen of the suite counts the same clients.

The suite's window actions on ``res.partner`` and its menus are read from the
registry (``contract_common``), not listed by hand: each shows only clients
of the one definition (``client_base/tools/clients.py``), unless it is a
list of contact data on purpose (``CONTACT_LEVEL``, with the reason), and
the counts agree with Data quality and the director's dashboard on the same
data.
"""

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.client_base.tests import contract_common

# Lists of contact data, where contact persons belong: their reason
CONTACT_LEVEL = {
    "client_base.res_partner_action_duplicates": "duplicates of contact "
    "persons are merged too",
    "client_base.res_partner_action_to_normalize": "the phones and e-mails of "
    "contact persons are normalised too",
}


@tagged("post_install", "-at_install")
class TestContractClients(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.company = cls.env.company
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id]}
        cls.director = new_test_user(
            cls.env,
            login="cc_director",
            groups="base.group_user,client_base.client_base_group_director,"
            "client_base.client_base_group_manager",
            **common,
        )
        cls.manager = new_test_user(
            cls.env,
            login="cc_manager",
            groups="base.group_user,client_base.client_base_group_manager",
            **common,
        )
        Partner = cls.env["res.partner"]
        # a user's partner and the own company's partner look like clients
        # (top level, a client state): never counted
        (cls.director | cls.manager).partner_id.client_state = "client"
        cls.company.partner_id.client_state = "client"
        cls.firm = Partner.create(
            {"name": "Firm Ltd", "is_company": True, "user_id": cls.manager.id}
        )
        cls.contact = Partner.create(
            {"name": "Anna Contact", "parent_id": cls.firm.id, "type": "contact"}
        )
        cls.person = Partner.create(
            {"name": "Private Person", "user_id": cls.manager.id}
        )
        cls.branch = Partner.create(
            {"name": "Branch Ltd", "is_company": True, "parent_id": cls.firm.id}
        )
        cls.archived = Partner.create(
            {"name": "Old Ltd", "is_company": True, "client_state": "archived"}
        )
        cls.clients = cls.firm | cls.person | cls.branch
        # the firm is lost: its class reaches its contact persons as well
        cls.env["client.classification"].sudo().create(
            {
                "partner_id": cls.firm.id,
                "company_id": cls.company.id,
                "computed_lifecycle": "lost",
            }
        )
        cls.env.flush_all()
        cls.env["client.classification.run"]._sync_partners()
        cls.env["res.partner"].invalidate_model()

    def _action_records(self, action, user):
        env = self.env(user=user)
        context = safe_eval(
            action.context or "{}",
            {"uid": user.id, "active_id": False, "active_ids": []},
        )
        domain = safe_eval(
            action.domain or "[]",
            {
                "uid": user.id,
                "context_today": fields.Date.context_today,
                "active_id": False,
                "active_ids": [],
            },
        )
        return env["res.partner"].with_context(**context).search(domain)

    def _suite_partner_actions(self):
        ids = contract_common._suite_xmlids(self.env, "ir.actions.act_window").mapped(
            "res_id"
        )
        actions = self.env["ir.actions.act_window"].browse(ids)
        return actions.filtered(lambda a: a.res_model == "res.partner")

    def test_the_definition(self):
        Partner = self.env["res.partner"]
        found = Partner.search([("client_is_client", "=", True)])
        self.assertEqual(
            found & (self.clients | self.contact | self.archived), self.clients
        )
        self.assertFalse(found & (self.director | self.manager).partner_id)
        self.assertFalse(found & self.company.partner_id)
        self.assertNotIn(self.firm, Partner.search([("client_is_client", "=", False)]))
        self.assertEqual(
            (self.clients | self.contact | self.archived).mapped("client_is_client"),
            [True, True, True, False, False],
        )

    def test_every_client_list_shows_clients_only(self):
        actions = self._suite_partner_actions()
        self.assertIn(
            "client_base_analytics.res_partner_action_workspace_director_clients",
            actions.mapped("xml_id"),
        )
        not_clients = (
            self.contact
            | self.archived
            | (self.director | self.manager).partner_id
            | self.company.partner_id
        )
        for action in actions:
            if action.xml_id in CONTACT_LEVEL:
                continue
            for user in (self.director, self.manager):
                with self.subTest(action=action.xml_id, user=user.login):
                    records = self._action_records(action, user)
                    self.assertFalse(records & not_clients, action.name)

    def test_menus_of_the_suite_open_listed_actions(self):
        # every suite menu on clients opens one of the enumerated actions
        ids = contract_common._suite_xmlids(self.env, "ir.ui.menu").mapped("res_id")
        actions = self._suite_partner_actions()
        for menu in self.env["ir.ui.menu"].browse(ids):
            action = menu.action
            if (
                action
                and action._name == "ir.actions.act_window"
                and action.res_model == "res.partner"
            ):
                self.assertIn(action, actions, menu.complete_name)

    def test_counts_agree_with_data_quality(self):
        clients = self._action_records(
            self.env.ref("client_base.res_partner_action_client"), self.director
        )
        self.assertEqual(clients & (self.clients | self.contact), self.clients)
        quality = (
            self.env["client.quality.report"]
            .with_user(self.director)
            .search([("partner_id", "in", (clients | self.contact).ids)])
        )
        self.assertEqual(quality.partner_id, clients)
        everyone = self.env["client.quality.report"].with_user(self.director)
        [group] = everyone.read_group([], ["client_count:sum"], [], lazy=False)
        self.assertEqual(group["client_count"], len(clients))

    def test_lost_clients_agree_with_the_dashboard(self):
        lost = self._action_records(
            self.env.ref(
                "client_base_analytics.res_partner_action_workspace_director_clients"
            ),
            self.director,
        )
        self.assertEqual(lost, self.firm)  # not its contact person
        data = (
            self.env["client.workspace.dashboard"]
            .with_user(self.director)
            .get_director_dashboard()
        )
        [company] = data["companies"]
        self.assertEqual(company["lost_clients"]["count"], len(lost))

    def test_dashboard_health_counts_clients(self):
        """The dashboard counts the clients the Clients action lists."""
        clients = self._action_records(
            self.env.ref("client_base.res_partner_action_client"), self.director
        )
        data = (
            self.env["client.workspace.dashboard"]
            .with_user(self.director)
            .get_director_dashboard()
        )
        self.assertEqual(data["health"]["clients"], len(clients))

    def test_my_clients_counter(self):
        Partner = self.env["res.partner"].with_user(self.manager)
        expected = self.clients.filtered(lambda p: p.user_id == self.manager)
        self.assertIn(self.firm, expected)
        # the manager's own partner, with the manager as salesperson: not a client
        self.manager.partner_id.user_id = self.manager
        self.contact.user_id = self.manager
        mine = Partner.search(Partner._client_workspace_my_clients_domain())
        self.assertEqual(mine, expected)
