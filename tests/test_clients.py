"""Unit tests of client_base/tools/clients.py: the one definition of a client."""

import doctest

import pytest
from conftest import load_pure

clients = load_pure("client_base", "clients")


def test_doctests():
    failed, _attempted = doctest.testmod(clients)
    assert not failed


def _matches(domain, partner):
    """A tiny evaluator of the builder's domains (prefix '|', ANDed terms)."""
    values = []
    for term in domain:
        if term == "|":
            values.append("|")
            continue
        name, operator, value = term
        actual = partner.get(name, False)
        if operator == "=":
            result = actual == value
        elif operator == "!=":
            result = actual != value
        elif operator == "not in":
            result = actual not in value
        else:
            raise AssertionError(operator)
        values.append(result)
    # fold: '|' applies to the next two terms
    result, i = True, 0
    while i < len(values):
        if values[i] == "|":
            result = result and (values[i + 1] or values[i + 2])
            i += 3
        else:
            result = result and values[i]
            i += 1
    return result


PARTNERS = [
    {"id": 1, "is_company": True, "parent_id": False, "client_state": "client"},
    {"id": 2, "is_company": False, "parent_id": 1, "client_state": "client"},
    {"id": 3, "is_company": False, "parent_id": False, "client_state": "vip"},
    {"id": 4, "is_company": True, "parent_id": 1, "client_state": "prospect"},
    {"id": 5, "is_company": True, "parent_id": False, "client_state": "archived"},
    {"id": 6, "is_company": False, "parent_id": False, "client_state": False},
    {"id": 7, "is_company": True, "parent_id": False, "client_state": "client"},
]


@pytest.mark.parametrize("include_archived", [False, True])
def test_domain_and_predicate_agree(include_archived):
    excluded = {7}
    domain = clients.client_domain(excluded, include_archived=include_archived)
    for partner in PARTNERS:
        expected = clients.is_client(
            partner["id"],
            partner["is_company"],
            bool(partner["parent_id"]),
            partner["client_state"],
            excluded,
            include_archived=include_archived,
        )
        assert _matches(domain, partner) == expected, partner


def test_who_is_a_client():
    domain = clients.client_domain({7})
    assert [p["id"] for p in PARTNERS if _matches(domain, p)] == [1, 3, 4]
