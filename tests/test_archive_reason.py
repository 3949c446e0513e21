"""Unit tests of client_base_regulations/tools/archive_reason.py (no Odoo)."""

import doctest
import re

import pytest
from conftest import REPO, load_pure

reason = load_pure("client_base_regulations", "archive_reason")


def test_doctests():
    failed, _attempted = doctest.testmod(reason)
    assert not failed


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", False),
        ("Archived by hand by Анна", {"code": "manual", "user": "Анна"}),
        (
            "Архивирован вручную пользователем Anna",
            {"code": "manual", "user": "Anna"},
        ),
        (
            "Нет ответа на 2 цикла(ов) проверки подряд",
            {"code": "unanswered", "count": 2},
        ),
        (
            (
                "Inactive for more than 12 months (no invoice, order, "
                "interaction or verification since 2025-01-31)"
            ),
            {"code": "inactive", "months": 12, "date": "2025-01-31"},
        ),
        (
            "No answer to many rounds",
            {"code": "text", "text": "No answer to many rounds"},
        ),
    ],
)
def test_from_text(text, expected):
    assert reason.from_text(text) == expected


def test_split_and_key():
    assert reason.split(False) == (False, False)
    assert reason.split({"code": "unanswered", "count": 2}) == (
        "unanswered",
        {"count": 2},
    )
    assert reason.key({"count": 2, "code": "unanswered"}) == reason.key(
        {"code": "unanswered", "count": 2}
    )
    with pytest.raises(ValueError):
        reason.of({"code": "nonsense"})


def test_patterns_follow_the_translations():
    # the Russian sentences the migration reads are the ones ru.po had
    po = (REPO / "client_base_regulations" / "i18n" / "ru.po").read_text()
    for msgstr in (
        "Архивирован вручную пользователем %(user)s",
        "Нет ответа на %(count)s цикла(ов) проверки подряд",
    ):
        assert msgstr in po
        sample = re.sub(r"%\((\w+)\)s", "7", msgstr)
        assert reason.from_text(sample)["code"] != "text"
