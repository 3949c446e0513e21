# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .contact_common import ContactCommon

# A checksum-valid 10-digit INN and another one.
INN = "7707083893"
OTHER_INN = "7736050003"


@tagged("post_install", "-at_install")
class TestContactDuplicates(ContactCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.original = cls._company(
            name="ООО «Ромашка»",
            city="Москва",
            email="Info@Romashka.ru",
            phone="+7 495 123 45 67",
            vat=INN,
        )

    def _found(self, partner):
        partner.invalidate_recordset(
            ["client_duplicate_ids", "client_duplicate_top_score"]
        )
        return partner.client_duplicate_ids

    def _suspect(self, first, second):
        """Both directions of the live look-up find the pair."""
        return second in self._found(first) and first in self._found(second)

    # Signals ---------------------------------------------------------------

    def test_strong_signals(self):
        cases = [
            ("same INN", {"name": "Other 1", "vat": "77 0708 3893"}),
            ("same phone, any format", {"name": "Other 2", "phone": "8(495)123-45-67"}),
            ("phone vs mobile", {"name": "Other 3", "mobile": "+7 495 123-45-67"}),
            ("same e-mail", {"name": "Other 4", "email": " INFO@romashka.RU "}),
            (
                "same e-mail as a personal one",
                {"name": "Other 5", "client_email_personal": "info@romashka.ru"},
            ),
        ]
        for label, vals in cases:
            with self.subTest(label):
                other = self._company(city="Казань", **vals)
                self.assertTrue(self._suspect(self.original, other), label)
                self.assertEqual(other.client_duplicate_top_score, 100)
                other.action_archive()

    def test_inn_with_different_kpp_is_a_branch(self):
        self.original.client_kpp = "770701001"
        branch = self._company(
            name="ООО «Ромашка» (филиал)",
            city="Казань",
            vat=INN,
            client_kpp="165501001",
            email="kazan@romashka.ru",
        )
        self.assertFalse(self._suspect(self.original, branch))
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(branch.client_duplicate_suspect)
        # the same INN with no distinguishing KPP is a duplicate
        twin = self._company(name="Ромашка", vat=INN, client_kpp="770701001")
        self.assertTrue(self._suspect(self.original, twin))
        bare = self._company(name="Ромашка 2", vat=INN)
        self.assertTrue(self._suspect(self.original, bare))

    def test_invalid_inn_is_no_evidence(self):
        other = self._company(name="Other", vat="7707083894")
        self.assertFalse(self._suspect(self.original, other))

    def test_shared_email_is_not_enough(self):
        """An accountant's mailbox used by many unrelated companies."""
        clients = self.env["res.partner"]
        for index in range(4):
            clients |= self._company(
                name=f"Client {index}",
                city=f"City {index}",
                email="buh@accountants.ru",
            )
        self.assertFalse(self._found(clients[0]))
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(any(clients.mapped("client_duplicate_suspect")))
        # shared by two only, it is evidence
        pair = self._company(name="A", email="a@b.ru") | self._company(
            name="B", email="a@b.ru"
        )
        self.assertTrue(self._suspect(pair[0], pair[1]))

    def test_common_name_and_city_are_not_enough(self):
        namesake = self._company(
            name="ООО «Ромашка»", city="Москва", email="info@romashka-msk.ru"
        )
        self.assertFalse(self._suspect(self.original, namesake))
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(namesake.client_duplicate_suspect)

    def test_similar_name_city_and_company_domain(self):
        other = self._company(
            name='Общество с ограниченной ответственностью "РОМАШКА"',
            city=" москва ",
            email="director@romashka.ru",
        )
        self.assertTrue(self._suspect(self.original, other))
        self.assertEqual(other.client_duplicate_top_score, 100)
        # a public mail provider is not a company domain
        first = self._company(name="ИП Сидоров", city="Тула", email="a1@mail.ru")
        second = self._company(name="ИП Сидоров", city="Тула", email="a2@mail.ru")
        self.assertFalse(self._suspect(first, second))
        # different valid tax IDs: two legal entities, whatever the rest
        third = self._company(
            name="ООО Ромашка", city="Москва", email="post@romashka.ru", vat=OTHER_INN
        )
        self.assertFalse(self._suspect(self.original, third))

    def test_empty_values_never_group(self):
        first = self._company(name="Blank A", email="  ", phone="")
        second = self._company(name="Blank B", email=False, phone=False)
        self.assertFalse(first.client_duplicate_ids)
        self.assertFalse(second.client_duplicate_ids)
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(first.client_duplicate_suspect)
        self.assertFalse(second.client_duplicate_suspect)

    def test_own_contacts_are_not_duplicates(self):
        contact = self.Partner.create(
            {
                "name": "Reception",
                "parent_id": self.original.id,
                "phone": "+74951234567",
            }
        )
        self.assertFalse(contact.client_duplicate_ids)

    def test_phone_key_from_any_stored_format(self):
        """The E.164 key does not rely on the stored spelling of the phone."""
        partner = self._company(name="Keyed", phone="+7 495 765-43-21 доб. 5")
        self.assertEqual(partner.client_phone_e164, "+74957654321")
        # stored as a person typed it, behind the ORM's back (legacy data)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET phone = %s WHERE id = %s",
                "8 (495) 765-43-21",
                partner.id,
            )
        )
        self.env.invalidate_all()
        partner._client_refresh_quality()
        self.assertEqual(partner.client_phone_e164, "+74957654321")
        belgian = self._company(
            name="BE", country_id=self.be.id, mobile="0470 12 34 56"
        )
        self.assertEqual(belgian.client_mobile_e164, "+32470123456")
        self.assertFalse(self._company(name="Bad", phone="12-34").client_phone_e164)

    # Banner ----------------------------------------------------------------

    def test_banner_shows_evidence_and_score(self):
        other = self._company(
            name="ромашка",
            city="Москва",
            email="sales@romashka.ru",
            phone="84951234567",
        )
        self.assertEqual(self.original.client_duplicate_count, 1)
        self.assertEqual(self.original.client_duplicate_top_score, 100)
        evidence = str(self.original.client_duplicate_evidence)
        self.assertIn(other.display_name, evidence)
        self.assertIn("100 %", evidence)
        for label in ("same phone", "similar name", "same city", "same company domain"):
            self.assertIn(label, evidence)
        # in the reader's language
        self.env["res.lang"]._activate_lang("ru_RU")
        ru = self.original.with_context(lang="ru_RU")
        ru.invalidate_recordset(["client_duplicate_evidence"])
        self.assertIn("100 %", str(ru.client_duplicate_evidence))
        # a hostile name is escaped
        other.name = "<script>alert(1)</script>"
        self.original.invalidate_recordset(["client_duplicate_evidence"])
        self.assertNotIn("<script>", str(self.original.client_duplicate_evidence))

    def test_warning_at_entry_on_new_record(self):
        new = self.Partner.new(
            {
                "name": "Typed",
                "is_company": True,
                "email": "info@romashka.ru",
                "country_id": self.ru.id,
            }
        )
        self.assertEqual(new.client_duplicate_ids._origin, self.original)
        self.assertEqual(new.client_duplicate_count, 1)

    def test_form_warns_at_entry_and_normalises_on_save(self):
        partner_form = Form(self.Partner.with_context(default_is_company=True))
        partner_form.name = "Typed in the form"
        partner_form.country_id = self.ru
        partner_form.email = "INFO@romashka.ru"
        self.assertEqual(partner_form.client_duplicate_count, 1)
        self.assertEqual(partner_form.client_duplicate_top_score, 100)
        partner_form.phone = "8 495 765 43 21"
        partner = partner_form.save()
        self.assertEqual(partner.client_phone_e164, "+74957654321")
        self.assertEqual(partner.email, "INFO@romashka.ru")  # case kept (Odoo rule)
        self.assertIn(self.original, partner.client_duplicate_ids)

    # Not a duplicate, merge ------------------------------------------------

    def test_not_a_duplicate(self):
        other = self._company(name="Branch", email="info@romashka.ru")
        self.Partner._client_refresh_duplicate_flags()
        self.assertTrue(other.client_duplicate_suspect)
        self.assertTrue(self.original.client_duplicate_suspect)
        self.assertEqual(other.client_duplicate_cluster_id, self.original)
        other.with_user(self.cb_user).action_client_mark_not_duplicate()
        self.assertFalse(self._found(other))
        self.assertFalse(self._found(self.original))
        # the flags drop at once, and the refresh keeps them down
        self.assertFalse(other.client_duplicate_suspect)
        self.assertFalse(self.original.client_duplicate_suspect)
        self.assertEqual(self.Partner._client_refresh_duplicate_flags(), 0)
        self.assertFalse(other.client_duplicate_cluster_id)

    def test_not_duplicates_from_the_review_list(self):
        second = self._company(name="Second", email="info@romashka.ru")
        third = self._company(name="Third", phone="+74951234567")
        self.Partner._client_refresh_duplicate_flags()
        (self.original | second).with_user(
            self.cb_user
        ).action_client_mark_not_duplicate()
        self.assertNotIn(second, self._found(self.original))
        self.assertIn(third, self._found(self.original))
        self.Partner._client_refresh_duplicate_flags()
        self.assertTrue(self.original.client_duplicate_suspect)
        self.assertTrue(third.client_duplicate_suspect)
        # second and third share nothing: second is no longer suspected
        self.assertFalse(second.client_duplicate_suspect)

    def test_merge_through_odoo_wizard(self):
        # Odoo's wizard compares e-mails as stored (case kept since 18.0 rules)
        other = self._company(
            name="ООО Ромашка", city="Москва", email="Info@Romashka.ru", vat=INN
        )
        contact = self.Partner.create({"name": "Ivanov", "parent_id": other.id})
        action = self.original.with_user(self.cb_user).action_client_merge_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        Wizard = self.env[action["res_model"]].with_user(self.cb_user)
        wizard = Wizard.with_context(**action["context"]).create({})
        self.assertEqual(wizard.partner_ids, self.original | other)
        wizard.dst_partner_id = self.original
        wizard.action_merge()
        self.assertFalse(other.exists())
        self.assertEqual(contact.parent_id, self.original)
        self.assertFalse(self._found(self.original))

    def test_merge_keeps_the_wizard_safety_rules(self):
        other = self._company(name="ООО Ромашка", vat=INN, email="other@romashka.ru")
        action = self.original.with_user(self.cb_user).action_client_merge_duplicates()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.cb_user)
            .with_context(**action["context"])
            .create({})
        )
        with self.assertRaisesRegex(UserError, "same email"):
            wizard.action_merge()
        self.assertTrue(other.exists())
        lonely = self._company(name="Lonely", city="Омск")
        with self.assertRaises(UserError):
            lonely.with_user(self.cb_user).action_client_merge_duplicates()
        with self.assertRaises(AccessError):
            self.original.with_user(self.plain_user).action_client_merge_duplicates()

    def test_merge_refreshes_the_survivor_at_once(self):
        twin = self._company(name="Twin", email="info@romashka.ru")
        self.Partner._client_refresh_duplicate_flags()
        self.assertTrue(self.original.client_duplicate_suspect)
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.original | twin).ids, self.original)
        self.assertFalse(twin.exists())
        self.assertFalse(self.original.client_duplicate_suspect)
        self.assertFalse(self.original.client_duplicate_cluster_id)
        self.assertEqual(self.Partner._client_refresh_duplicate_flags(), 0)

    # Individuals -------------------------------------------------------------

    def _person(self, **vals):
        values = {"name": "Person", "is_company": False, "country_id": self.ru.id}
        values.update(vals)
        return self.Partner.create(values)

    def test_individuals_found_without_a_shared_contact_value(self):
        first = self._person(
            name="Иванов Иван Иванович",
            birthday="1985-03-07",
            zip="101000",
            city="Москва",
            street="ул. Ленина, д. 5",
        )
        second = self._person(
            name="Ivan Ivanov", birthday="1985-03-07", zip="101000", city="Moskva"
        )
        self.assertIn("b:19850307:i", second.client_person_keys.split())
        self.assertTrue(self._suspect(first, second))
        evidence = str(first.client_duplicate_evidence)
        for label in ("similar first and last name", "same birthday", "same zip"):
            self.assertIn(label, evidence)
        self.Partner._client_refresh_duplicate_flags()
        self.assertTrue(first.client_duplicate_suspect)
        self.assertEqual(second.client_duplicate_cluster_id, first)
        # a third one with a typo in the name, at the same street
        third = self._person(
            name="Иваноф Иван", zip="101000", city="Москва", street="Ленина 5"
        )
        self.assertIn(third, self._found(first))
        self.Partner._client_refresh_duplicate_flags()
        self.assertEqual(third.client_duplicate_cluster_id, first)
        # in Russian
        self.env["res.lang"]._activate_lang("ru_RU")
        ru = first.with_context(lang="ru_RU")
        ru.invalidate_recordset(["client_duplicate_evidence"])
        self.assertNotIn("same birthday", str(ru.client_duplicate_evidence))

    def test_household_sharing_a_phone_is_not_one_person(self):
        values = {"phone": "+7 495 111-22-33", "email": "semya@mail.ru"}
        husband = self._person(name="Петров Олег", city="Тула", **values)
        wife = self._person(name="Петрова Анна", city="Тула", **values)
        self.assertFalse(self._suspect(husband, wife))
        # the same name with two different birthdays: two people
        father = self._person(name="Петров Олег", birthday="1960-01-01", **values)
        son = self._person(name="Петров Олег", birthday="1990-05-05", **values)
        self.assertFalse(self._suspect(father, son))
        self.Partner._client_refresh_duplicate_flags()
        households = husband | wife | father | son
        self.assertFalse(any(households.mapped("client_duplicate_suspect")))

    def test_own_companies_and_users_are_never_proposed(self):
        own = self.env.company.partner_id
        own.write({"phone": "+7 495 999-88-77", "email": "office@own-company.ru"})
        client = self._company(
            name="Client", phone="8 495 999 88 77", email="office@own-company.ru"
        )
        user_partner = self.cb_user.partner_id
        user_partner.write({"mobile": "+7 916 555-44-33"})
        lookalike = self._company(name="Other", mobile="+7 916 555-44-33")
        self.assertNotIn(own, self._found(client))
        self.assertNotIn(user_partner, self._found(lookalike))
        self.assertFalse(self._found(own))
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(own.client_duplicate_suspect)
        self.assertFalse(user_partner.client_duplicate_suspect)

    # Scheduled refresh -----------------------------------------------------

    def test_refresh_is_set_based_and_writes_only_changes(self):
        self.Partner._client_refresh_duplicate_flags()  # e.g. the test users
        twin = self._company(name="Twin", email="info@romashka.ru")
        by_mobile = self._company(name="Mobile twin", mobile="+74951234567")
        unrelated = self._company(name="Unrelated", email="other@example.com")
        changed = self.Partner._client_refresh_duplicate_flags()
        self.assertEqual(changed, 3)
        self.assertTrue(twin.client_duplicate_suspect)
        self.assertTrue(by_mobile.client_duplicate_suspect, "phone vs mobile")
        self.assertFalse(unrelated.client_duplicate_suspect)
        cluster = self.original | twin | by_mobile
        self.assertEqual(cluster.client_duplicate_cluster_id, self.original)
        self.assertEqual(set(cluster.mapped("client_duplicate_score")), {100})
        # nothing changed: nothing written, in a fixed number of queries
        with self.assertQueryCount(__system__=9):
            self.assertEqual(self.Partner._client_refresh_duplicate_flags(), 0)
        by_mobile.mobile = False
        self.assertEqual(self.Partner._client_refresh_duplicate_flags(), 1)
        self.assertFalse(by_mobile.client_duplicate_suspect)
        self.assertFalse(by_mobile.client_duplicate_cluster_id)

    def test_refresh_ignores_archived_partners(self):
        twin = self._company(name="Twin", email="info@romashka.ru")
        self.Partner._client_refresh_duplicate_flags()
        self.assertTrue(self.original.client_duplicate_suspect)
        twin.action_archive()
        self.Partner._client_refresh_duplicate_flags()
        self.assertFalse(self.original.client_duplicate_suspect)

    # Access ----------------------------------------------------------------

    def test_only_readable_records(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        hidden = self._company(
            name="Hidden", email="info@romashka.ru", company_id=company_b.id
        )
        self.assertIn(hidden, self._found(self.original))
        user = self.cb_user
        user.write({"company_ids": [(6, 0, self.env.company.ids)]})
        seen = self.original.with_user(user).with_context(
            allowed_company_ids=self.env.company.ids
        )
        self.assertNotIn(hidden.id, seen.client_duplicate_ids.ids)
        self.assertNotIn("Hidden", str(seen.client_duplicate_evidence or ""))
        action = self.env.ref("client_base.res_partner_action_duplicates")
        self.assertEqual(action.domain, "[('client_duplicate_suspect', '=', True)]")
        self.Partner._client_refresh_duplicate_flags()
        visible = (
            self.Partner.with_user(user)
            .with_context(allowed_company_ids=self.env.company.ids)
            .search([("client_duplicate_suspect", "=", True)])
        )
        # the only twin is of the other company: the job never pairs them,
        # the review names no client of another company
        self.assertNotIn(self.original, visible)
        self.assertNotIn(hidden, visible)
        self.assertFalse(hidden.client_duplicate_suspect)

    def test_review_menu_is_for_data_quality_managers(self):
        menu = self.env.ref("client_base.res_partner_menu_duplicates")
        self.assertIn(
            self.env.ref("client_base.client_base_group_manager"), menu.groups_id
        )
        self.assertEqual(
            self.env.ref("client_base.res_partner_action_duplicates").context,
            "{'search_default_group_client_duplicate_cluster': 1}",
        )
