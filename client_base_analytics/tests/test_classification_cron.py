# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.client_base.tests.common import run_cron_job

from .common import AnalyticsCommon

RUN_MODEL = "odoo.addons.client_base_analytics.models.client_classification_run"


@tagged("post_install", "-at_install")
class TestClassificationCron(AnalyticsCommon):
    """The unpatched scheduled action through the real ir.cron runner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create(
            [{"name": f"Client {i}", "is_company": True} for i in range(7)]
        )
        for i, partner in enumerate(partners):
            for months_ago in range(1, 2 + i):
                cls.invoice(partner, 100 * (i + 1) + months_ago, months_ago)
        cls.partners = partners
        cls.cron = cls.env.ref("client_base_analytics.ir_cron_client_classification")
        # other companies of the test database have nothing to classify
        cls.env["ir.config_parameter"].sudo().set_param(
            "client_base_analytics.batch_size", "2"
        )

    def process_job(self):
        run_cron_job(self, self.cron)

    def test_cron_path_batches_and_idempotence(self):
        self.process_job()
        run = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.written_count, 7)
        self.assertEqual(run.batch_count, 4)  # 1 + 2 + 2 + 2
        self.assertEqual(self.cron.failure_count, 0)
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)], order="id"
        )
        # every call reported progress while work remained
        self.assertTrue(all(p.done for p in progress if p.remaining))
        self.assertEqual(self.classes(), self.oracle())
        history = self.env["client.classification.history"].search_count([])
        # second run on unchanged data: nothing written
        self.process_job()
        run2 = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertNotEqual(run2, run)
        self.assertEqual((run2.state, run2.written_count), ("done", 0))
        self.assertEqual(
            self.env["client.classification.history"].search_count([]), history
        )

    def test_f1_crash_in_a_batch_resumes(self):
        Run = type(self.Run)
        original = Run._write_changes
        state = {"calls": 0}

        def flaky(self, batch):
            state["calls"] += bool(batch)
            if batch and state["calls"] == 3:
                raise RuntimeError("boom")
            return original(self, batch)

        with (
            patch.object(Run, "_write_changes", flaky),
            mute_logger("odoo.addons.base.models.ir_cron"),
        ):
            self.process_job()
        # batch 1 (a quarter batch, in the call that aggregated) was
        # committed; the next call wrote batches 2 and 3 (well within its
        # budget) and crashed: rolled back
        self.assertEqual(len(self.classes()), 1)
        # the crashing call had no progress of its own: one failure, still active
        self.assertEqual(self.cron.failure_count, 1)
        self.assertTrue(self.cron.active)
        self.process_job()
        self.assertEqual(self.classes(), self.oracle())
        run = self.Run.search([("company_id", "=", self.company.id)])
        self.assertEqual(set(run.mapped("state")), {"done"})

    def test_f6_cron_does_not_fail_on_bad_config(self):
        self.env.cr.execute(
            SQL(
                "UPDATE res_company SET client_new_periods = 0 WHERE id = %s",
                self.company.id,
            )
        )
        self.env.invalidate_all()
        with mute_logger(RUN_MODEL):
            self.process_job()
        self.assertEqual(self.cron.failure_count, 0)
        self.assertTrue(self.cron.active)
        run = self.Run.search([("company_id", "=", self.company.id)], limit=1)
        self.assertEqual(run.state, "failed")

    def test_multi_company_user_cannot_recompute_other(self):
        # runs are created for the user's companies only
        action = self.Run.with_user(self.cb_manager).action_recompute_now()
        runs = self.Run.search(action["domain"])
        self.assertEqual(runs.company_id, self.company)
