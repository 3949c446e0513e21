# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import importlib.util
import pathlib

from odoo import fields
from odoo.tests import tagged

from .common import RegulationsCommon


@tagged("post_install", "-at_install")
class TestArchiveReason(RegulationsCommon):
    """Archive reasons are codes with parameters, read in the reader's
    language; the notes of the archiving in the client's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.archive_rule.inactivity_months = 12
        cls.sleepy = cls._client("Sleepy", age_days=800)

    def _reason(self, partner, lang):
        return partner.with_context(lang=lang).client_archive_reason

    def test_proposal_is_a_code_read_in_each_language(self):
        self.archive_rule.auto_archive = False
        self.archive_rule._process_batch()
        self.assertTrue(self.sleepy.client_archive_proposed)
        self.assertEqual(self.sleepy.client_archive_reason_code, "inactive")
        params = self.sleepy.client_archive_reason_params
        self.assertEqual(params["months"], 12)
        self.assertIn(
            "Inactive for more than 12 months", self._reason(self.sleepy, "en_US")
        )
        self.assertIn("Неактивен более 12 мес.", self._reason(self.sleepy, "ru_RU"))
        # the dry run shows the same reason, in the reader's language
        wizard = self.env["client.archive.wizard"].create(
            {"rule_id": self.archive_rule.id}
        )
        wizard.action_compute()
        line = wizard.line_ids.filtered(lambda ln: ln.partner_id == self.sleepy)
        self.assertEqual(line.reason_data["code"], "inactive")
        self.assertIn("Неактивен", line.with_context(lang="ru_RU").reason)

    def test_archiving_stores_a_code_and_notes_in_the_clients_language(self):
        self.sleepy.lang = "ru_RU"
        self.archive_rule.auto_archive = True
        self.archive_rule._process_batch()
        self.assertFalse(self.sleepy.active)
        self.assertEqual(self.sleepy.client_archive_reason_code, "inactive")
        note = self.sleepy.message_ids[:1]
        self.assertIn("Причина: Неактивен более 12 мес.", note.body)

    def test_by_hand_and_free_text(self):
        client = self._client("Handy", age_days=10)
        client.with_user(self.cb_manager).write({"active": False})
        self.assertEqual(client.client_archive_reason_code, "manual")
        self.assertEqual(
            self._reason(client, "ru_RU"),
            f"Архивирован вручную пользователем {self.cb_manager.name}",
        )
        # a text written from code is kept as typed
        client.client_archive_reason = "Merged into another client"
        self.assertEqual(client.client_archive_reason_code, "text")
        self.assertEqual(self._reason(client, "ru_RU"), "Merged into another client")
        client.client_archive_reason = False
        self.assertFalse(client.client_archive_reason_code)

    def test_migration_maps_known_sentences(self):
        path = (
            pathlib.Path(__file__).resolve().parent.parent
            / "migrations"
            / "18.0.1.1.0"
            / "post-migrate.py"
        )
        spec = importlib.util.spec_from_file_location("cb_reason_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        a, b, c = (self._client(name, age_days=5) for name in ("A", "B", "C"))
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("ALTER TABLE res_partner ADD COLUMN client_archive_reason varchar")
        cr.execute(
            "UPDATE res_partner SET client_archive_reason = v.text"
            " FROM (VALUES (%s, %s), (%s, %s), (%s, %s)) v(id, text)"
            " WHERE res_partner.id = v.id",
            (
                a.id,
                "Нет ответа на 3 цикла(ов) проверки подряд",
                b.id,
                (
                    "Inactive for more than 6 months (no invoice, order, "
                    "interaction or verification since 2025-06-01)"
                ),
                c.id,
                "Duplicate of ACME",
            ),
        )
        migration.migrate(cr, "18.0.1.0.0")
        (a | b | c).invalidate_recordset()
        self.assertEqual(a.client_archive_reason_params, {"count": 3})
        self.assertEqual(
            self._reason(a, "en_US"), "No answer to 3 verification rounds in a row"
        )
        self.assertEqual(b.client_archive_reason_code, "inactive")
        self.assertIn(
            fields.Date.to_string(fields.Date.to_date("2025-06-01")),
            str(b.client_archive_reason_params),
        )
        self.assertEqual(self._reason(c, "ru_RU"), "Duplicate of ACME")
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name ="
            " 'res_partner' AND column_name = 'client_archive_reason'"
        )
        self.assertFalse(cr.fetchall())
