# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import RegulationsCommon

KEYS = ("contact_info", "analytics", "history", "verification")


@tagged("post_install", "-at_install")
class TestRegulationPages(RegulationsCommon):
    def test_pages_per_brick_and_language(self):
        category = self.env.ref(
            "client_base_regulations.document_page_category_regulations"
        )
        Page = self.env["document.page"]
        for key in KEYS:
            en = Page._client_regulation_page(key, lang="en_US")
            ru = Page._client_regulation_page(key, lang="ru_RU")
            self.assertEqual(en.client_regulation_lang, "en_US")
            self.assertEqual(ru.client_regulation_lang, "ru_RU")
            self.assertEqual(en.parent_id, category)
            self.assertTrue(en.history_head, "content lives in a page version")
            self.assertIn("<h2>", en.content)
            self.assertIn("<h2>", ru.content)
        # real seed content
        contact = Page._client_regulation_page("contact_info", lang="ru_RU")
        self.assertIn("Рабочий телефон основной".lower(), contact.content.lower())
        verification = Page._client_regulation_page("verification", lang="en_US")
        self.assertIn("Every half year", verification.content)
        # unknown language: English
        self.assertEqual(
            Page._client_regulation_page("history", lang="de_DE"),
            Page._client_regulation_page("history", lang="en_US"),
        )

    def test_user_language_picks_page(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.cb_user.lang = "ru_RU"
        action = (
            self.env["res.partner"]
            .with_user(self.cb_user)
            .with_context(client_regulation_key="verification", lang="ru_RU")
            .action_client_open_regulation()
        )
        page = self.env["document.page"].browse(action["res_id"])
        self.assertEqual(page.client_regulation_lang, "ru_RU")
        self.assertEqual(page.client_regulation_key, "verification")

    def test_every_internal_user_reads_managers_edit(self):
        page = self.env.ref(
            "client_base_regulations.document_page_regulation_contact_en"
        )
        # plain internal user (no Client Base, no Knowledge group) reads
        self.assertTrue(page.with_user(self.plain_user).content)
        with self.assertRaises(AccessError):
            page.with_user(self.plain_user).write({"name": "Hacked"})
        with self.assertRaises(AccessError):
            page.with_user(self.cb_user).write({"name": "Hacked"})
        # data-quality manager edits: a new version
        before = page.history_head
        page.with_user(self.cb_manager).write(
            {"content": "<p>New rule</p>", "draft_name": "1.1", "draft_summary": "x"}
        )
        self.assertNotEqual(page.history_head, before)

    def test_acknowledgement_and_read_status(self):
        page = self.env.ref(
            "client_base_regulations.document_page_regulation_contact_en"
        )
        Status = self.env["client.regulation.read.status"]

        def state(user):
            self.env.flush_all()
            Status.invalidate_model()
            return Status.search(
                [("user_id", "=", user.id), ("page_id", "=", page.id)]
            ).state

        self.assertEqual(state(self.cb_user), "unread")
        as_user = page.with_user(self.cb_user)
        self.assertFalse(as_user.client_ack_current)
        as_user.action_client_acknowledge()
        as_user.action_client_acknowledge()  # idempotent
        self.assertTrue(as_user.client_ack_current)
        self.assertEqual(
            self.env["client.regulation.acknowledgement"].search_count(
                [("user_id", "=", self.cb_user.id), ("page_id", "=", page.id)]
            ),
            1,
        )
        self.assertEqual(state(self.cb_user), "read")
        # new version: the acknowledgement is outdated
        page.write({"content": "<p>v2</p>", "draft_name": "2", "draft_summary": "v2"})
        self.assertEqual(state(self.cb_user), "outdated")
        page.invalidate_recordset()
        self.assertFalse(page.with_user(self.cb_user).client_ack_current)
        # users see their own rows only; managers see everybody's
        self.assertEqual(
            Status.with_user(self.cb_user).search([]).user_id, self.cb_user
        )
        self.assertIn(
            self.plain_user, Status.with_user(self.cb_manager).search([]).user_id
        )
        # a user cannot acknowledge in someone else's name
        ack = (
            self.env["client.regulation.acknowledgement"]
            .with_user(self.plain_user)
            .create(
                {
                    "page_id": page.id,
                    "history_id": page.history_head.id,
                    "user_id": self.cb_user.id,
                }
            )
        )
        self.assertEqual(ack.user_id, self.plain_user)

    def test_links_from_what_it_governs(self):
        Partner = self.env["res.partner"]
        for key in KEYS:
            action = Partner.with_context(
                client_regulation_key=key
            ).action_client_open_regulation()
            page = self.env["document.page"].browse(action["res_id"])
            self.assertEqual(page.client_regulation_key, key)
        action = self.verification_rule.action_open_regulation()
        self.assertEqual(
            self.env["document.page"].browse(action["res_id"]).client_regulation_key,
            "verification",
        )
        action = self.archive_rule.action_open_regulation()
        self.assertTrue(action["res_id"])
        settings = self.env["res.config.settings"].create({})
        action = settings.with_context(
            client_regulation_key="analytics"
        ).action_client_open_regulation()
        self.assertEqual(
            self.env["document.page"].browse(action["res_id"]).client_regulation_key,
            "analytics",
        )

    def test_regulations_action_opens(self):
        """Regulations › Regulations: the web client evaluates the action's
        context with only the user's context (no ``ref``); it used to crash
        with "Name 'ref' is not defined"."""
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base_regulations.document_page_action"
        )
        context = safe_eval(action["context"], {"uid": self.env.uid})
        self.assertEqual(
            context["default_parent_id"],
            self.env.ref(
                "client_base_regulations.document_page_category_regulations"
            ).id,
        )
