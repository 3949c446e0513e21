# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import RegulationsCommon


@tagged("post_install", "-at_install")
class TestCampaignAgency(RegulationsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency_user2 = new_test_user(
            cls.env,
            login="cb_agency2",
            groups="client_base_regulations.client_base_regulations_group_agency_operator",
        )
        cls.targets = cls.Partner.browse()
        for i in range(5):
            cls.targets |= cls._client(f"Target{i}", phone=f"+3225550{i:03d}")
        cls.contact = cls.Partner.create(
            {"name": "Target contact", "parent_id": cls.targets[0].id}
        )
        cls.other = cls._client("Outsider")
        wizard = (
            cls.env["client.verification.campaign.wizard"]
            .with_user(cls.cb_manager)
            .create(
                {
                    "name": "Spring",
                    "channel": "agency",
                    "domain": repr([("id", "in", cls.targets.ids)]),
                    "operator_ids": [(6, 0, (cls.agency_user | cls.agency_user2).ids)],
                }
            )
        )
        action = wizard.action_create()
        cls.campaign = cls.env["client.verification.campaign"].browse(action["res_id"])

    def test_operator_lands_on_their_calls(self):
        """An agency operator's Home Action is their calls, from creation."""
        calls = self.env.ref(
            "client_base_regulations.client_verification_campaign_line_action"
        )
        self.assertEqual(self.agency_user.action_id.id, calls.id)
        self.assertEqual(self.agency_user2.action_id.id, calls.id)

    def test_wizard_splits_among_operators(self):
        lines = self.campaign.line_ids
        self.assertEqual(lines.partner_id, self.targets)
        self.assertEqual(
            len(lines.filtered(lambda l: l.operator_id == self.agency_user)), 3
        )
        self.assertEqual(
            len(lines.filtered(lambda l: l.operator_id == self.agency_user2)), 2
        )
        self.assertEqual(self.campaign.progress, 0)

    def test_wizard_rejects_code_in_filter(self):
        wizard = self.env["client.verification.campaign.wizard"].create(
            {
                "name": "Evil",
                "domain": "__import__('os').system('id')",
                "operator_ids": [(6, 0, self.agency_user.ids)],
            }
        )
        with self.assertRaises(UserError):
            wizard.action_create()
        with self.assertRaises(UserError):
            wizard.with_user(self.cb_user).action_create()

    def test_outcomes_and_progress(self):
        lines = self.campaign.line_ids.with_user(self.agency_user).search(
            [("campaign_id", "=", self.campaign.id)]
        )
        self.assertEqual(lines.operator_id, self.agency_user)
        lines[0].action_verified()
        lines[1].action_unreachable()
        self.assertEqual(lines[0].partner_id.client_verification_method, "agency")
        self.assertEqual(lines[0].partner_id.client_verified_on, self.today)
        self.assertFalse(lines[1].partner_id.client_verified_on)
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.done_count, 2)
        self.assertAlmostEqual(self.campaign.progress, 40.0)

    def test_agency_operator_sees_only_assigned_contact_data(self):
        Partner = self.env["res.partner"].with_user(self.agency_user)
        mine = self.campaign.line_ids.filtered(
            lambda l: l.operator_id == self.agency_user
        ).partner_id
        visible = Partner.search([("id", "in", (self.targets | self.other).ids)])
        self.assertEqual(visible, mine)
        # reads and updates the contact data of an assigned client
        client = mine[0].with_user(self.agency_user)
        client.write({"phone": "+32 2 555 99 99", "street": "New street 1"})
        self.assertEqual(client.street, "New street 1")
        # and of its contact persons
        if self.contact.commercial_partner_id in mine:
            self.contact.with_user(self.agency_user).write({"function": "Buyer"})
        # nothing else on the client
        with self.assertRaises(AccessError):
            client.write({"client_archive_protected": True})
        with self.assertRaises(AccessError):
            client.write({"user_id": self.agency_user.id})
        with self.assertRaises(AccessError):
            client.write({"active": False})
        # no other client
        with self.assertRaises(AccessError):
            self.other.with_user(self.agency_user).read(["name"])
        with self.assertRaises(AccessError):
            self.other.with_user(self.agency_user).write({"phone": "1"})
        theirs = self.campaign.line_ids.filtered(
            lambda l: l.operator_id == self.agency_user2
        )
        with self.assertRaises(AccessError):
            theirs[0].partner_id.with_user(self.agency_user).read(["name"])
        with self.assertRaises(AccessError):
            theirs[0].with_user(self.agency_user).read(["outcome"])
        # no invoices, verification rounds, rules, regulations' config
        for model in (
            "account.move",
            "client.verification.request",
            "client.archive.rule",
            "client.verification.rule",
            "client.self.verification",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.agency_user).search([], limit=1)
        # no revenue figures (account's group-restricted fields)
        fields_seen = Partner.fields_get()
        for fname in ("total_invoiced", "credit", "debit"):
            if fname in self.env["res.partner"]._fields:
                self.assertNotIn(fname, fields_seen, fname)
        for fname in self.env["res.partner"]._fields:
            if fname.startswith(("client_abc", "client_xyz", "client_lifecycle")):
                self.assertNotIn(fname, fields_seen, fname)

    def test_access_ends_with_campaign(self):
        mine = self.campaign.line_ids.filtered(
            lambda l: l.operator_id == self.agency_user
        ).partner_id
        self.campaign.action_done()
        self.env.flush_all()
        visible = (
            self.env["res.partner"]
            .with_user(self.agency_user)
            .search([("id", "in", mine.ids)])
        )
        self.assertFalse(visible)
