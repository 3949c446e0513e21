# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every screen of Invoicing works for the accountant, our menus included
(Customers › Documents to collect, Signed originals): Odoo's clickbot."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "client_base_clickbot")
class TestClickInvoicing(HttpCase):
    allow_end_on_form = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            login="cb_click_invoicing",
            groups="base.group_user,account.group_account_invoice,"
            "client_base.client_base_group_user",
        )
        if "tour_enabled" in cls.accountant._fields:
            cls.accountant.tour_enabled = False
        partner = cls.env["res.partner"].create(
            {"name": "Clickbot Invoiced Ltd", "is_company": True}
        )
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_user_id": cls.accountant.id,
                "invoice_line_ids": [
                    Command.create({"name": "Service", "quantity": 1, "price_unit": 10})
                ],
            }
        )
        move.action_post()

    def test_click_invoicing_accountant(self):
        menu = self.env.ref(
            "client_base_regulations.account_move_document_collect_menu"
        )
        root = menu.parent_id
        while root.parent_id:
            root = root.parent_id
        xmlid = root.get_external_id()[root.id]
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            f".startClickEverywhere('{xmlid}');",
            "odoo.isReady === true",
            login="cb_click_invoicing",
            timeout=1800,
            success_signal="clickbot test succeeded",
        )
