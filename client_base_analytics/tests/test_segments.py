# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools import dashboard
from .common import AnalyticsCommon


@tagged("post_install", "-at_install")
class TestSegmentsAndSimpleAnalytics(AnalyticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.state_a, cls.state_b = cls.env["res.country.state"].search(
            [("country_id", "=", cls.env.ref("base.us").id)], limit=2
        )
        cls.alpha, cls.beta, cls.gamma = Partner.create(
            [
                {"name": "Alpha", "is_company": True, "state_id": cls.state_a.id},
                {"name": "Beta", "is_company": True, "state_id": cls.state_b.id},
                {"name": "Gamma", "is_company": True},
            ]
        )
        for months_ago in range(1, 13):
            cls.invoice(cls.alpha, 1000, months_ago)
        cls.invoice(cls.beta, 100, 2)
        cls.region = cls.env.ref(
            "client_base_analytics.client_analytic_attribute_region"
        )
        cls.north, cls.south = cls.env["client.analytic.value"].create(
            [
                {
                    "name": "North",
                    "attribute_id": cls.region.id,
                    "state_ids": [(6, 0, cls.state_a.ids)],
                },
                {
                    "name": "South",
                    "attribute_id": cls.region.id,
                    "state_ids": [(6, 0, cls.state_b.ids)],
                },
            ]
        )

    def test_region_rule_and_manual_values(self):
        self.region.action_apply_rule()
        values = {
            a.partner_id: (a.value_id, a.origin)
            for a in self.env["client.analytic.assignment"].search(
                [("attribute_id", "=", self.region.id)]
            )
        }
        self.assertEqual(values[self.alpha], (self.north, "rule"))
        self.assertEqual(values[self.beta], (self.south, "rule"))
        self.assertNotIn(self.gamma, values)
        # a value chosen by hand is never overwritten by the rule
        assignment = self.beta.client_analytic_assignment_ids
        assignment.write({"value_id": self.north.id, "origin": "manual"})
        self.alpha.state_id = self.state_b
        self.region.action_apply_rule()
        self.assertEqual(assignment.value_id, self.north)
        self.assertEqual(self.alpha.client_analytic_assignment_ids.value_id, self.south)
        # manual analytics have no rule; values must belong to their analytic
        industry = self.env.ref(
            "client_base_analytics.client_analytic_attribute_industry"
        )
        with self.assertRaises(UserError):
            industry.action_apply_rule()
        with self.assertRaises(ValidationError):
            self.env["client.analytic.assignment"].create(
                {
                    "partner_id": self.gamma.id,
                    "attribute_id": industry.id,
                    "value_id": self.north.id,
                }
            )
        self.assertTrue(self.region.responsible and self.region.update_rule)

    def test_segments_count_filter_and_activities(self):
        self.run_cron()
        segment = self.env["client.segment"].create(
            {
                "name": "A regular",
                "domain": "[('client_abc', '=', 'A'), "
                "('client_lifecycle_class', '=', 'regular')]",
            }
        )
        self.assertEqual(segment.client_count, 1)
        self.assertEqual(segment._get_partners(), self.alpha)
        found = self.env["res.partner"].search(
            [("client_segment_ids", "in", segment.ids)]
        )
        self.assertEqual(found, self.alpha)
        self.assertIn(segment, self.alpha.client_segment_ids)
        self.assertNotIn(
            self.alpha,
            self.env["res.partner"].search(
                [("client_segment_ids", "not in", segment.ids)]
            ),
        )
        wizard = self.env["client.segment.activity.wizard"].create(
            {
                "segment_id": segment.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": "Call",
            }
        )
        wizard.action_schedule()
        self.assertEqual(self.alpha.activity_ids.summary, "Call")
        action = segment.action_view_clients()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), self.alpha)
        # the mailing hook needs Email Marketing, which is optional
        if "mailing.list" not in self.env:
            self.assertFalse(segment.mailing_available)
            with self.assertRaises(ValidationError):
                segment.action_add_to_mailing_list()

    def test_segment_domain_is_parsed_safely(self):
        with self.assertRaises(ValidationError):
            self.env["client.segment"].create(
                {"name": "Evil", "domain": "__import__('os').system('id')"}
            )
        with self.assertRaises(ValidationError):
            self.env["client.segment"].create({"name": "Bad", "domain": "42"})

    def test_segment_access(self):
        segment = self.env.ref("client_base_analytics.client_segment_ax_regular")
        self.assertEqual(segment.with_user(self.cb_user).name, "AX regular")
        with self.assertRaises(AccessError):
            segment.with_user(self.cb_user).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            segment.with_user(self.plain_user).read(["name"])

    def test_sales_growth_report(self):
        self.run_cron()
        self.invoice(self.alpha, 700, 0)  # this quarter
        self.env.flush_all()
        Report = self.env["client.sales.growth.report"]
        groups = Report._read_group(
            [("partner_id", "=", self.alpha.id)],
            [],
            ["revenue_current:sum", "revenue_previous:sum", "revenue_last_year:sum"],
        )
        current, previous, last_year = groups[0]
        # the quarter to date against the same span (tools/dashboard.py)
        periods = dashboard.compared_periods(self.today)
        invoices = [(self.month_date(m), 1000.0) for m in range(1, 13)]
        invoices.append((self.month_date(0), 700.0))
        expected = {
            key: sum(amount for day, amount in invoices if start <= day <= end)
            for key, (start, end) in periods.items()
        }
        self.assertEqual(current, expected["current"])
        self.assertEqual(previous, expected["previous"])
        self.assertEqual(last_year, expected["last_year"])
        self.assertEqual(
            Report.search([("partner_id", "=", self.alpha.id)], limit=1).abc, "A"
        )
        with self.assertRaises(AccessError):
            Report.with_user(self.cb_user).search([])
