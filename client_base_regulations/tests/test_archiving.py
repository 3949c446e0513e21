# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import RegulationsCommon

CRON = "client_base_regulations.ir_cron_client_archive_inactive"


@tagged("post_install", "-at_install")
class TestArchiving(RegulationsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.archive_rule.inactivity_months = 12
        cls.inactive = cls._client("Sleepy", age_days=800)
        cls.contact = cls.Partner.create(
            {"name": "Sleepy contact", "parent_id": cls.inactive.id}
        )
        cls.inactive2 = cls._client("Dormant", age_days=800)
        cls.young = cls._client("Young", age_days=30)
        cls.protected = cls._client(
            "Guarded", age_days=800, client_archive_protected=True
        )
        cls.vip = cls._client("Vippy", age_days=800)
        cls.vip.client_state = "vip"
        cls.with_user = cls._client("Usery", age_days=800)
        new_test_user(cls.env, login="usery", partner_id=cls.with_user.id)
        cls.with_invoice = cls._client("Debtor", age_days=800)
        cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.with_invoice.id,
                "invoice_line_ids": [
                    (0, 0, {"name": "Service", "quantity": 1, "price_unit": 10})
                ],
            }
        )
        cls.company_partner = cls.env.company.partner_id

    def _candidates(self):
        return set(self.archive_rule._get_candidates())

    def test_candidates_skip_protected(self):
        candidates = self._candidates()
        self.assertIn(self.inactive, candidates)
        self.assertIn(self.inactive2, candidates)
        for partner in (
            self.young,
            self.protected,
            self.vip,
            self.with_user,
            self.with_invoice,
            self.company_partner,
        ):
            self.assertNotIn(partner, candidates, partner.name)
        blockers = (
            self.protected | self.vip | self.with_user | self.with_invoice
        )._client_archive_blockers()
        self.assertEqual(len(blockers), 4)

    def test_dry_run_equals_real_run_and_never_deletes(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        count_before = Partner.search_count([])
        wizard = (
            self.env["client.archive.wizard"]
            .with_user(self.cb_manager)
            .create({"rule_id": self.archive_rule.id})
        )
        wizard.action_compute()
        dry = wizard.line_ids.partner_id
        self.assertEqual(set(dry), self._candidates())
        self.assertTrue(self.inactive.active, "dry run changes nothing")
        wizard.action_archive()
        archived = Partner.search([("id", "in", dry.ids), ("active", "=", False)])
        self.assertEqual(archived, dry)
        self.assertEqual(Partner.search_count([]), count_before, "nothing deleted")
        self.assertEqual(self.inactive.client_state, "archived")
        self.assertEqual(self.inactive.client_archived_on, self.today)
        self.assertTrue(self.inactive.client_archive_reason)
        self.assertFalse(self.contact.active, "contact persons follow")
        self.assertIn(
            "archived", self.inactive.message_ids[0].body.lower(), "logged in chatter"
        )

    def test_archived_get_no_mailings_and_restore(self):
        state_before = self.inactive.client_state
        self.inactive._client_archive_checked("test")
        blacklist = self.env["mail.blacklist"].search(
            [("email", "=", "sleepy@example.com")]
        )
        self.assertTrue(blacklist)
        self.assertTrue(self.inactive.is_blacklisted)
        self.inactive.action_unarchive()
        self.assertTrue(self.inactive.active)
        self.assertTrue(self.contact.active)
        self.assertEqual(self.inactive.client_state, state_before)
        self.assertFalse(self.inactive.client_archived_on)
        self.assertFalse(blacklist.active)
        self.inactive.invalidate_recordset(["is_blacklisted"])
        self.assertFalse(self.inactive.is_blacklisted)
        self.assertIn("restored", self.inactive.message_ids[0].body)

    def test_manual_archive_refuses_protected(self):
        with self.assertRaises(UserError):
            self.vip.with_user(self.cb_manager).action_archive()
        self.assertTrue(self.vip.active)
        self.inactive2.action_archive()
        self.assertFalse(self.inactive2.active)
        self.assertEqual(self.inactive2.client_state, "archived")

    def test_cron_proposes_only_without_auto_archive(self):
        self._run_cron(CRON)
        self.assertTrue(self.inactive.active)
        self.assertTrue(self.inactive.client_archive_proposed)
        self.assertFalse(self.vip.client_archive_proposed)
        # second run: nothing to do
        with self._record_progress() as calls:
            self._run_cron(CRON)
        self.assertEqual(calls, [(0, 0)])

    def test_cron_auto_archive_batches_and_bad_record(self):
        self.archive_rule.auto_archive = True
        self.env["ir.config_parameter"].sudo().set_param(
            "client_base_regulations.cron_batch_size", "1"
        )
        # one record refuses to be archived (F5): the others still are
        original = type(self.Partner)._client_archive_one

        def refuse(partner, reason):
            if partner == self.inactive:
                raise ValueError("refused")
            return original(partner, reason)

        from unittest.mock import patch

        with patch.object(type(self.Partner), "_client_archive_one", refuse):
            self._run_cron(CRON)
        self.assertTrue(self.inactive.active)
        self.assertEqual(self.inactive.client_archive_error, "refused")
        self.assertFalse(self.inactive2.active)
        for partner in (self.vip, self.protected, self.with_user, self.with_invoice):
            self.assertTrue(partner.active)
        # no loop on the refused one
        with self._record_progress() as calls:
            self._run_cron(CRON)
        self.assertEqual(calls, [(0, 0)])

    def test_rights(self):
        with self.assertRaises(AccessError):
            self.archive_rule.with_user(self.cb_user).action_dry_run()
        with self.assertRaises(AccessError):
            self.archive_rule.with_user(self.cb_user).write({"auto_archive": True})
        with self.assertRaises(AccessError):
            self.env["client.archive.rule"].with_user(self.plain_user).search([])
