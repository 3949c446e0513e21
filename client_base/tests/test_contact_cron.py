# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import SQL

from .common import run_cron_job
from .contact_common import ContactCommon


@tagged("post_install", "-at_install")
class TestContactCron(ContactCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [
                {"name": f"Cron {i}", "is_company": True, "phone": "+74951234567"}
                for i in range(12)
            ]
        )
        cls.cron = cls.env.ref("client_base.ir_cron_client_quality_refresh")

    def _spoil(self, partners):
        """Put stale values in the table behind the ORM's back (like bulk SQL)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET client_completeness = 1 WHERE id IN %s",
                tuple(partners.ids),
            )
        )
        self.env.invalidate_all()

    def _run_all(self, batch_size):
        calls = []
        ir_cron = type(self.env["ir.cron"])
        orig = ir_cron._notify_progress

        def record(this, *, done, remaining, deactivate=False):
            calls.append((done, remaining))
            return orig(this, done=done, remaining=remaining, deactivate=deactivate)

        with patch.object(ir_cron, "_notify_progress", record):
            for _i in range(1000):
                self.Partner._cron_refresh_client_quality(batch_size=batch_size)
                if calls[-1][1] == 0:
                    break
        return calls

    def test_batches_progress_and_idempotence(self):
        self.icp.set_param("client_base.quality_refresh_done", False)
        self.icp.set_param("client_base.quality_refresh_cursor", "0")
        self._spoil(self.partners)
        total = self.Partner.with_context(active_test=False).search_count([])
        calls = self._run_all(batch_size=5)
        # the partners, and the duplicate flags as one step
        self.assertEqual(sum(done for done, _r in calls), total + 1)
        remaining = [r for _d, r in calls]
        self.assertEqual(remaining, sorted(remaining, reverse=True))
        self.assertEqual(remaining[-1], 0)
        self.assertTrue(all(done for done, r in calls if r))
        # one call per batch, the duplicate flags with the last (short) one
        self.assertEqual(len(calls), total // 5 + 1)
        self.assertEqual(calls[-1], (total % 5 + 1, 0))
        self.assertTrue(all(p.client_completeness > 1 for p in self.partners))
        # same day again: nothing to do, nothing written
        write_dates = self.partners.mapped("write_date")
        calls = self._run_all(batch_size=5)
        self.assertEqual(calls, [(0, 0)])
        self.assertEqual(self.partners.mapped("write_date"), write_dates)

    def test_refresh_writes_only_changed_rows(self):
        self.assertEqual(self.partners._client_refresh_quality(), 0)
        self._spoil(self.partners[:3])
        self.assertEqual(self.partners._client_refresh_quality(), 3)

    def test_real_cron_path(self):
        """The unpatched scheduled action through ir.cron's own runner."""
        self.icp.set_param("client_base.quality_refresh_done", False)
        self.icp.set_param("client_base.quality_refresh_cursor", "0")
        self._spoil(self.partners)
        run_cron_job(self, self.cron)
        self.assertTrue(all(p.client_completeness > 1 for p in self.partners))
        self.assertTrue(self.icp.get_param("client_base.quality_refresh_done"))
        self.assertEqual(self.cron.failure_count, 0)
