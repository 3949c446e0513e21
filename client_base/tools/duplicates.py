# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Evidence that two partners are one: pure Python, no Odoo import.

A pair of partners is a *suspected duplicate* on strong evidence (the same
valid tax ID with no distinguishing KPP, the same phone, the same e-mail,
each held by few commercial entities) or on a score of weaker evidence
(a similar name once legal forms and quotes are dropped, the same city, the
same company e-mail or web domain, i.e. not a public mail provider).

A record is a dict (see :func:`make_record`) with the keys ``id``, ``cp``
(commercial entity), ``contact`` (has a parent), ``name``, ``city``, ``vat``,
``kpp``, ``phones``, ``emails`` and ``domain``.

>>> a = make_record(1, name='ООО «Ромашка»', city="Москва", domain="romashka.ru")
>>> b = make_record(2, name="romashka llc", city="москва", domain="romashka.ru")
>>> score_pair(a, b)
(100, ('name', 'city', 'domain'))
"""

import re

from .duplicates_keys import common_key, email_key, tax_key
from .duplicates_names import fold, name_similarity, person_parts
from .duplicates_person import (
    PERSON_GROUP_LIMIT,
    birthday_key,
    score_person,
    street_key,
    zip_key,
)

__all__ = [
    "CONTACT_NAME_MIN",
    "DOMAIN_LIMIT",
    "NAME_MIN",
    "PERSON_VETOES",
    "SHARED_LIMIT",
    "TAX_LIMIT",
    "THRESHOLD",
    "clusters",
    "kept_pairs",
    "make_record",
    "person_conflict",
    "score_pair",
    "shared_limit",
]

# A pair scoring at least this much is a suspected duplicate.
THRESHOLD = 80
# the evidence against of two individuals: two people, never one cluster
PERSON_VETOES = frozenset({"other_birthday", "other_patronymic"})
# An e-mail, phone or tax ID held by more commercial entities than this is a
# switchboard, an accountant's mailbox or a holding: not evidence.
SHARED_LIMIT = 3
# A company domain held by more commercial entities than this is a provider.
DOMAIN_LIMIT = 20
# Branches of one legal entity share its INN (they differ by KPP): a tax ID
# stays evidence for more holders.
TAX_LIMIT = 50
# Name similarity (0-100) from which a name counts as evidence; contact
# persons need more: "Кузнецова Ольга В." and "Кузнецова Мария В." are two.
NAME_MIN = 80
CONTACT_NAME_MIN = 95
# Weights of the weaker evidence: half the name similarity, city, domain.
CITY_POINTS = 25
DOMAIN_POINTS = 25


def shared_limit(kind):
    """How many commercial entities may hold a key of ``kind`` as evidence.

    >>> shared_limit("phone"), shared_limit("domain"), shared_limit("vat")
    (3, 20, 50)
    """
    limits = {"domain": DOMAIN_LIMIT, "vat": TAX_LIMIT, "person": PERSON_GROUP_LIMIT}
    return limits.get(kind, SHARED_LIMIT)


def make_record(
    record_id,
    cp=None,
    contact=False,
    name=None,
    city=None,
    vat=None,
    kpp=None,
    phones=(),
    emails=(),
    domain=None,
    person=False,
    birthday=None,
    street=None,
    zip_code=None,
):
    """A record for :func:`score_pair` (values already keyed: E.164, lower).

    ``person``: an individual (neither a company nor a contact person of one),
    scored by :func:`score_person` against another individual.
    """
    parts, patronymic = person_parts(name) if person else ((), "")
    return {
        "id": record_id,
        "cp": cp or record_id,
        "contact": bool(contact),
        "name": name or "",
        "city": fold(city).strip() if city else "",
        "vat": tax_key(vat) if vat else False,
        "kpp": re.sub(r"\s+", "", kpp) if kpp else "",
        "phones": frozenset(p for p in phones if p),
        "emails": frozenset(filter(None, map(email_key, emails))),
        "domain": domain or False,
        "person": bool(person),
        "parts": parts,
        "patronymic": patronymic,
        "birthday": birthday_key(birthday) if person else "",
        "street": street_key(street) if person else "",
        "zip": zip_key(zip_code) if person else "",
    }


def score_pair(a, b, shared=frozenset()):
    """The score (0-100) and the evidence (a tuple of keys) of a pair.

    Evidence keys: ``vat``, ``phone``, ``email`` (strong: score 100),
    ``name``, ``city``, ``domain`` (weighted), and the vetoes ``branch``
    (same INN, different KPP: score 0) and ``other_vat`` (different tax
    IDs: the weaker evidence does not count). ``shared`` holds the
    ``(kind, value)`` keys held by too many commercial entities.

    >>> x = make_record(1, vat="7707083893", kpp="770701001")
    >>> y = make_record(2, vat="7707083893", kpp="771001001")
    >>> score_pair(x, y)
    (0, ('branch',))
    """
    if a["cp"] == b["cp"] or a["contact"] != b["contact"]:
        return 0, ()
    if a.get("person") and b.get("person"):
        return score_person(a, b, shared)
    evidence = []
    same_vat = a["vat"] and a["vat"] == b["vat"]
    if same_vat and a["kpp"] and b["kpp"] and a["kpp"] != b["kpp"]:
        return 0, ("branch",)
    similarity = name_similarity(a["name"], b["name"])
    name_min = CONTACT_NAME_MIN if a["contact"] else NAME_MIN
    phone = common_key("phone", a["phones"], b["phones"], shared)
    email = common_key("email", a["emails"], b["emails"], shared)
    if a["contact"]:
        # contacts of one company share its switchboard and tax ID: a phone
        # is theirs only when the names agree too
        if email:
            evidence.append("email")
        if phone and similarity >= name_min:
            evidence.append("phone")
    else:
        if same_vat and ("vat", a["vat"]) not in shared:
            evidence.append("vat")
        if phone:
            evidence.append("phone")
        if email:
            evidence.append("email")
    strong = bool(evidence)
    points = 0
    if similarity >= name_min:
        evidence.append("name")
        points += similarity / 2
    if a["city"] and a["city"] == b["city"]:
        evidence.append("city")
        points += CITY_POINTS
    if (
        a["domain"]
        and a["domain"] == b["domain"]
        and ("domain", a["domain"]) not in shared
    ):
        evidence.append("domain")
        points += DOMAIN_POINTS
    if a["vat"] and b["vat"] and not same_vat and not a["contact"]:
        evidence.append("other_vat")
        points = 0
    score = 100 if strong else round(points)
    return score, tuple(evidence)


def clusters(pairs, conflict=None):
    """Connected components of ``pairs``: ``{id: smallest id of its cluster}``.

    ``conflict(x, y)``: true when ``x`` and ``y`` are known to be two (two
    individuals with two birthdays, see :data:`PERSON_VETOES`). Two clusters
    holding such a pair are not joined, and the pair joining them is dropped:
    A (born 1970) and C (born 1969) are two people, so a B without a birthday
    matching both stays with the first it matched. ``pairs`` then come in
    decreasing order of confidence (see :func:`kept_pairs`).

    >>> clusters([(3, 1), (5, 3), (7, 8)]) == {1: 1, 3: 1, 5: 1, 7: 7, 8: 7}
    True
    >>> clusters([(1, 2), (2, 3)], lambda x, y: {x, y} == {1, 3}) == {1: 1, 2: 1}
    True
    """
    return kept_pairs(pairs, conflict)[0]


def kept_pairs(pairs, conflict=None):
    """``(clusters, kept)``: the clusters of :func:`clusters` and the pairs
    kept (those joining two conflicting clusters dropped); a partner of
    dropped pairs only is in no cluster.

    >>> kept_pairs([(1, 2), (2, 3), (4, 3)], lambda x, y: {x, y} == {1, 3})[1]
    [(1, 2), (4, 3)]
    """
    parent, members, kept = {}, {}, []

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in pairs:
        root_a, root_b = find(first), find(second)
        if root_a != root_b:
            if conflict is not None:
                left = members.get(root_a, [first])
                right = members.get(root_b, [second])
                if any(conflict(x, y) for x in left for y in right):
                    continue
                members[min(root_a, root_b)] = left + right
                members.pop(max(root_a, root_b), None)
            parent[max(root_a, root_b)] = min(root_a, root_b)
        kept.append((first, second))
    return {node: find(node) for pair in kept for node in pair}, kept


def person_conflict(a, b, shared=frozenset()):
    """True for two individuals the scoring tells apart by a veto
    (:data:`PERSON_VETOES`: two birthdays, two patronymics); companies and
    contacts never conflict (their clusters stay as they were).

    >>> x = make_record(1, name="Ivanov Ivan", person=True, birthday="1970-01-02")
    >>> y = make_record(2, name="Ivanov Ivan", person=True, birthday="1981-05-06")
    >>> person_conflict(x, y), person_conflict(x, x)
    (True, False)
    """
    if not (a.get("person") and b.get("person")) or a["id"] == b["id"]:
        return False
    return bool(PERSON_VETOES.intersection(score_person(a, b, shared)[1]))
