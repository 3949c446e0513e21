# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

import psycopg2

from odoo.tests import tagged

from .common import run_cron_job
from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionBackfill(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # History made while the capture was off: 5 done activities (one of
        # a type deleted since), 3 e-mails, 1 note, 1 activity on a document
        # without client.
        for origin in ("activity", "email"):
            cls.env["ir.config_parameter"].sudo().set_param(
                f"client_base.interaction_capture_{origin}", False
            )
        cls.custom_type = cls.env["mail.activity.type"].create(
            {"name": "Site visit", "client_interaction_channel": "meeting"}
        )
        cls.done_messages = cls.env["mail.message"]
        for index in range(4):
            cls.done_messages |= cls._make_done(
                cls, cls.anna if index % 2 else cls.acme, cls.call_type
            )
        cls.deleted_type_message = cls._make_done(cls, cls.acme, cls.custom_type)
        cls.custom_type.unlink()
        blacklist = cls.env["mail.blacklist"].create({"email": "nobody@x.test"})
        cls.orphan_message = cls._make_done(cls, blacklist, cls.call_type)
        cls.mails = cls.env["mail.message"]
        for index in range(3):
            cls.mails |= cls.acme.message_post(
                body=f"Mail {index}",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=cls.anna.ids,
            )
        cls.note = cls.acme.message_post(
            body="note", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        for origin in ("activity", "email"):
            cls.env["ir.config_parameter"].sudo().set_param(
                f"client_base.interaction_capture_{origin}", "True"
            )
        cls.env["client.interaction"].action_backfill_now()

    def _make_done(self, record, activity_type):
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "user_id": self.env.user.id,
            }
        )
        return self.env["mail.message"].browse(activity.action_feedback())

    def _run_until_done(self, batch_size):
        calls = []

        def record(cron, *, done, remaining, deactivate=False):
            calls.append((done, remaining))

        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", record, create=True
        ):
            for _attempt in range(50):
                self.Interaction._cron_backfill(batch_size=batch_size)
                if calls[-1][1] == 0:
                    break
        return calls

    def test_backfill_builds_history_once(self):
        self.assertFalse(self.Interaction.search([("partner_id", "=", self.acme.id)]))
        calls = self._run_until_done(batch_size=2)
        self.assertGreater(len(calls), 3, "ran in several batches")
        self.assertEqual(calls[-1][1], 0)
        # progress covers every source from the first call: what is left
        # goes down by what each call read
        for index in range(1, len(calls)):
            left, (next_done, next_left) = calls[index - 1][1], calls[index]
            self.assertEqual(left - next_done, next_left, calls)
        self.assertEqual(calls[0][0] + calls[0][1], sum(done for done, _ in calls))
        history = self.Interaction.search([("partner_id", "=", self.acme.id)])
        self.assertEqual(len(history), 5 + 3)
        self.assertEqual(self.acme.client_interaction_count, 8)
        self.assertEqual(
            set(history.filtered(lambda i: i.origin == "email").mapped("channel")),
            {"email_out"},
        )
        # contact persons rolled up
        self.assertEqual(len(history.filtered(lambda i: i.contact_id == self.anna)), 2)
        # deleted activity type: channel 'other', still recorded
        deleted = self._of(self.deleted_type_message)
        self.assertEqual(deleted.channel, "other")
        self.assertEqual(deleted.origin, "activity")
        call = self._of(self.done_messages[0])
        self.assertEqual(call.channel, "call_out")
        self.assertEqual(call.group_id, self.group_interest)
        self.assertEqual(call.user_id, self.env.user)
        # bad input skipped: a document without client, a note
        self.assertFalse(self._of(self.orphan_message))
        self.assertFalse(self._of(self.note))
        # Second run from the start: nothing new.
        self.Interaction.action_backfill_now()
        self._run_until_done(batch_size=3)
        self.assertEqual(
            self.Interaction.search_count([("partner_id", "=", self.acme.id)]), 8
        )

    def test_backfill_resumes_after_a_failed_batch(self):
        original = type(self.Interaction)._client_interaction_backfill_batch
        state = {"calls": 0}

        def flaky(model, source, limit=5000):
            state["calls"] += 1
            if state["calls"] == 2:
                raise RuntimeError("worker killed")
            return original(model, source, limit)

        with patch.object(
            type(self.Interaction), "_client_interaction_backfill_batch", flaky
        ):
            self.Interaction._cron_backfill(batch_size=2)
            with self.assertRaises(RuntimeError), self.env.cr.savepoint():
                self.Interaction._cron_backfill(batch_size=2)
        self.assertEqual(
            self.Interaction.search_count([("partner_id", "=", self.acme.id)]), 2
        )
        self._run_until_done(batch_size=2)
        self.assertEqual(
            self.Interaction.search_count([("partner_id", "=", self.acme.id)]), 8
        )

    def test_backfill_through_the_real_cron_runner(self):
        cron = self.env.ref("client_base.ir_cron_client_interaction_backfill")
        cron.write({"code": "model._cron_backfill(batch_size=2)"})
        run_cron_job(self, cron)
        # 10 calls of 2 documents at most per run: at least 8 recorded
        self.assertEqual(
            self.Interaction.search_count([("partner_id", "=", self.acme.id)]), 8
        )
        self.assertEqual(cron.failure_count, 0)

    def test_backfill_yields_to_concurrent_users(self):
        """Defect 2 (issue 19): users post invoices and edit clients while
        the backfill runs: its batch meets a SerializationFailure. The batch
        is left for the next call: no ERROR, no cron failure, the job is
        triggered again and the history is complete."""
        cron = self.env.ref("client_base.ir_cron_client_interaction_backfill")
        Model = type(self.Interaction)
        original = Model._client_interaction_backfill_batch
        state = {"calls": 0}

        def busy(model, source, limit=5000):
            state["calls"] += 1
            if state["calls"] <= 2:  # both sources of the first call
                raise psycopg2.errors.SerializationFailure("concurrent update")
            return original(model, source, limit)

        self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]).unlink()
        with (
            patch.object(Model, "_client_interaction_backfill_batch", busy),
            self.assertNoLogs(level="ERROR"),
        ):
            run_cron_job(self, cron)
        self.assertEqual(cron.failure_count, 0)
        self.assertTrue(cron.active)
        self.assertFalse(self.Interaction.search([("partner_id", "=", self.acme.id)]))
        # nothing done, work left: the job is called again shortly
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
        with patch.object(Model, "_client_interaction_backfill_batch", busy):
            run_cron_job(self, cron)
        self.assertEqual(
            self.Interaction.search_count([("partner_id", "=", self.acme.id)]), 8
        )

    def test_backfill_now_needs_a_manager(self):
        from odoo.exceptions import AccessError

        with self.assertRaises(AccessError):
            self.Interaction.with_user(self.cb_user).action_backfill_now()
        self.assertTrue(
            self.Interaction.with_user(self.cb_manager).action_backfill_now()
        )

    def test_settings_button(self):
        settings = self.env["res.config.settings"].create({})
        action = settings.action_client_interaction_backfill()
        self.assertEqual(action["tag"], "display_notification")

    def test_stats_cron(self):
        self._run_until_done(batch_size=50)
        self.env.cr.execute(
            "UPDATE res_partner SET client_interaction_count = 0 WHERE id = %s",
            [self.acme.id],
        )
        self.acme.invalidate_recordset()
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", lambda *a, **k: None
        ):
            self.Interaction._cron_refresh_partner_stats()
        self.assertEqual(self.acme.client_interaction_count, 8)

    def test_stats_cron_leaves_busy_clients_for_next_run(self):
        """F3: a concurrency error keeps the bookmark and does not fail the run."""
        self._run_until_done(batch_size=50)
        icp = self.env["ir.config_parameter"].sudo()
        key = "client_base.interaction_stats_last_partner_id"
        icp.set_param(key, "0")
        calls = []

        def record(cron, *, done, remaining, deactivate=False):
            calls.append((done, remaining))

        def busy(*args, **kwargs):
            raise psycopg2.errors.SerializationFailure("concurrent update")

        Model = type(self.Interaction)
        with (
            patch.object(
                type(self.env["ir.cron"]), "_notify_progress", record, create=True
            ),
            patch.object(Model, "_client_refresh_partner_stats", busy),
        ):
            self.Interaction._cron_refresh_partner_stats()
        self.assertEqual(calls[-1][0], 0, "nothing reported done")
        self.assertGreater(calls[-1][1], 0, "the busy clients remain")
        self.assertEqual(icp.get_param(key), "0", "bookmark not moved")
        # the next run, without contention, does the work
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", record, create=True
        ):
            self.Interaction._cron_refresh_partner_stats()
        self.assertEqual(calls[-1][1], 0)
