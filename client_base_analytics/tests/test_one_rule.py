# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One rule, one place: the three sales views agree, per company and
currency; a director sees revenue in each; a fully cancelled invoice is no
purchase."""

from odoo import Command, fields
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..tools import dashboard as logic
from ..tools.revenue import REVENUE_GROUPS
from .common import AnalyticsCommon

TODAY = "2026-11-20"  # day 51 of Q4 2026
PERIODS = ("current", "previous", "last_year")


@tagged("post_install", "-at_install")
class TestOneGrowthRule(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rub = cls.env.ref("base.RUB")
        eur = cls.env.ref("base.EUR")
        (rub | eur).active = True
        cls.rub_co = cls.setup_other_company(name="Roubles", currency_id=rub.id)[
            "company"
        ]
        cls.eur_co = cls.setup_other_company(name="Euros", currency_id=eur.id)[
            "company"
        ]
        # 1 RUB = 0.01 EUR for the rouble company (100 RUB per EUR)
        cls.env["res.currency.rate"].create(
            {"name": "2020-01-01", "currency_id": eur.id, "rate": 0.01}
        ).company_id = cls.rub_co
        cls.director = new_test_user(
            cls.env,
            login="one_rule_director",
            groups="base.group_user,client_base.client_base_group_director",
            company_id=cls.rub_co.id,
            company_ids=[Command.set((cls.rub_co | cls.eur_co).ids)],
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Two-company client", "is_company": True}
        )

        def invoice(date, amount, company, kind="out_invoice"):
            return cls.init_invoice(
                kind,
                partner=cls.client,
                invoice_date=date,
                amounts=[amount],
                taxes=[],
                post=True,
                company=company,
            )

        with freeze_time(TODAY):
            invoice("2026-11-10", 300, cls.rub_co)  # current, to date
            invoice("2026-11-25", 5000, cls.rub_co)  # this quarter, after today
            invoice("2026-08-05", 200, cls.rub_co)  # previous, to date
            invoice("2026-08-30", 999, cls.rub_co)  # previous, after day 51
            invoice("2025-10-20", 100, cls.rub_co)  # last year, to date
            invoice("2025-12-01", 555, cls.rub_co)  # last year, after day 51
            invoice("2026-11-05", 70, cls.eur_co)
            invoice("2026-07-15", 40, cls.eur_co)
            invoice("2026-07-16", 5, cls.eur_co, kind="out_refund")
            invoice("2026-09-25", 888, cls.eur_co)  # previous, after day 51
        cls.expected = {
            cls.rub_co: {"current": 300.0, "previous": 200.0, "last_year": 100.0},
            cls.eur_co: {"current": 70.0, "previous": 35.0, "last_year": 0.0},
        }

    def _env(self, companies):
        return self.env(
            user=self.director, context={"allowed_company_ids": companies.ids}
        )

    def _dashboard(self, companies):
        data = self._env(companies)[
            "client.workspace.dashboard"
        ].get_director_dashboard()
        return {
            company["id"]: {key: company["sales"][key]["amount"] for key in PERIODS}
            for company in data["companies"]
        }

    def _growth(self, companies):
        Report = self._env(companies)["client.sales.growth.report"]
        rows = Report._read_group(
            [("partner_id", "=", self.client.id)],
            ["company_id", "currency_id"],
            ["revenue_current:sum", "revenue_previous:sum", "revenue_last_year:sum"],
        )
        return {
            company.id: (currency, dict(zip(PERIODS, sums, strict=True)))
            for company, currency, *sums in rows
        }

    def _workspace(self, companies):
        Report = self._env(companies)["client.workspace.sales.report"]
        action = Report.action_open_sales_growth()
        rows = Report._read_group(
            action["domain"] + [("partner_id", "=", self.client.id)],
            ["company_id", "currency_id", "date:quarter"],
            ["amount:sum"],
        )
        today = fields.Date.context_today(Report)
        starts = {
            start: key for key, (start, _end) in logic.compared_periods(today).items()
        }
        result = {}
        for company, currency, quarter, amount in rows:
            entry = result.setdefault(
                company.id, (currency, dict.fromkeys(PERIODS, 0.0))
            )
            entry[1][starts[quarter]] += amount
        return result

    @freeze_time(TODAY)
    def test_three_views_agree_per_company_and_currency(self):
        both = self.rub_co | self.eur_co
        rub = self.rub_co.currency_id
        for company in (self.rub_co, self.eur_co):
            expected = self.expected[company]
            # one company selected: everything in its own currency
            self.assertEqual(self._dashboard(company), {company.id: expected})
            currency = company.currency_id
            self.assertEqual(self._growth(company), {company.id: (currency, expected)})
            self.assertEqual(
                self._workspace(company), {company.id: (currency, expected)}
            )
        # both selected: the dashboard keeps each company in its currency
        self.assertEqual(
            self._dashboard(both),
            {co.id: self.expected[co] for co in both},
        )
        # the reports convert to the current company's currency, Odoo's way
        converted = {
            self.rub_co.id: (rub, self.expected[self.rub_co]),
            self.eur_co.id: (
                rub,
                {k: v * 100 for k, v in self.expected[self.eur_co].items()},
            ),
        }
        self.assertEqual(self._growth(both), converted)
        self.assertEqual(self._workspace(both), converted)

    def test_director_sees_revenue_everywhere(self):
        self.assertIn("client_base.client_base_group_director", REVENUE_GROUPS)
        for model, field in (
            ("client.sales.growth.report", "revenue_current"),
            ("client.workspace.sales.report", "amount"),
            ("client.classification", "revenue"),
        ):
            Model = self._env(self.rub_co)[model]
            # fields_get hides the fields of other groups; read would raise
            self.assertIn(field, Model.fields_get([field]))
            Model.search_read([], [field], limit=1)


@tagged("post_install", "-at_install")
class TestCancelledInvoice(AnalyticsCommon):
    def test_fully_cancelled_invoice_is_no_purchase(self):
        partner = self.env["res.partner"].create({"name": "Cancel", "is_company": True})
        kept = self.invoice(partner, 400, 2)
        cancelled = self.invoice(partner, 300, 3)
        refund = self.invoice(partner, 300, 1, move_type="out_refund", post=False)
        refund.reversed_entry_id = cancelled
        refund.action_post()
        half = self.invoice(partner, 200, 4)
        refund = self.invoice(partner, 100, 1, move_type="out_refund", post=False)
        refund.reversed_entry_id = half
        refund.action_post()
        self.run_cron()
        rec = self.Classification.search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )
        # the kept invoice and the half-refunded one; the cancelled one nowhere
        self.assertEqual(rec.frequency, 2)
        self.assertEqual(rec.revenue, 400 + 100)
        self.assertEqual(rec.last_invoice, kept.date)
