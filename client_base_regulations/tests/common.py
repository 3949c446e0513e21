# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.client_base.tests.common import (
    ClientBaseCommon,
    cron_process_once,
    cron_test_mode,
)


class RegulationsCommon(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.today = fields.Date.context_today(cls.env.user)
        cls.agency_user = new_test_user(
            cls.env,
            login="cb_agency",
            groups="client_base_regulations.client_base_regulations_group_agency_operator",
        )
        cls.verification_rule = cls.env.ref(
            "client_base_regulations.client_verification_rule_default"
        )
        cls.archive_rule = cls.env.ref(
            "client_base_regulations.client_archive_rule_default"
        )
        # only our default rules take part
        cls.env["client.verification.rule"].search(
            [("id", "!=", cls.verification_rule.id)]
        ).active = False
        cls.env["client.archive.rule"].search(
            [("id", "!=", cls.archive_rule.id)]
        ).active = False
        cls.verification_rule.write(
            {"assign_to": "team", "team_user_ids": [(6, 0, cls.cb_user.ids)]}
        )
        # existing partners of the database stay out of the way
        cls.env["res.partner"].search(cls.Partner._client_base_domain()).write(
            {"client_archive_protected": True}
        )

    @classmethod
    def _client(cls, name, age_days=400, **vals):
        """A client created ``age_days`` ago and never verified since."""
        partner = cls.Partner.create(
            {
                "name": name,
                "is_company": True,
                "email": f"{name.lower()}@example.com",
                **vals,
            }
        )
        old = fields.Datetime.now() - timedelta(days=age_days)
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s", (old, partner.id)
        )
        partner.invalidate_recordset(["create_date"])
        partner.modified(["create_date"])
        cls.env.flush_all()
        return partner

    @contextmanager
    def _cron_real_path(self, cron):
        """Run ``cron`` through ir.cron._process_job in test mode, as many
        times as the test calls the yielded function."""
        with cron_test_mode(self):
            yield lambda: cron_process_once(self, cron)

    def _run_cron(self, xmlid):
        cron = self.env.ref(xmlid)
        with self._cron_real_path(cron) as run:
            run()

    @contextmanager
    def _record_progress(self):
        calls = []
        original = type(self.env["ir.cron"])._notify_progress

        def spy(cron_self, *, done, remaining, deactivate=False):
            calls.append((done, remaining))
            return original(
                cron_self, done=done, remaining=remaining, deactivate=deactivate
            )

        with patch.object(type(self.env["ir.cron"]), "_notify_progress", spy):
            yield calls
