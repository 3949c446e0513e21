# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import Form, tagged

from ..models.client_normalize_run import ClientNormalizeRun
from .common import run_cron_job
from .contact_common import ContactCommon

LEGACY = {
    "phone": "+7 (495) 908-49-47",
    "mobile": "8(495)860-66-30",
    "email": "  Info@Legacy.RU ",
    "city": " Москва ",
}


@tagged("post_install", "-at_install")
class TestContactCleanup(ContactCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.legacy = cls.env["res.partner"].create(
            [
                dict(LEGACY, name=f"Legacy {i}", is_company=True, country_id=cls.ru.id)
                for i in range(7)
            ]
        )
        cls.invalid = cls._company(name="Invalid", phone="12", email="junk")
        cls.clean = cls._company(name="Clean", phone="+7 495 908-49-47")
        cls.Run = cls.env["client.normalize.run"]

    def _run_all(self, batch_size=3):
        for _i in range(100):
            self.Run._cron_client_normalize(batch_size=batch_size)
            if not self.Run.search([("state", "in", ("queued", "running"))]):
                break

    def test_preview_counts_and_examples(self):
        wizard = Form(self.env["client.normalize.wizard"].with_user(self.cb_manager))
        wizard = wizard.save()
        wizard.action_preview()
        self.assertGreaterEqual(wizard.changed_count, 7)
        lines = {line.field_name: line for line in wizard.line_ids}
        self.assertGreaterEqual(lines["phone"].count, 7)
        self.assertIn("+7 (495) 908-49-47 → +7 495 908-49-47", lines["phone"].examples)
        self.assertIn("8(495)860-66-30 → +7 495 860-66-30", lines["mobile"].examples)
        self.assertEqual(lines["phone"].label, "Main work phone")
        # the preview changes nothing
        self.assertEqual(self.legacy[0].phone, LEGACY["phone"])

    def test_apply_logs_old_new_and_second_run_writes_nothing(self):
        self.assertEqual(self.legacy[0].phone_sanitized, "+74958606630")
        wizard = (
            self.env["client.normalize.wizard"].with_user(self.cb_manager).create({})
        )
        wizard.action_preview()
        action = wizard.action_apply()
        run = self.Run.browse(action["res_id"])
        self.assertEqual(run.state, "queued")
        # pressing again hands back the run in progress
        self.assertEqual(wizard.action_apply()["res_id"], run.id)
        self._run_all()
        self.assertEqual(run.state, "done")
        self.assertGreaterEqual(run.changed_count, 7)
        partner = self.legacy[0]
        self.assertEqual(partner.phone, "+7 495 908-49-47")
        self.assertEqual(partner.mobile, "+7 495 860-66-30")
        self.assertEqual(partner.email, "Info@Legacy.RU")
        self.assertEqual(partner.city, "Москва")
        self.assertFalse(partner.client_to_normalize_fields)
        self.assertEqual(partner.email_normalized, "info@legacy.ru")
        self.assertEqual(partner.phone_sanitized, "+74958606630")
        note = partner.message_ids.filtered(lambda m: "clean-up" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("+7 (495) 908-49-47 → +7 495 908-49-47", note.body)
        self.assertEqual(note.author_id, self.cb_manager.partner_id)
        # invalid values wait for a person; canonical ones are untouched
        self.assertEqual((self.invalid.phone, self.invalid.email), ("12", "junk"))
        self.assertFalse(
            self.clean.message_ids.filtered(lambda m: "clean-up" in (m.body or ""))
        )
        # second run: nothing to change, nothing written
        write_dates = self.legacy.mapped("write_date")
        second = self.Run.with_user(self.cb_manager)._client_start(self.env.company)
        self._run_all()
        self.assertEqual(second.state, "done")
        self.assertEqual(second.changed_count, 0)
        self.assertEqual(self.legacy.mapped("write_date"), write_dates)

    def test_resume_after_a_crash(self):
        run = self.Run.with_user(self.cb_manager)._client_start(self.env.company)
        self.Run._cron_client_normalize(batch_size=3)
        cursor = run.cursor
        self.assertTrue(cursor)
        calls = []
        original = ClientNormalizeRun._client_apply_plan

        def crash(this, plan):
            calls.append(len(plan))
            original(this, plan)
            raise RuntimeError("killed in the middle of a batch")

        with (
            patch.object(ClientNormalizeRun, "_client_apply_plan", crash),
            self.assertRaises(RuntimeError),
            self.env.cr.savepoint(),
        ):
            self.Run._cron_client_normalize(batch_size=3)
        self.env.invalidate_all()
        self.assertEqual(run.cursor, cursor, "the crashed batch is rolled back")
        self._run_all()
        self.assertEqual(run.state, "done")
        for partner in self.legacy:
            self.assertEqual(partner.phone, "+7 495 908-49-47")
            notes = partner.message_ids.filtered(lambda m: "clean-up" in (m.body or ""))
            self.assertEqual(
                len(notes), 1, "one note per partner, none lost or doubled"
            )

    def test_keys_written_by_the_cleanup_equal_a_recompute(self):
        """The clean-up writes the E.164 keys and the normalised e-mail
        itself (no second parse of each phone): they are what the computes
        give, also for a phone emptied because it held only control
        characters."""
        blank = self._company(name="Blank phone", phone="\x07", email=" a@b.ru ")
        partners = self.legacy | blank
        self.Run.with_user(self.cb_manager)._client_start(self.env.company)
        self._run_all()
        fnames = [
            "client_phone_e164",
            "client_mobile_e164",
            "phone_sanitized",
            "email_normalized",
        ]

        def stored():
            return {p.id: [p[f] for f in fnames] for p in partners}

        written = stored()
        self.assertEqual(
            written[self.legacy[0].id],
            # phone_sanitized is Odoo's key of the mobile first, then the phone
            ["+74959084947", "+74958606630", "+74958606630", "info@legacy.ru"],
        )
        self.assertEqual(blank.phone, False)
        self.assertEqual(written[blank.id], [False, False, False, "a@b.ru"])
        Partner = self.env["res.partner"]
        for fname in fnames:
            self.env.add_to_compute(Partner._fields[fname], partners)
        partners._recompute_recordset(fnames)
        self.assertEqual(stored(), written)

    def test_real_cron_path(self):
        run = self.Run.with_user(self.cb_manager)._client_start(self.env.company)
        run_cron_job(self, self.env.ref("client_base.ir_cron_client_normalize"))
        self.assertEqual(run.state, "done")
        self.assertEqual(self.legacy[3].phone, "+7 495 908-49-47")

    def test_rights(self):
        with self.assertRaises(Exception):  # noqa: B017 - AccessError
            self.env["client.normalize.wizard"].with_user(self.cb_user).create({})
