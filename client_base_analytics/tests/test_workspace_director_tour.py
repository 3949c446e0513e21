# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkspaceDirectorTour(HttpCase):
    """Log in as the director: the dashboard and the ABC-XYZ matrix."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.director = new_test_user(
            cls.env,
            login="tour_director",
            groups="base.group_user,client_base.client_base_group_director",
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Tour Sales Ltd", "is_company": True}
        )
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": 100}
                    )
                ],
            }
        )
        move.action_post()

    def test_director_workspace(self):
        self.start_tour("/odoo", "client_workspace_director", login="tour_director")

    def test_abc_xyz_matrix(self):
        self.env["client.classification"].create(
            {
                "partner_id": self.partner.id,
                "company_id": self.env.company.id,
                "manual_abc": "A",
                "manual_xyz": "X",
            }
        )
        self.start_tour(
            "/odoo/abc-xyz-matrix", "client_abc_xyz_matrix", login="tour_director"
        )
