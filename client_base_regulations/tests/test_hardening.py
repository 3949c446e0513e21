# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Issue 14: each defect attacked through the path a real client uses
(JSON-RPC ``/web/dataset/call_kw``, the public self-service page)."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.client_base.tests.rpc_common import RpcMixin

from .common import RegulationsCommon


@tagged("post_install", "-at_install")
class TestOperatorEscalation(RpcMixin, RegulationsCommon, HttpCase):
    """14.1: an agency operator changes only the contact data of the client
    assigned to it, only while the campaign runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._client("Assigned", phone="+3225550001")
        cls.other = cls._client("Someone else", phone="+3225550002")
        cls.campaign = cls.env["client.verification.campaign"].create(
            {
                "name": "Agency spring",
                "channel": "agency",
                "line_ids": [
                    fields.Command.create(
                        {"partner_id": cls.mine.id, "operator_id": cls.agency_user.id}
                    )
                ],
            }
        )
        cls.line = cls.campaign.line_ids

    def test_call_cannot_be_repointed(self):
        self._login(self.agency_user)
        for vals in (
            {"partner_id": self.other.id},
            {"campaign_id": self.campaign.copy().id},
            {"operator_id": self.cb_user.id},
        ):
            self.assertRefused(
                "client.verification.campaign.line", "write", self.line.ids, vals
            )
        self.assertEqual(self.line.partner_id, self.mine)
        # the other client stays out of reach
        self.assertRefused("res.partner", "read", self.other.ids, ["name", "comment"])
        # the outcome and the client's contact data are the operator's to set
        _result, error = self._call(
            "client.verification.campaign.line",
            "write",
            self.line.ids,
            {"note": "Called", "phone": "+32 2 555 00 09"},
        )
        self.assertFalse(error, error)
        self.assertIn("555", self.mine.phone)
        self.assertTrue(self.mine.phone.replace(" ", "").endswith("5550009"))

    def test_non_contact_fields_refused_on_every_path(self):
        self._login(self.agency_user)
        for vals in (
            {"user_id": self.agency_user.id},
            {"client_state": "vip"} if "client_state" in self.mine else {"ref": "x"},
            {"is_company": False},
            {"parent_id": self.other.id},
            {"child_ids": [(4, self.other.id)]},
        ):
            self.assertRefused("res.partner", "write", self.mine.ids, vals)
        # its own user's partner and company are visible, not writable
        self.assertRefused(
            "res.partner",
            "write",
            self.agency_user.company_id.partner_id.ids,
            {"name": "Renamed company"},
        )
        # load() goes through the same checks
        result, error = self._call(
            "res.partner",
            "load",
            ["id", "user_id/id"],
            [[f"__export__.res_partner_{self.mine.id}", "base.user_admin"]],
        )
        messages = (result or {}).get("messages") or ([error] if error else [])
        self.assertTrue(messages, "load() of a non-contact field is refused")
        self.mine.invalidate_recordset()
        self.assertFalse(self.mine.user_id)

    def test_no_company_no_client_of_its_own(self):
        self._login(self.agency_user)
        self.assertRefused(
            "res.partner", "create", {"name": "New Corp", "is_company": True}
        )
        self.assertRefused(
            "res.partner",
            "create",
            {
                "name": "Own client",
                "client_agency_operator_ids": [(4, self.agency_user.id)],
            },
        )
        self.assertRefused(
            "res.partner",
            "create",
            {"name": "Buyer", "parent_id": self.other.id},
        )
        self.assertRefused(
            "res.partner",
            "create",
            {"name": "Buyer", "parent_id": self.mine.id, "user_id": 2},
        )
        # a contact person of the assigned client, with contact data: allowed
        result, error = self._call(
            "res.partner",
            "create",
            {"name": "Buyer", "parent_id": self.mine.id, "function": "Buyer"},
        )
        self.assertFalse(error, error)
        self.assertEqual(self.env["res.partner"].browse(result).parent_id, self.mine)

    def test_access_ends_with_the_campaign(self):
        self.campaign.action_done()
        self.env.flush_all()
        self._login(self.agency_user)
        self.assertRefused("res.partner", "write", self.mine.ids, {"phone": "1"})
        self.assertRefused(
            "client.verification.campaign.line", "write", self.line.ids, {"note": "x"}
        )


@tagged("post_install", "-at_install")
class TestSelfServiceHardening(HttpCase):
    """14.3: the link of an archived client is dead; answers are cleaned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create(
            {"name": "Link Ltd", "is_company": True, "email": "link@example.com"}
        )

    def _link(self):
        """(request, path) of a fresh link (the token from the e-mail)."""
        request = self.env["client.self.verification"]._client_send_for(self.partner)
        mail = self.env["mail.mail"].search(
            [("model", "=", request._name), ("res_id", "=", request.id)]
        )
        url = re.search(r'href="([^"]*/client-base/verify/[^"]+)"', mail.body_html)
        path = url.group(1).replace("&amp;", "&")
        return request, path[path.index("/client-base/") :]

    def _csrf(self, html):
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def test_archived_client_link_refused(self):
        request, path = self._link()
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        csrf = self._csrf(page.text)
        self.partner.active = False
        self.assertEqual(self.url_open(path).status_code, 403)
        response = self.url_open(
            f"/client-base/verify/{request.id}",
            data={
                "token": path.split("token=")[1],
                "csrf_token": csrf,
                "city": "Archived town",
            },
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(request.state, "sent")
        self.assertFalse(request.proposal_ids)

    def test_answers_cleaned_and_capped(self):
        request, path = self._link()
        page = self.url_open(path)
        response = self.url_open(
            f"/client-base/verify/{request.id}",
            data={
                "token": path.split("token=")[1],
                "csrf_token": self._csrf(page.text),
                "city": "Mos\u200bcow\u202e",
                "street": "x" * 100_000,
                "name": "Link\u2066 Ltd\u2069",
            },
        )
        self.assertEqual(response.status_code, 200)
        values = {p.field_name: p.new_value for p in request.proposal_ids}
        self.assertEqual(values["city"], "Moscow")
        self.assertEqual(len(values["street"]), 128)
        self.assertNotIn("name", values, "same name once the isolates are gone")


@tagged("post_install", "-at_install")
class TestArchiveKeepsEverything(RpcMixin, RegulationsCommon, HttpCase):
    """14.6 + 15.5: archiving deletes nothing, restore brings it all back,
    every path follows the regulation and says why it refuses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._client("Archivable")
        cls.contact = cls.Partner.create(
            {"name": "Archivable contact", "parent_id": cls.client.id}
        )
        cls.vip = cls._client("Protected one", client_archive_protected=True)

    def _plan(self, partner, summary):
        return partner.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            user_id=self.cb_manager.id,
            date_deadline=self.today + timedelta(days=3),
        )

    def _activities(self, partner):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("res_model", "=", "res.partner"), ("res_id", "=", partner.id)])
        )

    def test_archive_and_restore_over_rpc(self):
        for method in ("action_archive", "toggle_active", "write"):
            with self.subTest(method=method):
                planned = self._plan(self.client, f"Call back ({method})")
                on_contact = self._plan(self.contact, f"Contact ({method})")
                self._login(self.cb_manager)
                args = [[self.client.id]]
                if method == "write":
                    args.append({"active": False})
                _result, error = self._call("res.partner", method, *args)
                self.assertFalse(error, error)
                self.env.invalidate_all()
                self.assertFalse(self.client.active)
                self.assertFalse(self.contact.active, "contacts go along")
                self.assertTrue(self.client.client_archived_on, "logged like the job")
                self.assertTrue(planned.exists(), "archiving deletes nothing")
                self.assertTrue(on_contact.exists())
                self.assertFalse(planned.active)
                # restore brings everything back
                _result, error = self._call(
                    "res.partner", "action_unarchive", [self.client.id]
                )
                self.assertFalse(error, error)
                self.env.invalidate_all()
                self.assertTrue(self.client.active)
                self.assertTrue(self.contact.active)
                self.assertTrue(planned.active)
                self.assertTrue(on_contact.active)
                self.assertEqual(planned.date_deadline, self.today + timedelta(days=3))
                self.assertFalse(self.client.client_archived_on)

    def test_refusal_is_told_on_every_path(self):
        planned = self._plan(self.vip, "Keep me")
        self._login(self.cb_manager)
        for method, args in (
            ("action_archive", [[self.vip.id]]),
            ("toggle_active", [[self.vip.id]]),
            ("write", [[self.vip.id], {"active": False}]),
        ):
            data = self.assertRefused("res.partner", method, *args, error="UserError")
            self.assertIn("protected", data["message"])
            self.assertIn(self.vip.name, data["message"])
        self.env.invalidate_all()
        self.assertTrue(self.vip.active)
        self.assertTrue(planned.active)

    def test_archive_runs_with_the_users_rights(self):
        """The dry-run wizard archives only the clients its user may change:
        a client of a company the manager is not in is neither listed nor
        archived (the archiving itself used to run as superuser)."""
        company2 = self.env["res.company"].create({"name": "Other company"})
        foreign = self._client("Foreign client", company_id=company2.id)
        self.archive_rule.write({"company_id": False, "inactivity_months": 1})
        self.assertNotIn(company2, self.cb_manager.company_ids)
        wizard = (
            self.env["client.archive.wizard"]
            .with_user(self.cb_manager)
            .create({"rule_id": self.archive_rule.id})
        )
        wizard.action_compute()
        self.assertIn(self.client, wizard.line_ids.partner_id)
        self.assertNotIn(foreign, wizard.line_ids.partner_id)
        wizard.action_archive()
        self.assertTrue(foreign.active)
        self.assertFalse(self.client.active)


@tagged("post_install", "-at_install")
class TestInvoiceGuardPaths(RpcMixin, RegulationsCommon, HttpCase):
    """14.7 + 15.4: the guard is on the posting itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["account.journal"].search_count([("type", "=", "sale")]):
            cls.skipTest(cls, "no sale journal")
        cls.icp = cls.env["ir.config_parameter"].sudo()
        cls.icp.set_param(
            "client_base_regulations.invoice_required_fields", "street,vat"
        )
        cls.incomplete = cls.Partner.create({"name": "No data", "is_company": True})
        cls.accountant = new_test_user(
            cls.env,
            login="cb_guard_accountant",
            groups="base.group_user,account.group_account_invoice",
        )

    def _invoice(self, **vals):
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.incomplete.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    fields.Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": 50}
                    )
                ],
                **vals,
            }
        )

    def test_block_covers_list_post_and_server_action(self):
        self.icp.set_param("client_base_regulations.invoice_guard", "block")
        moves = self._invoice() | self._invoice()
        self._login(self.accountant)
        # "Post entries" of the invoice list (account.validate.account.move)
        result, error = self._call(
            "validate.account.move",
            "create",
            {"move_ids": [fields.Command.set(moves.ids)], "force_post": True},
        )
        self.assertFalse(error, error)
        data = self.assertRefused(
            "validate.account.move", "validate_move", [result], error="UserError"
        )
        self.assertIn("Tax ID", data["message"])
        # a server action calling _post()
        action = self.env["ir.actions.server"].create(
            {
                "name": "Post by code",
                "model_id": self.env.ref("account.model_account_move").id,
                "state": "code",
                "code": "records._post(soft=False)",
            }
        )
        data = self.assertRefused(
            "ir.actions.server",
            "run",
            [action.id],
            context={"active_model": "account.move", "active_ids": moves.ids},
            error="UserError",
        )
        self.env.invalidate_all()
        self.assertEqual(set(moves.mapped("state")), {"draft"})

    def test_block_covers_auto_post_unless_exempted(self):
        self.icp.set_param("client_base_regulations.invoice_guard", "block")
        move = self._invoice(
            auto_post="at_date", date=self.today, invoice_date=self.today
        )
        move.checked = True
        self.env["account.move"]._autopost_draft_entries()
        self.assertEqual(move.state, "draft", "the scheduled action is guarded")
        self.assertEqual(move.auto_post, "no")
        self.icp.set_param(
            "client_base_regulations.invoice_guard_exempt_automatic", "True"
        )
        move.write({"auto_post": "at_date", "checked": True})
        self.env["account.move"]._autopost_draft_entries()
        self.assertEqual(move.state, "posted", "explicit exemption")

    def test_exemption_cannot_be_claimed_over_rpc(self):
        self.icp.set_param("client_base_regulations.invoice_guard", "block")
        self.icp.set_param(
            "client_base_regulations.invoice_guard_exempt_automatic", "True"
        )
        move = self._invoice()
        self._login(self.accountant)
        self.assertRefused(
            "account.move",
            "action_post",
            move.ids,
            context={"client_base_regulations_automatic_posting": True},
            error="UserError",
        )

    def test_warn_is_a_banner_not_a_note(self):
        self.icp.set_param("client_base_regulations.invoice_guard", "warn")
        move = self._invoice()
        self.assertIn("Tax ID", move.client_invoice_guard_warning)
        notes = self.env["mail.message"].search_count([])
        self._login(self.accountant)
        _result, error = self._call("account.move", "action_post", move.ids)
        self.assertFalse(error, error)
        self.env.invalidate_all()
        self.assertEqual(move.state, "posted")
        self.assertFalse(
            self.env["mail.message"]
            .search([("body", "ilike", "regulation"), ("id", ">", 0)], limit=1)
            .filtered(lambda m: m.model in ("account.move", "res.partner")),
            "no chatter note per post",
        )
        self.assertGreaterEqual(self.env["mail.message"].search_count([]), notes)
        self.assertIn("Tax ID", move.client_invoice_guard_warning)
