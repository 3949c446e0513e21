"""Pure-Python part of the Client Base demo dataset generator (no Odoo import).

Everything here is deterministic: each function takes a ``random.Random`` (or a
seed) and returns plain Python data. ``tools/dataset/dataset_sql.py`` turns that data
into Odoo records; ``tests/test_dataset.py`` unit-tests it without Odoo.

Main entry points:

* ``client_rng(seed, kind, index)``: the per-record random generator, so that a
  record's data does not depend on how many records are generated before it;
* ``make_company(seed, index)`` / ``make_person(seed, index, company)``: partner
  values (names, address, phone, e-mail, VAT) as dicts of res.partner fields
  plus ``country_code`` / ``state_code`` keys to resolve;
* ``make_profile(seed, index, months, ...)``: the buying behaviour of a client
  (Pareto weight, regular / seasonal / irregular, new / lost);
* ``invoice_plan(profile, ...)``: the invoices and refunds of one client;
* ``sale_order_plan(...)`` / ``mailing_plan(...)``: the sales orders and the
  recipients of the sent mailings, when those apps are installed.
"""

import collections
import datetime
import math
import random
import re

# --------------------------------------------------------------------- names
RU_MALE_FIRST = [
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Артём",
    "Борис",
    "Вадим",
    "Виктор",
    "Владимир",
    "Дмитрий",
    "Евгений",
    "Иван",
    "Игорь",
    "Кирилл",
    "Константин",
    "Максим",
    "Михаил",
    "Никита",
    "Николай",
    "Олег",
    "Павел",
    "Роман",
    "Сергей",
    "Степан",
    "Юрий",
]
RU_FEMALE_FIRST = [
    "Александра",
    "Алина",
    "Анастасия",
    "Анна",
    "Валентина",
    "Вера",
    "Галина",
    "Дарья",
    "Евгения",
    "Екатерина",
    "Елена",
    "Ирина",
    "Ксения",
    "Лариса",
    "Людмила",
    "Марина",
    "Мария",
    "Наталья",
    "Нина",
    "Ольга",
    "Полина",
    "Светлана",
    "Татьяна",
    "Юлия",
]
RU_LAST = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
]
RU_MIDDLE_M = [
    "Александрович",
    "Алексеевич",
    "Андреевич",
    "Викторович",
    "Владимирович",
    "Дмитриевич",
    "Иванович",
    "Игоревич",
    "Михайлович",
    "Николаевич",
    "Олегович",
    "Павлович",
    "Сергеевич",
    "Юрьевич",
]
INTL_FIRST = [
    "James",
    "John",
    "Robert",
    "Michael",
    "David",
    "William",
    "Thomas",
    "Daniel",
    "Mark",
    "Paul",
    "Anna",
    "Emma",
    "Olivia",
    "Sophie",
    "Laura",
    "Julia",
    "Marie",
    "Clara",
    "Hans",
    "Klaus",
    "Stefan",
    "Lukas",
    "Pierre",
    "Jean",
    "Louis",
    "Camille",
    "Marco",
    "Luca",
    "Giulia",
    "Chiara",
    "Ahmet",
    "Mehmet",
    "Ayşe",
    "Wei",
    "Li",
    "Aigerim",
    "Nursultan",
    "Aliaksandr",
    "Katsiaryna",
]
INTL_LAST = [
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Evans",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Wagner",
    "Becker",
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Rossi",
    "Russo",
    "Bianchi",
    "Romano",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Wang",
    "Zhang",
    "Liu",
    "Nurlanov",
    "Abenova",
    "Kovalenko",
    "García",
    "López",
]

RU_COMPANY_FORMS = ("ООО", "ООО", "ООО", "АО", "ПАО", "ИП", "ЗАО")
RU_COMPANY_WORDS = [
    "Север",
    "Вектор",
    "Альфа",
    "Гранит",
    "Меридиан",
    "Спектр",
    "Орион",
    "Техносфера",
    "Стройресурс",
    "Агропром",
    "Сибирь",
    "Волга",
    "Урал",
    "Балтика",
    "Восход",
    "Импульс",
    "Ресурс",
    "Профиль",
    "Лидер",
    "Энергия",
    "Магистраль",
    "Кристалл",
    "Феникс",
    "Атлант",
    "Полюс",
    "Горизонт",
    "Сфера",
    "Капитал",
    "Транзит",
    "Форвард",
    "Мегаполис",
    "Пищепром",
    "Металлторг",
    "Инвест",
    "Логистика",
    "Медсервис",
]
RU_COMPANY_SUFFIX = ("", "", "", "-М", " Плюс", " Групп", "-Трейд", " Сервис")
INTL_COMPANY_WORDS = [
    "Nord",
    "Blue",
    "Harbor",
    "Alpine",
    "Silver",
    "Oak",
    "Vertex",
    "Pioneer",
    "Atlas",
    "Bright",
    "Delta",
    "Summit",
    "Crescent",
    "Horizon",
    "Falcon",
    "Granite",
    "Meridian",
    "Nova",
    "Orbit",
    "Quantum",
    "Redwood",
    "Sterling",
    "Zenith",
    "Baltic",
    "Danube",
    "Rhine",
    "Aurora",
]
INTL_COMPANY_ACTIVITY = [
    "Trading",
    "Logistics",
    "Systems",
    "Foods",
    "Engineering",
    "Textiles",
    "Consulting",
    "Pharma",
    "Machinery",
    "Retail",
    "Software",
    "Chemicals",
]

# ---------------------------------------------------------------- addresses
# (city, state code in Odoo's res.country.state for RU, phone area code, zip)
RU_CITIES = (
    ("Москва", "MOW", "495", "101000", 30),
    ("Москва", "MOW", "499", "119000", 10),
    ("Санкт-Петербург", "SPE", "812", "190000", 14),
    ("Новосибирск", "NVS", "383", "630000", 4),
    ("Екатеринбург", "SVE", "343", "620000", 4),
    ("Казань", "TA", "843", "420000", 4),
    ("Нижний Новгород", "NIZ", "831", "603000", 3),
    ("Челябинск", "CHE", "351", "454000", 2),
    ("Самара", "SAM", "846", "443000", 2),
    ("Ростов-на-Дону", "ROS", "863", "344000", 2),
    ("Уфа", "BA", "347", "450000", 2),
    ("Краснодар", "KDA", "861", "350000", 3),
    ("Пермь", "PER", "342", "614000", 2),
    ("Воронеж", "VOR", "473", "394000", 2),
    ("Красноярск", "KYA", "391", "660000", 2),
    ("Омск", "OMS", "381", "644000", 1),
    ("Тюмень", "TYU", "345", "625000", 1),
    ("Химки", "MOS", "495", "141400", 2),
    ("Подольск", "MOS", "496", "142100", 1),
    ("Калининград", "KGD", "401", "236000", 1),
    ("Владивосток", "PRI", "423", "690000", 1),
    ("Иркутск", "IRK", "395", "664000", 1),
    ("Тула", "TUL", "487", "300000", 1),
    ("Ярославль", "YAR", "485", "150000", 1),
)
RU_STREETS = (
    "ул. Ленина",
    "ул. Мира",
    "ул. Советская",
    "пр-т Победы",
    "ул. Гагарина",
    "ул. Садовая",
    "Лесная ул.",
    "ул. Пушкина",
    "Центральная ул.",
    "Набережная ул.",
    "ул. Кирова",
    "ул. Строителей",
    "Тверская ул.",
    "Невский пр-т",
    "ш. Энтузиастов",
    "пер. Рабочий",
)
# country code: (cities with (city, state code or "", zip pattern)), phone prefix
INTL = {
    "DE": ((("Berlin", "", "10115"), ("München", "", "80331")), "+49 30"),
    "FR": ((("Paris", "", "75001"), ("Lyon", "", "69001")), "+33 1"),
    "IT": ((("Milano", "", "20121"), ("Roma", "", "00184")), "+39 02"),
    "GB": ((("London", "", "EC1A 1BB"), ("Manchester", "", "M1 1AE")), "+44 20"),
    "US": ((("New York", "NY", "10001"), ("Austin", "TX", "73301")), "+1 212"),
    "KZ": ((("Алматы", "", "050000"), ("Астана", "", "010000")), "+7 727"),
    "BY": ((("Минск", "", "220000"), ("Гомель", "", "246000")), "+375 17"),
    "TR": ((("İstanbul", "", "34000"), ("Ankara", "", "06000")), "+90 212"),
    "CN": ((("Shanghai", "", "200000"), ("Shenzhen", "", "518000")), "+86 21"),
}
INTL_STREETS = (
    "Hauptstraße",
    "Rue de la Paix",
    "Via Roma",
    "High Street",
    "Main Street",
    "Abay Avenue",
    "Nezavisimosti Ave",
    "İstiklal Caddesi",
    "Nanjing Road",
)
# share of RU clients among companies
RU_SHARE = 0.8

TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)
EMAIL_DOMAINS = ("mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "rambler.ru")


def client_rng(seed, kind, index):
    """The generator of record ``index`` of ``kind`` (stable, independent)."""
    return random.Random(f"client-base:{seed}:{kind}:{index}")


def translit(text):
    """Lower-case ASCII transliteration of a Russian (or Latin) text."""
    out = []
    for char in text.lower():
        out.append(TRANSLIT.get(char, char))
    return re.sub(r"[^a-z0-9]+", "", "".join(out))


# ----------------------------------------------------------------- INN / VAT
INN10_COEFS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_COEFS_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_COEFS_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _inn_digit(digits, coefs):
    return sum(int(d) * c for d, c in zip(digits, coefs, strict=False)) % 11 % 10


def make_inn10(rng, region="77"):
    """A checksum-valid 10-digit INN of a Russian legal entity."""
    body = f"{int(region):02d}{rng.randrange(10**7):07d}"
    return body + str(_inn_digit(body, INN10_COEFS))


def make_inn12(rng, region="77"):
    """A checksum-valid 12-digit INN of a Russian individual entrepreneur."""
    body = f"{int(region):02d}{rng.randrange(10**8):08d}"
    body += str(_inn_digit(body, INN12_COEFS_1))
    return body + str(_inn_digit(body, INN12_COEFS_2))


def is_valid_inn(inn):
    """Check the control digits of a 10- or 12-digit INN."""
    if not inn or not inn.isdigit():
        return False
    if len(inn) == 10:
        return int(inn[9]) == _inn_digit(inn[:9], INN10_COEFS)
    if len(inn) == 12:
        return int(inn[10]) == _inn_digit(inn[:10], INN12_COEFS_1) and int(
            inn[11]
        ) == _inn_digit(inn[:11], INN12_COEFS_2)
    return False


def make_vat_de(rng):
    """A German VAT number with its ISO 7064 MOD 11,10 check digit."""
    body = str(rng.randrange(1, 10)) + f"{rng.randrange(10**7):07d}"
    product = 10
    for digit in body:
        total = (int(digit) + product) % 10 or 10
        product = 2 * total % 11
    return f"DE{body}{(11 - product) % 10}"


def make_vat_gb(rng):
    """A British VAT number (9 digits, modulus 97 check)."""
    while True:
        body = f"{rng.randrange(1, 10)}{rng.randrange(10**6):06d}"
        total = sum(int(d) * w for d, w in zip(body, range(8, 1, -1), strict=True))
        check = -total % 97
        if check < 97:
            return f"GB{body}{check:02d}"


VAT_MAKERS = {"DE": make_vat_de, "GB": make_vat_gb}


# state code -> INN region (first two digits)
INN_REGION = {
    "MOW": "77",
    "SPE": "78",
    "NVS": "54",
    "SVE": "66",
    "TA": "16",
    "NIZ": "52",
    "CHE": "74",
    "SAM": "63",
    "ROS": "61",
    "BA": "02",
    "KDA": "23",
    "PER": "59",
    "VOR": "36",
    "KYA": "24",
    "OMS": "55",
    "TYU": "72",
    "MOS": "50",
    "KGD": "39",
    "PRI": "25",
    "IRK": "38",
    "TUL": "71",
    "YAR": "76",
}


# -------------------------------------------------------------- phones/mails
def ru_phone(rng, area):
    """A Russian phone number in one of the usual spellings."""
    num = f"{rng.randrange(100, 1000)}{rng.randrange(10, 100)}{rng.randrange(10, 100)}"
    a, b, c = num[:3], num[3:5], num[5:7]
    style = rng.randrange(4)
    if style == 0:
        return f"+7 ({area}) {a}-{b}-{c}"
    if style == 1:
        return f"8 {area} {a}{b}{c}"
    if style == 2:
        return f"+7{area}{a}{b}{c}"
    return f"8({area}){a}-{b}-{c}"


def ru_mobile(rng):
    return f"+7 9{rng.randrange(10, 100)} {rng.randrange(100, 1000)}-{rng.randrange(10, 100)}-{rng.randrange(10, 100)}"  # noqa: E501


# Subscriber digits after the area code of ``INTL`` (seven elsewhere).
INTL_SUBSCRIBER_DIGITS = {
    "+49 30": 8,
    "+33 1": 8,
    "+39 02": 8,
    "+44 20": 8,
    "+86 21": 8,
}


def intl_phone(rng, prefix):
    """A valid number after a country and area ``prefix`` of ``INTL``.

    As many subscriber digits as the area takes, starting with a digit every
    country of ``INTL`` allows there: unplanted values must validate, so that
    what the data-quality checks flag is only what was planted.
    """
    first = rng.choice("378" if prefix == "+44 20" else "2379")
    if INTL_SUBSCRIBER_DIGITS.get(prefix, 7) == 8:
        head = f"{first}{rng.randrange(100, 1000)}"
    else:
        head = f"{first}{rng.randrange(10, 100)}"
    return f"{prefix} {head} {rng.randrange(1000, 10000)}"


MALFORMED_PHONES = ("12-34", "8-800", "+7 (495)", "нет", "000000", "+7 999 12")
MALFORMED_EMAILS = ("{l}@", "{l}.{d}", "{l}@@{d}", "{l} @{d}", "@{d}", "{l}@{d}.")


def make_email(rng, local, domain, planted=None, field="email"):
    """An e-mail; about 4% malformed on purpose (then ``field`` joins ``planted``)."""
    if rng.random() < 0.04:
        if planted is not None:
            planted.add(field)
        return rng.choice(MALFORMED_EMAILS).format(l=local, d=domain)
    return f"{local}@{domain}"


def _maybe_phone(rng, good, missing=0.1, malformed=0.04, planted=None, field="phone"):
    roll = rng.random()
    if roll < missing:
        return False
    if roll < missing + malformed:
        if planted is not None:
            planted.add(field)
        return rng.choice(MALFORMED_PHONES)
    return good


def make_kpp(rng, region="77", reason="01"):
    """A Russian KPP: tax office (region + 2 digits), reason, serial number."""
    return f"{int(region):02d}{rng.randrange(1, 40):02d}{reason}001"


def break_inn(inn):
    """The same INN with a wrong control digit (a typing error)."""
    return inn[:-1] + str((int(inn[-1]) + 1) % 10)


def respell_phone(rng, phone):
    """The same Russian number written another usual way (or as given)."""
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) != 11 or digits[0] not in "78":
        return phone
    area, num = digits[1:4], digits[4:]
    a, b, c = num[:3], num[3:5], num[5:7]
    return rng.choice(
        (
            f"+7 ({area}) {a}-{b}-{c}",
            f"8 {area} {a}{b}{c}",
            f"+7{area}{a}{b}{c}",
            f"8({area}){a}-{b}-{c}",
        )
    )


# -------------------------------------------------------------- companies
def _ru_company(rng, index):
    form = rng.choice(RU_COMPANY_FORMS)
    city, state, area, zip_code, _weight = _weighted_city(rng)
    region = INN_REGION.get(state, "77")
    planted = set()
    kpp = False
    if form == "ИП":
        last = rng.choice(RU_LAST)
        first = rng.choice(RU_MALE_FIRST)
        middle = rng.choice(RU_MIDDLE_M)
        name = f"ИП {last} {first[0]}.{middle[0]}."
        vat = make_inn12(rng, region)
        domain = rng.choice(EMAIL_DOMAINS)
        # a personal address at a mail provider: one per entrepreneur
        local = f"{translit(last)}.{index}"
    else:
        word = rng.choice(RU_COMPANY_WORDS) + rng.choice(RU_COMPANY_SUFFIX)
        quote = rng.choice(("«{}»", '"{}"', "«{}»"))
        name = f"{form} {quote.format(word)}"
        vat = make_inn10(rng, region)
        kpp = make_kpp(rng, region)
        # one domain per company: unrelated companies never share e-mails
        domain = f"{translit(word)}{index}" + rng.choice((".ru", ".ru", ".com"))
        local = rng.choice(("info", "office", "sales", "zakaz", "buh"))
    street = f"{rng.choice(RU_STREETS)}, д. {rng.randrange(1, 150)}"
    if rng.random() < 0.3:
        street += f", стр. {rng.randrange(1, 9)}"
    values = {
        "name": name,
        "is_company": True,
        "street": street,
        "street2": f"офис {rng.randrange(1, 900)}" if rng.random() < 0.4 else False,
        "city": city,
        "zip": zip_code if rng.random() > 0.05 else False,
        "country_code": "RU",
        "state_code": state,
        "vat": vat if rng.random() > 0.03 else False,
        "client_kpp": kpp,
        "phone": _maybe_phone(rng, ru_phone(rng, area), planted=planted),
        "email": make_email(rng, local, domain, planted)
        if rng.random() > 0.07
        else False,
        "lang": "ru_RU",
        "website": f"https://{domain}"
        if rng.random() < 0.5 and form != "ИП"
        else False,
    }
    if values["vat"] and rng.random() < 0.02:
        values["vat"] = break_inn(values["vat"])
        planted.add("vat")
    if not values["vat"]:
        values["client_kpp"] = False
    values["planted_invalid"] = sorted(planted)
    return values


def _weighted_city(rng):
    total = sum(c[4] for c in RU_CITIES)
    roll = rng.uniform(0, total)
    for city in RU_CITIES:
        roll -= city[4]
        if roll <= 0:
            return city
    return RU_CITIES[-1]


def _intl_company(rng, index):
    country = rng.choice(sorted(INTL))
    cities, prefix = INTL[country]
    city, state, zip_code = rng.choice(cities)
    word = rng.choice(INTL_COMPANY_WORDS)
    activity = rng.choice(INTL_COMPANY_ACTIVITY)
    suffix = {
        "DE": "GmbH",
        "FR": "SARL",
        "IT": "S.p.A.",
        "GB": "Ltd",
        "US": "Inc.",
        "KZ": "ТОО",
        "BY": "ООО",
        "TR": "A.Ş.",
        "CN": "Co., Ltd.",
    }[country]
    name = f"{word} {activity} {suffix}"
    if country in ("KZ", "BY"):
        name = f"{suffix} «{word} {activity}»"
    domain = f"{translit(word)}-{translit(activity)}{index}.{country.lower()}"
    planted = set()
    vat = False
    if country in VAT_MAKERS and rng.random() < 0.8:
        vat = VAT_MAKERS[country](rng)
    return {
        "name": name,
        "is_company": True,
        "street": f"{rng.choice(INTL_STREETS)} {rng.randrange(1, 200)}",
        "street2": False,
        "city": city,
        "zip": zip_code,
        "country_code": country,
        "state_code": state,
        "vat": vat,
        "client_kpp": False,
        "phone": _maybe_phone(rng, intl_phone(rng, prefix), planted=planted),
        "email": make_email(rng, "info", domain, planted)
        if rng.random() > 0.1
        else False,
        "lang": "en_US",
        "website": f"https://www.{domain}" if rng.random() < 0.6 else False,
        "planted_invalid": sorted(planted),
    }


def make_company(seed, index):
    """Values of client company ``index`` (deterministic for a seed)."""
    rng = client_rng(seed, "company", index)
    if rng.random() < RU_SHARE:
        return _ru_company(rng, index)
    return _intl_company(rng, index)


def duplicate_of(seed, index, original):
    """A near-duplicate of ``original``: the same client typed again.

    The name is spelled differently; the tax ID, phone and e-mail are each
    kept, re-spelled or lost, as when a client is entered twice by hand, so
    that some duplicates are found only by their weaker evidence (similar
    name, same city, same company domain) and a few not at all.
    """
    rng = client_rng(seed, "duplicate", index)
    values = dict(original)
    planted = set(original.get("planted_invalid", ()))
    name = original["name"]
    variant = rng.randrange(4)
    if variant == 0:
        values["name"] = name.upper()
    elif variant == 1:
        values["name"] = name.replace("«", '"').replace("»", '"') + " "
    elif variant == 2:
        values["name"] = name.replace(
            "ООО ", "Общество с ограниченной ответственностью "
        )
    else:
        form, _sep, rest = name.partition(" ")
        values["name"] = f"{rest}, {form}" if rest else name
    if rng.random() < 0.5:
        values["vat"] = False
        values["client_kpp"] = False
        planted.discard("vat")
    roll = rng.random()
    if roll < 0.6:
        values["phone"] = respell_phone(rng, original.get("phone"))
    elif roll < 0.8:
        values["phone"] = False
        planted.discard("phone")
    else:  # another line of the same office: no evidence
        area = re.sub(r"\D", "", original.get("phone") or "")[1:4] or "495"
        values["phone"] = ru_phone(rng, area)
        planted.discard("phone")
    email = original.get("email") or ""
    roll = rng.random()
    if roll < 0.25 and "@" in email and "email" not in planted:
        # another mailbox of the same company domain
        local = rng.choice(("director", "manager", "secretary", "post"))
        values["email"] = f"{local}@{email.partition('@')[2]}"
    elif roll < 0.4:
        values["email"] = False
        planted.discard("email")
    values["planted_invalid"] = sorted(planted)
    return values


def branch_of(seed, index, original):
    """A branch of ``original``: same INN, its own KPP, city, phone and mailbox.

    Not a duplicate: branches of one legal entity share the INN and differ
    by KPP.
    """
    rng = client_rng(seed, "branch", index)
    values = dict(original)
    city, state, area, zip_code, _weight = _weighted_city(rng)
    while city == original["city"]:
        city, state, area, zip_code, _weight = _weighted_city(rng)
    region = INN_REGION.get(state, "77")
    values.update(
        {
            "name": f"{original['name']} (филиал, {city})",
            "city": city,
            "state_code": state,
            "zip": zip_code,
            "street": f"{rng.choice(RU_STREETS)}, д. {rng.randrange(1, 150)}",
            "street2": False,
            "client_kpp": make_kpp(rng, region, "43"),
            "phone": ru_phone(rng, area),
            "website": False,
            "planted_invalid": [],
        }
    )
    domain = (original.get("email") or "").partition("@")[2]
    valid = domain and "email" not in original.get("planted_invalid", ())
    values["email"] = f"filial{index}@{domain}" if valid else False
    return values


# Share of the contact persons without a work phone (their company's)
PERSON_NO_PHONE = 0.3
# Share of the contact persons with a direct line (additional work phone)
PERSON_DIRECT_LINE = 0.6


def make_person(seed, index, company):
    """A contact person working at ``company`` (a dict from make_company)."""
    rng = client_rng(seed, "person", index)
    russian = company["country_code"] in ("RU", "KZ", "BY") and rng.random() < 0.95
    if russian:
        female = rng.random() < 0.5
        first = rng.choice(RU_FEMALE_FIRST if female else RU_MALE_FIRST)
        last = rng.choice(RU_LAST)
        middle = rng.choice(RU_MIDDLE_M)
        if female:
            last = last + "а"
            middle = middle[:-2] + "на"
        name = f"{last} {first} {middle}" if rng.random() < 0.7 else f"{first} {last}"
        local = f"{translit(first)[0]}.{translit(last)}"
        mobile = ru_mobile(rng)
        functions = (
            "Генеральный директор",
            "Главный бухгалтер",
            "Менеджер по закупкам",
        )
        functions += ("Коммерческий директор", "Юрист", "Снабженец", "Офис-менеджер")
    else:
        first, last = rng.choice(INTL_FIRST), rng.choice(INTL_LAST)
        name = f"{first} {last}"
        local = f"{translit(first)}.{translit(last)}"
        mobile = intl_phone(rng, INTL.get(company["country_code"], ((), "+44 20"))[1])
        functions = ("CEO", "Purchasing Manager", "Accountant", "Sales Director")
        functions += ("Office Manager", "Legal Counsel")
    domain = (company.get("email") or "").partition("@")[2]
    if not re.fullmatch(r"[a-z0-9.-]+\.[a-z]+", domain) or domain in EMAIL_DOMAINS:
        # a personal address at a mail provider: one per person
        domain = rng.choice(EMAIL_DOMAINS)
        local = f"{local}.{index}"
    planted = set()
    phone = _maybe_phone(rng, company.get("phone") or False, PERSON_NO_PHONE, 0.0)
    if phone and "phone" in company.get("planted_invalid", ()):
        planted.add("phone")
    return {
        "name": name,
        "is_company": False,
        "function": rng.choice(functions),
        "email": make_email(rng, local, domain, planted)
        if rng.random() > 0.12
        else False,
        "phone": phone,
        "mobile": _maybe_phone(rng, mobile, 0.2, 0.03, planted, "mobile"),
        "client_phone_extra": _direct_line(seed, index, company),
        "lang": company["lang"],
        "planted_invalid": sorted(planted),
    }


def _direct_line(seed, index, company):
    """A contact person's direct line on their company's exchange (own
    random stream), for PERSON_DIRECT_LINE of them."""
    rng = client_rng(seed, "person-primary", index)
    phone = company.get("phone") or ""
    if (
        rng.random() >= PERSON_DIRECT_LINE
        or "phone" in company.get("planted_invalid", ())
        or len(re.sub(r"\D", "", phone)) < 8
    ):
        return False
    return same_exchange(rng, phone)


# ------------------------------------------------------------- buying model
PATTERNS = ("regular", "seasonal", "irregular")


def make_profile(seed, index, months, alpha=1.16):
    """The buying behaviour of client ``index`` over ``months`` months.

    ``weight`` is Pareto-distributed (alpha 1.16: about 20% of the clients
    make 80% of the revenue). ``first``/``last`` are month offsets (0 = the
    oldest month): new clients start late, lost clients stop early.
    """
    rng = client_rng(seed, "profile", index)
    weight = min(rng.paretovariate(alpha), 500.0)
    roll = rng.random()
    pattern = "regular" if roll < 0.35 else "seasonal" if roll < 0.6 else "irregular"
    first, last = 0, months - 1
    life = rng.random()
    if life < 0.15:  # new client
        first = rng.randrange(months // 2, months)
    elif life < 0.30:  # lost client
        last = rng.randrange(0, months // 2)
    elif life < 0.36:  # prospect: never bought
        first, last = months, -1
    return {
        "index": index,
        "weight": weight,
        "pattern": pattern,
        "first": first,
        "last": last,
        "peak": rng.randrange(12),
        "activity": rng.uniform(0.15, 0.5),
        "refund_rate": rng.choice((0.0, 0.02, 0.05, 0.1)),
        "foreign": rng.random() < 0.08,
    }


def buying_months(profile, months, rng):
    """The month offsets in which the client buys."""
    result = []
    for month in range(max(profile["first"], 0), min(profile["last"], months - 1) + 1):
        if profile["pattern"] == "regular":
            buys = rng.random() < 0.92
        elif profile["pattern"] == "seasonal":
            distance = min(
                (month - profile["peak"]) % 12, (profile["peak"] - month) % 12
            )
            buys = distance <= 1 and rng.random() < 0.9
        else:
            buys = rng.random() < profile["activity"]
        if buys:
            result.append(month)
    return result


def month_start(start, offset):
    """The first day of month ``start`` + ``offset`` months."""
    index = start.year * 12 + start.month - 1 + offset
    return datetime.date(index // 12, index % 12 + 1, 1)


def invoice_plan(profile, start, months, lines_per_invoice, n_products, seed=0):
    """The invoices and refunds of one client, in date order.

    Returns dicts: ``move_type`` (out_invoice/out_refund), ``date``,
    ``lines`` [(product index, quantity, unit price in the company
    currency)], ``due_days``. Prices scale with the client's Pareto weight.
    """
    rng = client_rng(seed, "invoices", profile["index"])
    result = []
    base = 20000.0 * profile["weight"]
    for month in buying_months(profile, months, rng):
        first_day = month_start(start, month)
        count = (
            1 + (rng.random() < 0.25) + (profile["weight"] > 20 and rng.random() < 0.5)
        )
        for _i in range(count):
            day = first_day + datetime.timedelta(days=rng.randrange(28))
            n_lines = max(1, min(12, int(rng.expovariate(1 / lines_per_invoice) + 0.5)))
            budget = base * rng.lognormvariate(0, 0.4) / count
            lines = []
            for _j in range(n_lines):
                product = _product_index(rng, n_products)
                qty = float(rng.choice((1, 1, 1, 2, 3, 5, 10, 12, 20, 50)))
                price = round(max(budget / n_lines / qty, 10.0), 2)
                lines.append((product, qty, price))
            invoice = {
                "move_type": "out_invoice",
                "date": day,
                "lines": lines,
                "due_days": rng.choice((0, 14, 30, 30, 45, 60)),
            }
            result.append(invoice)
            if profile["refund_rate"] and rng.random() < profile["refund_rate"]:
                refund_day = day + datetime.timedelta(days=rng.randrange(1, 25))
                part = lines[: max(1, len(lines) // 2)]
                ratio = rng.choice((1.0, 0.5, 0.2))
                refund_lines = [(p, q, round(pr * ratio, 2)) for p, q, pr in part]
                result.append(
                    {
                        "move_type": "out_refund",
                        "date": refund_day,
                        "lines": refund_lines,
                        "due_days": 0,
                    }
                )
    result.sort(key=lambda inv: inv["date"])
    return result


def _product_index(rng, n_products):
    """Skewed product choice: a few best sellers, a long tail."""
    return min(int(n_products * rng.random() ** 2.5), n_products - 1)


def expected_lines_per_invoice(clients, target_lines, months, seed, sample=300):
    """The mean number of lines per invoice that yields ``target_lines``.

    Estimated on a sample of profiles (number of invoices per client does not
    depend on the lines per invoice).
    """
    sample = min(sample, clients)
    invoices = 0
    for index in range(sample):
        profile = make_profile(seed, index, months)
        rng = client_rng(seed, "invoices", index)
        n_months = len(buying_months(profile, months, rng))
        invoices += n_months * (1 + 0.25 + (0.5 if profile["weight"] > 20 else 0))
    per_client = invoices / sample if sample else 1
    if not per_client:
        return 3.0
    return max(1.0, target_lines / (per_client * clients))


def exp_mean_correction(mean):
    """Inverse of E[max(1, min(12, round(Exp(m))))] ~ mean for small means."""
    # Rounding and the floor of 1 inflate small means; good enough for sizing.
    return max(0.3, mean - math.exp(-1.5 / max(mean, 0.1)) * 0.5)


def company_origin(seed, index):
    """``(kind, original index)`` of company ``index``.

    ``kind`` is ``"new"`` (original ``None``), ``"duplicate"`` (about 3%: the
    same client typed again) or ``"branch"`` (about 2%: a branch of an
    earlier Russian legal entity, with the same INN and its own KPP).
    """
    rng = client_rng(seed, "dup", index)
    if index > 10:
        roll = rng.random()
        if roll < 0.03:
            return "duplicate", rng.randrange(index)
        if roll < 0.05:
            original = rng.randrange(index)
            values = make_company(seed, original)
            if (
                values["client_kpp"]
                and "vat" not in values["planted_invalid"]
                and company_origin(seed, original)[0] == "new"
            ):
                return "branch", original
    return "new", None


def company_values(seed, index):
    """Company ``index``: new, a near-duplicate or a branch of an earlier one.

    ``planted_invalid`` lists the fields given an invalid value on purpose.
    """
    kind, original = company_origin(seed, index)
    if kind == "duplicate":
        # the original as it is in the database (maybe itself a duplicate)
        values = duplicate_of(seed, index, company_values(seed, original))
        # typed again in a hurry: the main line only
        values["client_phone_extra"] = False
        return values
    if kind == "branch":
        return fill_primary(
            seed, index, branch_of(seed, index, make_company(seed, original))
        )
    return fill_primary(seed, index, make_company(seed, index))


# Share of the companies with a valid main phone that also have an
# additional work phone (about 70 % of all companies), and share of the
# companies without a website that have one on their e-mail's domain.
EXTRA_PHONE_SHARE = 0.8
WEBSITE_SHARE = 0.6


def same_exchange(rng, phone):
    """Another line of the same exchange: ``phone`` (same spelling) with
    its last four digits drawn again; ``False`` if it comes out the same."""
    chars = list(phone)
    digits = [i for i, char in enumerate(chars) if char.isdigit()][-4:]
    for position, digit in zip(digits, f"{rng.randrange(10000):04d}", strict=True):
        chars[position] = digit
    line = "".join(chars)
    return line if line != phone else False


def fill_primary(seed, index, values):
    """The primary fields a real base mostly has, not always (own random
    stream: the other values do not change): an additional work phone (the
    same exchange as the main one) and a website on the company's own mail
    domain. Sole traders (ИП) have no website."""
    rng = client_rng(seed, "primary", index)
    values = dict(values)
    phone = values.get("phone") or ""
    values["client_phone_extra"] = False
    if (
        rng.random() < EXTRA_PHONE_SHARE
        and "phone" not in values.get("planted_invalid", ())
        and len(re.sub(r"\D", "", phone)) >= 8
    ):
        values["client_phone_extra"] = same_exchange(rng, phone)
    domain = (values.get("email") or "").partition("@")[2]
    if (
        not values.get("website")
        and not values["name"].startswith("ИП ")
        and re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain)
        and domain not in EMAIL_DOMAINS
        and "email" not in values.get("planted_invalid", ())
        and rng.random() < WEBSITE_SHARE
    ):
        www = "" if values.get("country_code") == "RU" else "www."
        values["website"] = f"https://{www}{domain}"
    return values


def person_company(seed, index, clients):
    """The company index a contact person works for (big clients have more)."""
    rng = client_rng(seed, "person-company", index)
    return min(int(clients * rng.random() ** 1.3), clients - 1)


def seller_index(profile, company, n_companies):
    """Which of our companies sells to this client (0 = the RUB company)."""
    if n_companies < 2 or company["country_code"] in ("RU", "KZ", "BY"):
        return 0
    return 1 if profile["index"] % 10 < 7 else 0


def client_state(profile):
    """The client_base ``client_state`` a demo client starts in."""
    if profile["last"] < 0:
        return "prospect"
    if profile["weight"] > 30:
        return "vip"
    return "client"


# ------------------------------------------------------ sales and mailings
SALE_ORDER_STATES = (
    # (state, share): confirmed orders, open quotations, lost quotations
    ("sale", 0.8),
    ("draft", 0.08),
    ("sent", 0.05),
    ("cancel", 0.07),
)
# per client of the dataset (not per buying client: the figures then do not
# depend on the day the demo is built)
SALE_ORDERS_PER_CLIENT = 0.13
SALE_ORDER_MONTHS = 15
MAILING_STATUSES = (("sent", 0.6), ("open", 0.34), ("reply", 0.06))


def _weighted_choice(rng, choices):
    roll = rng.random()
    for value, share in choices:
        roll -= share
        if roll < 0:
            return value
    return choices[-1][0]


def sale_order_count(clients, per_client=SALE_ORDERS_PER_CLIENT):
    """How many demo sales orders for ``clients`` clients (260 for 2,000)."""
    return max(1, round(clients * per_client)) if clients > 0 else 0


def sale_order_plan(seed, n_clients, count, today, n_products, months=None):
    """The demo sales orders, oldest first.

    Returns dicts: ``client`` (index into the list of buying clients, a few
    big ones order more), ``contact`` (True: ordered by a contact person),
    ``state`` (sale / draft / sent / cancel), ``date`` (a naive datetime in
    the last ``months`` months; open quotations in the last six weeks) and
    ``lines`` [(product index, quantity, price factor)], 1 to 3 lines; the
    price factor multiplies the product's list price.
    """
    months = months or SALE_ORDER_MONTHS
    if not n_clients or not n_products:
        return []
    orders = []
    for index in range(count):
        rng = client_rng(seed, "sale-order", index)
        state = _weighted_choice(rng, SALE_ORDER_STATES)
        span = 42 if state in ("draft", "sent") else months * 30
        day = today - datetime.timedelta(days=rng.randrange(1, span))
        moment = datetime.datetime.combine(
            day, datetime.time(rng.randrange(6, 15), rng.randrange(60))
        )
        lines = []
        for _j in range(rng.choice((1, 1, 1, 2, 2, 3))):
            product = _product_index(rng, n_products)
            qty = float(rng.choice((1, 1, 2, 3, 5, 10)))
            lines.append((product, qty, round(rng.uniform(0.85, 1.05), 2)))
        orders.append(
            {
                "client": min(int(n_clients * rng.random() ** 1.5), n_clients - 1),
                "contact": rng.random() < 0.4,
                "state": state,
                "date": moment,
                "lines": lines,
            }
        )
    orders.sort(key=lambda order: order["date"])
    return orders


def sample_indexes(seed, kind, population, size):
    """``size`` distinct indexes of ``range(population)``, sorted."""
    rng = client_rng(seed, kind, 0)
    return sorted(rng.sample(range(population), min(size, population)))


def mailing_plan(seed, name, n_candidates, size, sent_at):
    """The recipients of one sent mailing and what became of each message.

    Picks ``size`` of ``n_candidates`` (sorted candidate indexes) and gives
    each a trace: ``status`` (sent / open / reply) and the ``sent``,
    ``open`` and ``reply`` naive datetimes (None when not reached).
    """
    rng = client_rng(seed, "mailing", name)
    traces = []
    for candidate in sample_indexes(seed, f"mailing-{name}", n_candidates, size):
        status = _weighted_choice(rng, MAILING_STATUSES)
        sent = sent_at + datetime.timedelta(seconds=rng.randrange(1, 900))
        opened = replied = None
        if status in ("open", "reply"):
            opened = sent + datetime.timedelta(minutes=rng.randrange(5, 4 * 24 * 60))
        if status == "reply":
            replied = opened + datetime.timedelta(minutes=rng.randrange(2, 600))
        traces.append(
            {
                "candidate": candidate,
                "status": status,
                "sent": sent,
                "open": opened,
                "reply": replied,
            }
        )
    return traces


def mailing_sizes(clients):
    """``(companies, persons)`` subscribed to the newsletter for a dataset of
    ``clients`` clients: the spring mailing goes to both, the webinar
    invitation to the persons only."""
    size = max(20, min(500, clients // 4))
    persons = round(size * 0.6)
    return size - persons, persons


# ------------------------------------------------------- verification campaign
CAMPAIGN_OUTCOMES = ("verified", "verified", "updated", "unreachable", "refused")
CAMPAIGN_DONE_SHARE = 0.4


def campaign_size(clients):
    """Clients of the demo's running agency campaign."""
    return max(10, min(60, clients // 40))


def campaign_outcomes(size):
    """The outcome of each call of the demo campaign, in line order: the
    first CAMPAIGN_DONE_SHARE are called, the others are still to call."""
    done = round(size * CAMPAIGN_DONE_SHARE)
    return [
        CAMPAIGN_OUTCOMES[i % len(CAMPAIGN_OUTCOMES)] if i < done else "pending"
        for i in range(size)
    ]


# ------------------------------------------------------------------ the roles
# Each demo user: password = login (demo only), admin / admin.
DEMO_ROLES = (
    # (role, logins, lands on, Home Action xmlid or None)
    (
        "Director",
        ("director",),
        "Client base overview (dashboard)",
        "client_base_analytics.client_workspace_dashboard_action",
    ),
    (
        "Account managers",
        ("sokolova", "petrov", "kuznetsova", "orlov", "schneider", "martin"),
        "My clients",
        "client_base.res_partner_action_workspace_my_clients",
    ),
    (
        "Secretary",
        ("secretary",),
        "Greetings this week",
        "client_base.client_greeting_action_week",
    ),
    (
        "Accountant",
        ("accountant",),
        "Documents to collect",
        "client_base_regulations.account_move_action_document_collect",
    ),
    (
        "Data quality manager",
        ("quality",),
        "Data quality",
        "client_base.client_quality_report_action",
    ),
    (
        "Agency operator",
        ("operator",),
        "My verification calls (the running campaign)",
        "client_base_regulations.client_verification_campaign_line_action",
    ),
    ("Administrator", ("admin",), "Discuss (Odoo's default)", None),
)


def role_password(login):
    return "admin" if login == "admin" else login


def demo_figures(seed=42, clients=2000, persons=None):
    """The counts the demo dataset guarantees for these sizes, whatever the
    day it is built (the invoices, which end today, vary with the day)."""
    persons = round(2.5 * clients) if persons is None else persons
    orders = sale_order_count(clients)
    states = collections.Counter(
        _weighted_choice(client_rng(seed, "sale-order", index), SALE_ORDER_STATES)
        for index in range(orders)
    )
    companies, subscribers = mailing_sizes(clients)
    recipients = companies + subscribers
    statuses = collections.Counter()
    sent_at = datetime.datetime(2000, 1, 1)  # the statuses do not depend on it
    for key, size in (("spring", recipients), ("webinar", subscribers)):
        for trace in mailing_plan(seed, key, size, size, sent_at):
            statuses[trace["status"]] += 1
    return {
        "clients": clients,
        "persons": persons,
        "sale_orders": orders,
        "confirmed": states["sale"],
        "quotations": states["draft"] + states["sent"],
        "cancelled": states["cancel"],
        "mailing_recipients": recipients + subscribers,
        "mailing_opened": statuses["open"] + statuses["reply"],
        "mailing_replied": statuses["reply"],
        "campaign_calls": campaign_size(clients),
        "campaign_done": sum(
            o != "pending" for o in campaign_outcomes(campaign_size(clients))
        ),
    }


# ------------------------------------------------------------- individuals
# Individual clients (no company): about 15 % are planted duplicates of an
# earlier one, typed again in one of these ways, and about 5 % are a
# relative of an earlier one sharing the address, the landline and the
# mailbox (a household: not a duplicate).
INDIVIDUAL_KINDS = ("typo", "translit", "missing_part", "swapped")


def individual_origin(seed, index, dup_rate=0.15, household_rate=0.05):
    """``(kind, original index)`` of individual ``index``.

    ``kind`` is ``"new"``, one of :data:`INDIVIDUAL_KINDS` (a duplicate of
    the original, for ``dup_rate`` of them) or ``"household"`` (a relative
    of the original, for ``household_rate``).
    """
    rng = client_rng(seed, "individual-dup", index)
    if index > 5:
        roll = rng.random()
        if roll < dup_rate:
            kind = INDIVIDUAL_KINDS[int(roll / dup_rate * len(INDIVIDUAL_KINDS))]
            return kind, rng.randrange(index)
        if roll < dup_rate + household_rate:
            return "household", rng.randrange(index)
    return "new", None


def make_individual(seed, index):
    """Values of individual client ``index``: a Russian consumer."""
    rng = client_rng(seed, "individual", index)
    female = rng.random() < 0.5
    first = rng.choice(RU_FEMALE_FIRST if female else RU_MALE_FIRST)
    last = rng.choice(RU_LAST)
    middle = rng.choice(RU_MIDDLE_M)
    if female:
        last, middle = last + "а", middle[:-2] + "на"
    name = f"{last} {first} {middle}" if rng.random() < 0.6 else f"{last} {first}"
    city, state, area, zip_code, _weight = _weighted_city(rng)
    # one of the city's post offices: a zip is a neighbourhood, not a city
    zip_code = f"{zip_code[:3]}{rng.randrange(1, 120):03d}"
    birthday = None
    if rng.random() < 0.85:
        birthday = datetime.date(rng.randrange(1950, 2005), 1, 1) + datetime.timedelta(
            days=rng.randrange(365)
        )
    local = f"{translit(first)}.{translit(last)}{rng.randrange(10, 99)}"
    return {
        "name": name,
        "is_company": False,
        "country_code": "RU",
        "state_code": state,
        "city": city,
        "zip": zip_code,
        "street": f"{rng.choice(RU_STREETS)}, д. {rng.randrange(1, 150)}, "
        f"кв. {rng.randrange(1, 300)}",
        "phone": ru_phone(rng, area) if rng.random() < 0.3 else False,
        "mobile": ru_mobile(rng) if rng.random() < 0.8 else False,
        "email": f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        if rng.random() < 0.6
        else False,
        "birthday": birthday,
        "lang": "ru_RU",
        "planted_invalid": [],
    }


def _typo(rng, word):
    """``word`` with one letter replaced by a neighbour letter of the word."""
    if len(word) < 4:
        return word
    pos = rng.randrange(1, len(word) - 1)
    return word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]


def _latin_name(name):
    return " ".join(translit(word).capitalize() for word in name.split())


def individual_duplicate(seed, index, kind, original):
    """The original individual typed again (``kind``: how the name differs).

    The birthday, the address and the contact values are each kept or lost,
    as when one person is entered at the counter, by the web shop and from
    an e-mail.
    """
    rng = client_rng(seed, "individual-copy", index)
    values = dict(original)
    words = original["name"].split()
    if kind == "typo":
        pos = rng.randrange(min(2, len(words)))
        words[pos] = _typo(rng, words[pos])
        values["name"] = " ".join(words)
    elif kind == "translit":
        values["name"] = _latin_name(original["name"])
    elif kind == "missing_part":  # the patronymic, else the given name
        values["name"] = " ".join(words[:2]) if len(words) > 2 else words[0]
    elif len(words) > 1:  # swapped: given name first, patronymic dropped
        values["name"] = f"{words[1]} {words[0]}"
    # one of the birthday and the street is always kept: a record with
    # neither and another name is no longer recognisable, by anyone
    if rng.random() < 0.25:
        values["birthday"] = None
    elif rng.random() < 0.3:
        values["street"] = False
    if kind == "missing_part" and len(words) < 3:
        values["birthday"] = original.get("birthday")
    if not values.get("birthday"):
        values["street"] = original.get("street")
    for field in ("phone", "mobile", "email"):
        if rng.random() < 0.5:
            values[field] = False
    return values


def individual_relative(seed, index, original):
    """A relative living with the original: the same surname, address,
    landline and mailbox, another given name and birthday."""
    rng = client_rng(seed, "individual-relative", index)
    values = dict(original)
    surname = original["name"].split()[0]
    female = surname.endswith("а")
    if rng.random() < 0.5:  # the spouse
        surname = surname[:-1] if female else surname + "а"
        female = not female
    first = original["name"].split()[-1]
    while first in original["name"].split():
        first = rng.choice(RU_FEMALE_FIRST if female else RU_MALE_FIRST)
    values["name"] = f"{surname} {first}"
    values["birthday"] = datetime.date(
        rng.randrange(1950, 2015), 1, 1
    ) + datetime.timedelta(days=rng.randrange(365))
    if original.get("birthday") == values["birthday"]:
        values["birthday"] = None
    values["phone"] = original.get("phone") or ru_phone(rng, "495")
    values["mobile"] = ru_mobile(rng) if rng.random() < 0.7 else False
    return values


def individual_values(seed, index, **rates):
    """Individual ``index``: new, a planted duplicate or a relative
    (``rates``: those of :func:`individual_origin`)."""
    kind, original = individual_origin(seed, index, **rates)
    if kind == "new":
        return make_individual(seed, index)
    # a copy of a copy is typed from the first record (the truth pairs it
    # with its direct original: one cluster); a relative lives with the
    # first record of the person
    while individual_origin(seed, original, **rates)[0] not in ("new", "household"):
        original = individual_origin(seed, original, **rates)[1]
    source = individual_values(seed, original, **rates)
    if kind == "household":
        return individual_relative(seed, index, source)
    return individual_duplicate(seed, index, kind, source)
