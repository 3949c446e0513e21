# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestQualityMissing(ClientBaseCommon):
    """Missing primary data per field: which field, how many clients, and
    the list of those clients to fill in bulk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.bare = Partner.create(
            {"name": "Bare Ltd", "is_company": True, "phone": "+7 495 123 45 67"}
        )
        cls.fuller = Partner.create(
            {
                "name": "Fuller Ltd",
                "is_company": True,
                "phone": "+7 495 123 45 68",
                "client_phone_extra": "+7 495 123 45 69",
                "email": "info@fuller.example.com",
            }
        )
        # a contact person lacks its own primary fields: not a client
        cls.person = Partner.create({"name": "Ivan", "parent_id": cls.fuller.id})
        cls.ours = cls.bare | cls.fuller
        cls.env.flush_all()

    def _rows(self, user=None):
        Report = self.env["client.quality.missing.report"]
        return Report.with_user(user or self.cb_manager).search(
            [("partner_id", "in", (self.ours | self.person).ids)]
        )

    def test_one_row_per_client_and_missing_field(self):
        rows = self._rows()
        self.assertNotIn(self.person, rows.partner_id)
        for partner in self.ours:
            keys = [k.strip() for k in (partner.client_missing_fields or "").split(",")]
            mine = rows.filtered(lambda r, p=partner: r.partner_id == p)
            self.assertEqual(
                sorted(mine.mapped("field_key")), sorted(filter(None, keys))
            )
        missing_extra = rows.filtered(lambda r: r.field_key == "client_phone_extra")
        self.assertEqual(missing_extra.partner_id, self.bare)
        self.assertFalse(rows.filtered(lambda r: r.field_key == "phone"))

    def test_counts_per_field(self):
        Report = self.env["client.quality.missing.report"].with_user(self.cb_manager)
        counts = dict(
            Report._read_group(
                [("partner_id", "in", self.ours.ids)], ["field_key"], ["__count"]
            )
        )
        self.assertEqual(counts["client_phone_extra"], 1)
        self.assertEqual(counts["email"], 1)
        self.assertEqual(counts["website"], 2)
        self.assertNotIn("phone", counts)
        # ids are unique: one row per client and field
        rows = self._rows()
        self.assertEqual(len(set(rows.ids)), len(rows))

    def test_open_the_clients_of_a_field(self):
        rows = self._rows().filtered(lambda r: r.field_key == "client_phone_extra")
        action = rows.action_open_clients()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["domain"], [("id", "in", self.bare.ids)])
        self.assertIn("Additional work phone", action["display_name"])
        # the list can be edited in bulk
        view = self.env.ref("client_base.res_partner_view_list_missing_primary")
        self.assertIn('multi_edit="1"', view.arch_db)

    def test_managers_only(self):
        with self.assertRaises(AccessError):
            self._rows(self.cb_user)
        with self.assertRaises(AccessError):
            self._rows(self.plain_user)
