# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkspaceAccountantTour(HttpCase):
    """Log in as the accountant and open "Documents to collect"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="tour_accountant",
            groups="account.group_account_invoice,client_base.client_base_group_user",
        )
        manager = new_test_user(
            cls.env,
            login="tour_account_manager",
            name="Tour Account Manager",
            groups="client_base.client_base_group_user",
        )
        partner = cls.env["res.partner"].create(
            {"name": "Tour Invoiced Ltd", "is_company": True, "user_id": manager.id}
        )
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_user_id": manager.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": 100}
                    )
                ],
            }
        )
        move.action_post()

    def test_accountant_workspace(self):
        self.start_tour("/odoo", "client_workspace_accountant", login="tour_accountant")
