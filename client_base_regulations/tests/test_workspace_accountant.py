# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.client_base_regulations.models import (
    client_document_collect as collect,
)

# the "Missing" filter of "Documents to collect" (search view)
MISSING = [("received", "=", False), ("move_state", "=", "posted")]


@tagged("post_install", "-at_install")
class TestWorkspaceAccountant(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        icp = cls.env["ir.config_parameter"].sudo()
        icp.set_param("client_base_regulations.collect_invoice", "True")
        icp.set_param("client_base_regulations.collect_act", "True")
        icp.set_param("client_base_regulations.collect_contract", False)
        company = cls.env.company
        common = {"company_id": company.id, "company_ids": [company.id]}
        cls.accountant = new_test_user(
            cls.env,
            login="ws_accountant",
            groups="account.group_account_invoice,client_base.client_base_group_user",
            **common,
        )
        cls.manager_1 = new_test_user(
            cls.env,
            login="ws_manager_1",
            groups="client_base.client_base_group_user",
            **common,
        )
        cls.manager_2 = new_test_user(
            cls.env,
            login="ws_manager_2",
            groups="client_base.client_base_group_user",
            **common,
        )
        cls.client_1 = cls.env["res.partner"].create(
            {"name": "Client One", "is_company": True, "user_id": cls.manager_1.id}
        )
        cls.client_2 = cls.env["res.partner"].create(
            {"name": "Client Two", "is_company": True, "user_id": cls.manager_2.id}
        )

    def _invoice(self, partner, date="2026-03-02", post=True, user=None, kind=None):
        move = self.init_invoice(
            kind or "out_invoice", partner=partner, invoice_date=date, amounts=[100]
        )
        move.invoice_user_id = user
        if post:
            move.action_post()
        return move

    def test_lines_expected_on_posting_only_customer_invoices(self):
        draft = self._invoice(self.client_1, post=False)
        self.assertFalse(draft.client_document_ids)
        refund = self._invoice(self.client_1, kind="out_refund")
        self.assertFalse(refund.client_document_ids)
        bill = self._invoice(self.client_1, kind="in_invoice")
        self.assertFalse(bill.client_document_ids)
        invoice = self._invoice(self.client_1, user=self.manager_1)
        self.assertEqual(
            sorted(invoice.client_document_ids.mapped("document_type")),
            ["act", "invoice"],
        )
        self.assertEqual(invoice.client_document_missing_count, 2)
        # re-posting after a reset does not duplicate the lines
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(len(invoice.client_document_ids), 2)

    def test_settings_choose_expected_documents(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.client_collect_invoice)
        self.assertFalse(settings.client_collect_contract)
        old = self._invoice(self.client_1)
        settings.client_collect_contract = True
        settings.client_collect_invoice = False
        settings.execute()
        new = self._invoice(self.client_1)
        self.assertEqual(
            sorted(new.client_document_ids.mapped("document_type")),
            ["act", "contract"],
        )
        # the button (or the list's Action menu) completes an older invoice, once
        old.action_client_document_expect()
        action = self.env.ref(
            "client_base_regulations.account_move_action_document_collect_expect"
        )
        action.with_context(
            active_model="account.move", active_ids=old.ids, active_id=old.id
        ).run()
        self.assertEqual(
            sorted(old.client_document_ids.mapped("document_type")),
            ["act", "contract", "invoice"],
        )

    def test_documents_to_collect_list(self):
        inv_1 = self._invoice(self.client_1, user=self.manager_1)
        # no salesperson on the invoice: the client's salesperson is in charge
        inv_2 = self._invoice(self.client_2)
        draft = self._invoice(self.client_2, post=False)
        Line = self.env["client.document.collect"].with_user(self.accountant)
        lines = Line.search(MISSING)
        self.assertEqual(lines.move_id, inv_1 + inv_2)
        self.assertNotIn(draft, lines.move_id)
        groups = dict(Line._read_group(MISSING, ["manager_id"], ["__count"]))
        self.assertEqual(groups, {self.manager_1: 2, self.manager_2: 2})
        # ticking "received" records when and by whom, and drops the line
        received = inv_1.client_document_ids.filtered(
            lambda line: line.document_type == "act"
        )
        with freeze_time("2026-03-10"):
            received.with_user(self.accountant).received = True
        self.assertEqual(str(received.received_date), "2026-03-10")
        self.assertEqual(received.received_by_id, self.accountant)
        self.assertNotIn(received, Line.search(MISSING))
        self.assertEqual(len(Line.search(MISSING)), 3)
        # unticking clears them
        received.received = False
        self.assertFalse(received.received_date)
        self.assertFalse(received.received_by_id)
        # a cancelled invoice has nothing to collect
        inv_2.button_draft()
        inv_2.button_cancel()
        self.assertEqual(Line.search(MISSING).move_id, inv_1)

    def test_age_in_days(self):
        invoice = self._invoice(self.client_1, date="2025-12-30")
        with freeze_time("2026-01-04"):
            invoice.client_document_ids.invalidate_recordset(["age_days"])
            self.assertEqual(set(invoice.client_document_ids.mapped("age_days")), {5})

    def test_remind_manager_once(self):
        inv_1 = self._invoice(self.client_1, user=self.manager_1)
        inv_2 = self._invoice(self.client_2)
        lines = (
            self.env["client.document.collect"]
            .with_user(self.accountant)
            .search(MISSING)
        )
        result = lines.action_remind_manager()
        self.assertEqual(result["params"]["type"], "success")
        act_type = self.env.ref(
            "client_base_regulations.mail_activity_type_document_collect"
        )
        acts_1 = inv_1.activity_ids.filtered(lambda a: a.activity_type_id == act_type)
        acts_2 = inv_2.activity_ids.filtered(lambda a: a.activity_type_id == act_type)
        self.assertEqual(len(acts_1), 1)
        self.assertEqual(acts_1.user_id, self.manager_1)
        self.assertEqual(acts_2.user_id, self.manager_2)
        self.assertIn("Delivery act", acts_1.note)
        self.assertEqual(acts_1.date_deadline, act_type._get_date_deadline())
        # the manager is told by Odoo's activity assignment (a few reminders
        # at a time: not quiet); this assertion used to be met by the
        # invoicing guard's chatter note, which is gone (issue 15)
        self.assertFalse(acts_1.automated and not acts_1.user_id)
        # second click: nothing new while the reminders are open
        result = lines.action_remind_manager()
        self.assertEqual(result["params"]["type"], "info")
        self.assertEqual(len(inv_1.activity_ids), 1)
        self.assertEqual(len(inv_2.activity_ids), 1)
        # once the manager marks it done, a new reminder can be scheduled
        acts_1.with_user(self.manager_1).sudo().action_feedback(feedback="asked")
        lines.action_remind_manager()
        self.assertEqual(len(inv_1.activity_ids), 1)
        # nothing to remind when all originals are back
        inv_2.client_document_ids.received = True
        inv_2.activity_ids.unlink()
        inv_2.client_document_ids.action_remind_manager()
        self.assertFalse(inv_2.activity_ids)

    def test_remind_many_at_once_quietly(self):
        invoices = self._invoice(self.client_1) + self._invoice(self.client_2)
        lines = invoices.client_document_ids
        with patch.object(collect, "REMIND_NOTIFY_LIMIT", 1):
            lines.with_user(self.accountant).action_remind_manager()
        self.assertEqual(len(invoices.activity_ids), 2)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "account.move"), ("res_id", "in", invoices.ids)]
            )
        )

    def test_access_by_group(self):
        invoice = self._invoice(self.client_1, user=self.manager_1)
        line = invoice.client_document_ids[0]
        # account managers (Client Base users without invoicing) do not see it
        with self.assertRaises(AccessError):
            line.with_user(self.manager_1).read(["received"])
        with self.assertRaises(AccessError):
            line.with_user(self.manager_1).action_remind_manager()
        line.with_user(self.accountant).read(["received"])
        with self.assertRaises(AccessError):
            line.with_user(self.accountant).unlink()
        # the menus follow the groups
        menu = self.env.ref("client_base_regulations.client_workspace_accountant_menu")
        accountant_menus = (
            self.env["ir.ui.menu"].with_user(self.accountant)._visible_menu_ids()
        )
        manager_menus = (
            self.env["ir.ui.menu"].with_user(self.manager_1)._visible_menu_ids()
        )
        self.assertIn(menu.id, accountant_menus)
        self.assertNotIn(menu.id, manager_menus)

    def test_invoice_form_shows_originals(self):
        invoice = self._invoice(self.client_1, user=self.manager_1)
        with (
            Form(invoice.with_user(self.accountant)) as form,
            form.client_document_ids.edit(0) as line,
        ):
            line.received = True
        self.assertEqual(invoice.client_document_missing_count, 1)
