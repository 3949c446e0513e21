"""Unit tests of client_base/tools/duplicates*.py (no Odoo)."""

import doctest

import pytest
from conftest import load_pure

dup = load_pure("client_base", "duplicates")
dup_keys = load_pure("client_base", "duplicates_keys")
dup_names = load_pure("client_base", "duplicates_names")
dup_person = load_pure("client_base", "duplicates_person")
rec = dup.make_record

INN = "7707083893"


def test_doctests():
    for module in (dup, dup_keys, dup_names, dup_person):
        failed, _attempted = doctest.testmod(module)
        assert not failed, module.__name__


@pytest.mark.parametrize(
    "name,core",
    [
        ("ООО «Вектор»", "vektor"),
        ('ЗАО "ВЕКТОР"', "vektor"),
        ("«Вектор», ООО", "vektor"),
        ("Общество с ограниченной ответственностью «Вектор-М»", "vektor m"),
        ("ИП Иванов А.Б.", "ivanov a b"),
        ("Atlas Trading GmbH", "atlas trading"),
        ("Nord Foods Co., Ltd.", "nord foods"),
        ("  ", ""),
        (False, ""),
    ],
)
def test_legal_core(name, core):
    assert dup_names.legal_core(name) == core


def test_name_similarity_across_scripts_and_forms():
    assert dup_names.name_similarity("ООО Ромашка", "Romashka LLC") == 100
    assert dup_names.name_similarity("ООО «Вектор»", "Vektor Plus") < dup.NAME_MIN
    assert dup_names.name_similarity("ООО", "АО") == 0


@pytest.mark.parametrize(
    "raw,region,key",
    [
        ("+7 495 123-45-67", None, "+74951234567"),
        ("8 (495) 123-45-67", "RU", "+74951234567"),
        ("+74951234567", "BE", "+74951234567"),
        ("+7 (495) 123-45-67 доб. 12", "RU", "+74951234567"),
        ("+74951234567;ext=12", None, "+74951234567"),
        ("0032 2 290 34 90", None, "+3222903490"),
        ("02 290 34 90", "be", "+3222903490"),
        ("12-34", "RU", False),
        ("нет", "RU", False),
        ("8 (495) 123-45-67", None, False),
        ("", "RU", False),
        (None, "RU", False),
    ],
)
def test_phone_key_reads_any_format(raw, region, key):
    assert dup_keys.phone_key(raw, region) == key


def test_email_and_domain_keys():
    assert dup_keys.email_key("Info@Romashka.RU") == "info@romashka.ru"
    assert dup_keys.email_key("a@@b.ru") is False
    assert dup_keys.domain_key("info@romashka.ru") == "romashka.ru"
    assert dup_keys.domain_key("ivanov@yandex.ru", "https://romashka.ru") is False
    assert dup_keys.domain_key(False, "http://www.romashka.ru/") == "romashka.ru"
    assert dup_keys.domain_key("broken", False) is False
    assert dup_keys.is_public_domain("GMAIL.com")


def test_tax_key():
    assert dup_keys.tax_key(INN) == INN
    assert dup_keys.tax_key("RU" + INN) == INN
    assert dup_keys.tax_key("7707083894") is False
    assert dup_keys.tax_key("DE 123 456 789") == "DE123456789"
    assert dup_keys.tax_key("/") is False
    assert dup_keys.tax_key("1234") is False


def test_strong_evidence():
    a = rec(1, name="A", vat=INN, phones=["+74951234567"], emails=["a@a.ru"])
    assert dup.score_pair(a, rec(2, name="B", vat=INN)) == (100, ("vat",))
    assert dup.score_pair(a, rec(2, phones=["+74951234567"])) == (100, ("phone",))
    assert dup.score_pair(a, rec(2, emails=["a@a.ru"])) == (100, ("email",))


def test_same_commercial_entity_or_kind_never_pairs():
    a = rec(1, phones=["+74951234567"])
    assert dup.score_pair(a, rec(2, cp=1, phones=["+74951234567"]))[0] == 0
    contact = rec(3, cp=9, contact=True, phones=["+74951234567"])
    assert dup.score_pair(a, contact)[0] == 0


def test_branch_with_other_kpp_vetoes_everything():
    a = rec(1, name="Вектор", vat=INN, kpp="770701001", phones=["+74951234567"])
    b = rec(2, name="Вектор", vat=INN, kpp="165501001", phones=["+74951234567"])
    assert dup.score_pair(a, b) == (0, ("branch",))
    same_kpp = rec(3, vat=INN, kpp="770701001")
    assert dup.score_pair(a, same_kpp)[0] == 100
    assert dup.score_pair(a, rec(4, vat=INN))[0] == 100


def test_shared_keys_are_not_evidence():
    a = rec(1, emails=["buh@acc.ru"], phones=["+74951234567"])
    b = rec(2, emails=["buh@acc.ru"], phones=["+74951234567"])
    shared = frozenset({("email", "buh@acc.ru"), ("phone", "+74951234567")})
    assert dup.score_pair(a, b, shared) == (0, ())


def test_weak_evidence_needs_name_city_and_domain():
    base = {"name": "ООО «Вектор»", "city": "Москва", "domain": "vektor.ru"}
    a = rec(1, **base)
    score, evidence = dup.score_pair(a, rec(2, **base))
    assert score >= dup.THRESHOLD and evidence == ("name", "city", "domain")
    # common name and city, another domain or none
    for other in ({"domain": "vektor-msk.ru"}, {"domain": False}):
        score, _e = dup.score_pair(a, rec(2, **{**base, **other}))
        assert score < dup.THRESHOLD
    # same domain, another city
    assert dup.score_pair(a, rec(2, **{**base, "city": "Казань"}))[0] < dup.THRESHOLD
    # another name
    assert dup.score_pair(a, rec(2, **{**base, "name": "Орион"}))[0] < dup.THRESHOLD
    # a domain shared by many is not evidence
    shared = frozenset({("domain", "vektor.ru")})
    assert dup.score_pair(a, rec(2, **base), shared)[0] < dup.THRESHOLD


def test_different_tax_ids_veto_the_weak_evidence():
    base = {"name": "ООО «Вектор»", "city": "Москва", "domain": "vektor.ru"}
    a = rec(1, vat=INN, **base)
    b = rec(2, vat="7736050003", **base)
    score, evidence = dup.score_pair(a, b)
    assert score == 0 and "other_vat" in evidence


def test_contacts_need_a_similar_name_for_a_phone():
    a = rec(1, cp=10, contact=True, name="Иванов Иван", phones=["+74951234567"])
    b = rec(2, cp=20, contact=True, name="Петров Пётр", phones=["+74951234567"])
    assert dup.score_pair(a, b)[0] == 0
    c = rec(3, cp=20, contact=True, name="Иванов Иван", phones=["+74951234567"])
    assert dup.score_pair(a, c)[0] == 100
    d = rec(4, cp=20, contact=True, name="Сидоров", emails=["i@x.ru"])
    assert dup.score_pair(rec(5, cp=30, contact=True, emails=["i@x.ru"]), d)[0] == 100


def test_contacts_need_a_near_identical_name_for_weak_evidence():
    base = {"contact": True, "city": "Москва", "domain": "vektor.ru"}
    a = rec(1, cp=10, name="Кузнецова Ольга Владимировна", **base)
    b = rec(2, cp=20, name="Кузнецова Мария Владимировна", **base)
    assert dup.score_pair(a, b)[0] < dup.THRESHOLD
    c = rec(3, cp=20, name="КУЗНЕЦОВА ОЛЬГА ВЛАДИМИРОВНА", **base)
    assert dup.score_pair(a, c)[0] >= dup.THRESHOLD


def test_malformed_emails_are_no_evidence():
    a = rec(1, emails=["@inbox.ru"])
    b = rec(2, emails=["@inbox.ru"])
    assert dup.score_pair(a, b)[0] == 0


def test_clusters():
    assert dup.clusters([]) == {}
    assert dup.clusters([(2, 1), (3, 4), (4, 2)]) == {1: 1, 2: 1, 3: 1, 4: 1}


def test_clusters_never_join_two_people_told_apart():
    # A (born 1970) and C (born 1969): two people; B (no birthday) matches
    # C surely and A weakly (the same name and mailbox): B stays with C
    people = {
        1: rec(1, name="Дмитриев Борис", person=True, birthday="1970-12-10"),
        2: rec(2, name="Дмитриев Борис", person=True),
        3: rec(3, name="Дмитриев Борис", person=True, birthday="1969-07-17"),
    }

    def conflict(x, y):
        return dup.person_conflict(people[x], people[y])

    assert conflict(1, 3) and not conflict(1, 2) and not conflict(2, 3)
    cluster, kept = dup.kept_pairs([(2, 3), (1, 2)], conflict)
    assert kept == [(2, 3)]
    assert cluster == {2: 2, 3: 2}
    # without the veto the three are one cluster, as before
    assert set(dup.clusters([(2, 3), (1, 2)]).values()) == {1}


def test_person_conflict_vetoes_only():
    a = rec(1, name="Иванов Иван Петрович", person=True)
    b = rec(2, name="Иванов Иван Сергеевич", person=True)
    c = rec(3, name="Петров Пётр", person=True, birthday="1970-01-02")
    assert dup.person_conflict(a, b)  # two patronymics
    # other names alone are no veto (B may still join through a missing part)
    assert not dup.person_conflict(a, c)


def test_companies_never_conflict():
    # two branches (same INN, two KPP) stay joinable through a third record
    x = rec(1, vat=INN, kpp="770701001")
    y = rec(2, vat=INN, kpp="771001001")
    assert dup.score_pair(x, y) == (0, ("branch",))
    assert not dup.person_conflict(x, y)


# People ------------------------------------------------------------------


def person(pid, name, **values):
    return rec(pid, name=name, person=True, **values)


@pytest.mark.parametrize(
    "left,right",
    [
        ("Иванов Иван", "Ivanov Ivan"),  # transliteration
        ("Фёдоров Пётр", "Федоров Петр"),  # ё / е
        ("Хабарова Юлия", "Khabarova Iuliia"),  # two romanisations
        ("Иванов Иван", "Иванов Иван Иванович"),  # patronymic on one side
        ("Иванов Иван", "Иван Иванов"),  # swapped parts
        ("Smirnova Natalia", "Smirnova Natalya"),
        ("Иванов Иван", "Ивонов Иван"),  # a typo
    ],
)
def test_person_name_variants_share_a_key_and_match(left, right):
    keys_left = set(dup_person.person_blocking_keys(left).split())
    keys_right = set(dup_person.person_blocking_keys(right).split())
    assert keys_left & keys_right
    assert dup_person.person_name_match(
        dup_names.person_parts(left)[0], dup_names.person_parts(right)[0]
    )


def test_person_blocking_keys_without_a_shared_contact_value():
    keys = dup_person.person_blocking_keys(
        "Иванов Иван", "1985-03-07", "101000", "Москва", "ул. Ленина, 5"
    )
    assert set(keys.split()) == {
        "n:i150i151",
        "p:101000:i151",
        "p:101000:i150",
        "b:19850307:i",
        "s:101000:lenina_5:i",
    }
    # a typo in the given name: still the birthday, the street and the zip
    other = dup_person.person_blocking_keys(
        "Иванов Ивна", "1985-03-07", "101000", None, "Ленина 5"
    )
    assert {"b:19850307:i", "p:101000:i151", "s:101000:lenina_5:i"} <= set(
        other.split()
    )
    assert dup_person.person_blocking_keys("") is False


def test_person_evidence_name_and_birthday():
    a = person(1, "Иванов Иван Иванович", birthday="1985-03-07")
    b = person(2, "Ivanov Ivan", birthday="1985-03-07")
    score, evidence = dup.score_pair(a, b)
    assert score >= dup.THRESHOLD
    assert evidence == ("full_name", "birthday")


def test_person_evidence_birthday_one_typo_away():
    a = person(1, "Петрова Анна", birthday="1985-03-07", zip_code="101000")
    b = person(2, "Петрова Анна", birthday="1985-03-08", zip_code="101000")
    score, evidence = dup.score_pair(a, b)
    assert score >= dup.THRESHOLD
    assert evidence == ("full_name", "birthday_typo", "zip")
    swapped = person(3, "Петрова Анна", birthday="1985-07-03", zip_code="101000")
    assert "birthday_typo" in dup.score_pair(a, swapped)[1]


def test_person_evidence_street_zip_city():
    values = {"street": "ул. Ленина, д. 5", "zip_code": "101000", "city": "Москва"}
    a = person(1, "Сидоров Олег", **values)
    b = person(2, "Sidorov Oleg", street="Lenina 5", zip_code="101 000", city="москва")
    score, evidence = dup.score_pair(a, b)
    assert evidence == ("full_name", "street", "zip", "city")
    assert score >= dup.THRESHOLD
    # the same name in the same town only: two people
    c = person(3, "Сидоров Олег", zip_code="101000", city="Москва")
    d = person(4, "Сидоров Олег", zip_code="101000", city="Москва")
    assert dup.score_pair(c, d)[0] < dup.THRESHOLD


def test_person_evidence_missing_part():
    a = person(1, "Кузнецова", birthday="1990-01-02", zip_code="190000")
    b = person(2, "Кузнецова Мария", birthday="1990-01-02", zip_code="190000")
    score, evidence = dup.score_pair(a, b)
    assert evidence == ("partial_name", "birthday", "zip")
    assert score >= dup.THRESHOLD


def test_person_evidence_phone_with_the_same_name():
    a = person(1, "Орлов Дмитрий", phones=["+79161234567"])
    b = person(2, "Dmitry Orlov", phones=["+79161234567"])
    score, evidence = dup.score_pair(a, b)
    assert evidence == ("full_name", "phone")
    assert score >= dup.THRESHOLD


def test_person_against_two_different_birthdays():
    a = person(1, "Иванов Иван", birthday="1960-05-01", phones=["+79161234567"])
    b = person(2, "Иванов Иван", birthday="1988-11-23", phones=["+79161234567"])
    assert dup.score_pair(a, b) == (0, ("other_birthday",))


def test_person_against_other_patronymic():
    a = person(1, "Иванов Иван Петрович", street="Ленина 5", zip_code="101000")
    b = person(2, "Иванов Иван Сергеевич", street="Ленина 5", zip_code="101000")
    assert dup.score_pair(a, b) == (0, ("other_patronymic",))


def test_person_against_household_sharing_a_phone_and_a_mailbox():
    shared = {"phones": ["+74951234567"], "emails": ["ivanovy@mail.ru"]}
    address = {"street": "ул. Ленина, 5", "zip_code": "101000", "city": "Москва"}
    a = person(1, "Иванов Иван", **shared, **address)
    b = person(2, "Иванова Мария", **shared, **address)
    score, evidence = dup.score_pair(a, b)
    assert score < dup.THRESHOLD and "household" in evidence
    # brothers at one address: two birthdays
    c = person(3, "Иванов Пётр", birthday="2001-02-03", **address)
    d = person(4, "Иванов Павел", birthday="1998-10-11", **address)
    assert dup.score_pair(c, d) == (0, ("other_birthday",))


def test_person_evidence_one_name_part_needs_birthday_and_place():
    # a married name, or a diminutive: one birthday, one zip
    a = person(1, "Смирнова Анна", birthday="1990-04-05", zip_code="190000")
    b = person(2, "Козлова Анна", birthday="1990-04-05", zip_code="190000")
    score, evidence = dup.score_pair(a, b)
    assert evidence == ("one_name_part", "birthday", "zip")
    assert score >= dup.THRESHOLD
    # without the birthday: relatives at one address
    c = person(3, "Смирнова Анна", street="Невский 10", zip_code="190000")
    d = person(4, "Смирнова Ольга", street="Невский 10", zip_code="190000")
    assert dup.score_pair(c, d)[0] < dup.THRESHOLD


def test_similar_street_and_whole_name():
    assert dup_person.similar_street(
        dup_person.street_key("31 Kennewellp Lace"), "kenewel 31"
    )
    assert not dup_person.similar_street("kenewel 31", "kenewel 13")
    assert (
        dup_person.person_name_match(("emi", "ilu", "alard"), ("emiilu", "alard"))
        == "name"
    )


def test_companies_and_contacts_keep_their_scoring():
    a = rec(1, name="ООО «Ромашка»", phones=["+74951234567"])
    b = rec(2, name="Ромашка", phones=["+74951234567"])
    assert dup.score_pair(a, b)[0] == 100
    # an individual and a company are not compared as people
    c = person(3, "Иванов Иван", phones=["+74951234567"])
    assert dup.score_pair(a, c)[1] == ("phone",)


def test_person_evidence_email_with_the_same_name():
    a = person(1, "Орлова Анна", emails=["anna.orlova@mail.ru"])
    b = person(2, "Anna Orlova", emails=["Anna.Orlova@mail.ru"])
    score, evidence = dup.score_pair(a, b)
    assert evidence == ("full_name", "email")
    assert score >= dup.THRESHOLD


@pytest.mark.parametrize(
    "left,right",
    [
        ("Соловьёва Мария", "Соловьёва Дарья"),  # another first letter
        ("Смирнов Александр", "Смирнов Алексей"),  # a common prefix only
    ],
)
def test_person_names_that_are_two_names(left, right):
    match = dup_person.person_name_match(
        dup_names.person_parts(left)[0], dup_names.person_parts(right)[0]
    )
    assert match == "one_part"
    a = person(1, left, birthday="1990-01-01", zip_code="101000", street="Мира 1")
    b = person(2, right, birthday="1990-01-02", zip_code="101000", street="Мира 1")
    assert dup.score_pair(a, b)[0] < dup.THRESHOLD  # and no birthday typo


def test_person_spouses_are_not_one_name_part():
    assert dup_person.person_name_match(("ivanov", "petr"), ("ivanova", "anna")) == ""


def test_person_evidence_zip_one_typo_away_in_the_same_city():
    a = person(1, "Wilson Jack", birthday="1960-05-04", zip_code="4560", city="Kela")
    b = person(2, "Wilson Jack", birthday="1960-05-14", zip_code="4506", city="Kela")
    score, evidence = dup.score_pair(a, b)
    assert evidence == ("full_name", "birthday_typo", "zip_typo", "city")
    assert score >= dup.THRESHOLD
    # another town: no zip evidence
    c = person(3, "Wilson Jack", birthday="1960-05-14", zip_code="4506", city="Dapto")
    assert dup.score_pair(a, c)[0] < dup.THRESHOLD
    assert not dup_person.birthday_typo("19850303", "19850303")
