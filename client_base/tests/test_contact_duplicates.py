# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import Form, tagged

from ..models.res_partner import people_edit
from .contact_common import ContactCommon


@tagged("post_install", "-at_install")
class TestContactDuplicates(ContactCommon):
    @classmethod
    def _company(cls, **vals):
        # typed by a person: stored in canonical form (matching compares them)
        with people_edit():
            return super()._company(**vals)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.original = cls._company(
            name="Romashka LLC",
            city="Moscow",
            email="Info@Romashka.ru",
            phone="+7 495 123 45 67",
            vat="7701234567",
        )

    def test_same_email_phone_vat_or_name_city(self):
        cases = [
            {"name": "Other 1", "email": " INFO@romashka.RU "},
            {"name": "Other 2", "phone": "8 (495) 123-45-67"},
            {"name": "Other 3", "mobile": "84951234567"},
            {"name": "Other 4", "vat": "77 0123 4567"},
            {"name": "romashka, llc", "city": " MOSCOW"},
        ]
        for vals in cases:
            with self.subTest(vals=vals):
                other = self._company(**vals)
                self.original.invalidate_recordset(["client_duplicate_ids"])
                self.assertIn(self.original, other.client_duplicate_ids)
                self.assertIn(other, self.original.client_duplicate_ids)

    def test_empty_values_never_group(self):
        first = self._company(name="Blank A", email="  ", phone="")
        second = self._company(name="Blank B", email=False, phone=False)
        self.assertFalse(first.client_duplicate_ids)
        self.assertFalse(second.client_duplicate_ids)
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(first.client_duplicate_suspect)
        self.assertFalse(second.client_duplicate_suspect)

    def test_own_contacts_are_not_duplicates(self):
        contact = self.Partner.create(
            {
                "name": "Reception",
                "parent_id": self.original.id,
                "phone": "+74951234567",
            }
        )
        self.assertFalse(contact.client_duplicate_ids)

    def test_warning_at_entry_on_new_record(self):
        new = self.Partner.new(
            {"name": "Typed", "email": "info@romashka.ru", "country_id": self.ru.id}
        )
        self.assertEqual(new.client_duplicate_ids._origin, self.original)
        self.assertEqual(new.client_duplicate_count, 1)

    def test_not_a_duplicate(self):
        other = self._company(name="Branch", email="info@romashka.ru")
        self.Partner._client_refresh_duplicate_flags()
        self.assertTrue(other.client_duplicate_suspect)
        self.assertTrue(self.original.client_duplicate_suspect)
        other.with_user(self.cb_user).action_client_mark_not_duplicate()
        other.invalidate_recordset()
        self.original.invalidate_recordset()
        self.assertFalse(other.client_duplicate_ids)
        self.assertFalse(self.original.client_duplicate_ids)
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(other.client_duplicate_suspect)
        self.assertFalse(self.original.client_duplicate_suspect)

    def test_only_readable_records(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        hidden = self._company(
            name="Hidden", email="info@romashka.ru", company_id=company_b.id
        )
        self.assertIn(hidden, self.original.client_duplicate_ids)
        user = self.cb_user
        user.write({"company_ids": [(6, 0, self.env.company.ids)]})
        seen = self.original.with_user(user).with_context(
            allowed_company_ids=self.env.company.ids
        )
        self.assertNotIn(hidden.id, seen.client_duplicate_ids.ids)

    def test_sql_flags_write_only_changes(self):
        twin = self._company(name="Twin", email="info@romashka.ru")
        by_mobile = self._company(name="Mobile twin", mobile="+7 495 123 45 67")
        unrelated = self._company(name="Unrelated", email="other@example.com")
        changed = self.Partner._client_refresh_duplicate_flags()
        self.assertGreaterEqual(changed, 3)
        self.assertTrue(twin.client_duplicate_suspect)
        self.assertTrue(by_mobile.client_duplicate_suspect, "phone vs mobile")
        self.assertFalse(unrelated.client_duplicate_suspect)
        self.assertEqual(self.Partner._client_refresh_duplicate_flags(), 0)

    def test_form_warns_at_entry_and_normalises_on_save(self):
        partner_form = Form(self.Partner.with_context(default_is_company=True))
        partner_form.name = "Typed in the form"
        partner_form.country_id = self.ru
        partner_form.email = "INFO@romashka.ru"
        self.assertEqual(partner_form.client_duplicate_count, 1)
        partner_form.phone = "8 495 765 43 21"
        partner = partner_form.save()
        self.assertEqual(partner.phone, "+7 495 765-43-21")
        self.assertEqual(partner.email, "INFO@romashka.ru")
        self.assertIn(self.original, partner.client_duplicate_ids)
