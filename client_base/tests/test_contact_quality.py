# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from ..models.res_partner_quality import FRESHNESS_DEPENDS, QUALITY_DEPENDS
from .contact_common import ContactCommon

# 1x1 PNG, repeated to make a "huge" binary the completeness must never read
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestContactQuality(ContactCommon):
    # Default company rules: 6 primary fields weigh 3, 3 extra fields weigh 1.

    def test_completeness_weighted_and_missing_primary(self):
        empty = self._company(name="Empty")
        self.assertEqual(empty.client_completeness, 0)
        self.assertIn("Main work phone", empty.client_missing_labels)
        partner = self._company(phone="+74951234567", email="a@acme.ru")
        self.assertEqual(partner.client_completeness, round(100 * 6 / 21))
        partner.write({"mobile": "+79161234567"})
        self.assertEqual(partner.client_completeness, round(100 * 7 / 21))
        partner.write(
            {
                "client_phone_extra": "+74957654321",
                "website": "acme.ru",
                "street": "Tverskaya 1",
                "city": "Moscow",
                "vat": "7707083893",
                "client_founding_date": "2001-01-01",
            }
        )
        self.assertEqual(partner.client_completeness, 100)
        self.assertFalse(partner.client_missing_labels)
        partner.write({"client_legal_same": False})
        self.assertIn("Legal address", partner.client_missing_labels)

    def test_completeness_odd_values(self):
        blank = self._company(phone="   ", email="")
        other = self._company(phone=False, email=False)
        self.assertEqual(blank.client_completeness, other.client_completeness)
        invalid = self._company(phone="+74951234567", email="junk")
        valid = self._company(phone="+74951234567", email="j@unk.ru")
        self.assertLess(invalid.client_completeness, valid.client_completeness)
        self.assertIn("E-mail", invalid.client_missing_labels)

    def test_person_kinds_use_their_rules(self):
        person = self.Partner.create(
            {"name": "Ivan", "phone": "+74951234567", "country_id": self.ru.id}
        )
        company = self._company()
        contact = self.Partner.create(
            {"name": "Olga", "parent_id": company.id, "email": "olga@acme.ru"}
        )
        self.assertIn("E-mail", person.client_missing_labels)
        self.assertNotIn("Legal address", person.client_missing_labels)
        self.assertGreater(contact.client_completeness, 0)
        self.assertIn("Main work phone", contact.client_missing_labels)

    def test_compute_never_reads_binary_fields(self):
        for fname in QUALITY_DEPENDS + FRESHNESS_DEPENDS:
            self.assertNotEqual(self.Partner._fields[fname].type, "binary", fname)
        partner = self._company(image_1920=base64.b64encode(PNG))
        self.env.invalidate_all()
        partner._client_refresh_quality()
        self.assertFalse(
            self.env.cache.contains(partner, self.Partner._fields["image_1920"])
        )

    def test_filters(self):
        full = self._company(phone="+74951234567")
        domain_incomplete = [("client_completeness", "<", 100)]
        domain_missing = [("client_missing_fields", "!=", False)]
        self.assertIn(full, self.Partner.search(domain_incomplete))
        self.assertIn(full, self.Partner.search(domain_missing))
        today = fields.Date.context_today(self.Partner)
        stale = self._company(name="Stale")
        stale.client_verified_on = today - relativedelta(years=1)
        fresh = self._company(name="Fresh")
        found = self.Partner.search([("client_next_verification", "<", today)])
        self.assertIn(stale, found)
        self.assertNotIn(fresh, found)

    def test_update_period_resolution(self):
        partner = self._company()
        self.assertEqual(partner._client_get_update_period_months(), 6)
        base = partner.create_date.date()
        self.assertEqual(
            partner.client_next_verification, base + relativedelta(months=6)
        )
        self.icp.set_param("client_base.update_period_vip_months", "2")
        partner.client_state = "vip"
        self.assertEqual(partner._client_get_update_period_months(), 2)
        self.assertEqual(
            partner.client_next_verification, base + relativedelta(months=2)
        )
        tag = self.env["res.partner.category"].create(
            {"name": "Key account", "client_update_period_months": 1}
        )
        partner.category_id = tag
        self.assertEqual(
            partner.client_next_verification, base + relativedelta(months=1)
        )
        tag.client_update_period_months = 4
        self.assertEqual(
            partner.client_next_verification, base + relativedelta(months=4)
        )
        partner.client_update_period_months = 12
        self.assertEqual(
            partner.client_next_verification, base + relativedelta(months=12)
        )

    def test_settings_change_schedules_refresh(self):
        self.icp.set_param("client_base.quality_refresh_done", "2000-01-01")
        settings = self.env["res.config.settings"].create(
            {"client_base_update_period_client_months": 3}
        )
        settings.execute()
        self.assertFalse(self.icp.get_param("client_base.quality_refresh_done"))

    def test_mark_verified(self):
        partner = self._company().with_user(self.cb_user)
        partner._client_mark_verified("visit", note="Met the director")
        today = fields.Date.context_today(partner)
        self.assertEqual(partner.client_verified_on, today)
        self.assertEqual(partner.client_verified_by_id, self.cb_user)
        self.assertEqual(partner.client_verification_method, "visit")
        self.assertEqual(
            partner.client_next_verification, today + relativedelta(months=6)
        )
        message = partner.message_ids[:1]
        self.assertIn("Visit", message.body)
        self.assertIn("Met the director", message.body)
        self.assertEqual(message.author_id, self.cb_user.partner_id)

    def test_verify_wizard(self):
        partners = self._company(name="A") | self._company(name="B")
        action = partners.with_user(self.cb_user).action_client_mark_verified()
        wizard = (
            self.env["client.verify.wizard"]
            .with_user(self.cb_user)
            .with_context(**action["context"])
            .create({"method": "email", "note": "Questionnaire returned"})
        )
        self.assertEqual(wizard.partner_ids, partners)
        wizard.action_confirm()
        self.assertEqual(set(partners.mapped("client_verification_method")), {"email"})
        self.assertEqual(partners.mapped("client_verified_by_id"), self.cb_user)

    def test_lifecycle_tracked(self):
        self.assertTrue(self.Partner._fields["client_state"].tracking)
        env = self.env(
            context=dict(
                self.env.context,
                tracking_disable=False,
                mail_notrack=False,
                mail_create_nolog=False,
            )
        )
        partner = env["res.partner"].create({"name": "Tracked", "is_company": True})
        self.env.flush_all()
        self.env.cr.precommit.run()
        partner.client_state = "client"
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        tracking = partner.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "client_state"
        )
        self.assertTrue(tracking)

    def test_vip_limit_warning(self):
        self.icp.set_param("client_base.vip_limit", "1")
        self.Partner.search([("client_state", "=", "vip")]).client_state = "client"
        first = self._company(name="VIP 1", client_state="vip")
        self.assertFalse(
            first.message_ids.filtered(lambda m: "VIP limit" in (m.body or ""))
        )
        second = self._company(name="VIP 2")
        new = self.Partner.new({"client_state": "vip"}, origin=second)
        warning = new._onchange_client_state_vip_limit()
        self.assertIn("above the limit of 1", warning["warning"]["message"])
        second.client_state = "vip"
        self.assertIn("above the limit of 1", second.message_ids[:1].body)

    def test_rule_change_then_cron_recomputes(self):
        partner = self._company(phone="+74951234567")
        before = partner.client_completeness
        rule = self.env.ref("client_base.client_field_rule_company_website")
        rule.weight = 30
        self.assertFalse(self.icp.get_param("client_base.quality_refresh_done"))
        for _i in range(100):
            self.Partner._cron_refresh_client_quality(batch_size=5000)
            if self.icp.get_param("client_base.quality_refresh_done"):
                break
        self.assertLess(partner.client_completeness, before)

    def test_stale_from_dates(self):
        partner = self._company()
        partner.client_verified_on = date.today() - timedelta(days=400)
        self.assertLess(partner.client_next_verification, date.today())
