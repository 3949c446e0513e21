# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

SKIP = {"client_base_skip_normalize": True}


@tagged("post_install", "-at_install")
class TestContactRpc(HttpCase):
    """Internal flags from an RPC context switch nothing off (issue 14, 2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="cb_rpc_user",
            password="cb_rpc_user_pw",
            groups="base.group_user,client_base.client_base_group_user",
        )
        cls.vip = cls.env["res.partner"].create(
            {
                "name": "VIP over RPC",
                "is_company": True,
                "client_state": "vip",
                "country_id": cls.env.ref("base.ru").id,
                "phone": "+7 495 908-49-47",
                "email": "vip@example.com",
            }
        )
        cls.icp = cls.env["ir.config_parameter"].sudo()

    def _call(self, method, args, kwargs=None, context=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "res.partner",
                "method": method,
                "args": args,
                "kwargs": dict(kwargs or {}, context=dict(context or {})),
            },
        )

    def setUp(self):
        super().setUp()
        self.authenticate("cb_rpc_user", "cb_rpc_user_pw")

    def test_rpc_write_with_skip_flag_is_stored_and_flagged(self):
        self._call(
            "write",
            [[self.vip.id], {"phone": "abc", "email": "  Vip@Example.com "}],
            context=SKIP,
        )
        self.vip.invalidate_recordset()
        self.assertEqual(self.vip.phone, "abc")
        self.assertIn("phone", self.vip.client_invalid_fields)
        self.assertIn("email", self.vip.client_to_normalize_fields)

    @mute_logger("odoo.http")
    def test_rpc_form_save_applies_rules_despite_the_flag(self):
        with self.assertRaises(JsonRpcException):
            self._call(
                "web_save",
                [[self.vip.id], {"phone": "abc"}],
                {"specification": {"phone": {}}},
                context=SKIP,
            )
        self.vip.invalidate_recordset()
        self.assertEqual(self.vip.phone, "+7 495 908-49-47")
        result = self._call(
            "web_save",
            [[self.vip.id], {"phone": "8 (495) 123 45 67", "email": " a@b.ru "}],
            {"specification": {"phone": {}, "email": {}}},
            context=SKIP,
        )
        self.assertEqual(result[0]["phone"], "+7 495 123-45-67")
        self.assertEqual(result[0]["email"], "a@b.ru")

    def test_rpc_strict_mode_ignores_the_flag(self):
        self.icp.set_param("client_base.normalize_strict", "True")
        [pid] = self._call(
            "create",
            [
                [
                    {
                        "name": "Strict",
                        "country_id": self.env.ref("base.ru").id,
                        "phone": "8 495 123 45 67",
                        "email": " X@Y.ORG ",
                    }
                ]
            ],
            context=SKIP,
        )
        partner = self.env["res.partner"].browse(pid)
        self.assertEqual(
            (partner.phone, partner.email), ("+7 495 123-45-67", "X@Y.ORG")
        )
        self.assertFalse(partner.client_to_normalize_fields)
