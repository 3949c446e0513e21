# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: every text a user can enter in the suite accepts or cleanly
refuses hostile input (issue 19).

The fields come from the registry (``suite_text_fields``: every Char, Text
or Html field of the suite that a user can edit, the settings included),
plus the two entry points that take text from outside: the import wizard
(file header and values) and the self-service answer. Each gets a NUL
character, 1 MB of text, a right-to-left override (U+202E) and an HTML
payload: it is stored (HTML as text, not markup: Html fields are
sanitised) or refused with a UserError / ValidationError, never a server
error.
"""

import base64

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .contract_common import suite_text_fields
from .contract_records import _partner
from .contract_records import record_of as _record

HTML = "<img src=x onerror=alert(1)>"
HOSTILE = {
    "NUL": "before\x00after",
    "1 MB": "x" * 2**20,
    "RTL override": "abc\u202edef",
    "HTML": HTML,
}


@tagged("post_install", "-at_install")
class TestContractText(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            user=cls.env.ref("base.user_admin"), context={"lang": "en_US"}
        )

    def test_every_text_field(self):
        fields = suite_text_fields(self.env)
        self.assertIn(("res.partner", "client_kpp"), fields)
        failures = []
        for model, fname in fields:
            for label, value in HOSTILE.items():
                failure = self._try(model, fname, label, value)
                if failure:
                    failures.append(failure)
                self.env.invalidate_all()
        self.assertFalse(failures, "\n".join(failures))

    def _try(self, model, fname, label, value):
        name = f"{model}.{fname} <- {label}"
        try:
            with self.env.cr.savepoint():
                record = _record(self.env, model)
                if record is None:
                    record = self.env[model].create({fname: value})
                elif not record:
                    return f"{name}: no record to try the value on"
                else:
                    record.write({fname: value})
                self.env.flush_all()
                record.invalidate_recordset()
                stored = record[fname] or ""
                record.read(["display_name"])
                raise _Stored(stored)
        except UserError:
            return None  # cleanly refused (ValidationError included)
        except _Stored as result:
            stored = result.stored
        except Exception as error:  # noqa: BLE001 - named in the failure
            return f"{name}: server error {error!r}"[:500]
        field = self.env[model]._fields[fname]
        if "\x00" in str(stored):
            return f"{name}: NUL stored"
        if label == "HTML" and field.type == "html" and "onerror" in str(stored):
            return f"{name}: HTML stored unsanitised: {stored}"
        return None

    def test_import_file(self):
        """The import wizard: hostile header and values, read and previewed
        (a message at most, never a server error)."""
        big = "y" * 2**20
        for label, content in {
            "NUL in header": b"Na\x00me;City\nACME;Omsk\n",
            "NUL in value": b"Name;City\nAC\x00ME;Om\x00sk\n",
            "1 MB value": f"Name;City\nACME;{big}\n".encode(),
            "RTL override": "Name;City\nAC\u202eME;Omsk\n".encode(),
            "HTML": f"Name;City\n{HTML};Omsk\n".encode(),
        }.items():
            with self.subTest(label), self.env.cr.savepoint():
                wizard = self.env["client.import.wizard"].create(
                    {
                        "file": base64.b64encode(content),
                        "filename": "clients.csv",
                        "source": "Hostile",
                    }
                )
                try:
                    wizard.action_read_file()
                    wizard.action_preview()
                    wizard.action_apply()
                except UserError:
                    continue
                self.env.flush_all()
                names = wizard.preview_ids.partner_id.mapped("name")
                self.assertFalse(
                    any("\x00" in name for name in names), f"{label}: NUL stored"
                )
                if label == "HTML":
                    self.assertEqual(names, [HTML], "HTML kept as text")

    def test_self_service_answer(self):
        """The self-service answer: cleaned (format and control characters
        removed, cut to the field's length), stored as text."""
        if "client.self.verification" not in self.env:
            self.skipTest("client_base_regulations is not installed")
        partner = _partner(self.env)
        partner.email = "hostile@example.com"
        request = self.env["client.self.verification"]._client_send_for(partner)
        request._client_submit(
            {
                "name": HTML,
                "city": "Om\x00sk\u202e",
                "street": "z" * 2**20,
                "zip": "1\x002",
            }
        )
        proposals = {p.field_name: p.new_value for p in request.proposal_ids}
        self.assertEqual(proposals["name"], HTML, "HTML kept as text")
        self.assertEqual(proposals["city"], "Omsk")
        self.assertLess(len(proposals["street"]), 1000)
        self.assertNotIn("\x00", proposals["zip"])


class _Stored(Exception):
    """Leaves the savepoint of an accepted value (rolled back)."""

    def __init__(self, stored):
        super().__init__()
        self.stored = stored
