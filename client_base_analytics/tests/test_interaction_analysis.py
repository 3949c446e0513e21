# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestInteractionAnalysis(TransactionCase):
    """Interactions by client class: the class of the interaction's company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.Analysis = cls.env["client.interaction.analysis"]
        cls.Interaction = cls.env["client.interaction"]
        cls.company_a, cls.company_b = cls.env["res.company"].create(
            [{"name": "Analysis A"}, {"name": "Analysis B"}]
        )
        Partner = cls.env["res.partner"]
        cls.acme, cls.beta, cls.gamma = Partner.create(
            [
                {"name": "Acme (A in A, C in B)", "is_company": True},
                {"name": "Beta (manual B in A)", "is_company": True},
                {"name": "Gamma (unclassified)", "is_company": True},
            ]
        )
        cls.anna = Partner.create({"name": "Anna Acme", "parent_id": cls.acme.id})
        # a client of company B only: not readable from company A
        cls.secret = Partner.create(
            {
                "name": "Secret (of B)",
                "is_company": True,
                "company_id": cls.company_b.id,
            }
        )
        cls.clients = cls.acme | cls.beta | cls.gamma | cls.secret
        cls.env["client.classification"].create(
            [
                {
                    "partner_id": cls.acme.id,
                    "company_id": cls.company_a.id,
                    "computed_lifecycle": "regular",
                    "computed_abc": "A",
                    "computed_xyz": "X",
                },
                {
                    "partner_id": cls.acme.id,
                    "company_id": cls.company_b.id,
                    "computed_lifecycle": "lost",
                    "computed_abc": "C",
                    "computed_xyz": "Z",
                },
                {
                    "partner_id": cls.beta.id,
                    "company_id": cls.company_a.id,
                    "computed_lifecycle": "regular",
                    "computed_abc": "C",
                    "computed_xyz": "Y",
                    "manual_abc": "B",
                },
                # Gamma is classified in B only: unclassified in A
                {
                    "partner_id": cls.gamma.id,
                    "company_id": cls.company_b.id,
                    "computed_lifecycle": "new",
                    "computed_abc": "A",
                },
            ]
        )
        cls.group = cls.env.ref("client_base.client_interaction_group_presentation")
        cls.cb_user = new_test_user(
            cls.env,
            login="cia_user",
            groups="base.group_user,client_base.client_base_group_user",
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
        )
        cls.cb_manager = new_test_user(
            cls.env,
            login="cia_manager",
            groups="base.group_user,client_base.client_base_group_manager",
            company_id=cls.company_a.id,
            company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )
        cls.plain_user = new_test_user(
            cls.env,
            login="cia_plain",
            groups="base.group_user",
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
        )

        def vals(partner, company, date, channel="call_out", **extra):
            return {
                "partner_id": partner.id,
                "company_id": company.id,
                "date": date,
                "channel": channel,
                "summary": f"{partner.name} {date}",
                "user_id": cls.cb_user.id,
                **extra,
            }

        A, B = cls.company_a, cls.company_b
        cls.interactions = cls.Interaction.create(
            [
                vals(cls.acme, A, datetime(2025, 1, 10, 9), group_id=cls.group.id),
                vals(cls.anna, A, datetime(2025, 1, 20, 9), "meeting"),
                vals(cls.acme, A, datetime(2025, 2, 3, 9), "email_in"),
                vals(cls.acme, B, datetime(2025, 2, 4, 9)),
                vals(cls.acme, B, datetime(2025, 3, 5, 9)),
                vals(cls.beta, A, datetime(2025, 3, 6, 9)),
                vals(cls.gamma, A, datetime(2025, 3, 7, 9), "sale"),
                vals(cls.secret, A, datetime(2025, 3, 8, 9)),
            ]
        )
        cls.in_a = cls.interactions.filtered(lambda i: i.company_id == A)

    def _rows(self, env=None, **context):
        Analysis = self.Analysis.with_env(env or self.env).with_context(**context)
        return Analysis.search([("partner_id", "in", self.clients.ids)])

    def _by_id(self, rows):
        return {row.id: row for row in rows}

    def test_one_row_per_interaction(self):
        rows = self._by_id(self._rows())
        self.assertEqual(set(rows), set(self.interactions.ids))
        for interaction in self.interactions:
            row = rows[interaction.id]
            self.assertEqual(row.date, interaction.date)
            self.assertEqual(row.partner_id, interaction.partner_id)
            self.assertEqual(row.contact_id, interaction.contact_id)
            self.assertEqual(row.company_id, interaction.company_id)
            self.assertEqual(row.channel, interaction.channel)
            self.assertEqual(row.group_id, interaction.group_id)
            self.assertEqual(row.user_id, self.cb_user)
            self.assertEqual(row.origin, "manual")
            self.assertEqual(row.interaction_count, 1)
        # the contact person's interaction is the client's, with its contact
        anna_row = rows[self.interactions[1].id]
        self.assertEqual(anna_row.partner_id, self.acme)
        self.assertEqual(anna_row.contact_id, self.anna)

    def test_class_of_the_interaction_company(self):
        rows = self._rows()
        classes = {
            (row.partner_id, row.company_id): (
                row.lifecycle,
                row.abc,
                row.xyz,
                row.cell,
            )
            for row in rows
        }
        A, B = self.company_a, self.company_b
        self.assertEqual(classes[self.acme, A], ("regular", "A", "X", "AX"))
        self.assertEqual(classes[self.acme, B], ("lost", "C", "Z", "CZ"))
        # the effective class: the manual override wins over the computed one
        self.assertEqual(classes[self.beta, A], ("regular", "B", "Y", "BY"))

    def test_unclassified_client_has_empty_class(self):
        # classified in company B, but its interaction is in company A
        (row,) = self._rows().filtered(lambda r: r.partner_id == self.gamma)
        self.assertEqual(row.company_id, self.company_a)
        self.assertFalse(row.abc)
        self.assertFalse(row.xyz)
        self.assertFalse(row.cell)
        self.assertEqual(row.lifecycle, "none")  # as on the client's card

    def test_class_change_seen_at_once(self):
        classification = self.env["client.classification"].search(
            [("partner_id", "=", self.acme.id), ("company_id", "=", self.company_a.id)]
        )
        classification.manual_abc = "B"  # not flushed yet: _depends does it
        rows = self.Analysis.search(
            [("partner_id", "=", self.acme.id), ("company_id", "=", self.company_a.id)]
        )
        self.assertEqual(set(rows.mapped("abc")), {"B"})
        self.assertEqual(set(rows.mapped("cell")), {"BX"})

    def test_read_group_by_class(self):
        domain = [("partner_id", "in", self.clients.ids)]
        groups = self.Analysis._read_group(
            domain, ["abc"], ["interaction_count:sum", "__count"]
        )
        counts = {abc: (total, count) for abc, total, count in groups}
        self.assertEqual(
            counts,
            {"A": (3, 3), "B": (1, 1), "C": (2, 2), False: (2, 2)},
        )
        self.assertEqual(
            sum(total for total, _count in counts.values()), len(self.interactions)
        )
        # company and class, and the dynamics: per month
        by_company = {
            (company, abc): total
            for company, abc, total in self.Analysis._read_group(
                domain, ["company_id", "abc"], ["interaction_count:sum"]
            )
        }
        self.assertEqual(by_company[self.company_b, "C"], 2)
        self.assertEqual(by_company[self.company_a, False], 2)  # Gamma, Secret
        months = self.Analysis._read_group(
            [("partner_id", "=", self.acme.id)],
            ["date:month", "group_id"],
            ["interaction_count:sum"],
        )
        per_month = {}
        for month, _group, total in months:
            per_month[month.month] = per_month.get(month.month, 0) + total
        self.assertEqual(per_month, {1: 2, 2: 2, 3: 1})
        # the web client's entry point (pivot and graph)
        groups = self.Analysis.read_group(domain, ["interaction_count:sum"], ["cell"])
        self.assertEqual(
            sum(g["interaction_count"] for g in groups), len(self.interactions)
        )

    def test_rows_visible_as_their_interactions(self):
        """A user sees exactly the rows of the interactions he may read."""
        for user, companies in (
            (self.cb_user, self.company_a),
            (self.cb_manager, self.company_a),
            (self.cb_manager, self.company_a | self.company_b),
        ):
            env = self.env(user=user, context={"allowed_company_ids": companies.ids})
            with self.subTest(user=user.login, companies=companies.mapped("name")):
                interactions = self.Interaction.with_env(env).search(
                    [("partner_id", "in", self.clients.ids)]
                )
                rows = self._rows(env)
                self.assertTrue(rows)
                self.assertEqual(set(rows.ids), set(interactions.ids))
                rows.read(["abc", "partner_id", "company_id"])  # no AccessError
        # in company A only: neither company B's rows nor a client of B
        rows = self._rows(self.env(user=self.cb_user))
        self.assertEqual(
            set(rows.ids),
            set(self.in_a.filtered(lambda i: i.partner_id != self.secret).ids),
        )
        # in both companies: company B's rows, and the client of B
        env = self.env(
            user=self.cb_manager,
            context={"allowed_company_ids": (self.company_a | self.company_b).ids},
        )
        self.assertEqual(set(self._rows(env).ids), set(self.interactions.ids))

    def test_plain_user_has_no_access(self):
        with self.assertRaises(AccessError):
            self._rows(self.env(user=self.plain_user))

    def test_views_and_actions(self):
        Analysis = self.Analysis.with_user(self.cb_user)
        views = Analysis.get_views(
            [(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")]
        )
        self.assertEqual(set(views["views"]), {"pivot", "graph", "list", "search"})
        action = self.env.ref(
            "client_base_analytics.client_interaction_analysis_action"
        )
        self.assertEqual(action.res_model, "client.interaction.analysis")
        menu = self.env.ref("client_base_analytics.client_interaction_analysis_menu")
        self.assertEqual(
            menu.parent_id, self.env.ref("client_base.client_base_menu_reporting")
        )
        # the client's dynamics, from its card (and from a contact person's)
        dynamics = self.anna.with_user(self.cb_user).action_view_client_dynamics()
        self.assertEqual(dynamics["res_model"], "client.interaction.analysis")
        self.assertEqual(dynamics["domain"], [("partner_id", "=", self.acme.id)])
        self.assertIn("search_default_group_by_month", dynamics["context"])
        rows = Analysis.search(dynamics["domain"])
        self.assertEqual(len(rows), 3)  # company A's: B is not allowed
        # a row opens its interaction
        opened = rows[0].action_open_interaction()
        self.assertEqual(opened["res_model"], "client.interaction")
        self.assertEqual(opened["res_id"], rows[0].id)
