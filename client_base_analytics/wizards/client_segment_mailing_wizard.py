# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ClientSegmentMailingWizard(models.TransientModel):
    """Add a segment's clients to a mailing list (when Email Marketing exists)."""

    _name = "client.segment.mailing.wizard"
    _inherit = "client.press.once.mixin"
    _description = "Add a segment to a mailing list"

    segment_id = fields.Many2one("client.segment", required=True)
    mailing_list_ref = fields.Reference(
        selection="_selection_mailing_list_ref", string="Mailing list"
    )

    @api.model
    def _selection_mailing_list_ref(self):
        if "mailing.list" in self.env:
            return [("mailing.list", self.env._("Mailing list"))]
        return []

    def action_add(self):
        self.ensure_one()
        if not self.mailing_list_ref:
            raise UserError(self.env._("Choose a mailing list."))
        if not self._client_press_once():
            # pressed twice: the contacts are added once
            return {"type": "ir.actions.act_window_close"}
        count = self.segment_id._add_to_mailing_list(self.mailing_list_ref)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s contacts added.", count=count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
