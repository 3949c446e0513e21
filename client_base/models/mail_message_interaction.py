# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

from ..tools.interaction_rules import email_channel


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        candidates = messages.filtered(
            lambda m: (
                m.model in self._client_interaction_email_models()
                and m.message_type in ("email", "comment")
            )
        )
        if candidates:
            candidates._client_interaction_capture_emails()
        return messages

    @api.model
    def _client_interaction_email_models(self):
        """Models whose chatter e-mails are client interactions (hook)."""
        return ("res.partner",)

    def _client_interaction_is_email(self):
        """An incoming e-mail, or a message sent to recipients (not a note)."""
        self.ensure_one()
        if self.message_type == "email":
            return True
        comment = self.env.ref("mail.mt_comment", raise_if_not_found=False)
        return bool(
            self.message_type == "comment"
            and self.subtype_id
            and self.subtype_id == comment
            and self.partner_ids
        )

    def _client_interaction_capture_emails(self):
        Interaction = self.env["client.interaction"]
        if not Interaction._client_interaction_enabled("email"):
            return Interaction.browse()
        group = Interaction._client_interaction_default_group("email")
        vals_list = []
        for message in self.sudo():
            if not message._client_interaction_is_email():
                continue
            document = self.env[message.model].sudo().browse(message.res_id).exists()
            partner = Interaction._client_interaction_document_partner(document)
            if not partner:
                continue
            client = partner.commercial_partner_id
            author_is_client = bool(
                message.author_id and message.author_id.commercial_partner_id == client
            )
            author_user = message.author_id.user_ids[:1]
            vals_list.append(
                {
                    "date": message.date,
                    "partner_id": partner.id,
                    "channel": email_channel(message.message_type, author_is_client),
                    "group_id": group.id or False,
                    "user_id": author_user.id or False,
                    "summary": message.subject
                    or Interaction._client_interaction_summary_text(message.body)
                    or self.env._("E-mail"),
                    "company_id": (partner.company_id or self.env.company).id,
                    "origin": "email",
                    "res_model": "mail.message",
                    "res_id": message.id,
                }
            )
        return Interaction._client_interaction_capture(vals_list, "email")
