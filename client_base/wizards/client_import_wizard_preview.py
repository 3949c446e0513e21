# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientImportWizardPreview(models.TransientModel):
    _name = "client.import.wizard.preview"
    _description = "Import clients: preview line"
    _order = "row, id"

    wizard_id = fields.Many2one(
        "client.import.wizard", required=True, ondelete="cascade"
    )
    row = fields.Integer(readonly=True)
    name = fields.Char(readonly=True)
    action = fields.Selection(
        [
            ("create", "Create"),
            ("update", "Update"),
            ("conflict", "Conflict"),
            ("error", "Error"),
        ],
        readonly=True,
    )
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    message = fields.Char(readonly=True)
    values_json = fields.Text(readonly=True)
