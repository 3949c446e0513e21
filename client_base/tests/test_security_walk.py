# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every model of the suite (all add-ons installed), walked: an ACL row,
nothing for portal and public users, a company rule where there is a
company."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSecurityWalk(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env, login="cb_walk_portal", groups="base.group_portal"
        )
        cls.public = cls.env.ref("base.public_user")
        ours = {
            module
            for module in cls.env.registry._init_modules
            if module.startswith("client_base")
        }
        cls.models = [
            name
            for name in sorted(cls.env.registry)
            if cls.env[name]._original_module in ours and not cls.env[name]._abstract
        ]

    def test_suite_has_models(self):
        self.assertIn("client.interaction", self.models)
        self.assertGreater(len(self.models), 10)

    def test_every_model_has_an_acl_row(self):
        Access = self.env["ir.model.access"].sudo()
        missing = [
            name
            for name in self.models
            if not Access.search_count([("model_id.model", "=", name)])
        ]
        self.assertFalse(missing, "models without an ACL row")

    def test_portal_and_public_read_nothing(self):
        for user in (self.portal, self.public):
            for name in self.models:
                with self.subTest(user=user.login, model=name):
                    Model = self.env[name].with_user(user)
                    self.assertFalse(Model.has_access("read"), name)
                    with self.assertRaises(AccessError):
                        Model.search_read([], ["id"], limit=1)

    def test_every_company_model_has_a_company_rule(self):
        Rule = self.env["ir.rule"].sudo()
        missing = []
        for name in self.models:
            field = self.env[name]._fields.get("company_id")
            if not field or not (field.store or not self.env[name]._auto):
                continue
            rules = Rule.search([("model_id.model", "=", name)])
            if not any("company_ids" in (rule.domain_force or "") for rule in rules):
                missing.append(name)
        self.assertFalse(missing, "company data without a company rule")
