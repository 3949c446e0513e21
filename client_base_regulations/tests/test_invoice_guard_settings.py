# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import TransactionCase, tagged

PARAM = "client_base_regulations.invoice_required_fields"


@tagged("post_install", "-at_install")
class TestInvoiceGuardSettings(TransactionCase):
    """The invoicing guard's fields are chosen by their labels."""

    def _field(self, name):
        return self.env["ir.model.fields"]._get("res.partner", name)

    def test_fields_by_label(self):
        icp = self.env["ir.config_parameter"].sudo()
        icp.set_param(PARAM, "street,vat,bogus")
        settings = self.env["res.config.settings"].create({})
        chosen = settings.client_regulations_invoice_field_ids
        self.assertEqual(chosen.mapped("name"), ["street", "vat"])
        # what the settings page shows: the labels, not the technical names
        labels = chosen.with_context(hide_model=True).mapped("display_name")
        self.assertEqual(labels, [self._field("street").field_description, "Tax ID"])
        settings.client_regulations_invoice_field_ids = [
            Command.set((self._field("email") | self._field("city")).ids)
        ]
        settings.execute()
        self.assertEqual(sorted(icp.get_param(PARAM).split(",")), ["city", "email"])

    def test_only_client_fields_a_person_fills(self):
        settings = self.env["res.config.settings"].create({})
        other = self.env["ir.model.fields"]._get("account.move", "name")
        lines = self._field("child_ids")
        settings.client_regulations_invoice_field_ids = [
            Command.set((other | lines | self._field("vat")).ids)
        ]
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param(PARAM), "vat")

    def test_the_view_shows_labels(self):
        view = self.env.ref("client_base_regulations.res_config_settings_view_form")
        self.assertIn("client_regulations_invoice_field_ids", view.arch_db)
        self.assertIn("hide_model", view.arch_db)
