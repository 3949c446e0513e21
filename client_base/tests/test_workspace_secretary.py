# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestWorkspaceSecretary(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary = new_test_user(
            cls.env,
            login="cb_secretary",
            groups="base.group_user,client_base.client_base_group_secretary",
        )
        Partner = cls.env["res.partner"]
        cls.company_a = Partner.create(
            {
                "name": "Alpha Ltd",
                "is_company": True,
                "client_state": "client",
                "client_founding_date": "2010-01-01",
                "email": "office@alpha.example.com",
            }
        )
        cls.company_b = Partner.create(
            {
                "name": "Beta Ltd",
                "is_company": True,
                "client_founding_date": "2010-01-06",
            }
        )
        cls.company_c = Partner.create(
            {"name": "Gamma Ltd", "is_company": True, "client_state": "client"}
        )
        cls.company_d = Partner.create(
            {"name": "Delta Ltd", "is_company": True, "client_state": "prospect"}
        )
        # "client since" without invoicing: the day the card was created
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = '2020-12-30 10:00' WHERE id IN %s",
            [(cls.company_c.id, cls.company_d.id)],
        )

        def person(name, birthday, **vals):
            return Partner.create(
                {
                    "name": name,
                    "parent_id": cls.company_a.id,
                    "birthday": birthday,
                    "email": f"{name.lower()}@alpha.example.com",
                    **vals,
                }
            )

        cls.ann = person("Ann", "1980-12-29")
        cls.bob = person("Bob", "1990-01-04", client_preferred_channel="letter")
        cls.cat = person("Cat", "1985-01-05")
        cls.dan = person("Dan", "1970-12-28")
        cls.eve = person("Eve", "2000-02-29", email=False)
        cls.mine = (
            cls.company_a
            | cls.company_b
            | cls.company_c
            | cls.company_d
            | cls.ann
            | cls.bob
            | cls.cat
            | cls.dan
            | cls.eve
        )

    def _week(self, user=None):
        Greeting = self.env["client.greeting"].with_user(user or self.secretary)
        action = Greeting.action_open_week()
        greetings = Greeting.search(action["domain"])
        return greetings.filtered(lambda g: g.partner_id in self.mine)

    def _summary(self, greetings):
        return {
            (g.partner_id.name, g.occasion, str(g.occasion_date), g.years)
            for g in greetings
        }

    @freeze_time("2025-12-31")
    def test_week_across_new_year(self):
        greetings = self._week()
        self.assertEqual(
            self._summary(greetings),
            {
                ("Ann", "birthday", "2025-12-29", 45),
                ("Bob", "birthday", "2026-01-04", 36),
                ("Alpha Ltd", "founding", "2026-01-01", 16),
                ("Gamma Ltd", "client_since", "2025-12-30", 5),
            },
        )
        self.assertEqual(set(greetings.mapped("year")), {2025, 2026})
        # opening again creates nothing new
        self.assertEqual(self._week(), greetings)

    @freeze_time("2026-01-04")
    def test_same_week_seen_from_its_sunday(self):
        self.assertEqual(
            {g.partner_id.name for g in self._week()},
            {"Ann", "Bob", "Alpha Ltd", "Gamma Ltd"},
        )

    def test_february_29(self):
        with freeze_time("2027-02-24"):
            greetings = self._week()
            self.assertEqual(
                self._summary(greetings), {("Eve", "birthday", "2027-02-28", 27)}
            )
        with freeze_time("2027-03-03"):
            self.assertFalse(self._week())
        with freeze_time("2028-02-28"):
            greetings = self._week()
            self.assertEqual(
                self._summary(greetings), {("Eve", "birthday", "2028-02-29", 28)}
            )

    @freeze_time("2025-12-31")
    def test_send_once(self):
        greetings = self._week()
        ann = greetings.filtered(lambda g: g.partner_id == self.ann)
        bob = greetings.filtered(lambda g: g.partner_id == self.bob)
        self.assertEqual(ann.channel, "email")
        self.assertEqual(bob.channel, "letter")
        result = greetings.action_send()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(set(greetings.mapped("state")), {"sent"})
        self.assertEqual(ann.sent_by_id, self.secretary)
        mails = self.env["mail.mail"].search(
            [("model", "=", "client.greeting"), ("res_id", "in", greetings.ids)]
        )
        self.assertEqual(len(mails), 2)  # Ann, Alpha Ltd (Gamma has no e-mail)
        self.assertIn(self.ann, mails.recipient_ids)
        self.assertIn("Happy birthday", ann_mail_subject(mails, ann))
        self.assertEqual(len(self.company_c.activity_ids), 1)
        letter = self.bob.activity_ids
        self.assertEqual(len(letter), 1)
        self.assertEqual(letter.user_id, self.secretary)
        interactions = self.env["client.interaction"].search(
            [("res_model", "=", "client.greeting"), ("res_id", "in", greetings.ids)]
        )
        self.assertEqual(len(interactions), 4)
        by_greeting = {i.res_id: i for i in interactions}
        self.assertEqual(by_greeting[bob.id].channel, "letter")
        self.assertEqual(by_greeting[bob.id].partner_id, self.company_a)
        self.assertEqual(by_greeting[bob.id].contact_id, self.bob)
        self.assertEqual(by_greeting[ann.id].channel, "email_out")
        # second click, and reopening the week: nothing is sent twice
        result = greetings.action_send()
        self.assertEqual(result["params"]["type"], "info")
        self.assertEqual(self._week(), greetings)
        self.assertEqual(
            len(
                self.env["mail.mail"].search(
                    [("model", "=", "client.greeting"), ("res_id", "in", greetings.ids)]
                )
            ),
            2,
        )
        self.assertEqual(len(self.bob.activity_ids), 1)
        self.assertEqual(
            self.env["client.interaction"].search_count(
                [("res_model", "=", "client.greeting")]
            ),
            4,
        )

    def test_not_twice_in_the_same_year(self):
        with freeze_time("2025-12-31"):
            greetings = self._week()
            greetings.action_send()
        # a greeting of the same year is never created again
        with freeze_time("2025-12-31"):
            self.env["client.greeting"]._generate(
                greetings[0].occasion_date, greetings[0].occasion_date
            )
        self.assertEqual(
            self.env["client.greeting"].search_count(
                [("partner_id", "=", self.ann.id), ("occasion", "=", "birthday")]
            ),
            1,
        )
        # next year, Ann is greeted again
        with freeze_time("2026-12-30"):
            self.assertIn(self.ann, self._week().partner_id)

    @freeze_time("2025-12-31")
    def test_access_by_group(self):
        greetings = self._week()
        # a Client Base user sees the greetings, only the secretary sends
        greetings.with_user(self.cb_user).read(["state"])
        with self.assertRaises(AccessError):
            greetings.with_user(self.cb_user).action_send()
        with self.assertRaises(AccessError):
            greetings.with_user(self.plain_user).read(["state"])
        menu = self.env.ref("client_base.client_workspace_secretary_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.secretary)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.cb_user)._visible_menu_ids())

    @freeze_time("2025-12-31")
    def test_malformed_email_is_a_letter_and_title_in_user_format(self):
        self.company_a.email = "office@@alpha.example.com"
        self.secretary.lang = "en_US"
        Greeting = self.env["client.greeting"].with_user(self.secretary)
        action = Greeting.action_open_week()
        greetings = Greeting.search(action["domain"])
        founding = greetings.filtered(lambda g: g.partner_id == self.company_a)
        self.assertEqual(founding.channel, "letter")
        ann = greetings.filtered(lambda g: g.partner_id == self.ann)
        self.assertEqual(ann.channel, "email")
        # no ISO date in the title: the user's date format
        self.assertNotIn("2025-12-29", action["display_name"])
        self.assertIn("12/29/2025", action["display_name"])
        # found malformed after the greeting was prepared: a letter too
        self.ann.email = "ann@"
        Greeting.action_open_week()
        self.assertEqual(ann.channel, "letter")


def ann_mail_subject(mails, greeting):
    return mails.filtered(lambda m: m.res_id == greeting.id).subject
