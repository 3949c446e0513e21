# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionPartner(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.quiet = cls.env["res.partner"].create(
            {"name": "Quiet Ltd", "is_company": True}
        )
        cls.never = cls.env["res.partner"].create(
            {"name": "Never Ltd", "is_company": True}
        )
        cls.env["client.interaction"].create(
            [
                {
                    "partner_id": cls.acme.id,
                    "contact_id": cls.anna.id,
                    "summary": "recent",
                    "date": now - timedelta(days=3),
                    "group_id": cls.group_interest.id,
                },
                {
                    "partner_id": cls.acme.id,
                    "summary": "old",
                    "date": now - timedelta(days=500),
                    "group_id": cls.group_complaint.id,
                },
                {
                    "partner_id": cls.quiet.id,
                    "summary": "long ago",
                    "date": now - timedelta(days=120),
                    "group_id": cls.group_complaint.id,
                },
            ]
        )

    def test_stored_figures(self):
        self.assertEqual(self.acme.client_interaction_count, 2)
        self.assertEqual(self.acme.client_interaction_count_12m, 1)
        self.assertEqual(
            self.acme.client_last_interaction_date,
            fields.Date.today() - timedelta(days=3),
        )
        self.assertEqual(
            self.acme.client_interaction_stat_ids.mapped("group_id"),
            self.group_interest,
        )
        self.assertFalse(self.never.client_interaction_count)

    def test_no_contact_for_90_days_filter(self):
        limit = fields.Date.today() - timedelta(days=90)
        found = self.env["res.partner"].search(
            [
                ("id", "in", (self.acme | self.quiet | self.never).ids),
                "|",
                ("client_last_interaction_date", "=", False),
                ("client_last_interaction_date", "<", limit),
            ]
        )
        self.assertEqual(found, self.quiet | self.never)

    def test_filter_by_group_over_12_months(self):
        found = self.env["res.partner"].search(
            [("client_interaction_stat_ids.group_id", "=", self.group_complaint.id)]
        )
        self.assertIn(self.quiet, found)
        self.assertNotIn(self.acme, found)  # its complaint is 500 days old

    def test_figures_follow_changes(self):
        interaction = self.Interaction.search([("summary", "=", "recent")])
        interaction.partner_id = self.quiet
        self.assertEqual(self.acme.client_interaction_count, 1)
        self.assertEqual(self.quiet.client_interaction_count, 2)
        interaction.unlink()
        self.assertEqual(self.quiet.client_interaction_count, 1)

    def test_timeline_includes_contact_persons(self):
        action = self.anna.action_view_client_interactions()
        timeline = self.Interaction.search(action["domain"])
        self.assertEqual(len(timeline), 2)
        self.assertIn(self.anna, timeline.contact_id)
        self.assertTrue(action["context"]["search_default_group_by_month"])
        groups = self.Interaction._read_group(
            action["domain"], ["date:month"], ["__count"]
        )
        self.assertEqual(len(groups), 2)

    def test_user_without_access_to_client(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        secret = self.env["res.partner"].create(
            {"name": "B client", "is_company": True, "company_id": company_b.id}
        )
        interaction = self.Interaction.create(
            {"partner_id": secret.id, "summary": "B only", "company_id": company_b.id}
        )
        Interaction = self.Interaction.with_user(self.cb_user)
        self.assertFalse(Interaction.search([("id", "=", interaction.id)]))
        with self.assertRaises(AccessError):
            Interaction.browse(interaction.id).read(["summary"])
        with self.assertRaises(AccessError):
            Interaction.create({"partner_id": secret.id, "summary": "sneaky"})
