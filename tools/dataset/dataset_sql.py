"""Bulk generator of the Client Base demo / benchmark dataset (needs Odoo).

Importable API (the analytics benchmark and other helpers reuse it)::

    from dataset_sql import generate          # with tools/ on sys.path
    stats = generate(env, clients=2000, lines=None, months=24, seed=42,
                     companies=2, persons=None, partners="auto", lang=True)

* ``env``: an ``odoo.api.Environment`` as superuser; nothing is committed
  (the caller commits, e.g. ``tools/dataset/demo_data.py``).
* ``clients``: number of client companies (about 3% are near-duplicates on
  purpose, about 6% are prospects that never buy).
* ``lines``: target number of posted invoice product lines (default
  ``40 * clients``); refunds included. Payment-term lines come on top (one
  per move).
* ``months``: history length, ending with the current month.
* ``seed``: everything is deterministic for a given seed and sizes.
* ``companies``: 1 (RUB company only) or 2 (plus a EUR company).
* ``persons``: contact persons (default ``round(2.5 * clients)``).
* ``individuals``: individual clients, people without a company (default
  ``round(0.25 * clients)``; about 15 % planted duplicates: typo,
  transliteration, missing part, swapped parts; 5 % relatives sharing the
  address, landline and mailbox, which are not duplicates).
* ``partners``: ``"orm"`` (``create()`` in batches) or ``"sql"`` / ``"auto"``
  (COPY; the basic stored computed fields are computed here, the other ones,
  e.g. of client_base, by the ORM; same rows as ``create()``).
* ``lang``: activate Russian (partners of Russian clients speak ru_RU).
* ``drop_indexes``: drop the plain indexes of account_move(_line) during the
  load and rebuild them after, in the same transaction (benchmark sizes).

Returns a dict of counts and timings (``stats["timings"]``).

Moves and move lines are written with ``COPY`` in chunks, with the values
Odoo computes itself when it creates and posts an invoice without taxes
(name and sequence, receivable and income lines, balance/debit/credit in the
company currency, amount_currency, amount_* of the move, payment_state,
parent_state, ...). ``check(env)`` creates a few invoices and refunds through
the ORM, the same ones through this SQL path, and compares them column by
column (``tools/dataset/demo_data.py --check``).

Why SQL: the ORM posts a few invoices per second; the benchmark needs
2,000,000 lines (PERFORMANCE.md section 1.5). Measured on the shared 2-core
build machine (load average 5-8): 50,000 clients, 125,000 contacts,
576,496 moves, 2,072,710 invoice lines (2,649,206 move lines) in 490 s with
``drop_indexes=True`` (partners 143 s, moves 332 s: about 8,000 move lines/s;
1,328 s without); the demo size (2,000 clients) in about 3 minutes.
"""

import bisect
import datetime
import io
import json
import logging
import math
import time

import dataset_pure as pure

from odoo import Command, fields
from odoo.tools import email_normalize, float_round

_logger = logging.getLogger("client_base.demo_data")

XMLID_MODULE = "__client_base_demo__"
MARKER = "client_base.demo_dataset"
# What the generator planted (duplicates, branches, invalid values), to
# measure the data-quality features against (tools/dataset/dataset_quality_check.py).
TRUTH = "client_base.demo_dataset_truth"
CHUNK_CLIENTS = 2000

PRODUCTS = (
    # (name, type, list price in RUB, category)
    ("Консультация специалиста", "service", 4500, "Услуги"),
    ("Внедрение CRM, час", "service", 3500, "Услуги"),
    ("Техническая поддержка, месяц", "service", 25000, "Услуги"),
    ("Обучение персонала", "service", 18000, "Услуги"),
    ("Аудит данных", "service", 60000, "Услуги"),
    ("Лицензия «Клиентская база», 1 пользователь", "service", 12000, "Программы"),
    ("Лицензия на сервер", "service", 95000, "Программы"),
    ("Подписка на обновления, год", "service", 30000, "Программы"),
    ('Ноутбук 15"', "consu", 78000, "Оборудование"),
    ('Монитор 27"', "consu", 24000, "Оборудование"),
    ("Сервер стоечный 1U", "consu", 410000, "Оборудование"),
    ("Сетевой коммутатор 24 порта", "consu", 36000, "Оборудование"),
    ("Принтер лазерный", "consu", 21000, "Оборудование"),
    ("Картридж для принтера", "consu", 4200, "Расходные материалы"),
    ("Бумага A4, коробка", "consu", 2600, "Расходные материалы"),
    ("Кабель витая пара, бухта", "consu", 7800, "Расходные материалы"),
    ("Клавиатура и мышь", "consu", 3100, "Оборудование"),
    ("ИБП 1500 ВА", "consu", 19500, "Оборудование"),
    ("Доставка", "service", 1500, "Услуги"),
    ("Монтажные работы", "service", 9000, "Услуги"),
    ("Office chair", "consu", 15500, "Мебель"),
    ("Desk 160 cm", "consu", 22000, "Мебель"),
    ("Cloud storage 1 TB, month", "service", 900, "Программы"),
    ("Extended warranty", "service", 6000, "Услуги"),
)
SALESPERSONS = (
    # (login, name, company index)
    ("sokolova", "Ирина Соколова", 0),
    ("petrov", "Алексей Петров", 0),
    ("kuznetsova", "Мария Кузнецова", 0),
    ("orlov", "Дмитрий Орлов", 0),
    ("schneider", "Anna Schneider", 1),
    ("martin", "Louis Martin", 1),
)


# ------------------------------------------------------------------- helpers
def _xmlid_record(env, name, model):
    return env.ref(f"{XMLID_MODULE}.{name}", raise_if_not_found=False) or env[model]


def _set_xmlid(env, name, record):
    env["ir.model.data"].create(
        {
            "module": XMLID_MODULE,
            "name": name,
            "model": record._name,
            "res_id": record.id,
            "noupdate": True,
        }
    )


def _copy(cr, table, columns, rows, first_id=None, last_id=None):
    """COPY rows (tuples of str/None/...) into ``table``.

    As a PostgreSQL superuser the foreign keys are not checked row by row
    (``session_replication_role = replica``, about 3x faster on
    account_move_line) but once for the whole id range, set-based, right
    after the COPY (``_check_foreign_keys``).
    """
    buf = io.StringIO()
    write = buf.write
    for row in rows:
        write("\t".join(map(_copy_value, row)))
        write("\n")
    buf.seek(0)
    fast = first_id is not None and _is_superuser(cr)
    if fast:
        cr.execute("SET LOCAL session_replication_role = replica")
    try:
        cr.copy_expert(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN",
            buf,
        )
    finally:
        if fast:
            cr.execute("SET LOCAL session_replication_role = origin")
    if fast:
        _check_foreign_keys(cr, table, first_id, last_id)


def _is_superuser(cr):
    cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    row = cr.fetchone()
    return bool(row and row[0])


def _check_foreign_keys(cr, table, first_id, last_id):
    """Raise if a row of ``table`` with id in the range breaks a foreign key."""
    cr.execute(
        """
        SELECT a.attname, c.confrelid::regclass::text, fa.attname
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
         WHERE c.contype = 'f' AND c.conrelid = %s::regclass
           AND array_length(c.conkey, 1) = 1
        """,
        [table],
    )
    checks = [
        f"EXISTS (SELECT 1 FROM {table} t LEFT JOIN {ftable} f ON f.{fcol} = t.{col}"
        f" WHERE t.id BETWEEN %(first)s AND %(last)s AND t.{col} IS NOT NULL"
        f" AND f.{fcol} IS NULL) AS {col}"
        for col, ftable, fcol in cr.fetchall()
    ]
    if not checks:
        return
    cr.execute(
        f"SELECT {', '.join(checks)}",
        {"first": first_id, "last": last_id},
    )
    broken = [
        desc[0] for desc, bad in zip(cr.description, cr.fetchone(), strict=True) if bad
    ]
    if broken:
        raise ValueError(f"{table}: foreign keys broken by the bulk insert: {broken}")


def _copy_value(value):
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\")
            return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
        return value
    if kind is float or kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if kind is dict:
        return _copy_value(json.dumps(value))
    return str(value)


def _reserve_ids(cr, table, count):
    """Reserve ``count`` consecutive ids of ``table`` (single writer)."""
    seq = f"{table}_id_seq"
    cr.execute("SELECT nextval(%s)", [seq])
    first = cr.fetchone()[0]
    if count > 1:
        cr.execute("SELECT setval(%s, %s)", [seq, first + count - 1])
    return first


# --------------------------------------------------------------------- setup
def setup_base(env, seed, companies=2, months=24, lang=True):
    """Companies, currencies and rates, salespersons, products (idempotent).

    Returns a dict used by the partner and move generators.
    """
    today = fields.Date.context_today(env.user)
    start = pure.month_start(today.replace(day=1), -(months - 1))
    rub, eur, usd = (env.ref(f"base.{c}") for c in ("RUB", "EUR", "USD"))
    (rub | eur | usd).filtered(lambda c: not c.active).write({"active": True})
    if lang and not env["res.lang"]._lang_get("ru_RU"):
        # what Settings > Languages > Add does (base.language.install)
        env["res.lang"]._activate_lang("ru_RU")
        modules = env["ir.module.module"].search([("state", "=", "installed")])
        modules._update_translations("ru_RU")
    main = env.ref("base.main_company")
    _setup_main_company(env, main, rub)
    company_list = [main]
    if companies > 1:
        company_list.append(_setup_second_company(env, eur))
    ensure_access(env)
    ctx = {
        "seed": seed,
        "start": start,
        "months": months,
        "companies": [_company_info(env, c) for c in company_list],
        "currencies": {"RUB": rub.id, "EUR": eur.id, "USD": usd.id},
    }
    for info in ctx["companies"]:
        info["rates"] = _setup_rates(env, info, ctx, start, today)
    ctx["users"] = _setup_salespersons(env, company_list)
    ctx["products"] = _setup_products(env, company_list)
    ctx["countries"] = {c.code: c.id for c in env["res.country"].search([])}
    ctx["states"] = {
        (s.country_id.code, s.code): s.id
        for s in env["res.country.state"].search(
            [("country_id.code", "in", ("RU", "US"))]
        )
    }
    return ctx


def ensure_access(env):
    """Give the superuser and the administrator access to the demo companies."""
    companies = env.ref("base.main_company") | _xmlid_record(
        env, "company_eu", "res.company"
    )
    users = env.user | env.ref("base.user_admin", raise_if_not_found=False)
    for user in users:
        missing = companies - user.company_ids
        if missing:
            user.write({"company_ids": [Command.link(c.id) for c in missing]})


def _setup_main_company(env, main, rub):
    if main.currency_id != rub and not main.root_id._existing_accounting():
        main.write({"currency_id": rub.id})
    if env.ref(f"{XMLID_MODULE}.company_main", raise_if_not_found=False):
        return
    main.write(
        {
            "name": "ООО «Клиентская база»",
            "vat": "7707083893",
            "phone": "+7 495 123-45-67",
            "email": "info@client-base.example",
            "account_fiscal_country_id": env.ref("base.ru").id,
        }
    )
    # on the partner: writing res.company.country_id would install the
    # localization module of that country (and commit)
    main.partner_id.write(_company_address(env, "ru"))
    _set_xmlid(env, "company_main", main)


def _company_address(env, country):
    if country == "ru":
        return {
            "country_id": env.ref("base.ru").id,
            "state_id": env.ref("base.state_ru_mow").id,
            "city": "Москва",
            "street": "ул. Тверская, д. 7",
            "zip": "125009",
        }
    return {
        "country_id": env.ref("base.de").id,
        "city": "Berlin",
        "street": "Friedrichstraße 68",
        "zip": "10117",
    }


def _setup_second_company(env, eur):
    company = _xmlid_record(env, "company_eu", "res.company")
    if company:
        return company
    vals = {
        "name": "Client Base Europe GmbH",
        "currency_id": eur.id,
        "email": "info@client-base-europe.example",
    }
    if "iap_enrich_auto_done" in env["res.company"]._fields:
        vals["iap_enrich_auto_done"] = True  # no call to the IAP enrichment service
    # no country_id here: it would install l10n_de and commit (see above)
    company = env["res.company"].create(vals)
    company.partner_id.write(_company_address(env, "de"))
    _set_xmlid(env, "company_eu", company)
    ensure_access(env)
    env["account.chart.template"].try_loading(
        "generic_coa", company, install_demo=False
    )
    # the generic chart switches the company to its fiscal country's currency
    company.write(
        {"currency_id": eur.id, "account_fiscal_country_id": env.ref("base.de").id}
    )
    return company


def _company_info(env, company):
    journal = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "sale")],
        order="sequence, id",
        limit=1,
    )
    income = journal.default_account_id
    receivable = (
        env["res.partner"].with_company(company).new({}).property_account_receivable_id
    )
    return {
        "id": company.id,
        "currency_id": company.currency_id.id,
        "currency": company.currency_id.name,
        "partner_id": company.partner_id.id,
        "journal_id": journal.id,
        "journal_code": journal.code,
        "refund_sequence": journal.refund_sequence,
        "income_account_id": income.id,
        "receivable_account_id": receivable.id,
    }


def _rate_series(seed, name, months, base, amplitude):
    """Smooth deterministic monthly rates around ``base``."""
    rng = pure.client_rng(seed, "rates", name)
    phase = rng.uniform(0, 6.28)
    return [
        round(
            base * (1 + amplitude * math.sin(phase + m / 4) + rng.uniform(-0.01, 0.01)),
            6,
        )
        for m in range(months + 1)
    ]


def _setup_rates(env, info, ctx, start, today):
    """Monthly rates of the other currencies: {currency id: (dates, rates)}."""
    months = ctx["months"]
    if info["currency"] == "RUB":
        # units of the currency for 1 RUB
        wanted = {
            "EUR": [
                1 / r for r in _rate_series(ctx["seed"], "EURRUB", months, 98, 0.08)
            ],
            "USD": [
                1 / r for r in _rate_series(ctx["seed"], "USDRUB", months, 90, 0.08)
            ],
        }
    else:
        wanted = {
            "USD": _rate_series(ctx["seed"], "EURUSD", months, 1.08, 0.04),
            "RUB": _rate_series(ctx["seed"], "EURRUB", months, 98, 0.08),
        }
    Rate = env["res.currency.rate"]
    result = {}
    for code, series in wanted.items():
        currency_id = ctx["currencies"][code]
        existing = Rate.search(
            [("company_id", "=", info["id"]), ("currency_id", "=", currency_id)]
        )
        if not existing:
            vals = []
            for m, rate in enumerate(series):
                day = pure.month_start(start, m - 1)
                vals.append(
                    {
                        "name": day,
                        "rate": rate,
                        "currency_id": currency_id,
                        "company_id": info["id"],
                    }
                )
            existing = Rate.create(vals)
        pairs = sorted((r.name, r.rate) for r in existing)
        result[currency_id] = ([p[0] for p in pairs], [p[1] for p in pairs])
    return result


def conversion_rate(info, currency_id, day):
    """As ``_get_conversion_rate(company currency, currency, company, day)``."""
    if currency_id == info["currency_id"]:
        return 1.0
    dates, rates = info["rates"][currency_id]
    pos = bisect.bisect_right(dates, day) - 1
    return rates[max(pos, 0)]


def _setup_salespersons(env, company_list):
    users = {}
    group_ids = [env.ref("base.group_user").id]
    cb_group = env.ref("client_base.client_base_group_user", raise_if_not_found=False)
    if cb_group:
        group_ids.append(cb_group.id)
    invoicing = env.ref("account.group_account_invoice", raise_if_not_found=False)
    if invoicing:
        group_ids.append(invoicing.id)
    for login, name, cidx in SALESPERSONS:
        if cidx >= len(company_list):
            continue
        user = (
            env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", login)])
        )
        if not user:
            company = company_list[cidx]
            user = (
                env["res.users"]
                .with_context(no_reset_password=True, mail_create_nosubscribe=True)
                .create(
                    {
                        "login": login,
                        "name": name,
                        "password": login,
                        "email": f"{login}@client-base.example",
                        "company_id": company.id,
                        "company_ids": [Command.set([c.id for c in company_list])],
                        "groups_id": [Command.set(group_ids)],
                    }
                )
            )
        users.setdefault(cidx, []).append(user.id)
    return users


def _setup_products(env, company_list):
    """[(product id, uom id, line name)], in PRODUCTS order."""
    result = []
    categories = {}
    for index, (name, ptype, price, categ) in enumerate(PRODUCTS):
        product = _xmlid_record(env, f"product_{index}", "product.product")
        if not product:
            if categ not in categories:
                categories[categ] = env["product.category"].search(
                    [("name", "=", categ)], limit=1
                ) or env["product.category"].create({"name": categ})
            product = env["product.product"].create(
                {
                    "name": name,
                    "type": ptype,
                    "list_price": price,
                    "categ_id": categories[categ].id,
                    "taxes_id": [Command.clear()],
                    "supplier_taxes_id": [Command.clear()],
                    "default_code": f"CB{index + 1:03d}",
                }
            )
            _set_xmlid(env, f"product_{index}", product)
        # the invoice line label Odoo computes (AccountMoveLine._compute_name)
        result.append(
            {
                "id": product.id,
                "uom_id": product.uom_id.id,
                "name": product.display_name,
                "price": price,
            }
        )
    return result


# ------------------------------------------------------------------ partners
def _partner_vals(ctx, values, profile=None, seller=0):
    """res.partner create values from pure values (resolves country/state)."""
    vals = {
        k: v.strip() if isinstance(v, str) else v  # Char fields are trimmed
        for k, v in values.items()
        if k not in ("country_code", "state_code", "planted_invalid")
        and k in ctx.get("partner_fields", (k,))
    }
    if "country_code" in values:
        vals["country_id"] = ctx["countries"].get(values["country_code"], False)
        state = values.get("state_code")
        vals["state_id"] = ctx["states"].get((values["country_code"], state), False)
    if vals.get("lang") and vals["lang"] not in ctx["langs"]:
        vals["lang"] = "en_US"
    if profile is not None:
        users = ctx["users"].get(seller) or ctx["users"].get(0) or []
        if users:
            vals["user_id"] = users[profile["index"] % len(users)]
    return vals


def _optional_client_fields(env, ctx, vals, profile, rng):
    """Values for the client_base fields, when that add-on defines them."""
    fields_ = env["res.partner"]._fields
    today = ctx["today"]
    if "client_state" in fields_ and profile is not None:
        state = pure.client_state(profile)
        allowed = dict(fields_["client_state"]._description_selection(env))
        if state in allowed:
            vals["client_state"] = state
    if "client_verified_on" in fields_ and rng.random() < 0.6:
        vals["client_verified_on"] = today - datetime.timedelta(
            days=rng.randrange(1, 1100)
        )
        if "client_verified_by_id" in fields_ and vals.get("user_id"):
            vals["client_verified_by_id"] = vals["user_id"]
        if "client_verification_method" in fields_:
            method = rng.choice(("call", "email", "questionnaire", "visit", "import"))
            allowed = dict(
                fields_["client_verification_method"]._description_selection(env)
            )
            if method in allowed:
                vals["client_verification_method"] = method
    if profile is not None and "client_founding_date" in fields_ and rng.random() < 0.7:
        vals["client_founding_date"] = datetime.date(
            rng.randrange(1992, 2024), 1, 1
        ) + (datetime.timedelta(days=rng.randrange(365)))
    if profile is None and "birthday" in fields_ and rng.random() < 0.5:
        vals["birthday"] = datetime.date(rng.randrange(1955, 2003), 1, 1) + (
            datetime.timedelta(days=rng.randrange(365))
        )
    return vals


def plan_clients(ctx, clients, persons):
    """The pure plan of every client and person (lists of dicts)."""
    seed, months = ctx["seed"], ctx["months"]
    n_companies = len(ctx["companies"])
    plan = []
    for index in range(clients):
        values = pure.company_values(seed, index)
        profile = pure.make_profile(seed, index, months)
        seller = pure.seller_index(profile, values, n_companies)
        plan.append(
            {"values": values, "profile": profile, "seller": seller, "persons": []}
        )
    people = []
    for index in range(persons):
        cidx = pure.person_company(seed, index, clients)
        values = pure.make_person(seed, index, plan[cidx]["values"])
        people.append((cidx, values))
    return plan, people


def create_partners(env, ctx, plan, people, method="orm"):
    """Create the client companies and their contacts; fills plan[i]["id"]."""
    ctx["today"] = fields.Date.context_today(env.user)
    ctx["langs"] = {code for code, _name in env["res.lang"].get_installed()}
    # e.g. client_kpp, only when client_base is installed
    ctx["partner_fields"] = set(env["res.partner"]._fields)
    company_vals, person_vals = [], []
    for item in plan:
        rng = pure.client_rng(ctx["seed"], "client-fields", item["profile"]["index"])
        vals = _partner_vals(ctx, item["values"], item["profile"], item["seller"])
        item["user_id"] = vals.get("user_id")
        company_vals.append(
            _optional_client_fields(env, ctx, vals, item["profile"], rng)
        )
    for index, (_cidx, values) in enumerate(people):
        rng = pure.client_rng(ctx["seed"], "person-fields", index)
        vals = _partner_vals(ctx, values)
        person_vals.append(_optional_client_fields(env, ctx, vals, None, rng))
    if method == "sql":
        company_ids = _sql_partners(env, company_vals)
    else:
        company_ids = _orm_partners(env, company_vals)
    for item, pid in zip(plan, company_ids, strict=True):
        item["id"] = pid
    # what res.partner._fields_sync copies from the company to its contacts
    Partner = env["res.partner"]
    synced = [
        name
        for name in Partner._address_fields() + Partner._commercial_fields()
        if name in Partner._fields and Partner._fields[name].store
    ]
    for (cidx, _values), vals in zip(people, person_vals, strict=True):
        vals["parent_id"] = plan[cidx]["id"]
        parent_vals = company_vals[cidx]
        vals.update({name: parent_vals[name] for name in synced if name in parent_vals})
        if parent_vals.get("user_id"):  # res.partner._compute_user_id
            vals["user_id"] = parent_vals["user_id"]
    if method == "sql":
        person_ids = _sql_partners(env, person_vals)
    else:
        person_ids = _orm_partners(env, person_vals)
    for (cidx, _values), pid in zip(people, person_ids, strict=True):
        plan[cidx]["persons"].append(pid)
    ctx["person_ids"] = person_ids
    return len(company_ids), len(person_ids)


def create_individuals(env, ctx, count, method="orm"):
    """Individual clients (no company), with planted duplicates and
    households (tools/dataset/dataset_pure.py); returns their ids."""
    vals_list = []
    for index in range(count):
        values = pure.individual_values(ctx["seed"], index)
        vals = _partner_vals(ctx, values)
        if "birthday" in ctx["partner_fields"]:
            vals["birthday"] = values.get("birthday") or False
        vals_list.append(vals)
    if method == "sql":
        ids = _sql_partners(env, vals_list)
    else:
        ids = _orm_partners(env, vals_list)
    ctx["individual_ids"] = ids
    return ids


def dataset_truth(ctx, plan, people):
    """What was planted, by partner id: duplicates, branches, invalid values.

    ``duplicates`` and ``branches`` are ``[original id, planted id]`` pairs
    (a branch shares the INN of its head office, with its own KPP: not a
    duplicate); ``invalid`` maps a field to the partners given an invalid
    value on purpose (contacts inherit the tax ID of their company).
    """
    seed = ctx["seed"]
    truth = {"seed": seed, "duplicates": [], "branches": [], "invalid": {}}
    for index, item in enumerate(plan):
        kind, original = pure.company_origin(seed, index)
        if kind != "new":
            key = "duplicates" if kind == "duplicate" else "branches"
            truth[key].append([plan[original]["id"], item["id"]])
        for field in item["values"].get("planted_invalid", ()):
            truth["invalid"].setdefault(field, []).append(item["id"])
    for (cidx, values), pid in zip(people, ctx["person_ids"], strict=True):
        planted = set(values.get("planted_invalid", ()))
        if "vat" in plan[cidx]["values"].get("planted_invalid", ()):
            planted.add("vat")
        for field in planted:
            truth["invalid"].setdefault(field, []).append(pid)
    truth["invalid"] = {k: sorted(v) for k, v in sorted(truth["invalid"].items())}
    # individuals: [original id, planted id, kind] and households (not
    # duplicates: relatives sharing the address, the landline, the mailbox)
    individual_ids = ctx.get("individual_ids", [])
    truth["individual_duplicates"], truth["households"] = [], []
    for index, pid in enumerate(individual_ids):
        kind, original = pure.individual_origin(seed, index)
        if kind == "household":
            truth["households"].append([individual_ids[original], pid])
        elif kind != "new":
            truth["individual_duplicates"].append([individual_ids[original], pid, kind])
    ids = [item["id"] for item in plan] + list(ctx["person_ids"]) + individual_ids
    truth["partner_range"] = [min(ids), max(ids)] if ids else [0, 0]
    return truth


# Records are created as an import of existing data would be: no chatter
# message, no tracking, and (client_base_skip_normalize) no normalization or
# rejection of malformed phones and e-mails: the demo has "legacy" data, as
# it was before client_base was installed; the SQL path writes the same.
CREATE_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nosubscribe": True,
    "mail_create_nolog": True,
    "client_base_skip_normalize": True,
}


def _orm_partners(env, vals_list, batch=1000):
    Partner = env["res.partner"].with_context(**CREATE_CONTEXT)
    ids = []
    for start in range(0, len(vals_list), batch):
        ids += Partner.create(vals_list[start : start + batch]).ids
        env.flush_all()
        env.invalidate_all()
    return ids


def _sql_partners(env, vals_list, chunk=20000):
    """COPY partners, then let the ORM compute their stored computed fields.

    The given values come from ``vals_list``; every other column gets the
    value the ORM gave a probe partner created (and rolled back) with the
    first values (defaults, company-dependent defaults...); every stored
    computed field (commercial_partner_id, complete_name, email_normalized,
    phone_sanitized, and those of the installed add-ons) is then computed by
    the ORM in chunks, so the result is what ``create()`` gives (checked by
    ``dataset_check``).
    """
    if not vals_list:
        return []
    cr = env.cr
    Partner = env["res.partner"]
    given = sorted({k for vals in vals_list for k in vals if Partner._fields[k].store})
    probe = _probe_row(env, "res.partner", vals_list[0])
    computed = {name for name, f in Partner._fields.items() if f.store and f.compute}
    skip = {"id", "create_uid", "write_uid", "create_date", "write_date"}
    defaults = {
        column: value
        for column, value in probe.items()
        if column not in skip and column not in given and column not in computed
    }
    hand = [
        name
        for name in HAND_COMPUTED
        if name in Partner._fields and Partner._fields[name].store and name not in given
    ]
    defaults = {k: v for k, v in defaults.items() if k not in hand}
    parents = {vals["parent_id"] for vals in vals_list if vals.get("parent_id")}
    cr.execute("SELECT id, name FROM res_partner WHERE id = ANY(%s)", [list(parents)])
    parent_names = dict(cr.fetchall())
    columns = [
        "id",
        *given,
        *hand,
        *defaults,
        "create_uid",
        "write_uid",
        "create_date",
        "write_date",
    ]
    bools = {
        c
        for c in columns
        if c in Partner._fields and Partner._fields[c].type == "boolean"
    }
    now = fields.Datetime.now()
    uid = env.uid
    ids = []
    for start in range(0, len(vals_list), chunk):
        part = vals_list[start : start + chunk]
        first = _reserve_ids(cr, "res_partner", len(part))
        rows = []
        for offset, vals in enumerate(part):
            row = [first + offset]
            for name in given:
                value = vals.get(name, None)
                row.append(None if value is False and name not in bools else value)
            values = _hand_values(Partner, vals, first + offset, parent_names)
            row += [values[name] for name in hand]
            row += defaults.values()
            row += [uid, uid, now, now]
            rows.append(row)
        _copy(cr, "res_partner", columns, rows, first, first + len(part) - 1)
        new_ids = list(range(first, first + len(part)))
        ids += new_ids
        _recompute_stored(env, "res.partner", new_ids, exclude=set(hand))
    return ids


class _Rollback(Exception):
    pass


def _probe_row(env, model, vals):
    """The table row the ORM writes for ``vals`` (created in a savepoint, undone)."""
    row = {}
    try:
        with env.cr.savepoint():
            record = env[model].with_context(**CREATE_CONTEXT).create(vals)
            env.flush_all()
            env.cr.execute(
                f'SELECT * FROM "{env[model]._table}" WHERE id = %s',
                [record.id],
            )
            row = env.cr.dictfetchone()
            raise _Rollback()
    except _Rollback:
        pass
    env.invalidate_all()
    return row


# stored computed fields of res.partner computed here rather than by the ORM
# (a few ms per partner); the others are computed by the ORM
HAND_COMPUTED = (
    "commercial_partner_id",
    "complete_name",
    "commercial_company_name",
    "email_normalized",
    "phone_sanitized",
    "partner_share",
)


def _hand_values(Partner, vals, partner_id, parent_names):
    """What the ORM computes for HAND_COMPUTED (parents are companies here)."""
    parent_id = vals.get("parent_id")
    name = vals.get("name") or ""
    company_name = parent_names[parent_id] if parent_id else None
    complete = (
        f"{company_name}, {name}" if parent_id and not vals.get("is_company") else name
    )
    values = {
        "commercial_partner_id": parent_id or partner_id,  # _compute_commercial_partner
        "complete_name": complete.strip(),  # _get_complete_name
        "commercial_company_name": company_name
        or (name if vals.get("is_company") else None),
        "email_normalized": email_normalize(vals.get("email") or "") or None,
        "partner_share": True,  # no user
        "phone_sanitized": None,
    }
    if "phone_sanitized" in Partner._fields:  # mail.thread.phone
        country = Partner.env["res.country"].browse(vals.get("country_id") or [])
        for fname in Partner._phone_get_number_fields():
            if vals.get(fname):
                formatted = Partner._phone_format(number=vals[fname], country=country)
                if formatted:
                    values["phone_sanitized"] = formatted
                    break
    return values


def _recompute_stored(env, model, ids, batch=5000, exclude=()):
    """Compute every stored computed field of ``ids`` (records made by SQL)."""
    env = env(context=dict(env.context, tracking_disable=True))  # as created
    Model = env[model]
    # images stay empty: their resized copies (image_128...) need no compute
    computed = [
        f
        for f in Model._fields.values()
        if f.store
        and f.compute
        and f.type not in ("binary", "image")
        and f.name not in exclude
    ]
    for start in range(0, len(ids), batch):
        records = Model.browse(ids[start : start + batch])
        for field in computed:
            env.add_to_compute(field, records)
        env.flush_all()
        env.invalidate_all()


# --------------------------------------------------------------------- moves
MOVE_COLUMNS = (
    "id",
    "name",
    "sequence_prefix",
    "sequence_number",
    "journal_id",
    "company_id",
    "date",
    "invoice_date",
    "invoice_date_due",
    "move_type",
    "state",
    "auto_post",
    "partner_id",
    "commercial_partner_id",
    "partner_shipping_id",
    "currency_id",
    "invoice_user_id",
    "payment_reference",
    "payment_state",
    "invoice_partner_display_name",
    "invoice_currency_rate",
    "amount_untaxed",
    "amount_tax",
    "amount_total",
    "amount_residual",
    "amount_untaxed_signed",
    "amount_untaxed_in_currency_signed",
    "amount_tax_signed",
    "amount_total_signed",
    "amount_total_in_currency_signed",
    "amount_residual_signed",
    "is_storno",
    "always_tax_exigible",
    "checked",
    "posted_before",
    "made_sequence_gap",
    "is_manually_modified",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
)
LINE_COLUMNS = (
    "id",
    "move_id",
    "move_name",
    "date",
    "invoice_date",
    "parent_state",
    "journal_id",
    "company_id",
    "company_currency_id",
    "account_id",
    "currency_id",
    "partner_id",
    "product_id",
    "product_uom_id",
    "name",
    "display_type",
    "sequence",
    "quantity",
    "price_unit",
    "price_subtotal",
    "price_total",
    "discount",
    "balance",
    "debit",
    "credit",
    "amount_currency",
    "amount_residual",
    "amount_residual_currency",
    "reconciled",
    "tax_tag_invert",
    "date_maturity",
    "discount_amount_currency",
    "discount_balance",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
)


def _round(value):
    # every currency used here has a rounding of 0.01 (checked in _check_roundings)
    return float_round(value, precision_rounding=0.01)


def _move_rows(ctx, spec, move_id, first_line_id, uid, now):
    """The account_move row and account_move_line rows of one move spec.

    ``spec``: company (index), move_type, date, due, partner_id,
    commercial_partner_id, display_name, currency_id, user_id, lines
    [(product index, quantity, unit price in the move currency)], name,
    prefix, number.
    """
    info = ctx["companies"][spec["company"]]
    rate = conversion_rate(info, spec["currency_id"], spec["date"])
    # AccountMove._compute_payment_reference: posted customer invoices only
    reference = spec["name"] if spec["move_type"] == "out_invoice" else None
    sign = -1 if spec["move_type"] == "out_invoice" else 1  # move.direction_sign
    common = (
        move_id,
        spec["name"],
        spec["date"],
        spec["date"],
        "posted",
        info["journal_id"],
        info["id"],
        info["currency_id"],
    )
    line_rows = []
    total_cur = total_bal = 0.0
    for offset, (pidx, qty, price) in enumerate(spec["lines"]):
        product = ctx["products"][pidx]
        subtotal = _round(qty * price)
        amount_currency = sign * subtotal
        balance = _round(amount_currency / rate)
        total_cur += subtotal
        total_bal += balance
        line_rows.append(
            (first_line_id + offset,)
            + common
            + (
                info["income_account_id"],
                spec["currency_id"],
                spec["commercial_partner_id"],
            )
            + (product["id"], product["uom_id"], product["name"], "product", 100)
            + (qty, price, subtotal, subtotal, 0.0)
            + (
                balance,
                max(balance, 0.0),
                max(-balance, 0.0),
                amount_currency,
                0.0,
                0.0,
            )
            + (False, False, None, None, None, uid, uid, now, now)
        )
    # total_cur: untaxed = total (no taxes), unsigned in the move currency;
    # total_bal: sum of the signed product balances in the company currency
    total_cur, total_bal = _round(total_cur), _round(total_bal)
    term_cur, term_bal = -sign * total_cur, -total_bal
    line_rows.append(
        (first_line_id + len(spec["lines"]),)
        + common
        + (
            info["receivable_account_id"],
            spec["currency_id"],
            spec["commercial_partner_id"],
        )
        + (None, None, reference, "payment_term", 12000)
        + (0.0, 0.0, 0.0, 0.0, 0.0)
        + (
            term_bal,
            max(term_bal, 0.0),
            max(-term_bal, 0.0),
            term_cur,
            term_bal,
            term_cur,
        )
        + (False, False, spec["due"], 0.0, 0.0, uid, uid, now, now)
    )
    signed_bal, signed_cur = (
        -total_bal,
        -sign * total_cur,
    )  # AccountMove._compute_amount
    move_row = (
        move_id,
        spec["name"],
        spec["prefix"],
        spec["number"],
        info["journal_id"],
        info["id"],
        spec["date"],
        spec["date"],
        spec["due"],
        spec["move_type"],
        "posted",
        "no",
        spec["partner_id"],
        spec["commercial_partner_id"],
        spec["partner_id"],
        spec["currency_id"],
        spec["user_id"],
        reference,
        "not_paid",
        spec["display_name"],
        rate,
        total_cur,
        0.0,
        total_cur,
        total_cur,
        signed_bal,
        signed_cur,
        0.0,
        signed_bal,
        signed_cur,
        signed_bal,
        False,
        False,
        True,
        True,
        False,
        False,
        uid,
        uid,
        now,
        now,
    )
    return move_row, line_rows


def _sequence_prefix(info, move_type, day):
    code = info["journal_code"]
    if move_type == "out_refund" and info["refund_sequence"]:
        code = "R" + code
    return f"{code}/{day.year:04d}/"


def _last_numbers(cr, ctx):
    """{(company index, prefix): highest sequence number already used}."""
    result = {}
    for cidx, info in enumerate(ctx["companies"]):
        cr.execute(
            "SELECT sequence_prefix, max(sequence_number) FROM account_move"
            " WHERE journal_id = %s GROUP BY sequence_prefix",
            [info["journal_id"]],
        )
        for prefix, number in cr.fetchall():
            result[(cidx, prefix)] = number or 0
    return result


def assign_names(ctx, specs, last_numbers):
    """Number the specs chronologically per journal and year (Odoo's format)."""
    order = sorted(
        range(len(specs)),
        key=lambda i: (specs[i]["company"], specs[i]["move_type"], specs[i]["date"], i),
    )
    for i in order:
        spec = specs[i]
        prefix = _sequence_prefix(
            ctx["companies"][spec["company"]], spec["move_type"], spec["date"]
        )
        key = (spec["company"], prefix)
        number = last_numbers.get(key, 0) + 1
        last_numbers[key] = number
        spec["prefix"], spec["number"] = prefix, number
        spec["name"] = f"{prefix}{number:05d}"


def insert_moves(env, ctx, specs):
    """Insert posted invoices/refunds from specs with COPY; returns move ids.

    Specs without ``name`` are numbered after the moves already in the
    database. The caller flushes before and invalidates after (done here).
    """
    if not specs:
        return []
    cr = env.cr
    env.flush_all()
    if any("name" not in spec for spec in specs):
        assign_names(ctx, [s for s in specs if "name" not in s], _last_numbers(cr, ctx))
    n_lines = sum(len(spec["lines"]) + 1 for spec in specs)
    first_move = _reserve_ids(cr, "account_move", len(specs))
    first_line = _reserve_ids(cr, "account_move_line", n_lines)
    uid, now = env.uid, fields.Datetime.now()
    move_rows, line_rows = [], []
    for offset, spec in enumerate(specs):
        move_row, lines = _move_rows(
            ctx, spec, first_move + offset, first_line, uid, now
        )
        first_line += len(lines)
        move_rows.append(move_row)
        line_rows += lines
    last_move = first_move + len(specs) - 1
    _copy(cr, "account_move", MOVE_COLUMNS, move_rows, first_move, last_move)
    _copy(
        cr,
        "account_move_line",
        LINE_COLUMNS,
        line_rows,
        line_rows[0][0],
        first_line - 1,
    )
    move_ids = list(range(first_move, last_move + 1))
    _after_moves(env, move_ids)
    env.invalidate_all()
    return move_ids


def _after_moves(env, move_ids):
    """What posting does besides the moves: followers and customer ranks.

    And, when ``sale`` is installed, the sales team it computes on invoices.
    """
    cr = env.cr
    _set_sales_teams(env, move_ids)
    cr.execute(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'account.move', m.id, m.partner_id
          FROM account_move m
         WHERE m.id BETWEEN %s AND %s
        ON CONFLICT DO NOTHING
        """,
        [move_ids[0], move_ids[-1]],
    )
    # Partner._increase_rank('customer_rank', count) on partner | commercial
    cr.execute(
        """
        WITH counts AS (
            SELECT partner_id, commercial_partner_id, count(*) AS n
              FROM account_move
             WHERE id BETWEEN %s AND %s
             GROUP BY partner_id, commercial_partner_id
        ), per_partner AS (
            SELECT pid, sum(n) AS n FROM (
                SELECT partner_id AS pid, n FROM counts
                UNION ALL
                SELECT commercial_partner_id, n FROM counts
                 WHERE commercial_partner_id != partner_id
            ) u GROUP BY pid
        )
        UPDATE res_partner p SET customer_rank = COALESCE(p.customer_rank, 0) + pp.n
          FROM per_partner pp WHERE p.id = pp.pid
        """,
        [move_ids[0], move_ids[-1]],
    )


def _set_sales_teams(env, move_ids):
    """account.move.team_id as sale computes it (AccountMove._compute_team_id)."""
    field = env["account.move"]._fields.get("team_id")
    if not field or not field.store or "crm.team" not in env:
        return
    cr = env.cr
    cr.execute(
        "SELECT DISTINCT invoice_user_id, company_id FROM account_move"
        " WHERE id BETWEEN %s AND %s",
        [move_ids[0], move_ids[-1]],
    )
    for user_id, company_id in cr.fetchall():
        team = (
            env["crm.team"]
            .with_context(allowed_company_ids=[company_id])
            ._get_default_team_id(user_id=user_id or False)
        )
        if team:
            cr.execute(
                "UPDATE account_move SET team_id = %s"
                " WHERE id BETWEEN %s AND %s AND company_id = %s"
                " AND invoice_user_id IS NOT DISTINCT FROM %s",
                [team.id, move_ids[0], move_ids[-1], company_id, user_id],
            )


def _partner_names(env, ids):
    """{partner id: (commercial partner id, complete name)} for moves."""
    env.flush_all()
    env.cr.execute(
        "SELECT id, commercial_partner_id, complete_name"
        " FROM res_partner WHERE id = ANY(%s)",
        [list(ids)],
    )
    return {pid: (cid, name) for pid, cid, name in env.cr.fetchall()}


def client_specs(ctx, item, lines_per_invoice):
    """The move specs of one client (deterministic), without names."""
    profile, seller = item["profile"], item["seller"]
    info = ctx["companies"][seller]
    rng = pure.client_rng(ctx["seed"], "invoice-meta", profile["index"])
    plan = pure.invoice_plan(
        profile,
        ctx["start"],
        ctx["months"],
        lines_per_invoice,
        len(ctx["products"]),
        ctx["seed"],
    )
    scale = 1.0 if info["currency"] == "RUB" else 0.01
    currency_id = info["currency_id"]
    if profile["foreign"]:
        currency_id = ctx["currencies"][
            "USD" if info["currency"] != "RUB" or profile["index"] % 2 else "EUR"
        ]
    specs = []
    for invoice in plan:
        if invoice["date"] > ctx["today"]:
            continue
        partner_id = item["id"]
        if item["persons"] and rng.random() < 0.15:
            partner_id = rng.choice(item["persons"])
        rate = conversion_rate(info, currency_id, invoice["date"])
        lines = [
            (p, q, _round(price * scale * rate) or 0.01)
            for p, q, price in invoice["lines"]
        ]
        specs.append(
            {
                "company": seller,
                "move_type": invoice["move_type"],
                "date": invoice["date"],
                "due": invoice["date"] + datetime.timedelta(days=invoice["due_days"]),
                "partner_id": partner_id,
                "currency_id": currency_id,
                "user_id": item.get("user_id") or None,
                "lines": lines,
            }
        )
    return specs


def _fill_partner(specs, names):
    for spec in specs:
        spec["commercial_partner_id"], spec["display_name"] = names[spec["partner_id"]]


def generate_moves(env, ctx, plan, lines=None, log_every=50000):
    """Posted invoices and refunds of every client; returns (moves, lines)."""
    clients = len(plan)
    target = lines or 40 * clients
    lpi = pure.expected_lines_per_invoice(clients, target, ctx["months"], ctx["seed"])
    ctx.setdefault("today", fields.Date.context_today(env.user))
    # pass 1: chronological numbers per journal and year
    headers, per_client = [], []
    for cidx, item in enumerate(plan):
        specs = client_specs(ctx, item, lpi)
        per_client.append(len(specs))
        headers += [
            (s["company"], s["move_type"], s["date"], cidx, k)
            for k, s in enumerate(specs)
        ]
    headers.sort()
    last = _last_numbers(env.cr, ctx)
    numbers = [[None] * n for n in per_client]
    for company, move_type, day, cidx, k in headers:
        prefix = _sequence_prefix(ctx["companies"][company], move_type, day)
        last[(company, prefix)] = number = last.get((company, prefix), 0) + 1
        numbers[cidx][k] = (prefix, number)
    del headers
    # pass 2: COPY by chunks of clients
    n_moves = n_lines = 0
    next_log = log_every
    for start in range(0, clients, CHUNK_CLIENTS):
        chunk = plan[start : start + CHUNK_CLIENTS]
        specs = []
        for offset, item in enumerate(chunk):
            for k, spec in enumerate(client_specs(ctx, item, lpi)):
                prefix, number = numbers[start + offset][k]
                spec.update(prefix=prefix, number=number, name=f"{prefix}{number:05d}")
                specs.append(spec)
        _fill_partner(specs, _partner_names(env, {s["partner_id"] for s in specs}))
        insert_moves(env, ctx, specs)
        n_moves += len(specs)
        n_lines += sum(len(s["lines"]) for s in specs)
        if n_lines >= next_log:
            _logger.info("%d moves, %d invoice lines inserted", n_moves, n_lines)
            next_log += log_every
    return n_moves, n_lines


# ------------------------------------------------------------------ generate
def generate(
    env,
    clients=2000,
    lines=None,
    months=24,
    seed=42,
    companies=2,
    persons=None,
    partners="auto",
    lang=True,
    drop_indexes=False,
    individuals=None,
):
    """Generate the whole dataset (see the module docstring); returns stats."""
    timings = {}
    tic = time.perf_counter()
    ctx = setup_base(env, seed, companies=companies, months=months, lang=lang)
    _check_roundings(env, ctx)
    timings["setup"] = time.perf_counter() - tic
    _logger.info("demo dataset: companies, currencies, users, products ready")
    persons = round(2.5 * clients) if persons is None else persons
    # "auto" is "sql": 4x faster than the ORM on 2,000 clients with client_base
    # installed, and the same rows (dataset_check compares them)
    method = partners if partners != "auto" else "sql"
    tic = time.perf_counter()
    plan, people = plan_clients(ctx, clients, persons)
    n_companies, n_persons = create_partners(env, ctx, plan, people, method=method)
    individuals = round(0.25 * clients) if individuals is None else individuals
    n_individuals = len(create_individuals(env, ctx, individuals, method=method))
    env["ir.config_parameter"].sudo().set_param(
        TRUTH, json.dumps(dataset_truth(ctx, plan, people), sort_keys=True)
    )
    timings["partners"] = time.perf_counter() - tic
    _logger.info(
        "demo dataset: %d clients, %d persons (%s) in %.1f s",
        n_companies,
        n_persons,
        method,
        timings["partners"],
    )
    tic = time.perf_counter()
    env.flush_all()
    dropped = _drop_indexes(env.cr, MOVE_TABLES) if drop_indexes else []
    n_moves, n_lines = generate_moves(env, ctx, plan, lines=lines)
    env.flush_all()
    for definition in dropped:  # same transaction: undone on error too
        env.cr.execute(definition)
    env.cr.execute("ANALYZE res_partner, account_move, account_move_line")
    timings["moves"] = time.perf_counter() - tic
    _logger.info(
        "demo dataset: %d moves, %d invoice lines in %.1f s",
        n_moves,
        n_lines,
        timings["moves"],
    )
    return {
        "seed": seed,
        "clients": n_companies,
        "persons": n_persons,
        "individuals": n_individuals,
        "moves": n_moves,
        "invoice_lines": n_lines,
        "all_lines": n_lines + n_moves,
        "months": months,
        "companies": len(ctx["companies"]),
        "partners_method": method,
        "timings": {k: round(v, 2) for k, v in timings.items()},
        "ctx": ctx,
        "plan": plan,
    }


MOVE_TABLES = ("account_move", "account_move_line")


def _drop_indexes(cr, tables):
    """Drop the plain indexes of ``tables``; returns their CREATE statements.

    Bulk-load technique for the benchmark sizes: building an index once
    after the load is faster than maintaining it row by row. Primary keys,
    unique indexes and indexes backing a constraint are kept.
    """
    cr.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
          FROM pg_index i
         WHERE i.indrelid = ANY(%s::regclass[])
           AND NOT i.indisprimary AND NOT i.indisunique
           AND NOT EXISTS (
               SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [list(tables)],
    )
    rows = cr.fetchall()
    for name, _definition in rows:
        cr.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in rows]


def _check_roundings(env, ctx):
    ids = list(ctx["currencies"].values())
    for currency in env["res.currency"].browse(ids):
        if currency.rounding != 0.01:
            raise ValueError(f"{currency.name}: rounding {currency.rounding} != 0.01")
