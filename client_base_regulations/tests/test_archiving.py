# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

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


@tagged("post_install", "-at_install")
class TestArchivingBatch(RegulationsCommon):
    """Archiving a batch costs a bounded number of queries; a refused batch
    falls back to one client at a time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.archive_rule.write({"inactivity_months": 12, "auto_archive": True})

    def _clients(self, prefix, count):
        clients = self.Partner.browse()
        for index in range(count):
            clients |= self._client(f"{prefix}{index}", age_days=800)
        self.Partner.create(
            [{"name": f"{c.name} contact", "parent_id": c.id} for c in clients[:2]]
        )
        clients.client_state = "client"
        self.env.flush_all()
        self.env.invalidate_all()
        return clients

    def _archive_queries(self, clients):
        before = self.env.cr.sql_log_count
        archived, skipped = clients._client_archive_checked("Batch test")
        self.env.flush_all()
        self.assertEqual(archived, clients)
        self.assertFalse(skipped)
        return self.env.cr.sql_log_count - before

    def test_query_count_does_not_grow_per_client(self):
        small = self._clients("Few", 5)
        large = self._clients("Many", 20)
        small_queries = self._archive_queries(small)
        large_queries = self._archive_queries(large)
        # 15 more clients: at most a few more queries (not ~24 per client)
        self.assertLessEqual(large_queries - small_queries, 5)
        self.assertLessEqual(large_queries, 80)
        note = self.env.ref("mail.mt_note")
        for client in small | large:
            self.assertFalse(client.active)
            self.assertEqual(client.client_state, "archived")
            self.assertEqual(client.client_state_before_archive, "client")
            self.assertEqual(client.client_archive_reason, "Batch test")
            self.assertTrue(client.client_archive_blacklisted)
            self.assertTrue(client.is_blacklisted)
            messages = client.message_ids.filtered(
                lambda m, note=note: (
                    m.subtype_id == note and "Reason: Batch test" in m.body
                )
            )
            self.assertEqual(len(messages), 1, client.name)
            # the state change is tracked in the archive note
            self.assertEqual(
                messages.tracking_value_ids.field_id.name, "client_state", client.name
            )
        contacts = self.Partner.with_context(active_test=False).search(
            [("parent_id", "in", (small | large).ids)]
        )
        self.assertEqual(len(contacts), 4)
        self.assertFalse(any(contacts.mapped("active")))
        # restoring one client of the batch undoes only its own archiving
        small[0].action_unarchive()
        self.assertTrue(small[0].active)
        self.assertEqual(small[0].client_state, "client")
        self.assertTrue(small[0].child_ids)
        small[0].invalidate_recordset(["is_blacklisted"])
        self.assertFalse(small[0].is_blacklisted)
        self.assertFalse(small[1].active)
        self.assertTrue(small[1].is_blacklisted)

    def test_shared_email_blacklisted_once(self):
        clients = self._clients("Twin", 3)
        clients[:2].write({"email": "twins@example.com"})
        outsider = self._client("Outsider", age_days=30)
        clients[2].email = "shared@example.com"
        outsider.email = "shared@example.com"
        archived, _skipped = clients._client_archive_checked("Twins")
        self.assertEqual(archived, clients)
        self.assertEqual(
            clients.mapped("client_archive_blacklisted"), [False, True, False]
        )
        Blacklist = self.env["mail.blacklist"]
        self.assertTrue(Blacklist.search([("email", "=", "twins@example.com")]))
        self.assertFalse(Blacklist.search([("email", "=", "shared@example.com")]))

    def test_refused_batch_falls_back_one_by_one(self):
        clients = self._clients("Fallback", 4)
        bad = clients[1]
        original = type(self.Partner)._client_archive_many

        def refuse(partners, reasons):
            if bad in partners:
                raise ValueError("refused")
            return original(partners, reasons)

        with (
            patch.object(type(self.Partner), "_client_archive_many", refuse),
            self._record_progress() as calls,
        ):
            self._run_cron(CRON)
        self.assertEqual(calls, [(4, 0)])
        self.assertTrue(bad.active)
        self.assertEqual(bad.client_archive_error, "refused")
        self.assertFalse(
            bad.message_ids.filtered(lambda m: "Reason:" in (m.body or ""))
        )
        for client in clients - bad:
            self.assertFalse(client.active, client.name)
            self.assertIn("Reason:", client.message_ids[0].body)
        # no loop on the refused one
        with self._record_progress() as calls:
            self._run_cron(CRON)
        self.assertEqual(calls, [(0, 0)])

    def test_wizard_archives_selected_lines_in_one_batch(self):
        clients = self._clients("Wizard", 3)
        wizard = (
            self.env["client.archive.wizard"]
            .with_user(self.cb_manager)
            .create({"rule_id": self.archive_rule.id})
        )
        wizard.action_compute()
        self.assertEqual(wizard.line_ids.partner_id, clients)
        wizard.line_ids.filtered(lambda line: line.partner_id == clients[2]).write(
            {"selected": False}
        )
        wizard.action_archive()
        self.assertEqual(clients.mapped("active"), [False, False, True])
        self.assertIn("2 client(s) archived, 0 skipped", wizard.result)
