"""Unit tests of the pure part of the demo dataset generator (no Odoo).

``tools/dataset/dataset_pure.py`` must be deterministic (same seed, same data, in
any order), produce checksum-valid Russian INNs and realistic, skewed data.
"""

import ast
import collections
import datetime
import importlib.util
import re

import pytest
from conftest import REPO


def _load():
    spec = importlib.util.spec_from_file_location(
        "_cb_dataset_pure", REPO / "tools" / "dataset" / "dataset_pure.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pure = _load()


def test_known_inn_checksums():
    assert pure.is_valid_inn("7707083893")  # a real 10-digit INN
    assert pure.is_valid_inn("500100732259")  # a real 12-digit INN
    assert not pure.is_valid_inn("7707083894")
    assert not pure.is_valid_inn("500100732250")
    assert not pure.is_valid_inn("77070838")
    assert not pure.is_valid_inn("77070838a3")
    assert not pure.is_valid_inn(False)


def test_generated_inns_are_valid_and_regional():
    rng = pure.client_rng(1, "inn", 0)
    for _i in range(500):
        inn10 = pure.make_inn10(rng, "78")
        inn12 = pure.make_inn12(rng, "50")
        assert len(inn10) == 10 and inn10.startswith("78")
        assert len(inn12) == 12 and inn12.startswith("50")
        assert pure.is_valid_inn(inn10) and pure.is_valid_inn(inn12)


def test_vat_numbers_pass_python_stdnum():
    stdnum_de = pytest.importorskip("stdnum.de.vat")
    stdnum_gb = pytest.importorskip("stdnum.gb.vat")
    stdnum_ru = pytest.importorskip("stdnum.ru.inn")
    rng = pure.client_rng(2, "vat", 0)
    for _i in range(300):
        assert stdnum_de.is_valid(pure.make_vat_de(rng))
        assert stdnum_gb.is_valid(pure.make_vat_gb(rng))
        assert stdnum_ru.is_valid(pure.make_inn10(rng))
    for index in range(300):
        company = pure.company_values(7, index)
        if company["vat"] and company["country_code"] == "RU":
            planted = "vat" in company["planted_invalid"]
            assert stdnum_ru.is_valid(company["vat"]) != planted, company


def test_same_seed_same_data_in_any_order():
    forward = [pure.make_company(42, i) for i in range(50)]
    backward = [pure.make_company(42, i) for i in reversed(range(50))][::-1]
    assert forward == backward
    assert [pure.make_company(43, i) for i in range(50)] != forward
    person = pure.make_person(42, 3, forward[0])
    assert person == pure.make_person(42, 3, forward[0])
    profile = pure.make_profile(42, 5, 24)
    start = datetime.date(2025, 1, 1)
    plan = pure.invoice_plan(profile, start, 24, 3.0, 24, 42)
    assert plan == pure.invoice_plan(
        pure.make_profile(42, 5, 24), start, 24, 3.0, 24, 42
    )


def test_names_mix_cyrillic_and_latin():
    companies = [pure.company_values(42, i) for i in range(1000)]
    cyrillic = sum(bool(re.search("[А-Яа-яЁё]", c["name"])) for c in companies)
    latin = sum(bool(re.fullmatch(r"[^А-Яа-яЁё]+", c["name"])) for c in companies)
    assert cyrillic > 600 and latin > 80
    countries = collections.Counter(c["country_code"] for c in companies)
    assert countries["RU"] > 700 and len(countries) >= 8
    assert all(c["state_code"] for c in companies if c["country_code"] == "RU")
    persons = [pure.make_person(42, i, companies[i % 1000]) for i in range(1000)]
    assert sum(bool(re.search("[А-Яа-я]", p["name"])) for p in persons) > 600


def test_phones_and_emails_are_imperfect_on_purpose():
    companies = [pure.company_values(42, i) for i in range(2000)]
    persons = [pure.make_person(42, i, companies[i % 2000]) for i in range(5000)]
    emails = [p["email"] for p in companies + persons]
    missing = sum(not e for e in emails)
    malformed = sum(
        bool(e) and not re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", e) for e in emails
    )
    assert 0.04 < missing / len(emails) < 0.25
    assert 0.01 < malformed / len(emails) < 0.1
    planted = sum("email" in p["planted_invalid"] for p in companies + persons)
    assert planted == malformed, "every malformed e-mail is recorded"
    phones = [c["phone"] for c in companies]
    assert 0.05 < sum(not p for p in phones) / len(phones) < 0.2
    assert any(p in pure.MALFORMED_PHONES for p in phones)
    assert any(p and p.startswith("+7") for p in phones)
    names = collections.Counter(c["name"].upper().strip() for c in companies)
    assert any(n > 1 for n in names.values()), "some companies are duplicated"


def test_revenue_is_pareto_and_behaviours_vary():
    profiles = [pure.make_profile(42, i, 24) for i in range(3000)]
    weights = sorted((p["weight"] for p in profiles), reverse=True)
    top = sum(weights[: len(weights) // 5]) / sum(weights)
    assert 0.55 < top < 0.95, top
    patterns = collections.Counter(p["pattern"] for p in profiles)
    assert set(patterns) == set(pure.PATTERNS)
    new = sum(p["first"] > 0 for p in profiles)
    lost = sum(0 <= p["last"] < 23 for p in profiles)
    prospects = sum(p["last"] < 0 for p in profiles)
    assert new > 200 and lost > 200 and prospects > 50
    assert {pure.client_state(p) for p in profiles} == {"prospect", "client", "vip"}


def test_invoice_plan_shape():
    start = datetime.date(2024, 12, 1)
    end = pure.month_start(start, 24)
    moves = []
    for index in range(300):
        profile = pure.make_profile(42, index, 24)
        plan = pure.invoice_plan(profile, start, 24, 3.0, 24, 42)
        assert [m["date"] for m in plan] == sorted(m["date"] for m in plan)
        if profile["last"] < 0:
            assert not plan
        moves += plan
    assert all(start <= m["date"] < end + datetime.timedelta(days=40) for m in moves)
    types = collections.Counter(m["move_type"] for m in moves)
    assert types["out_invoice"] > 10 * types["out_refund"] > 0
    for move in moves:
        assert 1 <= len(move["lines"]) <= 12
        for product, qty, price in move["lines"]:
            assert 0 <= product < 24 and qty > 0 and price >= 0.01
            assert round(price, 2) == price


def test_line_target_is_met_roughly():
    start = datetime.date(2024, 12, 1)
    clients, target = 400, 16000
    lpi = pure.expected_lines_per_invoice(clients, target, 24, 42)
    lines = 0
    for index in range(clients):
        profile = pure.make_profile(42, index, 24)
        plan = pure.invoice_plan(profile, start, 24, lpi, 24, 42)
        lines += sum(len(m["lines"]) for m in plan)
    assert 0.75 * target < lines < 1.25 * target, lines


def test_seasonal_clients_buy_around_their_peak():
    rng = pure.client_rng(1, "season", 0)
    profile = dict(pure.make_profile(42, 0, 24), pattern="seasonal", peak=6)
    profile.update(first=0, last=23)
    months = pure.buying_months(profile, 24, rng)
    assert months and all(m % 12 in (5, 6, 7) for m in months)


def test_translit():
    assert pure.translit("Щукин-Ёлкин") == "shchukinelkin"
    assert pure.translit("Müller GmbH") == "mllergmbh"


def test_sale_order_plan():
    today = datetime.date(2026, 6, 15)
    assert pure.sale_order_count(2000) == 260
    assert pure.sale_order_count(0) == 0
    plan = pure.sale_order_plan(42, 1700, 300, today, 24)
    assert plan == pure.sale_order_plan(42, 1700, 300, today, 24)
    assert plan != pure.sale_order_plan(43, 1700, 300, today, 24)
    assert len(plan) == 300
    assert [o["date"] for o in plan] == sorted(o["date"] for o in plan)
    states = collections.Counter(o["state"] for o in plan)
    assert set(states) == {"sale", "draft", "sent", "cancel"}
    assert states["sale"] > 0.7 * len(plan)
    assert states["draft"] + states["sent"] > states["cancel"] > 5
    oldest = today - datetime.timedelta(days=31 * pure.SALE_ORDER_MONTHS)
    for order in plan:
        assert oldest < order["date"].date() < today
        if order["state"] in ("draft", "sent"):
            assert order["date"].date() > today - datetime.timedelta(days=43)
        assert 0 <= order["client"] < 1700
        assert 1 <= len(order["lines"]) <= 3
        for product, qty, factor in order["lines"]:
            assert 0 <= product < 24 and qty > 0 and 0.8 < factor < 1.1
    clients = collections.Counter(o["client"] for o in plan)
    assert len(clients) > 150 and max(clients.values()) > 1
    assert sum(o["contact"] for o in plan) > 60
    assert pure.sale_order_plan(42, 0, 10, today, 24) == []


def test_mailing_plan():
    sent_at = datetime.datetime(2026, 4, 14, 7, 30)
    plan = pure.mailing_plan(42, "spring", 1000, 400, sent_at)
    assert plan == pure.mailing_plan(42, "spring", 1000, 400, sent_at)
    assert len(plan) == 400
    picked = [t["candidate"] for t in plan]
    assert picked == sorted(set(picked)) and 0 <= picked[0] and picked[-1] < 1000
    assert picked != [
        t["candidate"] for t in pure.mailing_plan(42, "x", 1000, 400, sent_at)
    ]
    statuses = collections.Counter(t["status"] for t in plan)
    assert statuses["sent"] > statuses["open"] > statuses["reply"] > 5
    for trace in plan:
        assert sent_at < trace["sent"] < sent_at + datetime.timedelta(hours=1)
        assert (trace["open"] is None) == (trace["status"] == "sent")
        assert (trace["reply"] is None) == (trace["status"] != "reply")
        if trace["reply"]:
            assert trace["sent"] < trace["open"] < trace["reply"]
    assert len(pure.mailing_plan(42, "small", 30, 400, sent_at)) == 30
    assert pure.sample_indexes(1, "a", 10, 3) == pure.sample_indexes(1, "a", 10, 3)


def test_unrelated_companies_share_no_email_or_phone():
    """Only planted duplicates (and contacts of one company) share values."""
    seed, count = 42, 2000
    companies = [pure.company_values(seed, i) for i in range(count)]
    related = {}
    for index in range(count):
        kind, original = pure.company_origin(seed, index)
        related[index] = related.get(original, original) if kind != "new" else index
    for field in ("email", "phone", "client_phone_extra"):
        holders = collections.defaultdict(set)
        for index, company in enumerate(companies):
            if company[field] and field not in company["planted_invalid"]:
                holders[company[field]].add(related[index])
        shared = {value: h for value, h in holders.items() if len(h) > 1}
        assert not shared, (field, list(shared.items())[:3])
    persons = [pure.make_person(seed, i, companies[i % count]) for i in range(5000)]
    emails = collections.Counter(p["email"] for p in persons if p["email"])
    shared = [e for e, n in emails.items() if n > 1]
    # two contacts of one company may share a first initial and a last name
    assert len(shared) < 10, shared


def test_planted_duplicates_branches_and_kpp():
    seed = 42
    kinds = collections.Counter(pure.company_origin(seed, i)[0] for i in range(2000))
    assert 30 < kinds["duplicate"] < 90 and 10 < kinds["branch"] < 60, kinds
    for index in range(2000):
        kind, original = pure.company_origin(seed, index)
        if kind == "new":
            continue
        copy = pure.company_values(seed, index)
        head = pure.company_values(seed, original)
        if kind == "branch":
            assert copy["vat"] == head["vat"] and pure.is_valid_inn(copy["vat"])
            assert copy["client_kpp"] and head["client_kpp"]
            assert copy["client_kpp"] != head["client_kpp"]
            assert copy["city"] != head["city"]
        else:
            assert copy["city"] == head["city"]
            assert copy["vat"] in (head["vat"], False)
    companies = [pure.company_values(seed, i) for i in range(300)]
    legal = [c for c in companies if c["country_code"] == "RU" and c["vat"]]
    with_kpp = [c for c in legal if c["client_kpp"]]
    assert all(len(c["client_kpp"]) == 9 for c in with_kpp)
    assert all(len(c["vat"]) == 10 for c in with_kpp)
    assert len(with_kpp) > 0.6 * len(legal)


def test_respelled_phone_is_the_same_number():
    rng = pure.client_rng(1, "t", 0)
    for phone in ("+7 (495) 123-45-67", "8 495 1234567", "8(495)123-45-67"):
        again = pure.respell_phone(rng, phone)
        assert re.sub(r"\D", "", again)[1:] == re.sub(r"\D", "", phone)[1:]
    assert pure.respell_phone(rng, "12-34") == "12-34"


def test_unplanted_phones_are_valid_numbers():
    """What the data-quality checks flag on the demo is only what was planted:
    every phone and mobile not recorded as planted is a valid number of its
    country (the foreign numbers once had a digit too many)."""
    phonenumbers = pytest.importorskip("phonenumbers")
    companies = [pure.company_values(42, i) for i in range(2000)]
    persons = [pure.make_person(42, i, companies[i % 2000]) for i in range(5000)]
    bad = []
    for record in companies + persons:
        region = record.get("country_code") or "RU"
        for field in ("phone", "mobile", "client_phone_extra"):
            value = record.get(field)
            if not value or field in record["planted_invalid"]:
                continue
            try:
                number = phonenumbers.parse(value, region)
            except phonenumbers.NumberParseException:
                number = None
            if number is None or not phonenumbers.is_valid_number(number):
                bad.append((record.get("name"), value))
    assert not bad, bad[:10]


# the primary fields of a company and of a contact person (client_base's
# default field rules); the addresses are always there
COMPANY_PRIMARY = ("phone", "client_phone_extra", "email", "website")
PERSON_PRIMARY = ("phone", "client_phone_extra", "email")


def _share(records, field):
    return sum(bool(r.get(field)) for r in records) / len(records)


def test_primary_fields_mostly_filled():
    """Most, not all, as a real base: Missing primary data must tell the
    clients apart (README, "The demo dataset", states these shares)."""
    seed, count = 42, 2000
    companies = [pure.company_values(seed, i) for i in range(count)]
    shares = {field: _share(companies, field) for field in COMPANY_PRIMARY}
    assert {field: round(100 * v) for field, v in shares.items()} == {
        "phone": 90,
        "client_phone_extra": 69,
        "email": 92,
        "website": 70,
    }
    persons = [
        pure.make_person(seed, i, companies[pure.person_company(seed, i, count)])
        for i in range(5000)
    ]
    assert {field: round(100 * _share(persons, field)) for field in PERSON_PRIMARY} == {
        "phone": 63,
        "client_phone_extra": 51,
        "email": 87,
    }
    complete = sum(all(c.get(f) for f in COMPANY_PRIMARY) for c in companies)
    assert 0.3 < complete / count < 0.7
    for index, company in enumerate(companies):
        extra = company["client_phone_extra"]
        kind = pure.company_origin(seed, index)[0]
        if kind == "duplicate":
            assert not extra, "a duplicate is typed again with its main line only"
        if extra:
            assert extra != company["phone"]
            assert (
                re.sub(r"\D", "", extra)[:-4]
                == re.sub(r"\D", "", company["phone"])[:-4]
            )
        if company["name"].startswith("ИП "):
            assert not company["website"]


def test_demo_figures_are_the_plans():
    """dataset_pure.demo_figures counts what the generator's plans make."""
    for clients in (200, 2000):
        figures = pure.demo_figures(42, clients)
        orders = pure.sale_order_plan(
            42, clients, figures["sale_orders"], datetime.date(2026, 6, 15), 20
        )
        states = collections.Counter(order["state"] for order in orders)
        assert figures["sale_orders"] == len(orders) == pure.sale_order_count(clients)
        assert figures["confirmed"] == states["sale"]
        assert figures["quotations"] == states["draft"] + states["sent"]
        assert figures["cancelled"] == states["cancel"]
        companies, persons = pure.mailing_sizes(clients)
        sent_at = datetime.datetime(2026, 4, 14, 7, 30)
        traces = pure.mailing_plan(
            42, "spring", companies + persons, companies + persons, sent_at
        ) + pure.mailing_plan(42, "webinar", persons, persons, sent_at)
        statuses = collections.Counter(t["status"] for t in traces)
        assert figures["mailing_recipients"] == len(traces)
        assert figures["mailing_opened"] == statuses["open"] + statuses["reply"]
        assert figures["mailing_replied"] == statuses["reply"]
        outcomes = pure.campaign_outcomes(pure.campaign_size(clients))
        assert figures["campaign_calls"] == len(outcomes)
        assert figures["campaign_done"] == sum(o != "pending" for o in outcomes)
        assert set(outcomes) <= {
            "pending",
            "verified",
            "updated",
            "unreachable",
            "refused",
        }
    assert pure.demo_figures(42, 2000)["persons"] == 5000


def _literal(path, name):
    """A module-level constant of a tools/ module that imports Odoo."""
    tree = ast.parse((REPO / "tools" / "dataset" / path).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not in {path}")


def test_demo_roles_are_the_users_made():
    """The role table (README, make demo) lists the users the demo makes."""
    listed = {login for _r, logins, _l, _x in pure.DEMO_ROLES for login in logins}
    made = {row[0] for row in _literal("dataset_sql.py", "SALESPERSONS")}
    made |= {row[0] for row in _literal("dataset_extra.py", "ROLE_USERS")}
    assert listed == made | {"admin"}
    for _role, _logins, landing, xmlid in pure.DEMO_ROLES:
        assert landing and (xmlid is None or xmlid.count(".") == 1)


def test_readme_demo_blocks_are_generated():
    """README.rst's demo users and figures are what tools/dev/gen_readme.py
    writes from dataset_pure (run it after changing the generator)."""
    spec = importlib.util.spec_from_file_location(
        "_cb_gen_readme", REPO / "tools" / "dev" / "gen_readme.py"
    )
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    text = (REPO / "README.rst").read_text(encoding="utf-8")
    assert gen.readme_with_demo_blocks(text) == text, "run tools/dev/gen_readme.py"
    assert text.index(".. begin demo-users") < text.index("``make test`` runs")


def test_individuals_plant_every_kind_of_duplicate_and_households():
    kinds = {pure.individual_origin(7, index)[0] for index in range(400)}
    assert {"new", "household", *pure.INDIVIDUAL_KINDS} <= kinds
    for index in range(400):
        kind, original = pure.individual_origin(7, index)
        values = pure.individual_values(7, index)
        assert values == pure.individual_values(7, index)  # deterministic
        assert not values["is_company"] and values["name"]
        if kind == "household":
            source = pure.individual_values(7, original)
            assert values["name"] != source["name"]
            assert values["street"] == source["street"]
        elif kind == "translit":
            assert values["name"].isascii()
