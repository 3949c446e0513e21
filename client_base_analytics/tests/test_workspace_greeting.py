# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import freeze_time, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestWorkspaceGreeting(AccountTestInvoicingCommon):
    """With invoicing, "client since" is the date of the first invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id += cls.env.ref("client_base.client_base_group_secretary")
        Partner = cls.env["res.partner"]
        cls.first = Partner.create({"name": "First Ltd", "is_company": True})
        cls.late = Partner.create(
            {"name": "Late Ltd", "is_company": True, "client_state": "client"}
        )
        cls.old = Partner.create({"name": "Old Ltd", "is_company": True})
        # created on Dec 31 but first invoiced in May: May counts
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = '2019-12-31 09:00' WHERE id = %s",
            [cls.late.id],
        )
        for partner, date in (
            (cls.first, "2024-12-30"),
            (cls.first, "2025-06-01"),
            (cls.late, "2023-05-05"),
            (cls.old, "2022-03-03"),
            (cls.old, "2025-01-02"),
        ):
            cls.init_invoice(
                "out_invoice",
                partner=partner,
                invoice_date=date,
                amounts=[10],
                post=True,
            )
        cls.mine = cls.first | cls.late | cls.old

    @freeze_time("2025-12-31")
    def test_client_since_first_invoice(self):
        Greeting = self.env["client.greeting"]
        greetings = Greeting.search(Greeting.action_open_week()["domain"]).filtered(
            lambda g: g.partner_id in self.mine
        )
        self.assertEqual(
            [
                (g.partner_id, g.occasion, str(g.origin_date), g.years)
                for g in greetings
            ],
            [(self.first, "client_since", "2024-12-30", 1)],
        )
        self.assertEqual(str(greetings.occasion_date), "2025-12-30")
