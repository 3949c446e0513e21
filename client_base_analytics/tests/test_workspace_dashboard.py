# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestWorkspaceDashboard(AccountTestInvoicingCommon):
    """The director's dashboard: per company, in its currency, to date, and
    never another company's figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_1 = cls.env.company
        cls.company_2 = cls.setup_other_company(name="Dashboard Europe")["company"]
        cls.director = new_test_user(
            cls.env,
            login="dash_director",
            groups="base.group_user,client_base.client_base_group_director",
            company_id=cls.company_1.id,
            company_ids=[cls.company_1.id],
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Dashboard Client", "is_company": True}
        )

        def invoice(date, amount, company):
            return cls.init_invoice(
                "out_invoice",
                partner=cls.client,
                invoice_date=date,
                amounts=[amount],
                taxes=[],
                post=True,
                company=company,
            )

        with freeze_time("2026-11-20"):
            invoice("2026-11-10", 300, cls.company_1)  # Q4 2026, day 41
            invoice("2026-08-05", 200, cls.company_1)  # Q3, day 36: to date
            invoice("2026-08-30", 999, cls.company_1)  # Q3, after day 51
            invoice("2025-10-20", 100, cls.company_1)  # Q4 2025, to date
            invoice("2026-11-05", 7000, cls.company_2)  # the other company

    def _dashboard(self, companies, lang="en_US"):
        Dashboard = self.env["client.workspace.dashboard"].with_user(self.director)
        # the web client sends the user's language in the context
        return Dashboard.with_context(
            allowed_company_ids=companies.ids, lang=lang
        ).get_director_dashboard()

    @freeze_time("2026-11-20")
    def test_quarter_to_date_growth(self):
        data = self._dashboard(self.company_1)
        [company] = data["companies"]
        sales = company["sales"]
        self.assertEqual(company["id"], self.company_1.id)
        self.assertEqual(sales["current"]["amount"], 300)
        # the same 51 days of Q3: the invoice of August 30 is not counted
        self.assertEqual(sales["previous"]["amount"], 200)
        self.assertEqual(sales["previous"]["growth"], 50.0)
        self.assertEqual(sales["last_year"]["amount"], 100)
        self.assertEqual(sales["last_year"]["growth"], 200.0)
        self.assertEqual(company["top"][0]["name"], "Dashboard Client")
        self.assertEqual(len(company["matrix"]), 3)
        self.assertEqual(
            company["matrix"][0][0]["treatment"],
            "Core clients: keep them, key-account care",
        )
        action = sales["current"]["action"]
        self.assertIn(("company_id", "=", self.company_1.id), action["domain"])

    @freeze_time("2026-11-20")
    def test_quarter_labels_in_the_readers_language(self):
        data = self._dashboard(self.company_1)
        self.assertTrue(data["labels"]["current"].startswith("Q4 2026 to "))
        self.assertTrue(data["labels"]["last_year"].startswith("Q4 2025 to "))
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["client_base_analytics"], ["ru_RU"], overwrite=True
        )
        data = self._dashboard(self.company_1, lang="ru_RU")
        # "4 кв. 2026 по 20.11.2026": the quarter, then the day in Russian format
        self.assertEqual(data["labels"]["current"], "4 кв. 2026 по 20.11.2026")
        self.assertEqual(data["labels"]["previous"], "3 кв. 2026 по 20.08.2026")

    @freeze_time("2026-11-20")
    def test_never_another_companys_figures(self):
        with self.assertRaises(AccessError):
            self._dashboard(self.company_1 | self.company_2)
        self.director.company_ids |= self.company_2
        data = self._dashboard(self.company_1 | self.company_2)
        amounts = {c["id"]: c["sales"]["current"]["amount"] for c in data["companies"]}
        # each company apart, in its own currency: never 7,300
        self.assertEqual(amounts, {self.company_1.id: 300, self.company_2.id: 7000})

    def test_for_directors_only(self):
        user = new_test_user(
            self.env,
            login="dash_user",
            groups="base.group_user,client_base.client_base_group_user",
        )
        with self.assertRaises(AccessError):
            self.env["client.workspace.dashboard"].with_user(
                user
            ).get_director_dashboard()
        # the matrix is for every Client Base user, without revenue
        data = (
            self.env["client.workspace.dashboard"].with_user(user).get_abc_xyz_matrix()
        )
        self.assertIsNone(data["companies"][0]["matrix"][0][0]["share"])
