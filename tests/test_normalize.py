"""Unit tests of client_base/tools/normalize.py and quality.py (no Odoo)."""

import datetime
import doctest

import pytest
from conftest import load_pure

norm = load_pure("client_base", "normalize")
quality = load_pure("client_base", "quality")
import_match = load_pure("client_base", "import_match")

HOSTILE = ("'); DROP TABLE res_partner;--", "<img src=x onerror=alert(1)>")


def test_doctests():
    for mod in (norm, quality, import_match):
        failed, _attempted = doctest.testmod(mod)
        assert not failed


@pytest.mark.parametrize(
    "raw,region,expected",
    [
        ("+7 495 123-45-67", None, "+74951234567"),
        ("8 (495) 123-45-67", "RU", "+74951234567"),
        ("8 (495) 123-45-67", "ru", "+74951234567"),
        ("0032 2 290 34 90", None, "+3222903490"),
        ("02 290 34 90", "BE", "+3222903490"),
        ("+7 495 123 45 67 ext. 89", None, "+74951234567;ext=89"),
        ("+74951234567;ext=89", None, "+74951234567;ext=89"),
    ],
)
def test_phone_valid(raw, region, expected):
    assert norm.normalize_phone(raw, region) == (expected, True)


@pytest.mark.parametrize(
    "raw", ["abc", "123", "+999 123", "8 (495) 123-45-67", "++++", *HOSTILE]
)
def test_phone_invalid_keeps_trimmed_input(raw):
    value, valid = norm.normalize_phone(f"  {raw} ", None)
    assert valid is False
    assert value == raw.strip()


@pytest.mark.parametrize("raw", [None, False, "", "   ", "\t\n"])
def test_empty_values(raw):
    assert norm.normalize_phone(raw, "RU") == (False, True)
    assert norm.normalize_email(raw) == (False, True)
    assert norm.normalize_website(raw) == (False, True)
    assert norm.normalize_text(raw) is False
    assert norm.is_empty(raw)


@pytest.mark.parametrize(
    "raw,expected",
    [
        (" Foo.Bar@Example.COM ", "foo.bar@example.com"),
        ('"Ivanov I." <I.Ivanov@Mail.Ru>', "i.ivanov@mail.ru"),
        ("info@почта.рф", "info@почта.рф"),
        ("a+tag@sub.example.org", "a+tag@sub.example.org"),
    ],
)
def test_email_valid(raw, expected):
    assert norm.normalize_email(raw) == (expected, True)


@pytest.mark.parametrize(
    "raw",
    [
        "foo",
        "foo@",
        "@bar.com",
        "foo@bar",
        "foo bar@baz.com",
        "a@b@c.com",
        "foo..bar@baz.com",
        "a@b.com, c@d.com",
        "foo@-bar.com",
        *HOSTILE,
    ],
)
def test_email_invalid(raw):
    value, valid = norm.normalize_email(raw)
    assert valid is False
    assert value == raw.strip()


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("example.com", "https://example.com"),
        ("WWW.Example.COM/", "https://www.example.com"),
        ("http://example.com/a?b=1", "http://example.com/a?b=1"),
        ("https://пример.рф", "https://пример.рф"),
        ("example.com:8080/x", "https://example.com:8080/x"),
    ],
)
def test_website_valid(raw, expected):
    assert norm.normalize_website(raw) == (expected, True)


@pytest.mark.parametrize(
    "raw", ["not a site", "ftp://example.com", "http://", "localhost", *HOSTILE]
)
def test_website_invalid(raw):
    assert norm.normalize_website(raw)[1] is False


def test_clean_text_and_name_key():
    assert norm.clean_text("  a \x00 b  ") == "a b"
    assert norm.name_key("ACME, Ltd.", "Paris") == norm.name_key("acme ltd", "PARIS ")
    assert norm.name_key("ACME", "Paris") != norm.name_key("ACME", "Lyon")
    assert norm.name_key("", "Paris") is False
    assert norm.name_key("ACME", None) is False


def _rule(field, kind="company", segment=False, importance="primary", weight=3):
    return {
        "field": field,
        "partner_kind": kind,
        "segment": segment,
        "importance": importance,
        "required": False,
        "invalid_handling": "flag",
        "weight": weight,
    }


def test_select_rules_segment_overrides_general():
    rules = [
        _rule("phone"),
        _rule("phone", segment="vip", weight=5),
        _rule("email", kind="individual"),
    ]
    general = quality.select_rules(rules, "company", "client")
    vip = quality.select_rules(rules, "company", "vip")
    assert general["phone"]["weight"] == 3
    assert vip["phone"]["weight"] == 5
    assert "email" not in vip


def test_completeness_weights_and_invalid():
    rules = quality.select_rules(
        [_rule("phone"), _rule("email"), _rule("mobile", importance="extra", weight=1)],
        "company",
        False,
    )
    assert quality.completeness(rules, set(), set()) == (0, ["phone", "email"])
    assert quality.completeness(rules, {"phone", "email", "mobile"}, set()) == (100, [])
    # an invalid value counts as missing
    assert quality.completeness(rules, {"phone", "email"}, {"email"}) == (43, ["email"])
    assert quality.completeness({}, set(), set()) == (100, [])


def test_periods_and_dates():
    assert quality.resolve_period(0, [], 0, 0) == 6
    assert quality.next_verification(False, False, 6) is False
    assert quality.next_verification(
        datetime.date(2026, 8, 31), None, 6
    ) == datetime.date(2027, 2, 28)
    assert quality.next_verification(
        None, datetime.datetime(2026, 1, 15, 10, 0), 12
    ) == datetime.date(2027, 1, 15)
    assert quality.partner_kind(True, True) == "company"
