# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Names in one spelling, for the duplicate evidence: pure Python, no Odoo import.

Company names lose their legal forms, quotes and punctuation and are
transliterated (``legal_core``), so that "ООО Ромашка" and "Romashka LLC"
compare; a person's name becomes its parts in one spelling whatever the
script and the romanisation (``person_parts``), and a name part a
Soundex-like phonetic code (``phonetic_code``).

>>> legal_core("ООО «Ромашка»") == legal_core("Romashka LLC")
True
>>> person_parts("Иванов Иван Иванович")[0] == person_parts("Ivan Ivanov")[0][::-1]
True
"""

import functools
import re
import unicodedata

from rapidfuzz import fuzz

__all__ = [
    "WORD_RE",
    "fold",
    "is_patronymic",
    "legal_core",
    "name_similarity",
    "person_parts",
    "person_word",
    "phonetic_code",
]

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
_LATIN_FORMS = frozenset({"ooo", "zao", "oao", "pao", "ao", "ip", "too"})

WORD_RE = re.compile(r"[^\w]+", re.UNICODE)


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


def fold(text):
    """Case and accents folded (ё and й keep their base letter)."""
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", str(text).casefold()))


_FOLDED_PHRASES = tuple(f" {fold(phrase)} " for phrase in LEGAL_PHRASES)


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
    text = " " + WORD_RE.sub(" ", fold(name)) + " "
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
    text = _latin(WORD_RE.sub("", fold(word)))
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
    for word in WORD_RE.sub(" ", name).split():
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
