"""Pure logic of client_base_regulations (periods, rounds, splitting)."""

import datetime
import doctest

import pytest
from conftest import load_pure

logic = load_pure("client_base_regulations", "regulation_logic")


def test_doctests():
    result = doctest.testmod(logic)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize(
    ("day", "months", "start"),
    [
        (datetime.date(2026, 1, 1), 6, datetime.date(2026, 1, 1)),
        (datetime.date(2026, 6, 30), 6, datetime.date(2026, 1, 1)),
        (datetime.date(2026, 7, 1), 6, datetime.date(2026, 7, 1)),
        (datetime.date(2026, 12, 31), 3, datetime.date(2026, 10, 1)),
        (datetime.date(2026, 5, 15), 1, datetime.date(2026, 5, 1)),
        (datetime.date(2026, 5, 15), 12, datetime.date(2026, 1, 1)),
    ],
)
def test_period_start_boundaries(day, months, start):
    assert logic.period_start(day, months) == start


def test_period_key_is_stable_within_a_period():
    keys = {
        logic.period_key(datetime.date(2026, 7, 1) + datetime.timedelta(days=d), 6)
        for d in range(184)
    }
    assert keys == {"2026-07/6"}
    assert logic.period_key(datetime.date(2027, 1, 1), 6) == "2027-01/6"


def test_period_rejects_bad_length():
    with pytest.raises(ValueError):
        logic.period_start(datetime.date(2026, 1, 1), 0)


def test_round_robin_is_fair():
    pairs = logic.split_round_robin(list(range(10)), ["a", "b", "c"])
    counts = {op: sum(1 for _, o in pairs if o == op) for op in "abc"}
    assert counts == {"a": 4, "b": 3, "c": 3}
    with pytest.raises(ValueError):
        logic.split_round_robin([1], [])


def test_consecutive_unanswered():
    assert logic.consecutive_unanswered([]) == 0
    assert logic.consecutive_unanswered(["unanswered", "verified"]) == 0
    assert logic.consecutive_unanswered(["unanswered"] * 3) == 3


def test_missing_values_and_field_list():
    assert logic.missing_values({"a": 0, "b": False, "c": "x"}, ["a", "b", "c"]) == [
        "a",
        "b",
    ]
    assert logic.parse_field_list(None) == []
    assert logic.parse_field_list("vat, vat ,email") == ["vat", "email"]


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("city", "Mos\u200bcow", "Moscow"),
        ("name", "\u202eevil\u202c Corp", "evil Corp"),
        ("name", "\ufeffACME\u2066\u2069", "ACME"),
        ("street", "Line 1\r\nLine 2\x00", "Line 1 Line 2"),
        ("phone", "+7 495 123-45-67", "+7 495 123-45-67"),
        ("email", "  a@b.c  ", "a@b.c"),
        ("name", None, ""),
    ],
)
def test_clean_answer_strips_format_characters(name, value, expected):
    assert logic.clean_answer(name, value) == expected


def test_clean_answer_caps_every_field():
    for name, limit in logic.ANSWER_MAX_LENGTH.items():
        assert len(logic.clean_answer(name, "x" * 100_000)) == limit
    assert len(logic.clean_answer("other", "x" * 100_000)) == 255
