# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.sale.tests.common import SaleCommon


@tagged("post_install", "-at_install")
class TestSaleArchiveBlockers(SaleCommon):
    """Sales orders in the regulation: a client with an open order is never
    archived, a client who ordered recently is neither re-verified nor
    proposed for archiving."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client = Partner.create({"name": "Ordering client", "is_company": True})
        cls.buyer = Partner.create(
            {"name": "Its buyer", "parent_id": cls.client.id, "type": "contact"}
        )
        cls.quiet = Partner.create({"name": "Quiet client", "is_company": True})
        cls.clients = cls.client | cls.quiet

    def _order(self, partner):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 2}
                    )
                ],
            }
        )

    def test_quotation_of_a_contact_blocks_its_client(self):
        self._order(self.buyer)
        blockers = self.clients._client_archive_blockers()
        self.assertEqual(blockers, {self.client.id: ["open orders"]})

    def test_confirmed_order_blocks_until_invoiced_or_cancelled(self):
        order = self._order(self.client)
        order.action_confirm()
        self.assertEqual(order.invoice_status, "to invoice")
        self.assertEqual(
            self.clients._client_archive_blockers(),
            {self.client.id: ["open orders"]},
        )
        order._action_cancel()
        self.assertEqual(self.clients._client_archive_blockers(), {})

    def test_recent_order_counts_as_activity(self):
        order = self._order(self.buyer)
        Partner = self.env["res.partner"]
        since = fields.Date.context_today(Partner) - datetime.timedelta(days=30)
        self.assertFalse(Partner._client_partners_with_orders(self.clients.ids, since))
        order.action_confirm()
        self.assertEqual(
            Partner._client_partners_with_orders(self.clients.ids, since),
            {self.client.id},
        )
        self.assertIn(self.client.id, Partner._client_partners_with_orders(None, since))
        later = fields.Date.context_today(Partner) + datetime.timedelta(days=1)
        self.assertFalse(Partner._client_partners_with_orders(self.clients.ids, later))

    def test_archiving_refused_with_the_reason(self):
        if "client.archive.rule" not in self.env:
            self.skipTest("client_base_regulations is not installed")
        self._order(self.client)
        manager = new_test_user(
            self.env,
            login="cb_sale_archiver",
            groups="base.group_user,client_base.client_base_group_manager",
        )
        with self.assertRaisesRegex(UserError, "open orders"):
            self.client.with_user(manager).action_archive()
        self.assertTrue(self.client.active)
        self.quiet.with_user(manager).action_archive()
        self.assertFalse(self.quiet.active)
