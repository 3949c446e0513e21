# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

from odoo.exceptions import UserError
from odoo.tests import tagged

from .contact_common import HOSTILE_HTML, HOSTILE_SQL, ContactCommon

CSV = """Наименование;E-mail;Телефон;ИНН;Город;Страна;Misc
Existing LLC;NEW@existing.ru;;7700000001;Moscow;RU;x
Brand New;brand@new.ru;8 495 765 43 21;;Kazan;russian federation;y
Clash;info@clash-a.ru;+7 495 111 11 11;;Omsk;RU;z
;nobody@nowhere.ru;;;;;
Garbage;not-an-email;12;;Omsk;RU;
{sql};{html};;;Omsk;RU;
""".format(sql=HOSTILE_SQL.replace(";", ","), html=HOSTILE_HTML)


@tagged("post_install", "-at_install")
class TestContactImport(ContactCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.existing = cls._company(name="Existing LLC", vat="7700000001")
        cls.clash_a = cls._company(name="Clash A", email="info@clash-a.ru")
        cls.clash_b = cls._company(name="Clash B", phone="+74951111111")

    def _wizard(self, content, filename="clients.csv", **vals):
        return (
            self.env["client.import.wizard"]
            .with_user(self.cb_user)
            .create(
                dict(
                    {
                        "file": base64.b64encode(content),
                        "filename": filename,
                        "source": "Exhibition 2026",
                    },
                    **vals,
                )
            )
        )

    def _preview(self, wizard):
        wizard.action_read_file()
        wizard.action_preview()
        return {line.row: line for line in wizard.preview_ids}

    def test_csv_mapping_preview_and_apply(self):
        wizard = self._wizard(CSV.encode())
        wizard.action_read_file()
        mapping = {line.column: line.field_name for line in wizard.column_ids}
        self.assertEqual(mapping["Наименование"], "name")
        self.assertEqual(mapping["Телефон"], "phone")
        self.assertEqual(mapping["ИНН"], "vat")
        self.assertFalse(mapping["Misc"])
        wizard.action_preview()
        lines = {line.row: line for line in wizard.preview_ids}
        self.assertEqual(lines[1].action, "update")
        self.assertEqual(lines[1].partner_id, self.existing)
        self.assertEqual(lines[2].action, "create")
        self.assertEqual(lines[3].action, "conflict")
        self.assertEqual(lines[4].action, "error")
        self.assertEqual(lines[5].action, "create")
        self.assertIn("email", lines[5].message)
        self.assertEqual(lines[6].action, "create")
        self.assertEqual(
            (wizard.create_count, wizard.update_count, wizard.conflict_count),
            (3, 1, 1),
        )
        wizard.action_apply()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(self.existing.email, "NEW@existing.ru")
        self.assertEqual(self.existing.client_import_source, "Exhibition 2026")
        self.assertEqual(self.existing.client_verification_method, "import")
        new = lines[2].partner_id
        self.assertEqual(
            (new.name, new.phone, new.country_id),
            ("Brand New", "+7 495 765-43-21", self.ru),
        )
        self.assertIn("Exhibition 2026", new.message_ids[:1].body)
        garbage = lines[5].partner_id
        self.assertIn("email", garbage.client_invalid_fields)
        hostile = lines[6].partner_id
        self.assertEqual(hostile.email, HOSTILE_HTML)
        self.assertIn("email", hostile.client_invalid_fields)
        self.assertFalse(self.clash_a.client_import_source)

    def test_conflicting_value_without_overwrite(self):
        self.existing.email = "old@existing.ru"
        lines = self._preview(self._wizard(CSV.encode()))
        self.assertEqual(lines[1].action, "conflict")
        self.assertIn("email", lines[1].message)
        wizard = self._wizard(CSV.encode(), overwrite=True)
        lines = self._preview(wizard)
        self.assertEqual(lines[1].action, "update")
        wizard.action_apply()
        self.assertEqual(self.existing.email, "NEW@existing.ru")

    def test_xlsx(self):
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["Name", "Email", "Phone"])
        sheet.append(["Excel Co", "XL@Excel.co", "+7 495 222 33 44"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = self._wizard(buffer.getvalue(), filename="clients.xlsx")
        lines = self._preview(wizard)
        self.assertEqual(lines[1].action, "create")
        wizard.action_apply()
        partner = lines[1].partner_id
        self.assertEqual(
            (partner.email, partner.phone), ("XL@Excel.co", "+7 495 222-33-44")
        )

    def test_vip_reject_rule_gives_row_error(self):
        content = b"Name;Email\nVIP;junk@\n"
        wizard = self._wizard(content)
        wizard.action_read_file()
        wizard.column_ids.filtered(lambda c: c.column == "Email").field_name = "email"
        self.env["client.field.rule"].create(
            {
                "field_key": "email",
                "partner_kind": "company",
                "invalid_handling": "reject",
                "segment": "prospect",
            }
        )
        wizard.action_preview()
        self.assertEqual(wizard.preview_ids.action, "error")
        self.assertIn("junk@", wizard.preview_ids.message)

    def test_same_client_twice_in_file(self):
        content = "Name;Email\nTwin;twin@example.com\nTwin 2;TWIN@example.com\n"
        lines = self._preview(self._wizard(content.encode()))
        self.assertEqual(lines[1].action, "create")
        self.assertEqual(lines[2].action, "conflict")
        self.assertIn("row 1", lines[2].message)

    def test_bad_files(self):
        with self.assertRaises(UserError):
            self._wizard(b"").action_read_file()
        with self.assertRaises(UserError):
            self._wizard(b"\x00\x01garbage", filename="x.xlsx").action_read_file()
        wizard = self._wizard(b"Foo;Bar\n1;2\n")
        wizard.action_read_file()
        with self.assertRaises(UserError):
            wizard.action_preview()
