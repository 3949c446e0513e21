# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from psycopg2 import errors as pg_errors

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.client_base_regulations.models.client_archive_rule import (
    ClientArchiveRule,
)
from odoo.addons.client_base_regulations.models.client_verification_request import (
    ClientVerificationRequest,
)

from .common import RegulationsCommon

VERIFY = "client_base_regulations.ir_cron_client_verify_stale"
ARCHIVE = "client_base_regulations.ir_cron_client_archive_inactive"


@tagged("post_install", "-at_install")
class TestReliability(RegulationsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clients = cls.Partner.browse()
        for i in range(4):
            cls.clients |= cls._client(f"Rel{i}", age_days=900)
        cls.env["ir.config_parameter"].sudo().set_param(
            "client_base_regulations.cron_batch_size", "2"
        )

    def _requests(self):
        return self.env["client.verification.request"].search(
            [("partner_id", "in", self.clients.ids)]
        )

    def test_serialization_failure_postponed_not_lost(self):
        """F3: a concurrency error leaves the clients for the next call; the
        cron does not fail."""
        calls = {"n": 0}
        original = ClientVerificationRequest._open_rounds

        def busy(self_, *args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 1:
                raise pg_errors.SerializationFailure("concurrent update")
            return original(self_, *args, **kwargs)

        with (
            patch.object(ClientVerificationRequest, "_open_rounds", busy),
            self._record_progress() as progress,
        ):
            self._run_cron(VERIFY)
        self.assertEqual(progress[0], (0, 1), "postponed: reported as remaining")
        # nothing done in this call: the job is triggered again shortly (Odoo's
        # runner reads done=0 as finished)
        self.assertFalse(self._requests())
        self.assertTrue(
            self.env["ir.cron.trigger"].search(
                [("cron_id", "=", self.env.ref(VERIFY).id)]
            )
        )
        self.assertEqual(self.env.ref(VERIFY).failure_count, 0)
        self._run_cron(VERIFY)
        self.assertEqual(len(self._requests()), 4, "nothing lost")

    def test_bad_rule_never_raises(self):
        """F6: a data error in one rule is logged; the cron does not fail."""

        def broken(self_, batch_size):
            raise ValueError("bad configuration")

        with (
            patch.object(ClientArchiveRule, "_process_batch", broken),
            self.assertLogs(
                "odoo.addons.client_base_regulations.models.client_archive_rule",
                level="ERROR",
            ),
        ):
            self._run_cron(ARCHIVE)
        cron = self.env.ref(ARCHIVE)
        self.assertEqual(cron.failure_count, 0)
        self.assertTrue(cron.active)

    def test_bad_batch_size_parameter(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "client_base_regulations.cron_batch_size", "many"
        )
        self._run_cron(VERIFY)
        self.assertEqual(len(self._requests()), 4)

    def test_query_count_does_not_grow_per_batch(self):
        """L2: same queries per archiving candidate computation for 4 and 16
        clients (set-based blockers and inactivity)."""
        rule = self.archive_rule
        rule.inactivity_months = 12

        def count():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            rule._get_candidates()
            return self.cr.sql_log_count - before

        small = count()
        for i in range(12):
            self._client(f"More{i}", age_days=900)
        large = count()
        self.assertLessEqual(large, small + 2, (small, large))

    def test_multi_company_rules(self):
        """A2: a user of another company sees neither the rounds nor the
        rules of this company."""
        other = self.env["res.company"].create({"name": "Other Co"})
        rule = self.env["client.verification.rule"].create(
            {"name": "Company-only", "company_id": self.env.company.id}
        )
        self._run_cron(VERIFY)
        user_b = new_test_user(
            self.env,
            login="cb_other_company",
            groups="base.group_user,client_base.client_base_group_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        env_b = self.env(user=user_b, context={"allowed_company_ids": other.ids})
        self.assertFalse(
            env_b["client.verification.rule"].search([("id", "=", rule.id)])
        )
        requests = self._requests().filtered(lambda r: r.company_id)
        if requests:
            with self.assertRaises(AccessError):
                requests.with_env(env_b).read(["state"])

    def test_public_and_portal_denied(self):
        """A1: portal and public users read none of the regulation models."""
        portal = new_test_user(self.env, login="cb_portal", groups="base.group_portal")
        public = self.env.ref("base.public_user")
        for user in (portal, public):
            for model in (
                "client.verification.rule",
                "client.archive.rule",
                "client.verification.request",
                "client.verification.campaign",
                "client.self.verification",
                "client.data.proposal",
                "client.regulation.acknowledgement",
            ):
                with self.assertRaises(AccessError, msg=f"{user.login} {model}"):
                    self.env[model].with_user(user).search([], limit=1)

    def test_basic_user_cannot_change_config(self):
        """A1/A3: Client Base users read rules but cannot change them, nor
        start campaigns, nor archive through the dry run."""
        with self.assertRaises(AccessError):
            self.verification_rule.with_user(self.cb_user).write({"period_months": 1})
        with self.assertRaises(AccessError):
            self.env["client.verification.rule"].with_user(self.cb_user).create(
                {"name": "x"}
            )
        with self.assertRaises(AccessError):
            self.env["client.archive.wizard"].with_user(self.cb_user).create(
                {"rule_id": self.archive_rule.id}
            )
        with self.assertRaises(AccessError):
            self.env["client.verification.request"].with_user(self.cb_user).create(
                {
                    "partner_id": self.clients[0].id,
                    "period_key": "x",
                    "period_start": "2026-01-01",
                    "period_end": "2026-07-01",
                }
            )
