# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .contact_common import HOSTILE_HTML, HOSTILE_SQL, ContactCommon


@tagged("post_install", "-at_install")
class TestContactNormalize(ContactCommon):
    def test_create_normalises_every_kind_of_value(self):
        partner = self._company(
            phone=" 8 (495) 123-45-67 ",
            mobile="8 916 123 45 67",
            client_phone_extra="+7 495 765 43 21 доб. 12",
            email="  Info@ACME.Example.COM ",
            client_email_personal='"Ivan" <Ivan@Mail.RU>',
            website="WWW.Acme.Example.com/",
            street="   ",
            city="  Москва ",
        )
        self.assertEqual(partner.phone, "+74951234567")
        self.assertEqual(partner.mobile, "+79161234567")
        self.assertEqual(partner.client_phone_extra, "+74957654321;ext=12")
        self.assertEqual(partner.email, "info@acme.example.com")
        self.assertEqual(partner.client_email_personal, "ivan@mail.ru")
        self.assertEqual(partner.website, "https://www.acme.example.com")
        self.assertFalse(partner.street, "whitespace only is empty")
        self.assertEqual(partner.city, "Москва")
        self.assertFalse(partner.client_invalid_fields)

    def test_write_normalises_and_uses_each_partners_country(self):
        ru = self._company(name="RU")
        be = self._company(name="BE", country_id=self.be.id)
        (ru | be).write({"phone": "02 290 34 90"})
        self.assertEqual(be.phone, "+3222903490")
        self.assertEqual(ru.phone, "02 290 34 90", "not a Russian number")
        self.assertIn("phone", ru.client_invalid_fields)
        ru.write({"phone": "8 495 123 45 67", "email": " A@B.RU "})
        self.assertEqual((ru.phone, ru.email), ("+74951234567", "a@b.ru"))
        self.assertFalse(ru.client_invalid_fields)
        ru.write({"phone": "   ", "email": ""})
        self.assertFalse(ru.phone)
        self.assertFalse(ru.email)

    def test_invalid_values_are_flagged_not_silently_stored(self):
        partner = self._company(
            phone="garbage 123", email="not-an-email", website="not a site"
        )
        self.assertEqual(partner.phone, "garbage 123")
        self.assertEqual(partner.email, "not-an-email")
        self.assertEqual(
            set(partner.client_invalid_fields.split(", ")),
            {"phone", "email", "website"},
        )
        flagged = self.Partner.search([("client_invalid_fields", "!=", False)])
        self.assertIn(partner, flagged)

    def test_reject_rule_names_field_and_value(self):
        with self.assertRaises(ValidationError) as catch:
            self._company(client_state="vip", email="bad@@example")
        message = str(catch.exception)
        self.assertIn("E-mail", message)
        self.assertIn("bad@@example", message)
        vip = self._company(client_state="vip", email="ok@example.com")
        with self.assertRaises(ValidationError):
            vip.write({"phone": "12"})
        # a non-VIP company only flags the same value
        prospect = self._company(email="bad@@example")
        self.assertIn("email", prospect.client_invalid_fields)

    def test_required_rule(self):
        self.env["client.field.rule"].create(
            {
                "field_key": "phone",
                "partner_kind": "company",
                "segment": "client",
                "required": True,
            }
        )
        with self.assertRaises(ValidationError):
            self._company(client_state="client")
        partner = self._company(client_state="client", phone="+74951234567")
        with self.assertRaises(ValidationError):
            partner.write({"phone": False})
        prospect = self._company()
        with self.assertRaises(ValidationError):
            prospect.write({"client_state": "client"})

    def test_hostile_strings(self):
        count = self.Partner.search_count([])
        partner = self._company(
            name=HOSTILE_SQL,
            email=HOSTILE_HTML,
            phone=HOSTILE_SQL,
            website=HOSTILE_HTML,
            city=HOSTILE_HTML,
        )
        self.assertEqual(partner.name, HOSTILE_SQL)
        self.assertEqual(self.Partner.search_count([]), count + 1)
        self.assertEqual(
            set(partner.client_invalid_fields.split(", ")),
            {"phone", "email", "website"},
        )
        self.assertEqual(self.Partner.search([("name", "=", HOSTILE_SQL)]), partner)
        partner.with_context(mail_notrack=False)._client_mark_verified(
            "call", note=HOSTILE_HTML
        )
        body = partner.message_ids[:1].body
        self.assertNotIn(HOSTILE_HTML, body)
        self.assertIn(str(Markup.escape(HOSTILE_HTML)), body)
        with self.assertRaises(ValidationError):
            self._company(client_state="vip", email=HOSTILE_SQL)

    def test_load_import_path(self):
        result = self.Partner.load(
            ["name", "is_company", "email", "phone", "country_id/id"],
            [
                ["Loaded One", "1", " ONE@Example.com", "8 495 111 22 33", "base.ru"],
                ["Loaded Two", "1", "junk", "   ", "base.ru"],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        one, two = self.Partner.browse(result["ids"])
        self.assertEqual((one.email, one.phone), ("one@example.com", "+74951112233"))
        self.assertEqual(two.email, "junk")
        self.assertFalse(two.phone)
        self.assertIn("email", two.client_invalid_fields)
        rejected = self.Partner.load(
            ["name", "is_company", "client_state", "email"],
            [["Loaded VIP", "1", "vip", "junk@"]],
        )
        self.assertFalse(rejected["ids"])
        self.assertTrue(
            any("junk@" in msg["message"] for msg in rejected["messages"]),
            rejected["messages"],
        )

    def test_rpc_style_write_as_client_base_user(self):
        partner = self._company()
        partner.with_user(self.cb_user).write({"email": " X@Y.ORG "})
        self.assertEqual(partner.email, "x@y.org")
        created = self.Partner.with_user(self.cb_user).create(
            {
                "name": "By user",
                "phone": "+7 (495) 765-43-21 ",
                "country_id": self.ru.id,
            }
        )
        self.assertEqual(created.phone, "+74957654321")
