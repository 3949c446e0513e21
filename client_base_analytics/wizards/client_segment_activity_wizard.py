# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientSegmentActivityWizard(models.TransientModel):
    """Schedule one activity on every client of a segment."""

    _name = "client.segment.activity.wizard"
    _inherit = "client.press.once.mixin"
    _description = "Schedule an activity on a segment"

    segment_id = fields.Many2one("client.segment", required=True)
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        required=True,
        domain="[('res_model', 'in', (False, 'res.partner'))]",
    )
    summary = fields.Char()
    note = fields.Html()
    date_deadline = fields.Date(
        string="Due date", required=True, default=fields.Date.context_today
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        help="Empty: each client's salesperson, or you when the client has none.",
    )
    client_count = fields.Integer(related="segment_id.client_count")

    def action_schedule(self):
        self.ensure_one()
        partners = self.segment_id._get_partners()
        if not self._client_press_once():
            # pressed twice: the activities are scheduled once
            return {"type": "ir.actions.act_window_close"}
        model_id = self.env["ir.model"]._get_id("res.partner")
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": self.activity_type_id.id,
                    "summary": self.summary,
                    "note": self.note,
                    "date_deadline": self.date_deadline,
                    "user_id": (self.user_id or partner.user_id or self.env.user).id,
                }
                for partner in partners
            ]
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s activities scheduled.", count=len(partners)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
