"""Unit tests of client_base/tools/duplicates.py (no Odoo)."""

import doctest

import pytest
from conftest import load_pure

dup = load_pure("client_base", "duplicates")
rec = dup.make_record

INN = "7707083893"


def test_doctests():
    failed, _attempted = doctest.testmod(dup)
    assert not failed


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
    assert dup.legal_core(name) == core


def test_name_similarity_across_scripts_and_forms():
    assert dup.name_similarity("ООО Ромашка", "Romashka LLC") == 100
    assert dup.name_similarity("ООО «Вектор»", "Vektor Plus") < dup.NAME_MIN
    assert dup.name_similarity("ООО", "АО") == 0


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
    assert dup.phone_key(raw, region) == key


def test_email_and_domain_keys():
    assert dup.email_key("Info@Romashka.RU") == "info@romashka.ru"
    assert dup.email_key("a@@b.ru") is False
    assert dup.domain_key("info@romashka.ru") == "romashka.ru"
    assert dup.domain_key("ivanov@yandex.ru", "https://romashka.ru") is False
    assert dup.domain_key(False, "http://www.romashka.ru/") == "romashka.ru"
    assert dup.domain_key("broken", False) is False
    assert dup.is_public_domain("GMAIL.com")


def test_tax_key():
    assert dup.tax_key(INN) == INN
    assert dup.tax_key("RU" + INN) == INN
    assert dup.tax_key("7707083894") is False
    assert dup.tax_key("DE 123 456 789") == "DE123456789"
    assert dup.tax_key("/") is False
    assert dup.tax_key("1234") is False


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
