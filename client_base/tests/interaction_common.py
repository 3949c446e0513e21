# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from .common import ClientBaseCommon


class InteractionCommon(ClientBaseCommon):
    """A client company with a contact person, and the shipped groups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Interaction = cls.env["client.interaction"]
        cls.group_interest = cls.env.ref(
            "client_base.client_interaction_group_interest"
        )
        cls.group_presentation = cls.env.ref(
            "client_base.client_interaction_group_presentation"
        )
        cls.group_complaint = cls.env.ref(
            "client_base.client_interaction_group_complaint"
        )
        cls.acme = cls.env["res.partner"].create(
            {"name": "Acme Ltd", "is_company": True, "email": "info@acme.test"}
        )
        cls.anna = cls.env["res.partner"].create(
            {"name": "Anna Acme", "parent_id": cls.acme.id, "email": "anna@acme.test"}
        )
        cls.call_type = cls.env.ref("mail.mail_activity_data_call")
        cls.partner_model_id = cls.env["ir.model"]._get_id("res.partner")

    def _activity(self, record, activity_type=None, **vals):
        return self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "summary": "Call about the offer",
                "user_id": self.env.user.id,
                **vals,
            }
        )

    def _of(self, record):
        """Interactions captured from a mail.message."""
        return self.Interaction.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _set_capture(self, origin, enabled):
        self.env["ir.config_parameter"].sudo().set_param(
            f"client_base.interaction_capture_{origin}", "True" if enabled else False
        )
