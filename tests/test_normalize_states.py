"""The three states of a contact value, tax-ID checks and the clean-up plan."""

import doctest

import pytest
from conftest import load_pure, load_pure_package

tools = load_pure_package("client_base")
norm, taxid, cleanup, quality = (
    tools.normalize,
    tools.taxid,
    tools.cleanup,
    tools.quality,
)


def test_doctests():
    for mod in (norm, taxid, cleanup, quality):
        failed, _attempted = doctest.testmod(mod)
        assert not failed, mod.__name__


def _state(kind, value, region="RU"):
    canonical, valid = cleanup.canonical(kind, value, region)
    return norm.value_state(value, canonical, valid)


@pytest.mark.parametrize(
    "kind,value,region,state",
    [
        # the 1,388 demo companies: valid numbers, only not yet canonical
        ("phone", "+7 (495) 908-49-47", "RU", norm.TO_NORMALIZE),
        ("phone", "8(495)860-66-30", "RU", norm.TO_NORMALIZE),
        ("phone", "+86 21 8513 2248", "RU", norm.OK),
        ("phone", "+7 495 908-49-47", "RU", norm.OK),
        ("phone", "+74959084947", "RU", norm.TO_NORMALIZE),
        ("phone", "+7 495 765-43-21 ext. 12", "RU", norm.OK),
        ("phone", "12", "RU", norm.INVALID),
        ("phone", "abc", None, norm.INVALID),
        ("phone", "   ", "RU", norm.TO_NORMALIZE),
        ("email", '"Formatted Customer" <Test.Customer@Example.com>', None, norm.OK),
        ("email", " Info@ACME.ru", None, norm.TO_NORMALIZE),
        ("email", "a@b@c.com", None, norm.INVALID),
        ("email", "a@b.com, c@d.com", None, norm.INVALID),
        ("website", "https://acme.ru", None, norm.OK),
        ("website", "HTTPS://ACME.ru/", None, norm.TO_NORMALIZE),
        ("website", "not a site", None, norm.INVALID),
        ("vat", "7707083893", "RU", norm.OK),
        ("vat", " 7707083893", "RU", norm.TO_NORMALIZE),
        ("vat", "7707083894", "RU", norm.INVALID),
        ("vat", "77 0708 3893", "RU", norm.TO_NORMALIZE),
        ("vat", "BEnew", "BE", norm.INVALID),
        ("vat", "BE0477472701", "BE", norm.OK),
        ("vat", "BE 0477 472 701", "BE", norm.OK),  # Odoo's own format is kept
        ("kpp", "773601001", "RU", norm.OK),
        ("kpp", "7736AB001", "RU", norm.OK),
        ("kpp", "77360100", "RU", norm.INVALID),
        ("ogrn", "1027700132195", "RU", norm.OK),
        ("ogrn", "1027700132194", "RU", norm.INVALID),
        ("ogrn", "304500116000157", "RU", norm.OK),
        ("ogrn", "304500116000158", "RU", norm.INVALID),
        ("name", "  ACME  Ltd ", None, norm.TO_NORMALIZE),
        ("name", "   ", None, norm.OK),  # a name is never emptied
        ("text", " Moscow", None, norm.TO_NORMALIZE),
    ],
)
def test_value_states(kind, value, region, state):
    assert _state(kind, value, region) == state


@pytest.mark.parametrize(
    "value,valid",
    [
        ("7707083893", True),  # organisation, 10 digits
        ("500100732259", True),  # individual, 12 digits
        ("500100732250", False),
        ("770708389", False),
        ("RU7707083893", True),
        ("77070838AB", False),
    ],
)
def test_inn_checksums(value, valid):
    assert taxid.check_inn(value)[1] is valid
    assert taxid.check_vat(value, "RU")[1] is valid


def test_vat_unknown_country_is_not_checked():
    assert taxid.check_vat("12345", None) == ("12345", True)
    assert taxid.check_vat("/", "BE") == ("/", True)
    assert taxid.check_vat(False, "RU") == (False, True)


def test_canonical_phone_is_odoos_international_format():
    assert norm.canonical_phone("8 (495) 123-45-67", "RU") == ("+7 495 123-45-67", True)
    assert norm.canonical_phone("02 290 34 90", "BE") == ("+32 2 290 34 90", True)
    # matching keys stay E.164
    assert norm.normalize_phone("+7 495 123-45-67", None) == ("+74951234567", True)


def test_canonical_email_keeps_display_name_and_case():
    value = '"Formatted Customer" <Test.Customer@Example.com>'
    assert norm.canonical_email(f"  {value} ") == (value, True)
    assert norm.normalize_email(value) == ("test.customer@example.com", True)


def test_plan_is_idempotent():
    columns = ("phone", "email", "name")
    kinds = {"phone": "phone", "email": "email", "name": "name"}
    rows = [
        (1, "RU", "8(495)860-66-30", " a@b.ru ", " ACME "),
        (2, None, "12", "bad@@", "OK"),
        (3, "BE", "02 290 34 90", None, "   "),
    ]
    first = cleanup.plan(rows, columns, kinds, "RU")
    assert set(first) == {1, 3}
    assert first[1]["phone"] == ("8(495)860-66-30", "+7 495 860-66-30")
    applied = [
        (
            pid,
            region,
            *(
                first.get(pid, {}).get(c, (v, v))[1]
                for c, v in zip(columns, values, strict=True)
            ),
        )
        for pid, region, *values in rows
    ]
    assert cleanup.plan(applied, columns, kinds, "RU") == {}


def test_incomplete_threshold_and_required():
    rules = {"phone": {"required": False}, "vat": {"required": True}}
    assert quality.is_incomplete(rules, 80, []) is False
    assert quality.is_incomplete(rules, 79, []) is True
    assert quality.is_incomplete(rules, 100, ["vat"]) is True
    assert quality.is_incomplete(rules, 90, ["phone"]) is False


def test_e164_of_canonical_equals_a_second_parse_for_every_region():
    """The clean-up reads the E.164 key off the canonical form instead of
    parsing the number again: the same key as the duplicate finder's
    ``phone_key``, for an example number of every region (fixed line and
    mobile, with an extension)."""
    import phonenumbers

    normalize = tools.normalize
    duplicates_keys = load_pure("client_base", "duplicates_keys")
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (
            phonenumbers.PhoneNumberType.FIXED_LINE,
            phonenumbers.PhoneNumberType.MOBILE,
        ):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is None:
                continue
            national = phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.NATIONAL
            )
            for typed in (national, national + " доб. 12"):
                canonical, valid = normalize.canonical_phone(typed, region)
                if not valid:
                    continue
                key = normalize.e164_of_canonical(canonical)
                assert key == duplicates_keys.phone_key(canonical, region), (
                    region,
                    typed,
                )
                assert key == duplicates_keys.phone_key(typed, region), (region, typed)
                checked += 1
    assert checked > 400
