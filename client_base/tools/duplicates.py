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

import datetime
import functools
import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from . import normalize

__all__ = [
    "DOMAIN_LIMIT",
    "SHARED_LIMIT",
    "TAX_LIMIT",
    "THRESHOLD",
    "birthday_key",
    "birthday_typo",
    "clusters",
    "domain_key",
    "email_key",
    "is_public_domain",
    "is_valid_inn",
    "legal_core",
    "make_record",
    "name_similarity",
    "person_blocking_keys",
    "person_name_match",
    "person_parts",
    "person_word",
    "phone_key",
    "phonetic_code",
    "score_pair",
    "score_person",
    "shared_limit",
    "similar_street",
    "street_key",
    "tax_key",
    "zip_key",
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
    limits = {"domain": DOMAIN_LIMIT, "vat": TAX_LIMIT, "person": PERSON_GROUP_LIMIT}
    return limits.get(kind, SHARED_LIMIT)


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
        "city": _fold(city).strip() if city else "",
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


# People ---------------------------------------------------------------------
#
# An individual (not a company, not a contact person of one) carries no tax ID
# and often no company domain: two records of one person are found by the
# parts of the name (phonetic, across Cyrillic and Latin), the birthday, the
# zip and the street. A shared phone or e-mail says little about a person:
# a household shares a landline and a mailbox.

# Weights of a person's evidence; a pair needs name evidence to score at all.
PERSON_NAME_POINTS = 50
PERSON_PARTIAL_NAME_POINTS = 35
# one part of two agrees, the other not (a surname changed at marriage, a
# diminutive: Маша / Мария): enough with the same birthday and the same zip
# or street; twins living together are proposed too ("Not a duplicate")
PERSON_ONE_PART_POINTS = 30
BIRTHDAY_POINTS = 40
BIRTHDAY_TYPO_POINTS = 20
STREET_POINTS = 25
ZIP_POINTS = 10
ZIP_TYPO_POINTS = 5
PERSON_CITY_POINTS = 5
PERSON_CONTACT_POINTS = 30
# Jaro-Winkler similarity (0-1) from which two name parts are one spelling.
PART_MIN = 0.85
# token_sort_ratio (0-100) from which two whole names (all parts) agree.
WHOLE_NAME_MIN = 90
# Jaro-Winkler similarity from which one part of two agrees (a typo at most;
# Ivanov / Ivanova do not: two people of one family).
ONE_PART_MIN = 0.9
# Subtracted from the similarity of two parts with different first letters.
FIRST_LETTER_PENALTY = 0.05
# A blocking key of people held by more partners than this is too common to
# pair them all ("Ivanov Ivan" in Moscow): other keys find those pairs.
PERSON_GROUP_LIMIT = 10
# Birthdays outside these years are placeholders, not evidence.
BIRTH_YEARS = (1900, 2100)

# Latin spellings of one Russian sound, to one form (applied in this order,
# after the transliteration of _TRANSLIT and with y read as i).
_PERSON_REWRITES = (
    ("shch", "sch"),
    ("yo", "e"),
    ("ye", "e"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
    ("y", "i"),
    ("j", "i"),
)
_REPEAT_RE = re.compile(r"(.)\1+")
_PATRONYMIC_ENDS = (
    "ovich",
    "evich",
    "ovic",
    "evic",
    "ovna",
    "evna",
    "ichna",
    "inichna",
)
_SOUNDEX = str.maketrans(
    {
        **dict.fromkeys("bfpv", "1"),
        **dict.fromkeys("cgjkqsxz", "2"),
        **dict.fromkeys("dt", "3"),
        "l": "4",
        **dict.fromkeys("mn", "5"),
        "r": "6",
    }
)
# Street types and address words dropped from a street key (any script).
_STREET_TYPES = (
    "ul",
    "ulica",
    "ulitsa",
    "pr",
    "prospekt",
    "pr-t",
    "per",
    "pereulok",
    "proezd",
    "sh",
    "shosse",
    "bul",
    "bulvar",
    "pl",
    "ploschad",
    "nab",
    "naberezhnaia",
    "d",
    "dom",
    "k",
    "korp",
    "korpus",
    "str",
    "stroenie",
    "kv",
    "kvartira",
    "of",
    "ofis",
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "dr",
    "place",
    "court",
    "ct",
    "crescent",
    "cres",
    "circuit",
    "cct",
    "close",
    "parade",
    "way",
    "terrace",
    "unit",
    "flat",
    "apt",
)
_NUMBER_RE = re.compile(r"\d+")


@functools.lru_cache(maxsize=65536)
def person_word(word):
    """One spelling of a name part, whatever the script and the romanisation.

    >>> person_word("Ёлкин") == person_word("Yolkin") == person_word("Елкин")
    True
    >>> person_word("Щукин") == person_word("Shchukin")
    True
    >>> person_word("Хабарова"), person_word("Khabarova"), person_word("Юлия")
    ('habarova', 'habarova', 'iulia')
    """
    text = _latin(_WORD_RE.sub("", _fold(word)))
    for old, new in _PERSON_REWRITES:
        text = text.replace(old, new)
    return _REPEAT_RE.sub(r"\1", text)


def is_patronymic(word):
    """True for a Russian patronymic (Иванович, Petrovna), in any script.

    >>> is_patronymic("Иванович"), is_patronymic("Petrovna"), is_patronymic("Ivanov")
    (True, True, False)
    """
    text = person_word(word)
    return len(text) > 6 and text.endswith(_PATRONYMIC_ENDS)


@functools.lru_cache(maxsize=131072)
def person_parts(name):
    """``(parts, patronymic)`` of a person's name in one spelling.

    Initials and punctuation are dropped; the patronymic is kept apart so that
    a name with it and one without compare.

    >>> person_parts("Иванов Иван Иванович")
    (('ivanov', 'ivan'), 'ivanovich')
    >>> person_parts("  Ivan   IVANOV, Jr. ")
    (('ivan', 'ivanov', 'ir'), '')
    >>> person_parts("Иванов И. И.")
    (('ivanov',), '')
    """
    if not name or not isinstance(name, str):
        return (), ""
    parts, patronymic = [], ""
    for word in _WORD_RE.sub(" ", name).split():
        if word.isdigit():
            continue
        text = person_word(word)
        if len(text) < 2:
            continue
        if not patronymic and parts and is_patronymic(word):
            patronymic = text
        else:
            parts.append(text)
    return tuple(parts), patronymic


@functools.lru_cache(maxsize=131072)
def phonetic_code(word):
    """A Soundex-like code of a name part: first letter and three consonants.

    >>> phonetic_code("Иванов"), phonetic_code("Ivanof"), phonetic_code("Ivamov")
    ('i151', 'i151', 'i151')
    >>> phonetic_code("Смирнов") == phonetic_code("Smirnoff")
    True
    """
    text = person_word(word) if word else ""
    if not text:
        return ""
    codes, last = [], text[0].translate(_SOUNDEX)
    for char in text[1:]:
        code = char.translate(_SOUNDEX)
        if code.isdigit() and code != last:
            codes.append(code)
        if char not in "hw":
            last = code
    return (text[0] + "".join(codes) + "000")[:4]


@functools.lru_cache(maxsize=131072)
def birthday_key(value):
    """``YYYYMMDD`` of a birthday (date or ISO text), ``""`` if not usable.

    >>> birthday_key("1985-03-07"), birthday_key("1985-02-30")
    ('19850307', '')
    >>> birthday_key("1800-01-01"), birthday_key(False)
    ('', '')
    """
    if not value:
        return ""
    text = value if isinstance(value, str) else value.isoformat()
    digits = re.sub(r"\D", "", text)[:8]
    if len(digits) != 8:
        return ""
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    if not BIRTH_YEARS[0] <= year < BIRTH_YEARS[1]:
        return ""
    try:
        datetime.date(year, month, day)
    except ValueError:
        return ""
    return digits


def _one_typo(a, b):
    """Two codes of one length a digit or two swapped neighbours apart.

    >>> _one_typo("4560", "4506"), _one_typo("4560", "4561"), _one_typo("45", "4561")
    (True, True, False)
    """
    if not a or not b or a == b or len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def birthday_typo(a, b):
    """True when two birthdays differ by one typo: a digit, two swapped
    neighbouring digits, or day and month swapped.

    >>> birthday_typo("19850307", "19850308"), birthday_typo("19850307", "19580307")
    (True, True)
    >>> birthday_typo("19850307", "19850703"), birthday_typo("19850307", "19860408")
    (True, False)
    """
    if _one_typo(a, b):
        return True
    return (
        bool(a and b)
        and a != b
        and a[:4] == b[:4]
        and a[4:6] == b[6:]
        and a[6:] == b[4:6]
    )


@functools.cache
def _street_words():
    return frozenset(person_word(word) for word in _STREET_TYPES)


@functools.lru_cache(maxsize=131072)
def street_key(street):
    """The street and house number of an address in one spelling, or ``""``.

    >>> street_key("ул. Ленина, д. 5, кв. 12") == street_key("Lenina ulitsa 5")
    True
    >>> street_key("8 Stanley Street"), street_key("Stanley St")
    ('stanlei 8', '')
    """
    if not street or not isinstance(street, str):
        return ""
    text = _fold(street)
    numbers = _NUMBER_RE.findall(text)
    words = [
        person_word(word)
        for word in _WORD_RE.sub(" ", _NUMBER_RE.sub(" ", text)).split()
    ]
    words = [w for w in words if len(w) > 1 and w not in _street_words()]
    if not numbers or not words:
        return ""
    return f"{' '.join(words)} {numbers[0]}"


@functools.lru_cache(maxsize=131072)
def zip_key(value):
    """A zip code compacted (spaces and dashes dropped, upper case)."""
    if not value or not isinstance(value, str):
        return ""
    return re.sub(r"[\s-]+", "", value).upper()


def person_blocking_keys(name, birthday=None, zip_code=None, city=None, street=None):
    """The blocking keys of an individual: one text of space-separated keys.

    Two records of one person share at least one key unless both the name
    and every other value were typed differently: ``n:`` the phonetic codes
    of the first two name parts (in either order), ``p:`` the zip (else the
    city) with the code of one name part, ``b:`` the birthday and ``s:`` the
    street and house number with the zip or city, each with the initial of
    one name part.

    >>> person_blocking_keys("Иванов Иван Иванович", "1985-03-07", "101000")
    'b:19850307:i n:i150i151 p:101000:i150 p:101000:i151'
    >>> person_blocking_keys("Ivan Ivanov") == person_blocking_keys("Иванов Иван")
    True
    """
    parts, _patronymic = person_parts(name)
    codes = [phonetic_code(part) for part in parts[:2]]
    place = zip_key(zip_code) or "_".join(
        person_word(w) for w in str(city or "").split()
    )
    keys = set()
    if len(codes) == 2:
        keys.add("n:" + "".join(sorted(codes)))
    if place:
        keys.update(f"p:{place}:{code}" for code in codes)
    # the birthday and the street are shared by many (a date by one person
    # in 20,000, a block of flats by hundreds): with the initial of a part
    initials = {part[0] for part in parts[:2]}
    born = birthday_key(birthday)
    if born:
        keys.update(f"b:{born}:{initial}" for initial in initials)
    street_text = street_key(street)
    if street_text and place:
        street_text = street_text.replace(" ", "_")
        keys.update(f"s:{place}:{street_text}:{initial}" for initial in initials)
    return " ".join(sorted(keys)) or False


def _part_similarity(left, right):
    """Jaro-Winkler similarity of two name parts; another first letter costs
    more (Мария / Дарья are two names, not one typo)."""
    similarity = JaroWinkler.normalized_similarity(left, right)
    if left[:1] != right[:1]:
        similarity -= FIRST_LETTER_PENALTY
    return similarity


def _agree(left, right, minimum=PART_MIN):
    """Two name parts are one spelling: equal, or similar (``minimum``) and a
    typo or two apart (one up to 5 letters: Александр / Алексей are two).

    >>> _agree("ivanov", "ivanof"), _agree("aleksandr", "aleksei")
    (True, False)
    """
    if left == right:
        return True
    if _part_similarity(left, right) < minimum:
        return False
    allowed = 1 if min(len(left), len(right)) <= 5 else 2
    return DamerauLevenshtein.distance(left, right) <= allowed


def _gender_pair(left, right):
    """Ivanov / Ivanova: the same family, not the same person."""
    return left + "a" == right or right + "a" == left


def person_name_match(a_parts, b_parts):
    """``"name"``, ``"partial"`` or ``""``: how far two names agree.

    ``name``: the first two parts of each agree (in either order, each one
    typo away at most), or all the parts do; ``partial``: one side has a
    single part that agrees with a part of the other; ``one_part``: one part
    of two agrees, the other differs (a married name, or two relatives).

    >>> person_name_match(("ivanov", "ivan"), ("ivan", "ivanof"))
    'name'
    >>> person_name_match(("ivanov",), ("ivanov", "ivan"))
    'partial'
    >>> person_name_match(("ivanova", "maria"), ("sidorov", "petr"))
    ''
    >>> person_name_match(("ivanova", "maria"), ("petrova", "maria"))
    'one_part'
    """
    if not a_parts or not b_parts:
        return ""
    if a_parts == b_parts:
        return "name" if len(a_parts) > 1 else "partial"
    first_a, first_b = tuple(a_parts[:2]), tuple(b_parts[:2])
    pairwise = len(first_a) == 2 and len(first_b) == 2
    if pairwise and (
        (_agree(first_a[0], first_b[0]) and _agree(first_a[1], first_b[1]))
        or (_agree(first_a[0], first_b[1]) and _agree(first_a[1], first_b[0]))
    ):
        return "name"
    # a given name typed in two words or glued: the whole names agree
    whole = " ".join(a_parts), " ".join(b_parts)
    if len(a_parts) != len(b_parts) and fuzz.token_sort_ratio(*whole) >= WHOLE_NAME_MIN:
        return "name"
    if pairwise:
        agree = any(
            _agree(x, y, ONE_PART_MIN)
            for x in first_a
            for y in first_b
            if not _gender_pair(x, y)
        )
        return "one_part" if agree else ""
    single, other = (first_a, first_b) if len(first_a) == 1 else (first_b, first_a)
    if any(_agree(single[0], part, ONE_PART_MIN) for part in other):
        return "partial"
    return ""


def similar_street(a, b):
    """True for two street keys with one house number and a similar street
    (a typo, a glued or split word, a street type kept on one side).

    >>> similar_street("colebatchplace 12", "colebatch 12")
    True
    >>> similar_street("lenina 5", "lenina 7"), similar_street("", "")
    (False, False)
    """
    if not a or not b:
        return False
    words_a, _sep, number_a = a.rpartition(" ")
    words_b, _sep, number_b = b.rpartition(" ")
    if number_a != number_b:
        return False
    return (
        a == b
        or _part_similarity(words_a.replace(" ", ""), words_b.replace(" ", ""))
        >= PART_MIN
    )


def score_person(a, b, shared=frozenset()):
    """The score and evidence of two individuals (see :func:`score_pair`).

    Evidence: ``full_name`` (or ``partial_name``, ``one_name_part``),
    ``birthday`` (or ``birthday_typo``), ``street``, ``zip`` (or
    ``zip_typo``, in the same city), ``city``, ``phone``,
    ``email``. Against: ``other_birthday`` (two different valid birthdays:
    score 0), ``other_patronymic`` (score 0), ``household`` (a phone or an
    e-mail shared by people whose names differ: not evidence).
    """
    match = person_name_match(a["parts"], b["parts"])
    evidence, points = [], 0
    born_a, born_b = a["birthday"], b["birthday"]
    if born_a and born_b and born_a != born_b and not birthday_typo(born_a, born_b):
        return 0, ("other_birthday",)
    pat_a, pat_b = a["patronymic"], b["patronymic"]
    if pat_a and pat_b and not _agree(pat_a, pat_b):
        return 0, ("other_patronymic",)
    phone = _common("phone", a["phones"], b["phones"], shared)
    email = _common("email", a["emails"], b["emails"], shared)
    if not match:
        return 0, ("household",) if phone or email else ()
    if match == "name":
        evidence.append("full_name")
        points += PERSON_NAME_POINTS
    elif match == "partial":
        evidence.append("partial_name")
        points += PERSON_PARTIAL_NAME_POINTS
    else:
        evidence.append("one_name_part")
        points += PERSON_ONE_PART_POINTS
    if born_a and born_a == born_b:
        evidence.append("birthday")
        points += BIRTHDAY_POINTS
    elif born_a and born_b and match != "one_part":
        evidence.append("birthday_typo")
        points += BIRTHDAY_TYPO_POINTS
    if similar_street(a["street"], b["street"]):
        evidence.append("street")
        points += STREET_POINTS
    same_city = bool(a["city"]) and a["city"] == b["city"]
    if a["zip"] and a["zip"] == b["zip"]:
        evidence.append("zip")
        points += ZIP_POINTS
    elif same_city and _one_typo(a["zip"], b["zip"]):
        evidence.append("zip_typo")
        points += ZIP_TYPO_POINTS
    if same_city:
        evidence.append("city")
        points += PERSON_CITY_POINTS
    if match == "name" and (phone or email):
        evidence += [
            kind for kind, same in (("phone", phone), ("email", email)) if same
        ]
        points += PERSON_CONTACT_POINTS
    elif phone or email:
        evidence.append("household")
    return min(100, round(points)), tuple(evidence)


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
    if a.get("person") and b.get("person"):
        return score_person(a, b, shared)
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
