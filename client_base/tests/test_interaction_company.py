# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .interaction_common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionCompany(InteractionCommon):
    """A client shared by two companies: figures per company, totals for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company  # cb_user's only company
        cls.company_b = cls.env["res.company"].create({"name": "CB Company B"})
        cls.user_ab = new_test_user(
            cls.env,
            login="cb_user_ab",
            groups="base.group_user,base.group_multi_company,"
            "client_base.client_base_group_user",
            company_id=cls.company_a.id,
            company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )
        cls.today = fields.Date.today()
        now = fields.Datetime.now()
        cls.env["client.interaction"].create(
            [
                {
                    "partner_id": cls.acme.id,
                    "summary": summary,
                    "company_id": company.id,
                    "group_id": group.id,
                    "date": now - timedelta(days=days),
                }
                for summary, company, group, days in (
                    ("A interest 1", cls.company_a, cls.group_interest, 3),
                    ("A interest 2", cls.company_a, cls.group_interest, 10),
                    ("A complaint", cls.company_a, cls.group_complaint, 120),
                    ("B interest", cls.company_b, cls.group_interest, 1),
                    ("B presentation", cls.company_b, cls.group_presentation, 20),
                    ("B old complaint", cls.company_b, cls.group_complaint, 500),
                )
            ]
        )

    def _rows(self, partner):
        """Per-group figures of ``partner`` as its env's user reads them."""
        self.env.invalidate_all()  # the o2m cache is shared between users
        return {
            (stat.company_id, stat.group_id, stat.interaction_count)
            for stat in partner.client_interaction_stat_ids
        }

    def _visible(self, partner):
        self.env.invalidate_all()
        return (
            partner.client_interaction_visible_count,
            partner.client_visible_last_interaction_date,
        )

    def _table_rows(self, partners):
        self.env.cr.execute(
            """
            SELECT partner_id, company_id, group_id, interaction_count, last_date
              FROM client_interaction_partner_stat
             WHERE partner_id = ANY(%s) ORDER BY 1, 2, 3
            """,
            [partners.ids],
        )
        return self.env.cr.fetchall()

    # Stored totals: every company ----------------------------------------

    def test_stored_totals_cover_all_companies(self):
        acme = self.acme
        self.env.invalidate_all()
        self.assertEqual(acme.client_interaction_count, 6)
        self.assertEqual(acme.client_interaction_count_12m, 5)
        self.assertEqual(
            acme.client_last_interaction_date, self.today - timedelta(days=1)
        )
        self.assertEqual(len(self._table_rows(self.acme)), 4)
        # the archiving's figures: no user reads them (issue 19, defect 3)
        for user in (self.cb_user, self.user_ab):
            for fname in (
                "client_interaction_count",
                "client_interaction_count_12m",
                "client_last_interaction_date",
            ):
                with self.assertRaises(AccessError, msg=fname):
                    self.acme.with_user(user).read([fname])

    # What a user of one company sees ---------------------------------------

    def test_user_of_one_company(self):
        acme = self.acme.with_user(self.cb_user)
        a = self.company_a
        self.assertEqual(
            self._rows(acme),
            {(a, self.group_interest, 2), (a, self.group_complaint, 1)},
        )
        self.assertEqual(self._visible(acme), (3, self.today - timedelta(days=3)))
        # the contact person's button shows its client's history
        anna = self.anna.with_user(self.cb_user)
        self.assertEqual(self._visible(anna)[0], 3)
        Stat = self.env["client.interaction.partner.stat"].with_user(self.cb_user)
        self.assertEqual(Stat.search([("partner_id", "=", self.acme.id)]).company_id, a)
        # the count matches what the button opens
        action = acme.action_view_client_interactions()
        self.assertEqual(
            self.Interaction.with_user(self.cb_user).search_count(action["domain"]), 3
        )

    def test_user_of_both_companies(self):
        acme = self.acme.with_user(self.user_ab)
        a, b = self.company_a, self.company_b
        self.assertEqual(
            self._rows(acme),
            {
                (a, self.group_interest, 2),
                (a, self.group_complaint, 1),
                (b, self.group_interest, 1),
                (b, self.group_presentation, 1),
            },
        )
        self.assertEqual(self._visible(acme), (6, self.today - timedelta(days=1)))
        # only company B switched on in the company selector
        acme_b = acme.with_context(allowed_company_ids=[b.id])
        self.assertEqual(
            self._rows(acme_b),
            {(b, self.group_interest, 1), (b, self.group_presentation, 1)},
        )
        self.assertEqual(self._visible(acme_b), (3, self.today - timedelta(days=1)))

    def test_user_without_history_rights(self):
        acme = self.acme.with_user(self.plain_user)
        self.assertEqual(self._visible(acme), (0, False))
        Partner = self.env["res.partner"].with_user(self.plain_user)
        domain = [("id", "=", self.acme.id)]
        self.assertTrue(
            Partner.search(
                domain + [("client_visible_last_interaction_date", "=", False)]
            )
        )
        self.assertFalse(
            Partner.search(
                domain + [("client_visible_last_interaction_date", "<", self.today)]
            )
        )

    def test_smart_button_shows_the_visible_count(self):
        arch = (
            self.env["res.partner"]
            .with_user(self.cb_user)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn('name="client_interaction_visible_count"', arch)

    # Searches ---------------------------------------------------------------

    def test_group_filter_counts_the_users_companies(self):
        domain = [
            ("client_interaction_stat_ids.group_id", "=", self.group_presentation.id)
        ]
        Partner = self.env["res.partner"]
        self.assertNotIn(self.acme, Partner.with_user(self.cb_user).search(domain))
        self.assertIn(self.acme, Partner.with_user(self.user_ab).search(domain))

    def test_no_contact_in_my_companies(self):
        quiet = self.env["res.partner"].create({"name": "Quiet", "is_company": True})
        never = self.env["res.partner"].create({"name": "Never", "is_company": True})
        b_only = self.env["res.partner"].create({"name": "B only", "is_company": True})
        now = fields.Datetime.now()
        self.Interaction.create(
            [
                {
                    "partner_id": quiet.id,
                    "summary": "A long ago",
                    "company_id": self.company_a.id,
                    "date": now - timedelta(days=120),
                },
                {
                    "partner_id": quiet.id,
                    "summary": "B yesterday",
                    "company_id": self.company_b.id,
                    "date": now - timedelta(days=1),
                },
                {
                    "partner_id": b_only.id,
                    "summary": "B only",
                    "company_id": self.company_b.id,
                    "date": now - timedelta(days=2),
                },
            ]
        )
        clients = self.acme | quiet | never | b_only
        limit = self.today - timedelta(days=90)

        def no_contact(user, fname):
            return (
                self.env["res.partner"]
                .with_user(user)
                .search(
                    [
                        ("id", "in", clients.ids),
                        "|",
                        (fname, "=", False),
                        (fname, "<", limit),
                    ]
                )
            )

        # the stored all-company date: for the archiving and administrators
        # only (it tells one company about the other's contacts)
        self.assertEqual(
            no_contact(self.env.user, "client_last_interaction_date"), never
        )
        with self.assertRaises(AccessError):
            no_contact(self.cb_user, "client_last_interaction_date")
        with self.assertRaises(AccessError):
            self.acme.with_user(self.cb_user).read(["client_interaction_count"])
        self.assertNotIn(
            "client_interaction_count",
            self.env["res.partner"].with_user(self.cb_user).fields_get(),
        )
        mine = "client_visible_last_interaction_date"
        self.assertEqual(no_contact(self.cb_user, mine), quiet | never | b_only)
        self.assertEqual(no_contact(self.user_ab, mine), never)

    def test_visible_date_operators(self):
        Partner = self.env["res.partner"].with_user(self.cb_user)
        last = self.today - timedelta(days=3)  # company A's last interaction
        cases = [
            ("=", last, True),
            ("=", False, False),
            ("!=", False, True),
            ("!=", last, False),
            ("!=", last - timedelta(days=1), True),
            (">=", last, True),
            (">", last, False),
            ("<=", last, True),
            ("<", last, False),
            ("<", fields.Date.to_string(last + timedelta(days=1)), True),
        ]
        for operator, value, found in cases:
            with self.subTest(operator=operator, value=value):
                result = Partner.search(
                    [
                        ("id", "=", self.acme.id),
                        ("client_visible_last_interaction_date", operator, value),
                    ]
                )
                self.assertEqual(bool(result), found)
        with self.assertRaises(UserError):
            Partner.search([("client_visible_last_interaction_date", "in", [last])])
        with self.assertRaises(UserError):
            Partner.search([("client_visible_last_interaction_date", ">", False)])

    # The two writers agree -------------------------------------------------

    def test_backfill_upsert_matches_full_rebuild(self):
        beta = self.env["res.partner"].create({"name": "Beta", "is_company": True})
        self._set_capture("activity", False)
        self.env.cr.execute("SELECT COALESCE(max(id), 0) FROM mail_message")
        watermark = self.env.cr.fetchone()[0]
        for record in (self.acme, self.anna, self.acme, beta):
            self._activity(record, self.call_type).action_feedback()
        key = self.Interaction._client_interaction_backfill_key("activity")
        self.env["ir.config_parameter"].sudo().set_param(key, str(watermark))
        # two documents recorded for company A (on top of its figures), the
        # other two for company B
        Interaction_a = self.Interaction.with_company(self.company_a)
        Interaction_b = self.Interaction.with_company(self.company_b)
        self.assertEqual(
            Interaction_a._client_interaction_backfill_batch("activity", 2)[:2], (2, 2)
        )
        self.assertEqual(
            Interaction_b._client_interaction_backfill_batch("activity", 10)[:2],
            (2, 2),
        )
        clients = self.acme | beta
        incremental = self._table_rows(clients)
        a, b = self.company_a.id, self.company_b.id
        interest, presentation = self.group_interest.id, self.group_presentation.id
        self.assertEqual(
            [row[:4] for row in incremental],
            sorted(
                [
                    (self.acme.id, a, interest, 2 + 2),
                    (self.acme.id, a, self.group_complaint.id, 1),
                    (self.acme.id, b, interest, 1 + 1),
                    (self.acme.id, b, presentation, 1),
                    (beta.id, b, interest, 1),
                ]
            ),
        )
        self.assertEqual(self.acme.client_interaction_count, 6 + 3)
        self.Interaction._client_refresh_partner_stats(clients.ids)
        self.assertEqual(self._table_rows(clients), incremental)
        self.assertEqual(self.acme.client_interaction_count, 6 + 3)
