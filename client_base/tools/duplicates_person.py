# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Evidence that two individuals are one person: pure Python, no Odoo import.

An individual (not a company, not a contact person of one) carries no tax ID
and often no company domain: two records of one person are found by the
parts of the name (phonetic, across Cyrillic and Latin), the birthday, the
zip and the street. A shared phone or e-mail says little about a person:
a household shares a landline and a mailbox.

A record is one of :func:`duplicates.make_record` with ``person`` set.
"""

import datetime
import functools
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from .duplicates_keys import common_key
from .duplicates_names import WORD_RE, fold, person_parts, person_word, phonetic_code

__all__ = [
    "PERSON_GROUP_LIMIT",
    "birthday_key",
    "birthday_typo",
    "person_blocking_keys",
    "person_name_match",
    "score_person",
    "similar_street",
    "street_key",
    "zip_key",
]

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
    text = fold(street)
    numbers = _NUMBER_RE.findall(text)
    words = [
        person_word(word)
        for word in WORD_RE.sub(" ", _NUMBER_RE.sub(" ", text)).split()
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
    phone = common_key("phone", a["phones"], b["phones"], shared)
    email = common_key("email", a["emails"], b["emails"], shared)
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
