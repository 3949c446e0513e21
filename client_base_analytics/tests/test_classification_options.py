# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.client_base_analytics.tools import classify_params

from .common import AnalyticsCommon

RUN_CLASSIFY = (
    "odoo.addons.client_base_analytics.models.client_classification_run_classify"
)


@tagged("post_install", "-at_install")
class TestClassificationOptions(AnalyticsCommon):
    """Settings, refunds, short windows, history, RFM, grouping by class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.steady, cls.big, cls.refund_only, cls.rare = Partner.create(
            [
                {"name": "Steady", "is_company": True},
                {"name": "Big", "is_company": True},
                {"name": "Refund only", "is_company": True},
                {"name": "Rare", "is_company": True},
            ]
        )
        cls.invoices = {}
        for months_ago in range(1, 13):
            cls.invoices[months_ago] = cls.invoice(cls.steady, 300, months_ago)
            cls.invoice(cls.big, 1000 + 100 * (months_ago % 3), months_ago)
        cls.invoice(cls.rare, 500, 11)
        cls.invoice(cls.rare, 600, 10)
        cls.invoice(cls.refund_only, 80, 3, move_type="out_refund")

    def clients(self):
        return [self.big, self.steady, self.rare]

    def rec(self, partner, company=None):
        return self.Classification.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", (company or self.company).id),
            ]
        )

    def refund_of(self, invoice, amount, months_ago):
        refund = self.invoice(
            invoice.partner_id, amount, months_ago, move_type="out_refund", post=False
        )
        refund.reversed_entry_id = invoice
        refund.action_post()
        return refund

    def period_revenue(self):
        params = self.company._client_analytics_params()
        periods = classify_params.window_periods(self.today, params)
        window_end = classify_params.add_months(periods[-1], 1)
        rows, _invoices = self.Run._aggregate(self.company, params, periods, window_end)
        rows = rows[rows.partner_id == self.steady.id]
        return dict(zip(rows.period, rows.revenue, strict=True))

    def test_refund_in_the_period_of_its_invoice(self):
        # a refund posted last month for the invoice of 5 months ago
        self.refund_of(self.invoices[5], 100, 1)
        by_period = self.period_revenue()
        self.assertEqual(by_period[11 - 4], 200.0)  # 5 months ago: 300 - 100
        self.assertEqual(by_period[11], 300.0)  # last month untouched
        self.run_cron()
        on = self.rec(self.steady).cv
        # option off: the refund counts in the month of the credit note
        self.company.client_refunds_in_invoice_period = False
        by_period = self.period_revenue()
        self.assertEqual(by_period[11 - 4], 300.0)
        self.assertEqual(by_period[11], 200.0)
        self.run_cron()
        self.assertEqual(self.rec(self.steady).cv, on)  # same spread, moved
        # a refund of an invoice before the window counts nowhere in it
        old = self.invoice(self.steady, 300, 14)
        self.company.client_refunds_in_invoice_period = True
        before = sum(self.period_revenue().values())
        self.refund_of(old, 300, 1)
        self.assertEqual(sum(self.period_revenue().values()), before)

    def test_short_window_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.company.write(
                {
                    "client_analytics_window_months": 2,
                    "client_new_periods": 1,
                    "client_lost_periods": 1,
                }
            )
        self.assertIn("at least 3 periods", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.company.write(
                {
                    "client_analytics_period": "quarter",
                    "client_new_periods": 1,
                    "client_lost_periods": 1,
                    "client_analytics_window_months": 6,
                }
            )
        # three quarters are enough
        self.company.write(
            {
                "client_analytics_period": "quarter",
                "client_analytics_window_months": 9,
                "client_new_periods": 1,
                "client_lost_periods": 1,
            }
        )

    def test_history_only_for_class_changes(self):
        self.run_cron()
        History = self.env["client.classification.history"]
        rec = self.rec(self.refund_only)
        self.assertEqual((rec.lifecycle, rec.revenue), ("none", -80.0))
        self.assertFalse(History.search([("partner_id", "=", self.refund_only.id)]))
        self.assertTrue(History.search([("partner_id", "=", self.steady.id)]))
        # a fact changes, the classes do not: written, no history
        count = History.search_count([])
        self.invoice(self.refund_only, 10, 2, move_type="out_refund")
        self.run_cron()
        self.assertEqual(self.rec(self.refund_only).revenue, -90.0)
        self.assertEqual(History.search_count([]), count)

    def test_abc_rule_and_xyz_options(self):
        self.run_cron()
        self.assertEqual(self.classes(), self.oracle())
        own = self.classes()
        self.company.client_abc_rule = "crossing"
        self.run_cron()
        self.assertEqual(self.classes(), self.oracle())
        # Big (73.7 %) is A under both rules; Steady (cumulative 93.9 %)
        # crosses 80 %, Rare (100 %) crosses 95 %
        self.assertEqual([own[p][1] for p in self.clients()], ["A", "B", "C"])
        self.assertEqual(
            [self.classes()[p][1] for p in self.clients()], ["A", "A", "B"]
        )
        # XYZ: Big's CV is 7.4 % (population), 7.8 % (sample): X with 1C's 10 %
        self.company.client_xyz_preset = "1c"
        self.run_cron()
        big = self.rec(self.big)
        self.assertEqual(big.xyz, "X")
        population = big.cv
        self.company.client_xyz_deviation = "sample"
        self.run_cron()
        self.assertGreater(self.rec(self.big).cv, population)
        self.company.write(
            {"client_xyz_preset": "custom", "client_xyz_x": 1, "client_xyz_y": 2}
        )
        self.run_cron()
        self.assertEqual(self.rec(self.big).xyz, "Z")
        self.assertEqual(self.classes(), self.oracle())

    def test_rfm_scores_segments_and_actions(self):
        self.run_cron()
        steady, big, rare = (
            self.rec(self.steady),
            self.rec(self.big),
            self.rec(self.rare),
        )
        self.assertEqual(steady.frequency, 12)
        self.assertEqual(steady.last_invoice, self.month_date(1))
        self.assertEqual(rare.frequency, 2)
        # 3 scored clients (the refund-only one has no invoice): ranks 1..3
        self.assertFalse(self.rec(self.refund_only).rfm_segment)
        self.assertEqual((big.rfm_m, steady.rfm_m, rare.rfm_m), (4, 2, 1))
        self.assertEqual(rare.rfm_r, 1)
        self.assertEqual(rare.rfm_segment, "lost")
        self.assertEqual(big.rfm_score, f"{big.rfm_r}{big.rfm_f}{big.rfm_m}")
        # the segment is on the client, searchable, in a segment and its actions
        Partner = self.env["res.partner"]
        self.assertEqual(self.rare.client_rfm_segment, "lost")
        self.assertIn(self.rare, Partner.search([("client_rfm_segment", "=", "lost")]))
        segment = self.env.ref("client_base_analytics.client_segment_rfm_hibernating")
        self.assertIn(self.rare, segment._get_partners())
        champions = self.env.ref("client_base_analytics.client_segment_rfm_champions")
        self.assertNotIn(self.rare, champions._get_partners())
        wizard = self.env["client.segment.activity.wizard"].create(
            {
                "segment_id": segment.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": "Win back",
            }
        )
        wizard.action_schedule()
        self.assertEqual(self.rare.activity_ids.summary, "Win back")
        # fixed bounds: 2 invoices -> F 2 (1 < 2 <= 2)
        self.company.write(
            {"client_rfm_method": "bounds", "client_rfm_f_bounds": "1, 2, 4, 8"}
        )
        self.run_cron()
        self.assertEqual(self.rec(self.rare).rfm_f, 2)
        self.assertEqual(self.rec(self.steady).rfm_f, 5)

    def test_group_clients_by_class(self):
        self.run_cron()
        Partner = self.env["res.partner"].with_user(self.cb_user)
        ids = (self.steady | self.big | self.rare | self.refund_only).ids
        groups = dict(
            Partner._read_group([("id", "in", ids)], ["client_abc"], ["__count"])
        )
        self.assertEqual(groups, {"A": 1, "B": 1, "C": 1, False: 1})
        groups = dict(
            Partner._read_group(
                [("id", "in", ids)], ["client_lifecycle_class"], ["__count"]
            )
        )
        # no classification row with a class: the fallback "none"
        self.assertEqual(groups["none"], 1)
        self.assertEqual(groups["regular"], 2)
        cells = dict(
            Partner._read_group([("id", "in", ids)], ["client_abc_xyz"], ["__count"])
        )
        self.assertEqual(sum(cells.values()), 4)
        self.assertTrue(
            Partner.fields_get(["client_abc"], ["groupable"])["client_abc"]["groupable"]
        )
        # the classes are those of the current company
        company_2 = self.setup_other_company()["company"]
        self.invoice(self.rare, 10**6, 2, company=company_2)
        self.run_cron()
        self.assertEqual(self.rare.with_company(company_2).client_abc, "A")
        self.assertEqual(self.rare.with_company(self.company).client_abc, "C")
        in_2 = self.env["res.partner"].with_company(company_2)
        self.assertEqual(
            in_2.search([("id", "in", ids), ("client_abc", "=", "A")]), self.rare
        )
        # a manual override moves the client's group at once
        rec = self.rec(self.rare)
        rec.write({"manual_abc": "A", "override_reason": "Key account"})
        self.assertEqual(self.rare.client_abc, "A")
        # everything is in sync: a full resync writes nothing
        self.assertEqual(self.Run._sync_partners(), 0)

    def test_run_state_is_in_the_database(self):
        """Every slice is committed state: a new worker continues, nothing is
        recomputed (the classification runs once)."""
        self.env["ir.config_parameter"].sudo().set_param(
            "client_base_analytics.call_budget", "0"
        )
        run = self.Run._start_runs(self.company)
        phases = []
        for _i in range(40):
            phases.append((run.phase, run.chunk_done))
            run._process_step(batch_size=1)
            # drop every cache, as a restarted worker would
            self.env.invalidate_all()
            if run.state != "running":
                break
            if run.phase == "write" and phases[-1][0] != "write":
                self.env.cr.execute(
                    "SELECT count(*) FROM client_classification_pending "
                    "WHERE run_id = %s",
                    [run.id],
                )
                self.assertEqual(self.env.cr.fetchone()[0], run.change_count)
                # the remaining calls must not classify again
                patcher = patch(
                    f"{RUN_CLASSIFY}.classify.classify",
                    side_effect=AssertionError("recomputed"),
                )
                patcher.start()
                self.addCleanup(patcher.stop)
        self.assertEqual(run.state, "done")
        # classifying, comparing and storing are calls of their own (tier L)
        order = [
            p for i, (p, _c) in enumerate(phases) if i == 0 or phases[i - 1][0] != p
        ]
        self.assertEqual(order, ["aggregate", "classify", "diff", "store", "write"])
        chunks = [c for p, c in phases if p == "aggregate"]
        self.assertEqual(chunks, list(range(len(chunks))))
        self.assertGreaterEqual(len(chunks), 12)  # one period per call
        self.assertEqual(run.batch_count, run.change_count)
        self.env.cr.execute(
            "SELECT (SELECT count(*) FROM client_classification_pending"
            "         WHERE run_id = %(run)s),"
            "       (SELECT count(*) FROM client_classification_run_sum"
            "         WHERE run_id = %(run)s)",
            {"run": run.id},
        )
        self.assertEqual(self.env.cr.fetchone(), (0, 0))
        self.assertEqual(self.classes(), self.oracle())
