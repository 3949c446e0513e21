# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..models.res_partner import people_edit
from .contact_common import ContactCommon


@tagged("post_install", "-at_install")
class TestContactSecurity(ContactCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.rule_b = cls.env["client.field.rule"].create(
            {
                "field_key": "website",
                "partner_kind": "individual",
                "company_id": cls.company_b.id,
            }
        )
        cls.client_a = cls._company(name="Client A", company_id=cls.company_a.id)
        cls.client_b = cls._company(name="Client B", company_id=cls.company_b.id)
        cls.manager_a = new_test_user(
            cls.env,
            login="cb_manager_a",
            groups="base.group_user,client_base.client_base_group_manager",
            company_id=cls.company_a.id,
            company_ids=[(6, 0, cls.company_a.ids)],
        )
        cls.portal = new_test_user(
            cls.env, login="cb_portal", groups="base.group_portal"
        )

    def test_field_rule_acl_per_group(self):
        Rule = self.env["client.field.rule"]
        vals = {"field_key": "mobile", "partner_kind": "contact"}
        for user in (self.plain_user, self.portal):
            with self.assertRaises(AccessError):
                Rule.with_user(user).search([])
        self.assertTrue(Rule.with_user(self.cb_user).search([]))
        with self.assertRaises(AccessError):
            Rule.with_user(self.cb_user).create(vals)
        rule = Rule.with_user(self.cb_manager).create(vals)
        rule.with_user(self.cb_manager).write({"weight": 2})
        with self.assertRaises(AccessError):
            rule.with_user(self.cb_user).write({"weight": 5})
        with self.assertRaises(AccessError):
            rule.with_user(self.cb_user).unlink()
        rule.with_user(self.cb_manager).unlink()

    def test_plain_user_edits_still_follow_rules(self):
        """Rules are read as superuser: any user's entries follow them."""
        Partner = self.env["res.partner"].with_user(self.cb_user)
        vals = {"name": "Norm", "client_state": "vip", "is_company": True}
        with people_edit():
            partner = Partner.create(dict(vals, email=" A@B.RU "))
            self.assertEqual(partner.email, "A@B.RU")
            with self.assertRaises(ValidationError):
                Partner.create(dict(vals, email="junk@@"))

    def test_quality_report_managers_only(self):
        Report = self.env["client.quality.report"]
        for user in (self.plain_user, self.cb_user, self.portal):
            with self.assertRaises(AccessError):
                Report.with_user(user).search([])
        self.env.flush_all()
        rows = Report.with_user(self.cb_manager).search([])
        self.assertIn(self.client_a, rows.partner_id)

    def test_wizards_need_client_base_user(self):
        for model in ("client.import.wizard", "client.verify.wizard"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.plain_user).check_access("create")
            self.env[model].with_user(self.cb_user).check_access("create")

    def test_multi_company_isolation(self):
        Rule = (
            self.env["client.field.rule"]
            .with_user(self.manager_a)
            .with_context(allowed_company_ids=self.company_a.ids)
        )
        self.assertNotIn(self.rule_b, Rule.search([]))
        self.env.flush_all()
        Report = (
            self.env["client.quality.report"]
            .with_user(self.manager_a)
            .with_context(allowed_company_ids=self.company_a.ids)
        )
        partners = Report.search([]).partner_id
        self.assertIn(self.client_a, partners)
        self.assertNotIn(self.client_b, partners)
        # company B's rule does not apply to company A's clients
        rules_a = self.env["client.field.rule"]._client_rules_for(self.company_a)
        self.assertNotIn(
            ("website", "individual"),
            {(r["field"], r["partner_kind"]) for r in rules_a},
        )
        rules_b = self.env["client.field.rule"]._client_rules_for(self.company_b)
        self.assertIn(
            ("website", "individual"),
            {(r["field"], r["partner_kind"]) for r in rules_b},
        )

    def test_mark_verified_requires_write_access(self):
        with self.assertRaises(AccessError):
            self.client_a.with_user(self.portal).action_client_mark_verified()

    def test_data_quality_counts(self):
        self._company(name="Stale one").client_verified_on = "2000-01-01"
        self._company(name="Invalid one", email="junk")
        self.env.flush_all()
        Report = self.env["client.quality.report"].with_user(self.cb_manager)
        groups = Report._read_group(
            [], [], ["stale_count:sum", "invalid_count:sum", "client_count:sum"]
        )
        stale, invalid, count = groups[0]
        self.assertGreaterEqual(stale, 1)
        self.assertGreaterEqual(invalid, 1)
        self.assertGreaterEqual(count, 4)
