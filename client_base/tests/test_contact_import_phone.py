# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from unittest.mock import patch

from odoo.tests import tagged

from ..tools import duplicates_keys, normalize
from .contact_common import ContactCommon


@tagged("post_install", "-at_install")
class TestImportPhoneKey(ContactCommon):
    """The import and the duplicate banner key a phone the same way: the
    stored E.164 keys, in the partner's region (tools/normalize.py)."""

    def _preview(self, content):
        wizard = (
            self.env["client.import.wizard"]
            .with_user(self.cb_user)
            .create(
                {
                    "file": base64.b64encode(content.encode()),
                    "filename": "clients.csv",
                    "source": "Phone keys",
                }
            )
        )
        wizard.action_read_file()
        wizard.action_preview()
        return {line.row: line for line in wizard.preview_ids}

    def test_one_parser(self):
        with patch.object(normalize, "phone_key", return_value="+1") as parser:
            self.assertEqual(duplicates_keys.phone_key("8 495", "RU"), "+1")
        parser.assert_called_once_with("8 495", "RU")
        self.assertEqual(
            duplicates_keys.phone_key("8 (495) 765-43-21 доб. 12", "RU"),
            normalize.phone_key("+7 495 765-43-21 ext. 12"),
        )

    def test_import_matches_the_duplicate_key(self):
        # a switchboard with an extension: one number for the banner
        partner = self._company(
            name="Switchboard LLC", phone="+7 495 765-43-21 ext. 12"
        )
        self.assertEqual(partner.client_phone_e164, "+74957654321")
        other = self._company(name="Other name", mobile="8 (495) 765-43-21")
        self.assertIn(partner, other.client_duplicate_ids)
        lines = self._preview(
            "Name;Phone;Country\n"
            "Switchboard Trading;8 (495) 765-43-21;RU\n"
            "Nobody;8 (495) 000-00-01;RU\n"
        )
        # the national number of the row, read in its region, finds the
        # partners the banner pairs (both hold the number: a conflict)
        self.assertEqual(lines[1].action, "conflict")
        self.assertEqual(lines[2].action, "create")
        other.mobile = False
        Wizard = self.env["client.import.wizard"].with_user(self.cb_user)
        matches = Wizard._match({"mobile": "84957654321"}, "RU")
        self.assertEqual(matches["phone"], set(partner.ids))
        # before: the row's phone compared as text with the stored phones
        self.assertFalse(Wizard._match({"mobile": "8 495 000 00 01"}, "RU")["phone"])
