"""Unit tests of client_base/tools/interaction_rules.py (no Odoo needed)."""

import doctest

from conftest import load_pure

rules = load_pure("client_base", "interaction_rules")


def test_doctests():
    failures, tried = doctest.testmod(rules)
    assert tried and not failures


def test_channel_for_activity():
    assert rules.channel_for_activity("letter", "phonecall") == "letter"
    assert rules.channel_for_activity("nonsense", "phonecall") == "call_out"
    assert rules.channel_for_activity(None, "upload_file") == "other"


def test_email_channel():
    assert rules.email_channel("email", author_is_client=False) == "email_in"
    assert rules.email_channel("comment", author_is_client=True) == "email_in"
    assert rules.email_channel("comment", author_is_client=False) == "email_out"


def test_summary_from_html():
    assert rules.summary_from_html(None) == ""
    assert rules.summary_from_html("<p>a &amp; b</p>") == "a & b"
    long = "<p>" + "word " * 100 + "</p>"
    cut = rules.summary_from_html(long, limit=30)
    assert len(cut) <= 31 and cut.endswith("…")
    hostile = "<img src=x onerror=alert(1)>'); DROP TABLE res_partner;--"
    assert "DROP TABLE" in rules.summary_from_html(hostile)
    assert "<img" not in rules.summary_from_html(hostile)


def test_backfill_remaining():
    assert rules.backfill_remaining({}) == 0
    assert rules.backfill_remaining({"a": None, "b": 0}) == 0
