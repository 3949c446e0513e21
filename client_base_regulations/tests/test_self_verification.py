# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSelfVerification(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="cb_sv_manager",
            groups="base.group_user,client_base.client_base_group_manager",
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Self Service Ltd",
                "is_company": True,
                "email": "self@example.com",
                "city": "Old town",
            }
        )

    def _send(self):
        """Send the e-mail and return (request, url) read from the mail."""
        self.partner.with_user(self.manager).action_client_send_questionnaire()
        request = self.env["client.self.verification"].search(
            [("partner_id", "=", self.partner.id), ("state", "=", "sent")]
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "client.self.verification"), ("res_id", "=", request.id)]
        )
        self.assertEqual(len(mail), 1)
        url = re.search(r'href="([^"]*/client-base/verify/[^"]+)"', mail.body_html)
        self.assertTrue(url, "personal link in the e-mail")
        path = url.group(1).replace("&amp;", "&")
        path = path[path.index("/client-base/") :]
        return request, path

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def test_token_refused_wrong_missing_reused_expired(self):
        request, path = self._send()
        base = f"/client-base/verify/{request.id}"
        self.assertEqual(self.url_open(base).status_code, 403, "missing token")
        self.assertEqual(
            self.url_open(base + "?token=wrong").status_code, 403, "wrong token"
        )
        self.assertEqual(
            self.url_open("/client-base/verify/999999?token=x").status_code, 403
        )
        self.assertFalse(request.sudo().token_hash.startswith(path.split("=")[1][:8]))
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Old town", page.text)
        token = path.split("token=")[1]
        # POST without CSRF token is refused
        response = self.url_open(
            base, data={"token": token, "city": "Hacked"}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        # proper POST
        response = self.url_open(
            base,
            data={
                "token": token,
                "csrf_token": self._csrf(page.text),
                "city": "New town",
                "phone": "+32 2 555 12 12",
                "name": "Self Service Ltd",
            },
        )
        self.assertEqual(response.status_code, 200)
        request.invalidate_recordset()
        self.assertEqual(request.state, "answered")
        self.assertEqual(self.partner.city, "Old town", "a user approves first")
        proposals = request.proposal_ids
        self.assertEqual(set(proposals.mapped("field_name")), {"city", "phone"})
        # reused token refused
        self.assertEqual(self.url_open(path).status_code, 403)
        response = self.url_open(
            base,
            data={"token": token, "csrf_token": self._csrf(page.text), "city": "X"},
        )
        self.assertEqual(response.status_code, 403)
        # approval applies and records the method
        request.with_user(self.manager).action_apply()
        self.assertEqual(self.partner.city, "New town")
        self.assertEqual(self.partner.client_verification_method, "questionnaire")
        # expired link refused
        request2, path2 = self._send()
        request2.sudo().expires_on = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.url_open(path2).status_code, 403)

    def test_direct_mode_and_new_link_cancels_old(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "client_base_regulations.questionnaire_mode", "direct"
        )
        old, old_path = self._send()
        request, path = self._send()
        self.assertEqual(old.state, "cancelled")
        self.assertEqual(self.url_open(old_path).status_code, 403)
        page = self.url_open(path)
        self.url_open(
            f"/client-base/verify/{request.id}",
            data={
                "token": path.split("token=")[1],
                "csrf_token": self._csrf(page.text),
                "city": "Direct city",
            },
        )
        self.assertEqual(self.partner.city, "Direct city")
        self.assertEqual(request.state, "applied")

    def test_users_without_rights(self):
        plain = new_test_user(self.env, login="sv_plain", groups="base.group_user")
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.partner.with_user(plain).action_client_send_questionnaire()
