# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from ..models.res_partner import people_edit
from .contact_common import HOSTILE_HTML, HOSTILE_SQL, ContactCommon


def _keys(value):
    return {key.strip() for key in (value or "").split(",") if key.strip()}


@tagged("post_install", "-at_install")
class TestContactNormalize(ContactCommon):
    # Three states ------------------------------------------------------------

    def test_code_write_stores_as_given_and_flags_to_normalise(self):
        partner = self._company(
            phone="+7 (495) 908-49-47",
            mobile="8(495)860-66-30",
            client_phone_extra="+86 21 8513 2248",
            email="  Info@ACME.Example.COM ",
            client_email_personal='"Ivan" <Ivan@Mail.RU>',
            city="  Москва ",
        )
        self.assertEqual(partner.phone, "+7 (495) 908-49-47")
        self.assertEqual(partner.email, "  Info@ACME.Example.COM ")
        self.assertFalse(partner.client_invalid_fields, "valid, only not canonical")
        self.assertEqual(
            _keys(partner.client_to_normalize_fields),
            {"phone", "mobile", "email", "city"},
        )
        self.assertNotIn("phone", _keys(partner.client_missing_fields))
        flagged = self.Partner.search([("client_to_normalize_fields", "!=", False)])
        self.assertIn(partner, flagged)
        canonical = self._company(
            phone="+7 495 908-49-47", email='"Ivan" <Ivan@Mail.RU>', city="Москва"
        )
        self.assertFalse(canonical.client_to_normalize_fields)
        self.assertFalse(canonical.client_invalid_fields)

    def test_invalid_values_are_flagged_not_silently_stored(self):
        partner = self._company(
            phone="garbage 123", email="not-an-email", website="not a site"
        )
        self.assertEqual(partner.phone, "garbage 123")
        self.assertEqual(
            _keys(partner.client_invalid_fields), {"phone", "email", "website"}
        )
        self.assertFalse(partner.client_to_normalize_fields)
        # an invalid value counts as missing, a value to normalise does not
        self.assertIn("phone", _keys(partner.client_missing_fields))
        flagged = self.Partner.search([("client_invalid_fields", "!=", False)])
        self.assertIn(partner, flagged)

    def test_whitespace_only_value_is_to_normalise(self):
        partner = self._company(phone="   ", street="  ")
        self.assertIn("phone", _keys(partner.client_to_normalize_fields))
        self.assertIn("phone", _keys(partner.client_missing_fields))

    # Tax IDs -------------------------------------------------------------------

    def test_tax_id_checks(self):
        good = self._company(
            vat="7707083893", client_kpp="773601001", client_ogrn="1027700132195"
        )
        self.assertFalse(good.client_invalid_fields)
        bad = self._company(
            vat="7707083894", client_kpp="77360100", client_ogrn="1027700132194"
        )
        self.assertEqual(
            _keys(bad.client_invalid_fields), {"vat", "client_kpp", "client_ogrn"}
        )
        person = self.Partner.create(
            {"name": "IP Ivanov", "vat": "500100732259", "country_id": self.ru.id}
        )
        self.assertFalse(person.client_invalid_fields)
        ogrnip = self._company(client_ogrn="304500116000157")
        self.assertFalse(ogrnip.client_invalid_fields)
        foreign = self._company(name="BE", country_id=self.be.id, vat="BE0477472701")
        self.assertFalse(foreign.client_invalid_fields)
        foreign.vat = "BEnew"
        self.assertEqual(foreign.vat, "BEnew", "Odoo's own format is kept")
        self.assertIn("vat", _keys(foreign.client_invalid_fields))

    def test_tax_id_reject_rule(self):
        self.env["client.field.rule"].create(
            {
                "field_key": "client_kpp",
                "partner_kind": "company",
                "importance": "extra",
                "invalid_handling": "reject",
            }
        )
        with people_edit(), self.assertRaises(ValidationError):
            self._company(client_kpp="12")
        flagged = self._company(client_kpp="12")
        self.assertIn("client_kpp", _keys(flagged.client_invalid_fields))

    # People's entry points -------------------------------------------------

    def test_form_onchange_and_save_normalise(self):
        with Form(self.Partner) as form:
            form.company_type = "company"
            form.name = "  Form  Co "
            form.country_id = self.ru
            form.phone = "8 (495) 123-45-67"
            form.client_phone_extra = "8 495 765 43 21 доб. 12"
            form.email = '  "Form Co" <Info@Form.CO> '
            form.vat = " 7707083893 "
            self.assertEqual(form.phone, "+7 495 123-45-67")
            self.assertEqual(form.client_phone_extra, "+7 495 765-43-21 ext. 12")
            self.assertEqual(form.email, '"Form Co" <Info@Form.CO>')
            self.assertEqual(form.vat, "7707083893")
        partner = form.record
        self.assertEqual(partner.name, "Form Co")
        self.assertEqual(partner.phone, "+7 495 123-45-67")
        self.assertFalse(partner.client_to_normalize_fields)
        self.assertFalse(partner.client_invalid_fields)

    def test_form_save_applies_rules(self):
        with self.assertRaises(ValidationError), Form(self.Partner) as form:
            form.company_type = "company"
            form.name = "VIP by form"
            form.client_state = "vip"
            form.email = "bad@@example"

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
        self.assertEqual(
            (one.email, one.phone), ("ONE@Example.com", "+7 495 111-22-33")
        )
        self.assertEqual(two.email, "junk")
        self.assertFalse(two.phone)
        self.assertIn("email", _keys(two.client_invalid_fields))
        rejected = self.Partner.load(
            ["name", "is_company", "client_state", "email"],
            [["Loaded VIP", "1", "vip", "junk@"]],
        )
        self.assertFalse(rejected["ids"])
        self.assertTrue(
            any("junk@" in msg["message"] for msg in rejected["messages"]),
            rejected["messages"],
        )

    def test_reject_rule_names_field_and_value(self):
        with people_edit(), self.assertRaises(ValidationError) as catch:
            self._company(client_state="vip", email="bad@@example")
        message = str(catch.exception)
        self.assertIn("E-mail", message)
        self.assertIn("bad@@example", message)
        vip = self._company(client_state="vip", email="ok@example.com")
        with people_edit(), self.assertRaises(ValidationError):
            vip.write({"phone": "12"})
        # the same write from code is stored and flagged
        vip.write({"phone": "12"})
        self.assertIn("phone", _keys(vip.client_invalid_fields))

    def test_required_rule_applies_to_people_only(self):
        self.env["client.field.rule"].create(
            {
                "field_key": "phone",
                "partner_kind": "company",
                "segment": "client",
                "required": True,
            }
        )
        with people_edit(), self.assertRaises(ValidationError):
            self._company(client_state="client")
        with people_edit():
            partner = self._company(client_state="client", phone="+7 495 123-45-67")
            with self.assertRaises(ValidationError):
                partner.write({"phone": False})
            prospect = self._company()
            with self.assertRaises(ValidationError):
                prospect.write({"client_state": "client"})
        # written by code: stored, and flagged incomplete
        flagged = self._company(client_state="client")
        self.assertTrue(flagged.client_incomplete)
        self.assertIn("phone", _keys(flagged.client_missing_fields))

    # Rules never block Odoo itself ---------------------------------------

    def test_rules_do_not_block_odoo_creations(self):
        Rule = self.env["client.field.rule"]
        for kind in ("company", "individual"):
            Rule.create(
                {
                    "field_key": "email",
                    "partner_kind": kind,
                    "required": True,
                    "invalid_handling": "reject",
                }
            )
        pid, _name = self.Partner.name_create("Quick Partner")
        quick = self.Partner.browse(pid)
        self.assertTrue(quick.client_incomplete)
        user = new_test_user(self.env, login="cb_norm_new_user", name="New User")
        self.assertTrue(user.partner_id.client_incomplete)
        company = self.env["res.company"].create({"name": "New Co"})
        self.assertIn("email", _keys(company.partner_id.client_missing_fields))
        pid, _name = self.Partner.name_create("Broken <broken@@example>")
        self.assertTrue(self.Partner.browse(pid).exists())

    def test_name_is_never_emptied(self):
        vals, _invalid = self.Partner._client_normalize_vals({"name": "   "}, "RU")
        self.assertEqual(vals["name"], "   ")
        self.icp.set_param("client_base.normalize_strict", "True")
        for sample in ("", " ", False):
            # Odoo's own handling (mail: test_name_create_corner_cases)
            partner = self.Partner.browse(self.Partner.name_create(sample)[0])
            self.assertEqual((partner.name, partner.email), ("", False))

    # Strict mode -------------------------------------------------------------

    def test_strict_mode_normalises_every_write(self):
        self.icp.set_param("client_base.normalize_strict", "True")
        partner = self._company(phone="8 (495) 123-45-67", email=" A@B.RU ")
        self.assertEqual((partner.phone, partner.email), ("+7 495 123-45-67", "A@B.RU"))
        partner.with_user(self.cb_user).write({"mobile": "8 916 123 45 67"})
        self.assertEqual(partner.mobile, "+7 916 123-45-67")
        self.assertFalse(partner.client_to_normalize_fields)
        # strict normalises but does not turn code writes into people's edits
        vip = self._company(client_state="vip", email="junk@@")
        self.assertIn("email", _keys(vip.client_invalid_fields))
        self.icp.set_param("client_base.normalize_strict", "False")
        raw = self._company(phone="8 (495) 123-45-67")
        self.assertEqual(raw.phone, "8 (495) 123-45-67")

    def test_write_uses_each_partners_country(self):
        self.icp.set_param("client_base.normalize_strict", "True")
        ru = self._company(name="RU")
        be = self._company(name="BE", country_id=self.be.id)
        (ru | be).write({"phone": "02 290 34 90"})
        self.assertEqual(be.phone, "+32 2 290 34 90")
        self.assertEqual(ru.phone, "02 290 34 90", "not a Russian number")
        self.assertIn("phone", _keys(ru.client_invalid_fields))

    # Labels ----------------------------------------------------------------------

    def test_labels_in_the_readers_language(self):
        partner = self._company(name="Labels", email="junk")
        self.assertIn("phone", _keys(partner.client_missing_fields))
        self.assertIn("Main work phone", partner.client_missing_labels)
        self.assertEqual(partner.client_invalid_labels, "E-mail")
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["base", "client_base"], ["ru_RU"], overwrite=True
        )
        russian = new_test_user(
            self.env,
            login="cb_ru_reader",
            groups="base.group_user,client_base.client_base_group_user",
            lang="ru_RU",
        )
        seen = partner.with_user(russian).with_context(lang=russian.lang)
        self.assertIn("Основной рабочий телефон", seen.client_missing_labels)
        self.assertEqual(seen.client_invalid_labels, "Электронная почта")
        self.assertNotIn("phone", seen.client_missing_labels)

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
            _keys(partner.client_invalid_fields), {"phone", "email", "website"}
        )
        self.assertEqual(self.Partner.search([("name", "=", HOSTILE_SQL)]), partner)
        partner.with_context(mail_notrack=False)._client_mark_verified(
            "call", note=HOSTILE_HTML
        )
        body = partner.message_ids[:1].body
        self.assertNotIn(HOSTILE_HTML, body)
        self.assertIn(str(Markup.escape(HOSTILE_HTML)), body)
        with people_edit(), self.assertRaises(ValidationError):
            self._company(client_state="vip", email=HOSTILE_SQL)
