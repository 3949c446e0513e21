# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


def menu_visible(menu, user):
    visible = menu.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
    chain = menu
    while chain[-1].parent_id:
        chain |= chain[-1].parent_id
    return all(m.id in visible for m in chain)


@tagged("post_install", "-at_install")
class TestWorkspaceDirector(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        common = {"company_id": company.id, "company_ids": [company.id]}
        cls.director = new_test_user(
            cls.env,
            login="ws_director",
            groups="base.group_user,client_base.client_base_group_director",
            **common,
        )
        cls.cb_user = new_test_user(
            cls.env,
            login="ws_cb_user",
            groups="base.group_user,client_base.client_base_group_user",
            **common,
        )
        Partner = cls.env["res.partner"]
        cls.newcomer = Partner.create({"name": "Newcomer Ltd", "is_company": True})
        cls.regular = Partner.create({"name": "Regular Ltd", "is_company": True})

        def invoice(partner, date, amount, kind="out_invoice", post=True):
            return cls.init_invoice(
                kind,
                partner=partner,
                invoice_date=date,
                amounts=[amount],
                taxes=[],
                post=post,
            )

        invoice(cls.newcomer, "2026-02-10", 100)
        invoice(cls.newcomer, "2026-01-05", 30, kind="out_refund")
        invoice(cls.regular, "2025-11-15", 200)
        invoice(cls.regular, "2026-03-01", 20)
        invoice(cls.regular, "2025-02-01", 50)
        invoice(cls.regular, "2025-06-01", 999)  # not a compared quarter
        invoice(cls.regular, "2026-03-02", 777, post=False)  # draft
        invoice(cls.regular, "2026-03-03", 555, kind="in_invoice")  # vendor bill

    def _quarters(self, user=None):
        Report = self.env["client.workspace.sales.report"].with_user(
            user or self.director
        )
        action = Report.action_open_sales_growth()
        groups = Report._read_group(
            action["domain"],
            ["date:quarter"],
            ["amount:sum"],
        )
        return {str(quarter): amount for quarter, amount in groups}

    @freeze_time("2026-03-15")
    def test_sales_growth_quarters(self):
        self.assertEqual(
            self._quarters(),
            {"2026-01-01": 90.0, "2025-10-01": 200.0, "2025-01-01": 50.0},
        )

    @freeze_time("2026-01-02")
    def test_sales_growth_at_the_turn_of_the_year(self):
        # Q1 2026 two days old: its two days against the first two days of
        # Q4 2025 and of Q1 2025 (never a partial quarter against a whole)
        quarters = self.env["client.workspace.sales.report"]._get_compared_quarters()
        self.assertEqual(
            [(str(s), str(e)) for s, e in quarters],
            [
                ("2026-01-01", "2026-01-02"),
                ("2025-10-01", "2025-10-02"),
                ("2025-01-01", "2025-01-02"),
            ],
        )
        self.assertEqual(self._quarters(), {})

    @freeze_time("2025-12-20")
    def test_sales_growth_in_q4(self):
        self.assertEqual(self._quarters(), {"2025-10-01": 200.0})

    def test_new_clients(self):
        Partner = self.env["res.partner"].with_user(self.director)
        with freeze_time("2026-03-15"):
            action = Partner.action_client_workspace_new_clients()
            self.assertEqual(Partner.search(action["domain"]), self.newcomer)
        with freeze_time("2025-12-15"):
            action = Partner.action_client_workspace_new_clients()
            self.assertFalse(Partner.search(action["domain"]) & self.newcomer)
        with freeze_time("2025-03-15"):
            action = Partner.action_client_workspace_new_clients()
            self.assertIn(self.regular, Partner.search(action["domain"]))

    def test_access_by_group(self):
        Report = self.env["client.workspace.sales.report"]
        Report.with_user(self.director).search([]).read(["amount"])
        with self.assertRaises(AccessError):
            Report.with_user(self.cb_user).search([])
        menu = self.env.ref(
            "client_base_analytics.client_workspace_director_sales_menu"
        )
        self.assertTrue(menu_visible(menu, self.director))
        self.assertFalse(menu_visible(menu, self.cb_user))
        # the director sees the data health report of client_base
        self.env["client.quality.report"].with_user(self.director).search([])

    def test_manager_list_shows_the_class(self):
        view = self.env.ref("client_base.res_partner_view_list_workspace")
        Partner = self.env["res.partner"].with_user(self.cb_user)
        arch = Partner.get_view(view.id, "list")["arch"]
        self.assertIn('name="client_abc"', arch)
        self.assertIn('name="client_lifecycle_class"', arch)
