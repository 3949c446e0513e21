# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import psycopg2
from markupsafe import Markup

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionCapture(InteractionCommon):
    # Manual entry -------------------------------------------------------

    def test_manual_entry_rolls_up_to_commercial_partner(self):
        interaction = self.Interaction.with_user(self.cb_user).create(
            {
                "partner_id": self.anna.id,
                "summary": "Asked for a price list",
                "group_id": self.group_interest.id,
                "channel": "call_in",
            }
        )
        self.assertEqual(interaction.partner_id, self.acme)
        self.assertEqual(interaction.contact_id, self.anna)
        self.assertEqual(interaction.origin, "manual")
        self.assertEqual(interaction.user_id, self.cb_user)
        self.assertEqual(self.acme.client_interaction_count, 1)
        self.assertEqual(self.acme.client_interaction_count_12m, 1)
        self.assertEqual(
            self.acme.client_last_interaction_date, interaction.date.date()
        )
        stat = self.acme.client_interaction_stat_ids
        self.assertEqual(stat.group_id, self.group_interest)
        self.assertEqual(stat.company_id, interaction.company_id)
        self.assertEqual(stat.interaction_count, 1)

    def test_quick_entry_from_client(self):
        action = self.anna.action_log_client_interaction()
        self.assertEqual(action["context"]["default_partner_id"], self.acme.id)
        self.assertEqual(action["context"]["default_contact_id"], self.anna.id)
        self.assertTrue(self.acme.client_interaction_manual_enabled)
        self._set_capture("manual", False)
        self.acme.invalidate_recordset(["client_interaction_manual_enabled"])
        self.assertFalse(self.acme.client_interaction_manual_enabled)

    def test_contact_of_another_client_rejected(self):
        other = self.env["res.partner"].create({"name": "Other", "is_company": True})
        with self.assertRaises(ValidationError):
            self.Interaction.create(
                {"partner_id": other.id, "contact_id": self.anna.id, "summary": "x"}
            )
        interaction = self.Interaction.create(
            {"contact_id": self.anna.id, "summary": "contact only"}
        )
        self.assertEqual(interaction.partner_id, self.acme)

    # Done activities ----------------------------------------------------

    def test_done_activity_recorded_once(self):
        activity = self._activity(self.anna, self.call_type)
        message_id = activity.action_feedback(feedback="Price agreed")
        message = self.env["mail.message"].browse(message_id)
        interaction = self._of(message)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.partner_id, self.acme)
        self.assertEqual(interaction.contact_id, self.anna)
        self.assertEqual(interaction.channel, "call_out")
        self.assertEqual(interaction.group_id, self.group_interest)
        self.assertEqual(interaction.origin, "activity")
        self.assertEqual(interaction.summary, "Call about the offer")
        self.assertIn("Price agreed", interaction.outcome)
        # Capturing the same document again creates nothing.
        vals = self.env["mail.activity"]._client_interaction_vals_from_done(
            {
                "res_model": "res.partner",
                "res_id": self.anna.id,
                "channel": "call_out",
                "group_id": False,
                "user_id": self.env.uid,
                "summary": "again",
                "outcome": False,
            },
            message,
        )
        self.assertFalse(
            self.Interaction._client_interaction_capture([vals] * 2, "activity")
        )
        self.assertEqual(len(self._of(message)), 1)
        # and neither does the backfill
        self.Interaction.action_backfill_now()
        self.Interaction._client_interaction_backfill_batch("activity")
        self.assertEqual(len(self._of(message)), 1)

    def test_done_activity_user_picks_group(self):
        activity = self._activity(
            self.acme,
            self.call_type,
            client_interaction_group_id=self.group_complaint.id,
        )
        message = self.env["mail.message"].browse(activity.action_feedback())
        self.assertEqual(self._of(message).group_id, self.group_complaint)
        self.assertFalse(self._of(message).contact_id)

    def test_done_activities_in_batch_match_their_messages(self):
        meeting = self.env.ref("mail.mail_activity_data_meeting")
        activities = (
            self._activity(self.acme, self.call_type, summary="first")
            | self._activity(self.anna, meeting, summary="second")
            | self._activity(self.acme, None, summary="third")
        )
        messages, _next = activities._action_done()
        interactions = self.Interaction.search(
            [("res_model", "=", "mail.message"), ("res_id", "in", messages.ids)]
        )
        by_summary = {i.summary: i for i in interactions}
        self.assertEqual(set(by_summary), {"first", "second", "third"})
        self.assertEqual(by_summary["first"].channel, "call_out")
        self.assertEqual(by_summary["second"].channel, "meeting")
        self.assertEqual(by_summary["second"].group_id, self.group_presentation)
        # no type: channel other, no default group configured
        self.assertEqual(by_summary["third"].channel, "other")
        self.assertEqual(self.acme.client_interaction_count, 3)

    def test_done_activity_switched_off(self):
        self._set_capture("activity", False)
        message = self.env["mail.message"].browse(
            self._activity(self.acme, self.call_type).action_feedback()
        )
        self.assertFalse(self._of(message))

    def test_done_activity_on_document_without_client(self):
        blacklist = self.env["mail.blacklist"].create({"email": "nobody@x.test"})
        activity = self._activity(blacklist, self.call_type)
        message = self.env["mail.message"].browse(activity.action_feedback())
        self.assertTrue(message)
        self.assertFalse(self._of(message))
        self.assertIsNone(
            self.Interaction._client_interaction_prepare_document_vals(
                blacklist, "other", "activity"
            )
        )

    # E-mails ----------------------------------------------------------

    def test_email_sent_and_received(self):
        sent = self.acme.message_post(
            body=Markup("<p>Our offer</p>"),
            subject="Offer",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.anna.ids,
        )
        received = self.acme.message_post(
            body=Markup("<p>Thanks, <b>we accept</b></p>"),
            message_type="email",
            author_id=self.anna.id,
            subtype_xmlid="mail.mt_comment",
        )
        note = self.acme.message_post(
            body="internal", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(self._of(sent).channel, "email_out")
        self.assertEqual(self._of(sent).summary, "Offer")
        self.assertEqual(self._of(sent).group_id, self.group_interest)
        self.assertEqual(self._of(received).channel, "email_in")
        self.assertEqual(self._of(received).summary, "Thanks, we accept")
        self.assertFalse(self._of(note))
        self.assertEqual(self.acme.client_interaction_count, 2)

    def test_email_switched_off(self):
        self._set_capture("email", False)
        sent = self.acme.message_post(
            body="Offer",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.anna.ids,
        )
        self.assertFalse(self._of(sent))

    # Planning ---------------------------------------------------------

    def test_schedule_next_creates_activity_on_client(self):
        # scheduling on a client needs the right to edit it, as in Odoo
        self.cb_user.groups_id |= self.env.ref("base.group_partner_manager")
        interaction = self.Interaction.with_user(self.cb_user).create(
            {
                "partner_id": self.acme.id,
                "summary": "Demo",
                "group_id": self.group_presentation.id,
            }
        )
        action = interaction.action_schedule_next()
        activity = self.env["mail.activity"].browse(action["res_id"])
        self.assertEqual(activity.res_model, "res.partner")
        self.assertEqual(activity.res_id, self.acme.id)
        self.assertEqual(activity.client_interaction_group_id, self.group_presentation)
        self.assertEqual(activity.user_id, self.cb_user)

    def test_duplicate_source_rejected_by_database(self):
        message = self.acme.message_post(body="x", message_type="comment")
        vals = {
            "partner_id": self.acme.id,
            "summary": "dup",
            "res_model": "mail.message",
            "res_id": message.id,
        }
        self.Interaction.create(vals)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.Interaction.create(vals)
        self.assertFalse(self.Interaction._client_interaction_capture([vals], "email"))

    def test_negative_duration_rejected(self):
        with (
            self.assertRaises(psycopg2.errors.CheckViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.Interaction.create(
                {"partner_id": self.acme.id, "summary": "x", "duration": -1}
            )

    def test_open_source(self):
        message = self.env["mail.message"].browse(
            self._activity(self.acme, self.call_type).action_feedback()
        )
        action = self._of(message).action_open_source()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["res_id"], self.acme.id)
