# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionSecurity(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.interaction = cls.env["client.interaction"].create(
            {"partner_id": cls.acme.id, "summary": "Visit"}
        )

    def test_users_log_and_read(self):
        Interaction = self.Interaction.with_user(self.cb_user)
        mine = Interaction.create({"partner_id": self.acme.id, "summary": "Call"})
        mine.write({"outcome": "Done"})
        self.assertTrue(Interaction.browse(self.interaction.id).summary)
        with self.assertRaises(AccessError):
            mine.unlink()
        self.interaction.with_user(self.cb_manager).unlink()

    def test_plain_user_has_no_access(self):
        with self.assertRaises(AccessError):
            self.interaction.with_user(self.plain_user).read(["summary"])
        with self.assertRaises(AccessError):
            self.Interaction.with_user(self.plain_user).create(
                {"partner_id": self.acme.id, "summary": "x"}
            )

    def test_groups_configured_by_managers(self):
        Group = self.env["client.interaction.group"]
        self.assertEqual(
            Group.with_user(self.cb_user).search_count(
                [
                    (
                        "code",
                        "in",
                        ("interest", "presentation", "service_visit", "complaint"),
                    )
                ]
            ),
            4,
        )
        with self.assertRaises(AccessError):
            Group.with_user(self.cb_user).create({"name": "Tender", "code": "tender"})
        group = Group.with_user(self.cb_manager).create(
            {"name": "Tender", "code": "tender"}
        )
        group.write({"active": False})

    def test_multi_company(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        group_b = self.env["client.interaction.group"].create(
            {"name": "B group", "code": "b", "company_id": company_b.id}
        )
        in_b = self.Interaction.create(
            {"partner_id": self.acme.id, "summary": "in B", "company_id": company_b.id}
        )
        Interaction = self.Interaction.with_user(self.cb_user)
        self.assertFalse(Interaction.search([("id", "=", in_b.id)]))
        self.assertFalse(
            self.env["client.interaction.group"]
            .with_user(self.cb_user)
            .search([("id", "=", group_b.id)])
        )
        self.cb_user.company_ids |= company_b
        self.assertTrue(
            Interaction.with_context(allowed_company_ids=[company_b.id]).search(
                [("id", "=", in_b.id)]
            )
        )

    def test_done_activity_by_user_without_client_base_rights(self):
        activity = self._activity(self.acme, self.call_type, user_id=self.plain_user.id)
        message_id = activity.with_user(self.plain_user).action_feedback()
        interaction = self._of(self.env["mail.message"].browse(message_id))
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.user_id, self.plain_user)
