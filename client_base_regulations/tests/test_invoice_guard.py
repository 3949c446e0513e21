# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RegulationsCommon


@tagged("post_install", "-at_install")
class TestInvoiceGuard(RegulationsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["account.journal"].search_count([("type", "=", "sale")]):
            cls.skipTest(cls, "no sale journal")
        cls.icp = cls.env["ir.config_parameter"].sudo()
        cls.icp.set_param(
            "client_base_regulations.invoice_required_fields", "street,vat,email,bogus"
        )
        cls.incomplete = cls.Partner.create({"name": "No data", "is_company": True})
        cls.complete = cls.Partner.create(
            {
                "name": "All data",
                "is_company": True,
                "street": "1 Main street",
                "vat": "123456789",
                "email": "all@example.com",
            }
        )

    def _invoice(self, partner):
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    (0, 0, {"name": "Service", "quantity": 1, "price_unit": 50})
                ],
            }
        )

    def test_block(self):
        self.icp.set_param("client_base_regulations.invoice_guard", "block")
        move = self._invoice(self.incomplete)
        with self.assertRaises(UserError) as caught:
            move.action_post()
        message = str(caught.exception)
        self.assertIn("Tax ID", message)
        self.assertIn("Regulation: contact information", message)
        self.assertNotIn("bogus", message, "unknown field names are ignored")
        self.assertEqual(move.state, "draft")
        ok = self._invoice(self.complete)
        ok.action_post()
        self.assertEqual(ok.state, "posted")

    def test_warn(self):
        self.icp.set_param("client_base_regulations.invoice_guard", "warn")
        move = self._invoice(self.incomplete)
        self.assertIn("Tax ID", move.client_invoice_guard_warning)
        move.action_post()
        self.assertEqual(move.state, "posted")
        # a banner on the invoice, no chatter note per post (issue 15)
        self.assertIn("Tax ID", move.client_invoice_guard_warning)
        self.assertFalse(
            (move.message_ids | self.incomplete.message_ids).filtered(
                lambda m: "Tax ID" in (m.body or "")
            )
        )

    def test_off_and_vendor_bills(self):
        self.icp.set_param("client_base_regulations.invoice_guard", "off")
        move = self._invoice(self.incomplete)
        move.action_post()
        self.assertEqual(move.state, "posted")
        self.icp.set_param("client_base_regulations.invoice_guard", "block")
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.incomplete.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    (0, 0, {"name": "Goods", "quantity": 1, "price_unit": 5})
                ],
            }
        )
        bill.action_post()
        self.assertEqual(bill.state, "posted", "only customer invoices are checked")
