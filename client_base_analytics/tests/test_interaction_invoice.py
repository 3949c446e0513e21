# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestInteractionInvoice(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the accountant of the common set-up has no Client Base rights:
        # the capture works for him, the checks read as superuser
        cls.Interaction = cls.env["client.interaction"].sudo()
        cls.client = cls.env["res.partner"].create(
            {"name": "Invoice Client", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Billing contact", "parent_id": cls.client.id, "type": "invoice"}
        )
        cls.group = cls.env.ref("client_base.client_interaction_group_presentation")
        cls.env["ir.config_parameter"].sudo().set_param(
            "client_base.interaction_group_invoice", str(cls.group.id)
        )

    def _invoice(self, partner, move_type="out_invoice"):
        return self.init_invoice(
            move_type, partner=partner, amounts=[100.0], post=False
        )

    def _of(self, move):
        return self.Interaction.search(
            [("res_model", "=", "account.move"), ("res_id", "=", move.id)]
        )

    def test_posted_invoice_recorded_once(self):
        invoice = self._invoice(self.contact)
        self.assertFalse(self._of(invoice))
        invoice.action_post()
        interaction = self._of(invoice)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.partner_id, self.client)
        self.assertEqual(interaction.contact_id, self.contact)
        self.assertEqual(interaction.channel, "invoice")
        self.assertEqual(interaction.group_id, self.group)
        self.assertEqual(interaction.summary, invoice.name)
        self.assertEqual(interaction.company_id, invoice.company_id)
        # confirm twice: reset to draft and post again
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(len(self._of(invoice)), 1)
        self.assertEqual(self.client.sudo().client_interaction_count, 1)

    def test_vendor_bills_and_drafts_ignored(self):
        bill = self.init_invoice("in_invoice", partner=self.client, amounts=[10.0])
        bill.action_post()
        draft = self._invoice(self.client)
        self.assertFalse(self._of(bill) | self._of(draft))

    def test_switched_off(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "client_base.interaction_capture_invoice", False
        )
        invoice = self._invoice(self.client)
        invoice.action_post()
        self.assertFalse(self._of(invoice))

    def test_backfill_posted_invoices(self):
        icp = self.env["ir.config_parameter"].sudo()
        icp.set_param("client_base.interaction_capture_invoice", False)
        invoices = self._invoice(self.client) | self._invoice(
            self.contact, "out_refund"
        )
        invoices.action_post()
        self._invoice(self.client)  # draft: not history
        icp.set_param("client_base.interaction_capture_invoice", "True")
        self.Interaction.action_backfill_now()
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", lambda *a, **k: None
        ):
            for _run in range(2):  # second run creates nothing
                self.Interaction.action_backfill_now()
                for _call in range(10):
                    _done, pending = self.Interaction._cron_backfill(batch_size=1)
                    if not pending:
                        break
                history = self.Interaction.search([("partner_id", "=", self.client.id)])
                self.assertEqual(len(history), 2)
        self.assertEqual(sorted(history.mapped("res_id")), sorted(invoices.ids))
        self.assertEqual(set(history.mapped("channel")), {"invoice"})
        self.assertEqual(self.client.sudo().client_interaction_count, 2)

    def test_history_filtered_by_client_class(self):
        """Smoke test: the ABC filters of the interaction search are valid."""
        invoice = self._invoice(self.client)
        invoice.action_post()
        everything = self.Interaction.search([])
        by_class = self.Interaction.browse()
        for abc in ("A", "B", "C"):
            by_class |= self.Interaction.search([("partner_id.client_abc", "=", abc)])
        self.assertLessEqual(by_class, everything)
        self.assertTrue(
            self.env.ref("client_base_analytics.client_interaction_view_search")
        )
