# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""No stored UI text in the wrong language: what the suite's jobs write (the
stored Char/Text/Html fields of the suite, the activities of its activity
types and of its code, the notes in the chatter) reads in Russian for a
Russian assignee and a Russian client, or is a code rendered at read."""

import pathlib
import re

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.client_base.tests.contract_common import (
    _suite_xmlids,
    suite_crons,
    suite_fields,
    suite_modules,
)

from .common import RegulationsCommon

CRONS = (
    "client_base_regulations.ir_cron_client_verify_stale",
    "client_base_regulations.ir_cron_client_archive_inactive",
)
TEXT_TYPES = ("char", "text", "html")
_PLACEHOLDER_RE = re.compile(r"%\(\w+\)s|%s")
_TAG_RE = re.compile(r"<[^>]+>")


def _english_sentences(env):
    """Regexes of the suite's translatable English sentences (msgids of the
    .pot files with a different Russian translation), placeholders as
    wildcards; one-word terms (field labels) are left out."""
    root = pathlib.Path(__file__).resolve().parents[2]
    patterns = []
    for module in suite_modules(env):
        po = root / module / "i18n" / "ru.po"
        if not po.exists():
            continue
        text = po.read_text()
        for msgid, msgstr in re.findall(
            r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', text, re.MULTILINE
        ):

            def unquote(block):
                return "".join(
                    line[1:-1] for line in block.strip().splitlines()
                ).replace('\\"', '"')

            english, russian = unquote(msgid), unquote(msgstr)
            if not english or english == russian or len(english.split()) < 3:
                continue
            parts = _PLACEHOLDER_RE.split(english)
            if max(len(p.strip()) for p in parts) < 12:
                continue
            patterns.append(
                (english, re.compile(".+?".join(re.escape(p) for p in parts)))
            )
    return patterns


@tagged("post_install", "-at_install")
class TestStoredTextLanguage(RegulationsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.russian = new_test_user(
            cls.env,
            login="cb_russian",
            lang="ru_RU",
            groups="base.group_user,client_base.client_base_group_manager",
        )
        cls.verification_rule.team_user_ids = cls.russian
        cls.archive_rule.write({"unanswered_rounds": 1, "inactivity_months": 12})
        cls.clients = cls.Partner.browse()
        for i in range(3):
            cls.clients |= cls._client(f"Клиент {i}", age_days=800, lang="ru_RU")

    def _values(self, since_message, since_activity):
        """(where, value) of every stored text the suite's jobs may write."""
        env = self.env
        activity_types = env["mail.activity.type"].browse(
            _suite_xmlids(env, "mail.activity.type").mapped("res_id")
        )
        activities = env["mail.activity"].search(
            [
                ("id", ">", since_activity),
                "|",
                ("activity_type_id", "in", activity_types.ids),
                ("user_id", "=", self.russian.id),
            ]
        )
        self.assertTrue(activities, "the jobs planned activities")
        for activity in activities:
            yield f"activity {activity.id} summary", activity.summary
            yield f"activity {activity.id} note", activity.note
        messages = env["mail.message"].search(
            [("id", ">", since_message), ("model", "!=", False)]
        )
        for message in messages:
            yield f"message {message.id}", message.body
        for model, fname in suite_fields(env):
            field = env[model]._fields[fname]
            if (
                field.type not in TEXT_TYPES
                or not field.store
                or field.translate
                or env[model]._transient
                or not env[model]._auto
            ):
                continue
            records = (
                env[model]
                .sudo()
                .with_context(active_test=False)
                .search([(fname, "!=", False)], order="id desc", limit=200)
            )
            if model == "res.partner":
                records &= self.clients
            for record in records:
                yield f"{model}.{fname} #{record.id}", record[fname]

    def test_jobs_write_in_russian(self):
        since_message = self.env["mail.message"].search([], order="id desc", limit=1).id
        since_activity = (
            self.env["mail.activity"].search([], order="id desc", limit=1).id or 0
        )
        today = self.today
        # a verification round, then its end without an answer (proposal),
        # then the archiving job
        for months, cron in ((0, CRONS[0]), (6, CRONS[0]), (6, CRONS[1])):
            with freeze_time(today + relativedelta(months=months)):
                self._run_cron(cron)
        self.archive_rule.auto_archive = True
        with freeze_time(today + relativedelta(months=12)):
            self._run_cron(CRONS[0])
            self._run_cron(CRONS[1])
        self.assertTrue(any(not c.active for c in self.clients), "archived")
        # then every scheduled action of the suite, once
        crons = suite_crons(self.env)
        self.assertGreater(len(crons), 5)
        for cron in crons:
            with self._cron_real_path(cron) as run:
                run()
        patterns = _english_sentences(self.env)
        self.assertGreater(len(patterns), 50)
        english = []
        for where, value in self._values(since_message, since_activity):
            text = _TAG_RE.sub("", str(value or ""))
            for sentence, pattern in patterns:
                if pattern.search(text):
                    english.append(f"{where}: {sentence!r} in {text!r}")
        self.assertFalse(english, "\n".join(english))

    def test_jobs_survive_a_language_the_database_lacks(self):
        """Legacy data: clients and an assignee whose language code is not
        an active language of the database (an imported ``lang``, a language
        deactivated later). Every job that writes in its reader's language
        falls back to its own language instead of stopping on "Invalid
        language code" (``res.lang._client_lang``)."""
        Lang = self.env["res.lang"]
        self.assertEqual(Lang._client_lang("xx_XX", "ru_RU"), "ru_RU")
        self.assertEqual(Lang._client_lang("xx_XX", None), self.env.lang or "en_US")
        self.env.flush_all()
        partners = self.clients | self.russian.partner_id
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET lang = 'xx_XX' WHERE id IN %s",
                tuple(partners.ids),
            )
        )
        self.env.invalidate_all()
        today = self.today
        for months, cron in ((0, CRONS[0]), (6, CRONS[0]), (6, CRONS[1])):
            with freeze_time(today + relativedelta(months=months)):
                self._run_cron(cron)
        for cron in suite_crons(self.env):
            with self._cron_real_path(cron) as run:
                run()
        # the clean-up's note, in the client's language when it has one
        client = self.clients[0]
        self.env["client.normalize.run"]._client_log_changes(
            {client.id: {"phone": ("8 495 123-45-67", "+7 495 123-45-67")}},
            self.env["res.partner"]._client_key_labels(),
        )
        client.invalidate_recordset()
        self.assertIn("+7 495 123-45-67", client.message_ids[:1].body)
