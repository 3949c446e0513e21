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

import functools
import re
import unicodedata

from rapidfuzz import fuzz

from . import normalize

__all__ = [
    "DOMAIN_LIMIT",
    "SHARED_LIMIT",
    "TAX_LIMIT",
    "THRESHOLD",
    "clusters",
    "domain_key",
    "email_key",
    "is_public_domain",
    "is_valid_inn",
    "legal_core",
    "make_record",
    "name_similarity",
    "phone_key",
    "score_pair",
    "shared_limit",
    "tax_key",
]

# A pair scoring at least this much is a suspected duplicate.
THRESHOLD = 80
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

# Legal forms dropped before names are compared (casefolded, accents removed).
LEGAL_FORMS = frozenset(
    [
        "ооо",
        "оао",
        "зао",
        "пао",
        "ао",
        "нао",
        "ип",
        "чп",
        "тоо",
        "одо",
        "уп",
        "муп",
        "гуп",
        "фгуп",
        "нко",
        "ано",
        "ак",
        "пк",
        "llc",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "llp",
        "lp",
        "gmbh",
        "ag",
        "kg",
        "ohg",
        "ug",
        "mbh",
        "sarl",
        "sa",
        "sas",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "aps",
    ]
)
LEGAL_PHRASES = (
    "общество с ограниченной ответственностью",
    "открытое акционерное общество",
    "закрытое акционерное общество",
    "публичное акционерное общество",
    "непубличное акционерное общество",
    "акционерное общество",
    "индивидуальный предприниматель",
    "limited liability company",
    "public limited company",
)
# Free mail providers: a shared domain there says nothing about a company.
_LATIN_FORMS = frozenset({"ooo", "zao", "oao", "pao", "ao", "ip", "too"})
PUBLIC_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.co.uk",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "gmx.com",
        "web.de",
        "t-online.de",
        "mail.com",
        "protonmail.com",
        "proton.me",
        "yandex.ru",
        "yandex.com",
        "ya.ru",
        "yandex.by",
        "yandex.kz",
        "yandex.ua",
        "mail.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "internet.ru",
        "rambler.ru",
        "lenta.ru",
        "autorambler.ru",
        "myrambler.ru",
        "ro.ru",
        "qip.ru",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "virgilio.it",
        "163.com",
        "126.com",
        "qq.com",
    ]
)

_WORD_RE = re.compile(r"[^\w]+", re.UNICODE)
_DIGITS_RE = re.compile(r"\D+")
_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


_TRANSLIT = str.maketrans(
    {
        **dict(zip("абвгдезиклмнопрстуфхцыэ", "abvgdeziklmnoprstufhcye", strict=True)),
        "ж": "zh",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ю": "yu",
        "я": "ya",
        "ъ": "",
        "ь": "",
    }
)


_COMBINING_RE = re.compile("[\u0300-\u036f]")


def _fold(text):
    """Case and accents folded (ё and й keep their base letter)."""
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", str(text).casefold()))


_FOLDED_PHRASES = tuple(f" {_fold(phrase)} " for phrase in LEGAL_PHRASES)


def _latin(text):
    """Latin spelling of a folded text, so that Ромашка and Romashka meet."""
    return text.translate(_TRANSLIT)


@functools.lru_cache(maxsize=65536)
def legal_core(name):
    """The distinctive part of a company name in Latin letters, or ``""``.

    Case, accents, quotes, punctuation and legal forms are dropped; Cyrillic
    is transliterated so that "ООО Ромашка" and "Romashka LLC" compare.

    >>> legal_core('ООО «Ромашка-М»')
    'romashka m'
    >>> legal_core("Общество с ограниченной ответственностью \\"Ромашка\\"")
    'romashka'
    >>> legal_core("Atlas Trading GmbH")
    'atlas trading'
    """
    if not name or not isinstance(name, str):
        return ""
    text = " " + _WORD_RE.sub(" ", _fold(name)) + " "
    for phrase in _FOLDED_PHRASES:
        text = text.replace(phrase, " ")
    words = [_latin(word) for word in text.split() if word not in LEGAL_FORMS]
    return " ".join(word for word in words if word not in _LATIN_FORMS)


def name_similarity(name_a, name_b):
    """Similarity 0-100 of two names once their legal forms are dropped.

    >>> name_similarity("ООО «Вектор»", 'ЗАО "ВЕКТОР"')
    100
    >>> name_similarity("ООО «Вектор»", "ООО «Орион»") < 50
    True
    """
    core_a, core_b = legal_core(name_a), legal_core(name_b)
    if not core_a or not core_b:
        return 0
    return round(fuzz.token_sort_ratio(core_a, core_b))


def phone_key(value, region=None):
    """The E.164 form of a phone written in any format, or ``False``
    (:func:`normalize.phone_key`).

    Extensions are dropped: a switchboard is one number. ``region`` (ISO
    country code) reads national numbers.

    >>> phone_key("8 (495) 123-45-67 доб. 12", "RU")
    '+74951234567'
    >>> phone_key("+7 495 123-45-67")
    '+74951234567'
    >>> phone_key("12-34", "RU")
    False
    """
    # the one phone parser of the suite: tools/normalize.py
    return normalize.phone_key(value, region)


def email_key(value):
    """The lower-cased address of an e-mail value, or ``False``.

    >>> email_key(' "Ivanov" <Ivanov@Mail.RU> ')
    'ivanov@mail.ru'
    >>> email_key("not an address")
    False
    """
    if not value or not isinstance(value, str):
        return False
    text = value.strip()
    if "<" in text and text.endswith(">"):
        text = text[text.rfind("<") + 1 : -1]
    text = text.strip().lower()
    if text.count("@") != 1 or any(ch.isspace() for ch in text):
        return False
    local, domain = text.split("@")
    if not local or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return False
    return text


def shared_limit(kind):
    """How many commercial entities may hold a key of ``kind`` as evidence.

    >>> shared_limit("phone"), shared_limit("domain"), shared_limit("vat")
    (3, 20, 50)
    """
    return {"domain": DOMAIN_LIMIT, "vat": TAX_LIMIT}.get(kind, SHARED_LIMIT)


def is_public_domain(domain):
    """True for a free mail provider's domain.

    >>> is_public_domain("Mail.ru"), is_public_domain("romashka.ru")
    (True, False)
    """
    return bool(domain) and domain.lower() in PUBLIC_DOMAINS


def domain_key(email=None, website=None):
    """The company domain of an e-mail (else of a website), or ``False``.

    Public mail providers give no key; ``www.`` is dropped.

    >>> domain_key("info@romashka.ru"), domain_key("ivanov@mail.ru")
    ('romashka.ru', False)
    >>> domain_key(False, "https://www.Romashka.ru/contacts")
    'romashka.ru'
    """
    address = email_key(email)
    if address:
        domain = address.split("@")[1]
        return False if is_public_domain(domain) else domain
    if website and isinstance(website, str):
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", website.strip().lower())
        host = re.split(r"[/?#:]", host)[0]
        host = host.removeprefix("www.")
        if "." in host and not is_public_domain(host):
            return host
    return False


def is_valid_inn(value):
    """Check the control digits of a 10- or 12-digit Russian INN.

    >>> is_valid_inn("7707083893"), is_valid_inn("7707083894")
    (True, False)
    """
    if not value or not value.isdigit():
        return False

    def digit(digits, coefs):
        return sum(int(d) * c for d, c in zip(digits, coefs, strict=False)) % 11 % 10

    if len(value) == 10:
        return int(value[9]) == digit(value, _INN10)
    if len(value) == 12:
        return int(value[10]) == digit(value, _INN12_1) and int(value[11]) == digit(
            value, _INN12_2
        )
    return False


def tax_key(vat):
    """A tax ID usable as evidence, or ``False``.

    A Russian INN (10 or 12 digits) must pass its checksum; another VAT
    number needs at least five characters.

    >>> tax_key(" 77 0708 3893 "), tax_key("7707083894"), tax_key("DE 123456789")
    ('7707083893', False, 'DE123456789')
    """
    if not vat or not isinstance(vat, str):
        return False
    value = re.sub(r"[\s.-]+", "", vat).upper()
    if value.startswith("RU") and value[2:].isdigit():
        value = value[2:]
    if value.isdigit() and len(value) in (10, 12):
        return value if is_valid_inn(value) else False
    if value.isdigit() and len(value) < 10:
        return False
    return value if len(value) >= 5 and value != "/" else False


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
):
    """A record for :func:`score_pair` (values already keyed: E.164, lower)."""
    return {
        "id": record_id,
        "cp": cp or record_id,
        "contact": bool(contact),
        "name": name or "",
        "city": _fold(city).strip() if city else "",
        "vat": tax_key(vat) if vat else False,
        "kpp": re.sub(r"\s+", "", kpp) if kpp else "",
        "phones": frozenset(p for p in phones if p),
        "emails": frozenset(filter(None, map(email_key, emails))),
        "domain": domain or False,
    }


def _common(kind, left, right, shared):
    """True when ``left`` and ``right`` share a value not held by too many."""
    return any((kind, value) not in shared for value in left & right)


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
    evidence = []
    same_vat = a["vat"] and a["vat"] == b["vat"]
    if same_vat and a["kpp"] and b["kpp"] and a["kpp"] != b["kpp"]:
        return 0, ("branch",)
    similarity = name_similarity(a["name"], b["name"])
    name_min = CONTACT_NAME_MIN if a["contact"] else NAME_MIN
    phone = _common("phone", a["phones"], b["phones"], shared)
    email = _common("email", a["emails"], b["emails"], shared)
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


def clusters(pairs):
    """Connected components of ``pairs``: ``{id: smallest id of its cluster}``.

    >>> clusters([(3, 1), (5, 3), (7, 8)]) == {1: 1, 3: 1, 5: 1, 7: 7, 8: 7}
    True
    """
    parent = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in pairs:
        root_a, root_b = find(first), find(second)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {node: find(node) for node in parent}
