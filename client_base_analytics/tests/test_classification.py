# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from psycopg2 import errors as pg_errors

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import AnalyticsCommon

RUN_MODEL = "odoo.addons.client_base_analytics.models.client_classification_run"
RUN_WRITE = f"{RUN_MODEL}_write"


@tagged("post_install", "-at_install")
class TestClassification(AnalyticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.big, cls.steady, cls.new, cls.once, cls.lost, cls.refunded = Partner.create(
            [
                {"name": "Big", "is_company": True},
                {"name": "Steady", "is_company": True},
                {"name": "Newcomer", "is_company": True},
                {"name": "Once", "is_company": True},
                {"name": "Gone", "is_company": True},
                {"name": "Refunded", "is_company": True},
            ]
        )
        cls.draft_only = Partner.create({"name": "Draft only", "is_company": True})
        cls.child = Partner.create(
            {"name": "Delivery", "type": "delivery", "parent_id": cls.steady.id}
        )
        # Big: irregular large purchases all year, and before the window
        for months_ago, amount in (
            (14, 500),
            (12, 29000),
            (9, 100),
            (5, 7000),
            (1, 50),
        ):
            cls.invoice(cls.big, amount, months_ago)
        # Steady: every month the same amount (one of them to a child contact)
        for months_ago in range(1, 13):
            partner = cls.child if months_ago == 3 else cls.steady
            cls.invoice(partner, 300, months_ago)
        # Newcomer: first purchase 2 months ago
        cls.invoice(cls.new, 800, 2)
        cls.invoice(cls.new, 400, 1)
        # Once: bought long ago and once in the last months
        cls.invoice(cls.once, 200, 20)
        cls.invoice(cls.once, 150, 2)
        # Gone: bought in the first months of the window only
        cls.invoice(cls.lost, 600, 11)
        cls.invoice(cls.lost, 700, 10)
        # Refunded: the refund exceeds the invoice (B2)
        cls.invoice(cls.refunded, 100, 4)
        cls.invoice(cls.refunded, 250, 3, move_type="out_refund")
        # B1: draft and cancelled invoices never count
        cls.invoice(cls.draft_only, 99999, 2, post=False)
        cancelled = cls.invoice(cls.draft_only, 88888, 3, post=False)
        cancelled.button_cancel()
        # the current (unfinished) month never counts
        cls.invoice(cls.once, 5000, 0)

    def test_matches_oracle(self):
        self.run_cron()
        got = self.classes()
        expected = self.oracle()
        self.assertEqual(
            {p: v for p, v in got.items() if v[0] != "none"},
            {p: v for p, v in expected.items() if v[0] != "none"},
        )
        self.assertEqual(got[self.big][:2], ("regular", "A"))
        self.assertEqual(got[self.steady], ("regular", "B", "X"))
        self.assertEqual(got[self.new][0], "new")
        self.assertEqual(got[self.once][0], "one_time")
        self.assertEqual(got[self.lost][0], "lost")

    def test_b1_no_posted_lines(self):
        self.run_cron()
        self.assertNotIn(self.draft_only, self.classes())
        self.assertEqual(self.draft_only.client_lifecycle_class, "none")
        self.assertFalse(self.draft_only.client_abc)
        partners = self.env["res.partner"].search(
            [("client_lifecycle_class", "=", "none"), ("id", "=", self.draft_only.id)]
        )
        self.assertEqual(partners, self.draft_only)

    def test_b2_refunds_exceeding_invoices(self):
        self.run_cron()
        rec = self.Classification.search([("partner_id", "=", self.refunded.id)])
        self.assertEqual(rec.revenue, -150.0)
        self.assertFalse(rec.abc)
        self.assertFalse(rec.cv)

    def test_b3_ties_are_deterministic(self):
        twins = self.env["res.partner"].create(
            [
                {"name": "Twin 1", "is_company": True},
                {"name": "Twin 2", "is_company": True},
            ]
        )
        for twin in twins:
            self.invoice(twin, 12345, 4)
        self.run_cron()
        ranks = self.Classification.search([("partner_id", "in", twins.ids)]).mapped(
            lambda r: (r.partner_id.id, r.rank)
        )
        ranks.sort()
        self.assertEqual(ranks[1][1], ranks[0][1] + 1)

    def test_b4_invalid_parameters(self):
        for vals in (
            {"client_abc_a": 95.0, "client_abc_b": 80.0},
            {"client_abc_b": 120.0},
            {
                "client_xyz_preset": "custom",
                "client_xyz_x": 90.0,
                "client_xyz_y": 10.0,
            },
            {"client_analytics_window_months": 2},
            {"client_rfm_method": "bounds", "client_rfm_r_bounds": "90, 30"},
            {"client_analytics_window_months": 0},
            {"client_new_periods": 0},
            {"client_lost_periods": 99},
            {
                "client_analytics_period": "quarter",
                "client_analytics_window_months": 10,
            },
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.company.write(vals)
        # saving the settings writes the company: same validation
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"client_abc_a": 99.0, "client_abc_b": 90.0}
            ).execute()

    def test_settings_onchange_period(self):
        settings = self.env["res.config.settings"].new(
            {"client_analytics_period": "quarter"}
        )
        settings._onchange_client_analytics_period()
        self.assertEqual((settings.client_xyz_x, settings.client_xyz_y), (20.0, 50.0))

    def test_b5_foreign_currency(self):
        other = self.setup_other_currency("EUR", rates=[("1900-01-01", 2.0)])
        partner = self.env["res.partner"].create({"name": "Euro", "is_company": True})
        self.invoice(partner, 1000, 3, currency=other)
        self.run_cron()
        rec = self.Classification.search([("partner_id", "=", partner.id)])
        # 1000 EUR at 2 EUR per company unit -> 500 in company currency
        self.assertAlmostEqual(rec.revenue, 500.0)

    def test_b6_child_contacts_roll_up(self):
        self.run_cron()
        self.assertFalse(
            self.Classification.search([("partner_id", "=", self.child.id)])
        )
        rec = self.Classification.search([("partner_id", "=", self.steady.id)])
        self.assertEqual(rec.purchase_periods, 12)
        self.assertEqual(self.child.client_abc, rec.abc)

    def test_b7_two_companies(self):
        self.run_cron()
        before = self.classes()
        company_2 = self.company_data_2 = self.setup_other_company()["company"]
        # company 2 sells a fortune to "Once": company 1's classes must not move
        self.invoice(self.once, 10**7, 2, company=company_2)
        self.run_cron()
        self.assertEqual(self.classes(), before)
        rec_2 = self.Classification.search(
            [("company_id", "=", company_2.id), ("partner_id", "=", self.once.id)]
        )
        self.assertEqual(rec_2.abc, "A")
        self.assertEqual(self.classes(company_2), self.oracle(company_2))
        # a user of company 1 only does not see company 2's rows (A2)
        visible = (
            self.Classification.with_user(self.cb_user)
            .with_context(allowed_company_ids=self.company.ids)
            .search([("partner_id", "=", self.once.id)])
        )
        self.assertEqual(visible.company_id, self.company)

    def test_n4_manual_override_survives(self):
        self.run_cron()
        rec = self.Classification.search([("partner_id", "=", self.steady.id)])
        rec.with_user(self.cb_manager).write(
            {"manual_abc": "C", "override_reason": "Strategic discount"}
        )
        self.assertEqual(rec.abc, "C")
        self.assertTrue(rec.differs)
        manual = rec.history_ids.filtered(lambda h: h.origin == "manual")
        self.assertEqual((manual.old_abc, manual.new_abc), ("B", "C"))
        # new sales change the computed facts; the override stays
        self.invoice(self.steady, 40000, 1)  # now the top client
        self.run_cron()
        rec.invalidate_recordset()
        self.assertEqual(rec.manual_abc, "C")
        self.assertEqual(rec.abc, "C")
        self.assertEqual(rec.computed_abc, "A")
        self.assertTrue(rec.differs)
        self.assertEqual(self.steady.client_abc, "C")

    def test_f4_idempotent_second_run(self):
        self.run_cron()
        History = self.env["client.classification.history"]
        stamps = {
            r.id: r.write_date
            for r in self.Classification.search([("company_id", "=", self.company.id)])
        }
        history = History.search_count([])
        calls = self.run_cron()
        self.assertEqual([remaining for _done, remaining in calls], [0])
        self.Classification.invalidate_model()
        self.assertEqual(
            {
                r.id: r.write_date
                for r in self.Classification.search(
                    [("company_id", "=", self.company.id)]
                )
            },
            stamps,
        )
        self.assertEqual(History.search_count([]), history)
        run = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual((run.state, run.written_count), ("done", 0))

    def test_n3_history_rows_equal_class_changes(self):
        self.run_cron()
        run = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(run.history_count, len(run.history_ids))
        self.assertEqual(run.written_count, len(self.classes()))
        self.invoice(self.lost, 900, 1)  # comes back
        self.run_cron()
        run2 = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        change = run2.history_ids.filtered(lambda h: h.partner_id == self.lost)
        self.assertEqual(
            (change.old_lifecycle, change.new_lifecycle), ("lost", "regular")
        )
        # transitions matrix between the two runs
        wizard = self.env["client.classification.transition.wizard"].create(
            {"run_from_id": run.id, "run_to_id": run2.id, "dimension": "lifecycle"}
        )
        matrix = {(f, t): c for f, t, c in wizard._compute_transitions()}
        self.assertEqual(matrix[("lost", "regular")], 1)
        wizard.action_compute()
        self.assertTrue(wizard.line_ids)

    def test_l1_batches_and_progress(self):
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", autospec=True
        ) as notify:
            calls = self.run_cron(batch_size=2)
        # done counts the clients written and the steps taken: never 0 while
        # work remains (Odoo 18.0's runner would stop calling)
        self.assertTrue(all(done for done, remaining in calls if remaining))
        written = sum(
            self.Run.search([("company_id", "=", self.company.id)]).mapped(
                "written_count"
            )
        )
        self.assertEqual(written, len(self.classes()))
        remaining = [r for _d, r in calls]
        self.assertEqual(remaining, sorted(remaining, reverse=True))
        self.assertEqual(remaining[-1], 0)
        self.assertEqual(notify.call_count, len(calls))
        run = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertGreater(run.batch_count, 2)

    def test_f3_lock_errors_leave_clients_for_later(self):
        def locked(*args, **kwargs):
            raise pg_errors.LockNotAvailable("locked")

        with (
            patch(f"{RUN_WRITE}.ClientClassificationRun._sql_insert", locked),
            mute_logger(RUN_WRITE),
        ):
            calls = self.run_cron()
        self.assertEqual(calls[-1][1], 0)
        self.assertFalse(self.classes())
        run = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(run.state, "done")
        self.assertTrue(run.skipped_count)
        # the next run takes them
        self.run_cron()
        self.assertEqual(self.classes(), self.oracle() | {})

    def test_f6_invalid_config_marks_run_failed(self):
        self.env.cr.execute(
            SQL(
                "UPDATE res_company SET client_abc_a = 99, client_abc_b = 10 "
                "WHERE id = %s",
                self.company.id,
            )
        )
        self.company.invalidate_recordset()
        with mute_logger(RUN_MODEL):
            self.run_cron()
        run = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(run.state, "failed")
        self.assertIn("ABC", run.log)

    def test_recompute_now_rights(self):
        with self.assertRaises(UserError):
            self.Run.with_user(self.cb_user).action_recompute_now()
        action = self.Run.with_user(self.cb_manager).action_recompute_now()
        runs = self.Run.search(action["domain"])
        self.assertEqual(runs.trigger, "manual")
        self.assertEqual(runs.state, "running")
        # a second click does not start a second run
        action = self.Run.with_user(self.cb_manager).action_recompute_now()
        self.assertEqual(self.Run.search(action["domain"]), runs)

    def test_access_rights(self):
        self.run_cron()
        rec = self.Classification.search([("partner_id", "=", self.big.id)])
        # plain employees see nothing of the analytics
        with self.assertRaises(AccessError):
            rec.with_user(self.plain_user).read(["abc"])
        # client base users see classes, not revenue
        self.assertEqual(rec.with_user(self.cb_user).abc, "A")
        with self.assertRaises(AccessError):
            rec.with_user(self.cb_user).read(["revenue"])
        self.assertNotIn(
            "revenue", self.Classification.with_user(self.cb_user).fields_get()
        )
        with self.assertRaises(AccessError):
            rec.with_user(self.cb_user).write({"manual_abc": "C"})
        # managers see revenue and override
        self.assertEqual(rec.with_user(self.cb_manager).revenue, 36150.0)
        rec.with_user(self.cb_manager).write({"manual_abc": "B"})
        # history and runs are read-only for users
        with self.assertRaises(AccessError):
            self.env["client.classification.history"].with_user(self.cb_user).create(
                {"classification_id": rec.id}
            )
        with self.assertRaises(AccessError):
            self.Run.with_user(self.cb_user).create({"company_id": self.company.id})

    def test_partner_search_fields(self):
        self.run_cron()
        Partner = self.env["res.partner"]
        self.assertIn(self.big, Partner.search([("client_abc", "=", "A")]))
        self.assertNotIn(self.big, Partner.search([("client_abc", "!=", "A")]))
        self.assertIn(self.steady, Partner.search([("client_abc_xyz", "=", "BX")]))
        self.assertIn(self.child, Partner.search([("client_xyz", "=", "X")]))
        regular = Partner.search([("client_lifecycle_class", "in", ["regular"])])
        self.assertIn(self.steady, regular)
        self.assertNotIn(self.lost, regular)
        no_abc = Partner.search([("client_abc", "=", False)])
        self.assertIn(self.draft_only, no_abc)
        self.assertIn(self.refunded, no_abc)
