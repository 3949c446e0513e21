# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkspaceTour(HttpCase):
    """Log in as each role and open its workspace in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="tour_manager",
            groups="base.group_user,client_base.client_base_group_user",
        )
        cls.secretary = new_test_user(
            cls.env,
            login="tour_secretary",
            groups="base.group_user,client_base.client_base_group_secretary",
        )
        company = cls.env["res.partner"].create(
            {
                "name": "Tour Client Ltd",
                "is_company": True,
                "user_id": cls.manager.id,
                "client_state": "client",
                "client_verified_on": date.today(),
            }
        )
        overdue = cls.env["res.partner"].create(
            {
                "name": "Tour Overdue Ltd",
                "is_company": True,
                "user_id": cls.manager.id,
                "client_state": "client",
                "client_verified_on": date.today() - timedelta(days=3 * 366),
            }
        )
        overdue.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=date.today() - timedelta(days=2),
            summary="Tour overdue call",
            user_id=cls.manager.id,
        )
        today = date.today()
        yesterday = today - timedelta(days=1)
        # a birthday today, in a leap year so that February 29 works too; a
        # malformed e-mail: the greeting is planned as a letter
        cls.env["res.partner"].create(
            {
                "name": "Tour Birthday Person",
                "parent_id": company.id,
                "birthday": date(1988, today.month, today.day),
                "email": "birthday@@tour.example.com",
            }
        )
        if yesterday.isocalendar()[:2] == today.isocalendar()[:2]:
            cls.env["res.partner"].create(
                {
                    "name": "Tour Yesterday Person",
                    "parent_id": company.id,
                    "birthday": date(1988, yesterday.month, yesterday.day),
                }
            )

    def test_manager_workspace(self):
        self.start_tour("/odoo", "client_workspace_manager", login="tour_manager")

    def test_secretary_workspace(self):
        if date.today().isoweekday() == 1:
            self.skipTest("on Mondays the week has no past day")
        self.start_tour("/odoo", "client_workspace_secretary", login="tour_secretary")

    def test_secretary_landing_page(self):
        # Home Action = the workspace (Settings › Users › Preferences)
        action = self.env.ref("client_base.client_greeting_action_week")
        self.secretary.action_id = action.id
        self.start_tour("/odoo", "client_workspace_landing", login="tour_secretary")
