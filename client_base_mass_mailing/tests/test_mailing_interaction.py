# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mass_mailing.tests.common import MassMailCommon

BACKFILL_KEY = "client_base.interaction_backfill_mailing_last_id"


@tagged("post_install", "-at_install")
class TestMailingInteraction(MassMailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Interaction = cls.env["client.interaction"].sudo()
        cls.Trace = cls.env["mailing.trace"].sudo()
        cls.icp = cls.env["ir.config_parameter"].sudo()
        cls.group = cls.env.ref("client_base.client_interaction_group_presentation")
        cls.icp.set_param("client_base.interaction_capture_mailing", "True")
        cls.icp.set_param("client_base.interaction_group_mailing", str(cls.group.id))
        cls.user_marketing.groups_id += cls.env.ref(
            "client_base.client_base_group_user"
        )
        Partner = cls.env["res.partner"]
        cls.client = Partner.create(
            {
                "name": "Mailing Client",
                "is_company": True,
                "email": "office@client.example.com",
            }
        )
        cls.buyer = Partner.create(
            {
                "name": "Mailing Buyer",
                "parent_id": cls.client.id,
                "email": "buyer@client.example.com",
            }
        )
        cls.mailing = cls.env["mailing.mailing"].create(
            {
                "name": "Spring source",
                "subject": "Spring offer",
                "body_html": "<p>Hello</p>",
                "mailing_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr([("id", "in", (cls.client | cls.buyer).ids)]),
                "user_id": cls.user_marketing.id,
            }
        )

    def _trace(self, record, status="outgoing", email=None, **values):
        return self.Trace.create(
            {
                "mass_mailing_id": self.mailing.id,
                "model": record._name,
                "res_id": record.id,
                "trace_status": status,
                "email": email if email is not None else record.email,
                **values,
            }
        )

    def _of(self, traces):
        return self.Interaction.search(
            [("res_model", "=", "mailing.trace"), ("res_id", "in", traces.ids)]
        )

    def _backfill(self, limit=2):
        """Run the mailing source from its first trace, batch by batch."""
        self.icp.set_param(BACKFILL_KEY, "0")
        for _call in range(50):
            read, _created, _left = self.Interaction._client_interaction_backfill_batch(
                "mailing", limit
            )
            if read < limit:
                return
        self.fail("the backfill did not finish")

    # ------------------------------------------------------------------
    # Live capture
    # ------------------------------------------------------------------

    def test_sent_trace_recorded_once(self):
        trace = self._trace(self.buyer)
        self.assertFalse(self._of(trace), "an outgoing mail is not history yet")
        trace.set_sent()
        interaction = self._of(trace)
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.partner_id, self.client)
        self.assertEqual(interaction.contact_id, self.buyer)
        self.assertEqual(interaction.channel, "mailing")
        self.assertEqual(interaction.origin, "mailing")
        self.assertEqual(interaction.group_id, self.group)
        self.assertEqual(interaction.user_id, self.user_marketing)
        self.assertEqual(interaction.summary, "Spring offer")
        self.assertEqual(interaction.date, trace.sent_datetime)
        self.assertEqual(interaction.company_id, self.env.company)
        self.assertFalse(interaction.outcome)
        # sent again, then opened, then replied: still one interaction
        trace.set_sent()
        trace.set_opened()
        self.assertEqual(self._of(trace), interaction)
        self.assertEqual(interaction.outcome, "Opened")
        trace.set_replied()
        self.assertEqual(self._of(trace), interaction)
        self.assertEqual(interaction.outcome, "Replied")
        self.assertEqual(self.client.client_interaction_count, 1)
        # the source opens the mailing
        action = interaction.with_user(self.user_marketing).action_open_source()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("mailing.mailing", self.mailing.id),
        )

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_real_send_path(self):
        """action_send_mail: each mail sent marks its trace sent."""
        with self.mock_mail_gateway(mail_unlink_sent=False):
            self.mailing.with_user(self.user_marketing).action_send_mail()
        traces = self.mailing.mailing_trace_ids
        self.assertEqual(len(traces), 2)
        self.assertEqual(set(traces.mapped("trace_status")), {"sent"})
        history = self._of(traces)
        self.assertEqual(len(history), 2)
        self.assertEqual(set(history.mapped("partner_id")), {self.client})
        self.assertEqual(history.contact_id, self.buyer)
        self.assertEqual(set(history.mapped("summary")), {"Spring offer"})
        self.assertEqual(self.client.client_interaction_count, 2)

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_real_send_path_mailing_list(self):
        """Mailing-list contacts are matched to clients by e-mail."""
        mailing_list = self.env["mailing.list"].create(
            {
                "name": "Newsletter",
                "contact_ids": [
                    Command.create(
                        {"name": "Buyer", "email": "BUYER@client.example.com"}
                    ),
                    Command.create({"name": "Nobody", "email": "nobody@example.com"}),
                ],
            }
        )
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "List offer",
                "body_html": "<p>Hello</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                "contact_list_ids": [Command.set(mailing_list.ids)],
                "user_id": self.user_marketing.id,
            }
        )
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.with_user(self.user_marketing).action_send_mail()
        traces = mailing.mailing_trace_ids
        self.assertEqual(len(traces), 2)
        history = self._of(traces)
        self.assertEqual(len(history), 1, "the unknown e-mail is skipped")
        self.assertEqual(history.partner_id, self.client)
        self.assertEqual(history.contact_id, self.buyer)

    def test_created_sent(self):
        """A trace created already sent is recorded; failures are not."""
        sent = self._trace(self.client, "sent", sent_datetime=datetime(2026, 1, 5, 9))
        opened = self._trace(self.buyer, "open", open_datetime=datetime(2026, 1, 6))
        failed = (
            self._trace(self.client, "bounce")
            | self._trace(self.client, "error")
            | self._trace(self.client, "cancel")
        )
        self.assertEqual(self._of(sent).date, datetime(2026, 1, 5, 9))
        self.assertFalse(self._of(sent).contact_id)
        self.assertEqual(self._of(opened).date, datetime(2026, 1, 6))
        self.assertEqual(self._of(opened).outcome, "Opened")
        self.assertFalse(self._of(failed))

    def test_outcome(self):
        """Later news is the outcome; a user's own outcome is kept."""
        bounced, noted = self._trace(self.client) | self._trace(self.buyer)
        (bounced | noted).set_sent()
        bounced.set_bounced(bounce_message="mailbox full")
        self.assertEqual(self._of(bounced).outcome, "Bounced")
        self._of(noted).outcome = "Asked for a demo"
        noted.set_opened()
        self.assertEqual(self._of(noted).outcome, "Asked for a demo")
        # the label is in the language of the responsible
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["mass_mailing"], ["fr_FR"])
        self.user_marketing.lang = "fr_FR"
        french = self._trace(self.client)
        french.set_sent()
        french.set_opened()
        label = dict(
            self.Trace._fields["trace_status"]._description_selection(
                self.Trace.with_context(lang="fr_FR").env
            )
        )["open"]
        self.assertNotEqual(label, "Opened")
        self.assertEqual(self._of(french).outcome, label)

    def test_document_with_partner_field(self):
        """Any document with a client (stored partner_id) gives its client."""
        document = self.Interaction.create(
            {"partner_id": self.buyer.id, "summary": "Fair", "channel": "meeting"}
        )
        trace = self._trace(document, "sent", email="buyer@client.example.com")
        self.assertEqual(document.partner_id, self.client)
        self.assertEqual(self._of(trace).partner_id, self.client)

    def test_document_without_client_skipped(self):
        trace = self._trace(self.mailing, "sent", email="x@example.com")
        self.assertFalse(self._of(trace))
        deleted = self.env["res.partner"].create({"name": "Gone"})
        gone = self._trace(deleted, "outgoing", email="gone@example.com")
        deleted.unlink()
        gone.set_sent()
        self.assertFalse(self._of(gone))

    def test_mailing_contact_email_match(self):
        Partner = self.env["res.partner"]
        other = Partner.create({"name": "Other client", "is_company": True})
        Partner.create(
            [
                {"name": "Shared A", "parent_id": self.client.id, "email": "a@x.test"},
                {"name": "Shared B", "parent_id": other.id, "email": "a@x.test"},
                {"name": "Twin 1", "parent_id": other.id, "email": "t@x.test"},
                {"name": "Twin 2", "parent_id": other.id, "email": "t@x.test"},
                {"name": "Old", "email": "buyer@client.example.com", "active": False},
            ]
        )
        Contact = self.env["mailing.contact"]
        buyer, shared, twins, unknown = Contact.create(
            [
                {"name": "Buyer", "email": "buyer@client.example.com"},
                {"name": "Shared", "email": "a@x.test"},
                {"name": "Twins", "email": "t@x.test"},
                {"name": "Unknown", "email": "unknown@x.test"},
            ]
        )
        traces = (
            self._trace(buyer, email='"Buyer" <Buyer@Client.example.com>')
            | self._trace(shared)
            | self._trace(twins)
            | self._trace(unknown)
        )
        traces.set_sent()
        history = self._of(traces)
        self.assertEqual(len(history), 2, "ambiguous and unknown e-mails skipped")
        by_trace = {i.res_id: i for i in history}
        self.assertEqual(by_trace[traces[0].id].partner_id, self.client)
        self.assertEqual(by_trace[traces[0].id].contact_id, self.buyer)
        self.assertEqual(by_trace[traces[2].id].partner_id, other)
        self.assertFalse(by_trace[traces[2].id].contact_id)

    def test_switched_off(self):
        self.icp.set_param("client_base.interaction_capture_mailing", False)
        trace = self._trace(self.buyer)
        trace.set_sent()
        created = self._trace(self.client, "sent")
        self.assertFalse(self._of(trace | created))

    # ------------------------------------------------------------------
    # Backfill
    # ------------------------------------------------------------------

    def test_backfill(self):
        self.icp.set_param("client_base.interaction_capture_mailing", False)
        contact = self.env["mailing.contact"].create(
            {"name": "Buyer", "email": "buyer@client.example.com"}
        )
        sent = self._trace(self.buyer, "sent", sent_datetime=datetime(2026, 2, 1))
        opened = self._trace(self.client, "open", open_datetime=datetime(2026, 2, 2))
        replied = self._trace(
            contact, "reply", email="Buyer <BUYER@client.example.com>"
        )
        not_reached = (
            self._trace(self.client)
            | self._trace(self.client, "bounce")
            | self._trace(self.client, "error")
            | self._trace(self.client, "cancel")
        )
        no_client = self._trace(self.mailing, "sent", email="x@example.com")
        self.icp.set_param("client_base.interaction_capture_mailing", "True")
        every = sent | opened | replied | not_reached | no_client
        for _run in range(2):  # the second pass creates nothing
            self._backfill(limit=2)
            history = self._of(every)
            self.assertEqual(
                sorted(history.mapped("res_id")), (sent | opened | replied).ids
            )
        self.assertEqual(set(history.mapped("partner_id")), {self.client})
        self.assertEqual(set(history.mapped("channel")), {"mailing"})
        self.assertEqual(set(history.mapped("origin")), {"mailing"})
        self.assertEqual(set(history.mapped("group_id")), {self.group})
        self.assertEqual(set(history.mapped("user_id")), {self.user_marketing})
        self.assertEqual(set(history.mapped("summary")), {"Spring offer"})
        self.assertEqual(self._of(sent).contact_id, self.buyer)
        self.assertEqual(self._of(replied).contact_id, self.buyer)
        self.assertEqual(self._of(sent).date, datetime(2026, 2, 1))
        self.assertEqual(self._of(opened).date, datetime(2026, 2, 2))
        self.assertEqual(self._of(replied).date, replied.create_date)
        self.assertEqual(self.client.client_interaction_count, 3)
        # live capture after the backfill does not duplicate
        (sent | opened).set_opened()
        self.assertEqual(len(self._of(every)), 3)
        # the documents left to read: every reached trace, client or not
        count_sql = self.Interaction._client_interaction_backfill_mailing_sql(
            0, None, count_only=True
        )
        self.env.cr.execute(count_sql)
        ids = {row[0] for row in self.env.cr.fetchall()}
        self.assertEqual(
            ids & set(every.ids), set((sent | opened | replied | no_client).ids)
        )

    def test_backfill_by_the_cron(self):
        """The mailing source is one of the sources of the backfill cron."""
        self.assertIn(
            "mailing", self.Interaction._client_interaction_backfill_sources()
        )
        self.icp.set_param("client_base.interaction_capture_mailing", False)
        trace = self._trace(self.buyer, "sent")
        self.icp.set_param("client_base.interaction_capture_mailing", "True")
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", lambda *a, **k: None
        ):
            self.Interaction.action_backfill_now()
            for _call in range(20):
                _done, pending = self.Interaction._cron_backfill(batch_size=1000)
                if not pending:
                    break
        self.assertEqual(len(self._of(trace)), 1)

    def test_backfill_switched_off(self):
        self.icp.set_param("client_base.interaction_capture_mailing", False)
        trace = self._trace(self.buyer, "sent")
        with patch.object(
            type(self.env["ir.cron"]), "_notify_progress", lambda *a, **k: None
        ):
            self.Interaction._cron_backfill(batch_size=1000)
        self.assertFalse(self._of(trace))

    # ------------------------------------------------------------------
    # Access, multi-company, settings
    # ------------------------------------------------------------------

    def test_access_and_multi_company(self):
        other = self.env["res.company"].create({"name": "Other mailing company"})
        foreign = self.env["res.partner"].create(
            {"name": "Foreign client", "is_company": True, "company_id": other.id}
        )
        here, there = self._trace(self.buyer) | self._trace(foreign)
        (here | there).set_sent()
        self.assertEqual(self._of(there).company_id, other)
        viewer = new_test_user(
            self.env,
            login="cb_mailing_viewer",
            groups="base.group_user,client_base.client_base_group_user",
        )
        as_viewer = self.env["client.interaction"].with_user(viewer)
        self.assertEqual(
            as_viewer.search([("id", "in", self._of(here | there).ids)]), self._of(here)
        )
        self.assertEqual(self._of(here).with_user(viewer).summary, "Spring offer")
        with self.assertRaises(AccessError):
            self._of(there).with_user(viewer).read(["summary"])
        # without mailing rights, the source mailing cannot be opened
        with self.assertRaises(AccessError):
            self._of(here).with_user(viewer).action_open_source()
        viewer.write({"company_ids": [Command.link(other.id)]})
        as_viewer = as_viewer.with_context(allowed_company_ids=[other.id])
        self.assertEqual(
            as_viewer.search([("id", "=", self._of(there).id)]), self._of(there)
        )

    def test_settings_show_the_mailing_switch(self):
        form = Form(self.env["res.config.settings"])
        self.assertTrue(form.client_base_interaction_capture_mailing)
        self.assertEqual(form.client_base_interaction_group_mailing, self.group)
        form.client_base_interaction_capture_mailing = False
        form.save().execute()
        self.assertFalse(
            self.Interaction._client_interaction_enabled("mailing"),
            "switched off from the settings",
        )
        arch = self.env["res.config.settings"].get_view()["arch"]
        self.assertIn('id="client_interaction_capture_mailing"', arch)
