# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .client_import_wizard import IMPORT_FIELD_SELECTION


class ClientImportWizardColumn(models.TransientModel):
    _name = "client.import.wizard.column"
    _description = "Import clients: column mapping"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "client.import.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    column = fields.Char(required=True, readonly=True)
    sample = fields.Char(readonly=True)
    field_name = fields.Selection(IMPORT_FIELD_SELECTION, string="Client field")
