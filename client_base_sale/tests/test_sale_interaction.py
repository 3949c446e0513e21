# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.sale.tests.common import SaleCommon


@tagged("post_install", "-at_install")
class TestSaleInteraction(SaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Interaction = cls.env["client.interaction"].sudo()
        cls.icp = cls.env["ir.config_parameter"].sudo()
        cls.client = cls.env["res.partner"].create(
            {"name": "Order Client", "is_company": True}
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Purchasing manager", "parent_id": cls.client.id}
        )
        cls.group = cls.env.ref("client_base.client_interaction_group_interest")
        cls.icp.set_param("client_base.interaction_capture_sale", "True")
        cls.icp.set_param("client_base.interaction_group_sale", str(cls.group.id))
        cls.salesman = new_test_user(
            cls.env,
            login="cb_sale_salesman",
            groups="sales_team.group_sale_salesman",
        )

    def _order(self, partner, user=None):
        return (
            self.env["sale.order"]
            .with_user(user or self.env.user)
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": (user or self.env.user).id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": 2}
                        )
                    ],
                }
            )
        )

    def _of(self, orders):
        return self.Interaction.search(
            [("res_model", "=", "sale.order"), ("res_id", "in", orders.ids)]
        )

    def _backfill(self):
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", lambda *a, **k: None
        ):
            self.Interaction.action_backfill_now()
            for _call in range(20):
                _done, pending = self.Interaction._cron_backfill(batch_size=1)
                if not pending:
                    return
        self.fail("the backfill did not finish")

    def test_confirmed_order_recorded_once(self):
        order = self._order(self.buyer, user=self.salesman)
        self.assertFalse(self._of(order), "a quotation is not history yet")
        order.with_user(self.salesman).action_confirm()
        interaction = self._of(order)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.partner_id, self.client)
        self.assertEqual(interaction.contact_id, self.buyer)
        self.assertEqual(interaction.channel, "sale")
        self.assertEqual(interaction.origin, "sale")
        self.assertEqual(interaction.group_id, self.group)
        self.assertEqual(interaction.user_id, self.salesman)
        self.assertEqual(interaction.summary, order.name)
        self.assertEqual(interaction.date, order.date_order)
        self.assertEqual(interaction.company_id, order.company_id)
        # confirm twice: cancel, back to quotation, confirm again
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        self.assertEqual(len(self._of(order)), 1)
        self.assertEqual(self.client.client_interaction_count, 1)
        self.assertEqual(
            self.client.client_last_interaction_date, order.date_order.date()
        )
        # the source opens the order
        action = interaction.with_user(self.env.user).action_open_source()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("sale.order", order.id)
        )

    def test_several_orders_confirmed_together(self):
        orders = self._order(self.client) | self._order(self.buyer)
        orders.action_confirm()
        self.assertEqual(len(self._of(orders)), 2)
        self.assertEqual(self.client.client_interaction_count, 2)

    def test_switched_off(self):
        self.icp.set_param("client_base.interaction_capture_sale", False)
        order = self._order(self.client)
        order.action_confirm()
        self.assertFalse(self._of(order))

    def test_deleted_group_still_records(self):
        """A group id that no longer exists (bad setting) records no group."""
        self.icp.set_param("client_base.interaction_group_sale", "999999999")
        order = self._order(self.client)
        order.action_confirm()
        self.assertEqual(len(self._of(order)), 1)
        self.assertFalse(self._of(order).group_id)

    def test_backfill_confirmed_orders(self):
        self.icp.set_param("client_base.interaction_capture_sale", False)
        confirmed = self._order(self.client) | self._order(self.buyer)
        confirmed.action_confirm()
        quotation = self._order(self.client)
        cancelled = self._order(self.client)
        cancelled._action_cancel()
        self.icp.set_param("client_base.interaction_capture_sale", "True")
        for _run in range(2):  # the second pass creates nothing
            self._backfill()
            history = self._of(confirmed | quotation | cancelled)
            self.assertEqual(sorted(history.mapped("res_id")), sorted(confirmed.ids))
        self.assertEqual(set(history.mapped("channel")), {"sale"})
        self.assertEqual(set(history.mapped("partner_id")), {self.client})
        self.assertEqual(history.filtered("contact_id").contact_id, self.buyer)
        self.assertEqual(self.client.client_interaction_count, 2)
        # live capture after the backfill does not duplicate either
        confirmed._client_interaction_capture_orders()
        self.assertEqual(len(self._of(confirmed)), 2)

    def test_backfill_switched_off_source_is_skipped(self):
        self.icp.set_param("client_base.interaction_capture_sale", False)
        order = self._order(self.client)
        order.action_confirm()
        self._backfill()
        self.assertFalse(self._of(order))

    def test_multi_company(self):
        """An order of another company is seen only from that company."""
        other = self.env["res.company"].create({"name": "Other sales company"})
        order = self._order(self.client).with_company(other)
        order.write({"company_id": other.id})
        order.action_confirm()
        interaction = self._of(order)
        self.assertEqual(interaction.company_id, other)
        viewer = new_test_user(
            self.env,
            login="cb_sale_viewer",
            groups="base.group_user,client_base.client_base_group_user",
        )
        as_viewer = self.env["client.interaction"].with_user(viewer)
        self.assertFalse(as_viewer.search([("id", "=", interaction.id)]))
        with self.assertRaises(AccessError):
            interaction.with_user(viewer).read(["summary"])
        viewer.write({"company_ids": [Command.link(other.id)]})
        as_viewer = as_viewer.with_context(allowed_company_ids=[other.id])
        self.assertEqual(as_viewer.search([("id", "=", interaction.id)]), interaction)

    def test_settings_show_the_sale_switch(self):
        form = Form(self.env["res.config.settings"])
        self.assertTrue(form.client_base_interaction_capture_sale)
        self.assertEqual(form.client_base_interaction_group_sale, self.group)
