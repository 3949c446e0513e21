# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Verification of a client's contact data under the regulation: the
verification rounds and campaign calls, the questionnaire sent to the
client, Mark as verified closing the open rounds, the clients due.

The rounds and their schedule are in ``client_verification_request.py``
(periods in ``tools/regulation_logic.py``), the questionnaires in
``client_self_verification.py``.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_verification_request_ids = fields.One2many(
        "client.verification.request", "partner_id", string="Verification rounds"
    )
    client_campaign_line_ids = fields.One2many(
        "client.verification.campaign.line", "partner_id", string="Campaign calls"
    )

    def action_client_send_questionnaire(self):
        """Send the self-service verification e-mail to the client."""
        if not self.env.user.has_group("client_base.client_base_group_user"):
            raise AccessError(self.env._("Only Client Base users may do this."))
        requests = self.env["client.self.verification"]._client_send_for(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s verification e-mail(s) queued.", count=len(requests)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------- verification

    def _client_mark_verified(self, method, note=None):
        """Extend the contract of client_base: close open verification rounds."""
        res = super()._client_mark_verified(method, note=note)
        self.client_verification_request_ids.filtered(
            lambda r: r.state == "open"
        )._client_close_verified()
        if self.filtered("client_archive_proposed"):
            self.filtered("client_archive_proposed").write(
                {"client_archive_proposed": False, "client_archive_reason": False}
            )
        return res

    @api.model
    def _client_stale_domain(self, today):
        """Clients whose verification is due (contract: next verification in
        the past); never verified clients are due too."""
        return [
            "|",
            ("client_next_verification", "<", today),
            ("client_next_verification", "=", False),
        ]
