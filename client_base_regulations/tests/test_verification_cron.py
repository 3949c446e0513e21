# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.client_base_regulations.models.client_verification_request import (
    ClientVerificationRequest,
)

from .common import RegulationsCommon

CRON = "client_base_regulations.ir_cron_client_verify_stale"


@tagged("post_install", "-at_install")
class TestVerificationCron(RegulationsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.Partner.browse()
        for i in range(7):
            cls.clients |= cls._client(f"Stale{i}")
        cls.fresh = cls._client("Fresh", age_days=10)
        cls.env["ir.config_parameter"].sudo().set_param(
            "client_base_regulations.cron_batch_size", "3"
        )

    def _requests(self, partners=None):
        return self.env["client.verification.request"].search(
            [("partner_id", "in", (partners or self.clients).ids)]
        )

    def test_rule_constraints(self):
        with self.assertRaises(ValidationError):
            self.verification_rule.period_months = 0
        with self.assertRaises(ValidationError):
            self.archive_rule.unanswered_rounds = 0
        with self.assertRaises(ValidationError):
            self.archive_rule.inactivity_months = -1

    def test_one_activity_per_client_and_round(self):
        with self._record_progress() as calls:
            self._run_cron(CRON)
        # batches of 3 over 7 stale clients, through the real ir.cron loop
        self.assertEqual([c[1] for c in calls if c[0]], [4, 1, 0])
        requests = self._requests()
        self.assertEqual(len(requests), 7)
        self.assertFalse(self._requests(self.fresh), "fresh client is not stale")
        for partner in self.clients:
            activities = partner.activity_ids.filtered(
                lambda a: a.activity_type_id == self.verification_rule.activity_type_id
            )
            self.assertEqual(len(activities), 1)
            self.assertEqual(activities.user_id, self.cb_user)
            page = self.verification_rule.regulation_page_id
            self.assertIn(f"action_page/{page.id}", activities.note, "regulation")
        # second run: nothing new, nothing written
        self._run_cron(CRON)
        self.assertEqual(len(self._requests()), 7)
        self.assertEqual(
            sum(len(p.activity_ids) for p in self.clients), 7, "no duplicate"
        )

    def test_crash_mid_batch_then_resume(self):
        calls = {"n": 0}
        original = ClientVerificationRequest._create_rounds

        def flaky(self_, *args, **kwargs):
            calls["n"] += 1
            res = original(self_, *args, **kwargs)
            if calls["n"] == 2:  # second batch: crash after the writes
                raise RuntimeError("simulated crash")
            return res

        # the cron logs the crash as an ERROR: expected here
        with (
            patch.object(ClientVerificationRequest, "_create_rounds", flaky),
            mute_logger("odoo.addons.base.models.ir_cron"),
        ):
            self._run_cron(CRON)
        # batch 1 committed, batch 2 rolled back entirely
        self.assertEqual(len(self._requests()), 3)
        cron = self.env.ref(CRON)
        # the crashed call counts as one failure; the cron stays active
        self.assertEqual(cron.failure_count, 1)
        self.assertTrue(cron.active)
        self._run_cron(CRON)
        self.assertEqual(len(self._requests()), 7)
        for partner in self.clients:
            self.assertEqual(len(partner.activity_ids), 1, "nothing twice")

    def test_only_clients_without_orders(self):
        ordered = self.clients[0]
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.env.company.id)], limit=1
        )
        if not journal:
            self.skipTest("no sale journal (no chart of accounts)")
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": ordered.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    (0, 0, {"name": "Service", "quantity": 1, "price_unit": 100})
                ],
            }
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "client_base_regulations.invoice_guard", "off"
        )
        move.action_post()
        self._run_cron(CRON)
        self.assertFalse(self._requests(ordered))
        self.assertEqual(len(self._requests()), 6)

    def test_verified_closes_the_round(self):
        self._run_cron(CRON)
        partner = self.clients[0]
        request = self._requests(partner)
        partner._client_mark_verified("call", note="Called")
        self.assertEqual(request.state, "verified")
        self.assertFalse(partner.activity_ids.filtered(lambda a: a.active))
        self.assertEqual(partner.client_verified_on, self.today)

    def test_unanswered_rounds_propose_then_archive(self):
        partner = self.clients[0]
        self.archive_rule.unanswered_rounds = 2
        with freeze_time(self.today):
            self._run_cron(CRON)
        # round 1 ends unanswered
        later = self.today + relativedelta(months=6)
        with freeze_time(later):
            self._run_cron(CRON)
        request = self._requests(partner).filtered(lambda r: r.state == "unanswered")
        self.assertEqual(request.unanswered_count, 1)
        self.assertFalse(partner.client_archive_proposed)
        self.assertEqual(
            len(self._requests(partner).filtered(lambda r: r.state == "open")), 1
        )
        # round 2 ends unanswered: proposed (rule does not auto-archive)
        with freeze_time(later + relativedelta(months=6)):
            self._run_cron(CRON)
        self.assertTrue(partner.client_archive_proposed)
        self.assertTrue(partner.active)
        self.assertIn("2", partner.client_archive_reason)
        # with auto-archive, the next client that reaches N is archived
        self.archive_rule.auto_archive = True
        other = self.clients[1]
        with freeze_time(later + relativedelta(months=12)):
            self._run_cron(CRON)
        self.assertFalse(other.active)
        self.assertTrue(other.exists(), "archived, never deleted")
