# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientVerifyWizard(models.TransientModel):
    """Record that the contact information of clients was verified."""

    _name = "client.verify.wizard"
    _inherit = "client.press.once.mixin"
    _description = "Mark clients as verified"

    partner_ids = fields.Many2many("res.partner", string="Clients", required=True)
    method = fields.Selection(
        selection="_selection_method",
        string="Verified how",
        required=True,
        default="call",
    )
    note = fields.Text(help="Posted in the chatter of each client.")

    def _selection_method(self):
        return (
            self.env["res.partner"]
            ._fields["client_verification_method"]
            ._description_selection(self.env)
        )

    def action_confirm(self):
        self.ensure_one()
        self.partner_ids.check_access("write")
        # pressed twice: one verification, one note
        if self._client_press_once():
            self.partner_ids._client_mark_verified(self.method, note=self.note or None)
        return {"type": "ir.actions.act_window_close"}
