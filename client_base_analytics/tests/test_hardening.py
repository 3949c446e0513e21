# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 14: no leak between companies over JSON-RPC; one recompute per
company however often the button is pressed."""

from odoo import Command, api
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.client_base.tests.rpc_common import RpcMixin

from .common import AnalyticsCommon


@tagged("post_install", "-at_install")
class TestCompanyLeaks(RpcMixin, AnalyticsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.setup_other_company()["company"]
        cls.client_1 = cls.env["res.partner"].create(
            {"name": "Client of one", "is_company": True}
        )
        cls.client_2 = cls.env["res.partner"].create(
            {"name": "Client of two", "is_company": True}
        )
        cls.invoice(cls.client_1, 100, 1)
        cls.invoice(cls.client_2, 7777, 1, company=cls.company_2)
        cls.director = new_test_user(
            cls.env,
            login="cba_director",
            groups="base.group_user,client_base.client_base_group_director",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def test_director_sales_report_shows_own_company_only(self):
        self._login(self.director)
        result, error = self._call(
            "client.workspace.sales.report",
            "search_read",
            [],
            ["partner_id", "company_id", "amount"],
        )
        self.assertFalse(error, error)
        companies = {row["company_id"][0] for row in result}
        self.assertEqual(companies, {self.company.id})
        result, error = self._call(
            "client.workspace.sales.report",
            "read_group",
            [],
            ["amount:sum"],
            [],
        )
        self.assertFalse(error, error)
        self.assertEqual(result[0]["amount"], 100)

    def test_growth_report_shows_own_company_only(self):
        self._login(self.cb_manager)
        result, error = self._call(
            "client.sales.growth.report", "search_read", [], ["company_id"]
        )
        self.assertFalse(error, error)
        self.assertEqual({row["company_id"][0] for row in result}, {self.company.id})

    def test_transitions_of_another_company_refused(self):
        self.run_cron()
        runs = self.Run.sudo().search(
            [("company_id", "=", self.company_2.id), ("state", "=", "done")]
        )
        self.assertTrue(runs, "company 2 was classified")
        self._login(self.cb_manager)
        self.assertRefused(
            "client.classification.transition.wizard",
            "create",
            {
                "company_id": self.company_2.id,
                "run_from_id": runs[-1].id,
                "run_to_id": runs[0].id,
            },
        )


@tagged("post_install", "-at_install")
class TestRecomputePressedTwice(TransactionCase):
    """Two transactions at once, on real cursors, both rolled back."""

    def test_second_press_starts_nothing(self):
        admin = self.env.ref("base.user_admin").id
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1 = api.Environment(cr1, admin, {})
            env2 = api.Environment(cr2, admin, {})
            Run2 = env2["client.classification.run"].sudo()
            before = Run2.search_count([])
            action = env1["client.classification.run"].action_recompute_now()
            started = env1["client.classification.run"].search(action["domain"])
            self.assertTrue(started)
            # the other tab, while the first press is not committed yet
            action2 = env2["client.classification.run"].action_recompute_now()
            self.assertEqual(Run2.search_count([]), before, "no duplicate run")
            self.assertIn(("state", "=", "running"), action2["domain"])
            cr2.rollback()
            cr1.rollback()
