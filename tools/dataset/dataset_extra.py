"""Optional parts of the demo dataset: data of models other helpers own.

Each part is guarded: it runs only when the model or field exists in the
database (``'client.interaction' in env``), and it only fills fields that
exist, with selection values that exist.

Documents of other apps (``populate_documents``), when installed:

* ``sale_orders`` (``sale``): quotations, confirmed and cancelled sales
  orders of the demo clients, confirmed through the ORM (``action_confirm``)
  so that the live capture of client_base_sale records them; their dates
  are then set back to the historical order dates (order and interaction);
* ``mailings`` (``mass_mailing``): two mailings already sent to a segment of
  the demo partners (tag "Подписчики новостей"): ``mailing.trace`` rows
  created sent, opened or replied, which client_base_mass_mailing records.
  No e-mail is sent.

They use the clients found in the database (companies with posted
invoices, by id), so that they can also be added to a dataset loaded
before the app was installed (``tools/dataset/demo_data.py`` then adds the parts
its marker does not list yet).
"""

import collections
import datetime
import logging
import time

import dataset_pure as pure
import dataset_sql

from odoo import Command

_logger = logging.getLogger("client_base.demo_data")

SUMMARIES = {
    "call_in": ("Входящий звонок: вопрос по счёту", "Звонок клиента о сроках поставки"),
    "call_out": ("Звонок: уточнение реквизитов", "Звонок: напоминание об оплате"),
    "meeting": ("Встреча в офисе клиента", "Презентация новой версии"),
    "email_in": ("Письмо клиента: запрос коммерческого предложения",),
    "email_out": ("Отправлено коммерческое предложение", "Отправлен акт сверки"),
    "letter": ("Отправлено письмо с договором",),
    "other": ("Поздравление с праздником", "Follow-up after the trade fair"),
}
DEMO_TZ_HOURS = (9, 10, 11, 12, 14, 15, 16, 17)


def populate(env, stats, mean_per_client=5.0):
    """Fill the optional models; returns {model: count}."""
    result = {}
    if "client.interaction" in env:
        result["client.interaction"] = _interactions(env, stats, mean_per_client)
    return result


def _selection(env, model, field):
    field_ = env[model]._fields.get(field)
    if not field_ or field_.type != "selection":
        return []
    return [value for value, _label in field_._description_selection(env)]


def _interactions(env, stats, mean_per_client, batch=2000):
    ctx, plan = stats["ctx"], stats["plan"]
    Interaction = env["client.interaction"].with_context(
        tracking_disable=True, mail_create_nosubscribe=True, mail_create_nolog=True
    )
    fields_ = Interaction._fields
    channels = [
        c for c in _selection(env, "client.interaction", "channel") if c in SUMMARIES
    ]
    if not channels or "partner_id" not in fields_:
        return 0
    today = ctx["today"]
    vals_list = []
    for item in plan:
        rng = pure.client_rng(ctx["seed"], "interactions", item["profile"]["index"])
        count = int(rng.expovariate(1 / mean_per_client)) if rng.random() < 0.8 else 0
        for _i in range(count):
            vals_list.append(
                _interaction_vals(ctx, item, rng, channels, today, fields_)
            )
    created = 0
    for start in range(0, len(vals_list), batch):
        created += len(Interaction.create(vals_list[start : start + batch]))
        env.flush_all()
        env.invalidate_all()
    _logger.info("%d client interactions created", created)
    return created


def _interaction_vals(ctx, item, rng, channels, today, fields_):
    channel = rng.choice(channels)
    days = rng.randrange(ctx["months"] * 30)
    moment = datetime.datetime.combine(
        today - datetime.timedelta(days=days),
        datetime.time(rng.choice(DEMO_TZ_HOURS), rng.randrange(60)),
    )
    vals = {
        "partner_id": item["id"],
        "date": moment,
        "summary": rng.choice(SUMMARIES[channel]),
        "channel": channel,
    }
    optional = {
        "contact_id": rng.choice(item["persons"]) if item["persons"] else False,
        "user_id": item.get("user_id") or False,
        "company_id": ctx["companies"][item["seller"]]["id"],
        "duration": rng.choice((0.25, 0.5, 1.0, 1.5)) if channel == "meeting" else 0.0,
        "outcome": rng.choice(("", "Договорились о встрече", "Ждём ответа", "Отказ")),
    }
    for name, value in optional.items():
        if name in fields_ and value:
            vals[name] = value
    return vals


# ------------------------------------------------------ sales and mailings
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nosubscribe": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
}
NEWSLETTER_TAG = "Подписчики новостей"
MAILINGS = (
    # (key, subject, persons only, sent: "spring" = the last 14 April,
    #  or days ago)
    (
        "spring",
        "Весеннее предложение: внедрение CRM со скидкой 15%",
        False,
        "spring",
    ),
    ("webinar", "Приглашение на вебинар «Клиентская база 2.0»", True, 21),
)
DOCUMENT_PARTS = ("workspaces", "sale_orders", "mailings", "campaign")
MAILING_BODY = (
    '<div class="o_layout"><p>Здравствуйте!</p><p>{subject}.</p>'
    "<p>С уважением, команда «Клиентской базы»</p></div>"
)


def document_parts(env):
    """The document parts whose app is installed, in generation order."""
    parts = []
    if "client.greeting" in env:
        parts.append("workspaces")
    if "sale.order" in env:
        parts.append("sale_orders")
    if "mailing.mailing" in env and "mailing.trace" in env:
        parts.append("mailings")
    if "client.verification.campaign" in env:
        parts.append("campaign")
    return parts


def populate_documents(env, ctx, parts, sale_orders=None, n_clients=None):
    """Generate the document ``parts``; returns {part: {counts}}.

    ``ctx`` is ``dataset_sql.setup_base``'s (with ``today``);
    ``sale_orders``: how many (default: 13 per 100 clients);
    ``n_clients``: the clients of the dataset (the sizes of the parts
    depend on it only, see ``dataset_pure.demo_figures``).
    """
    clients = buying_clients(env, ctx)
    if n_clients is None:
        n_clients = len(clients)
    result = {}
    if "workspaces" in parts:
        result["workspaces"] = _workspaces(env, ctx, clients)
    if "sale_orders" in parts:
        count = pure.sale_order_count(n_clients)
        if sale_orders is not None:
            count = sale_orders
        result["sale_orders"] = _sale_orders(env, ctx, clients, count)
    if "mailings" in parts:
        result["mailings"] = _mailings(env, ctx, clients, n_clients)
    if "campaign" in parts:
        result["campaign"] = _campaign(env, ctx, n_clients)
    return result


def buying_clients(env, ctx):
    """The demo clients that bought, by id: dicts id, persons, user_id, company.

    ``company`` is the index in ``ctx["companies"]`` of our company that
    invoiced the client first; ``persons`` its active contact persons.
    """
    env.flush_all()
    company_index = {info["id"]: i for i, info in enumerate(ctx["companies"])}
    env.cr.execute(
        """
        SELECT p.id, p.user_id, first_move.company_id,
               ARRAY(SELECT c.id FROM res_partner c
                      WHERE c.parent_id = p.id AND c.active AND NOT c.is_company
                      ORDER BY c.id)
          FROM res_partner p
          CROSS JOIN LATERAL (
                SELECT m.company_id FROM account_move m
                 WHERE m.commercial_partner_id = p.id AND m.state = 'posted'
                   AND m.move_type = 'out_invoice'
                 ORDER BY m.id LIMIT 1) first_move
         WHERE p.is_company AND p.active AND p.parent_id IS NULL
           AND p.customer_rank > 0
           AND p.id NOT IN (SELECT partner_id FROM res_company)
         ORDER BY p.id
        """
    )
    return [
        {"id": pid, "user_id": user_id, "company": company_index[cid], "persons": ids}
        for pid, user_id, cid, ids in env.cr.fetchall()
        if cid in company_index
    ]


def _grant_group(env, ctx, xmlid):
    """Add a group to the demo salespersons that lack it."""
    group = env.ref(xmlid, raise_if_not_found=False)
    ids = [uid for uids in ctx["users"].values() for uid in uids]
    if not group or not ids:
        return
    users = env["res.users"].browse(ids).filtered(lambda u: group not in u.groups_id)
    if users:
        users.write({"groups_id": [Command.link(group.id)]})


def _fix_pricelists(env, ctx):
    """Price the demo companies' quotations in their own currency.

    ``sale`` creates a "Default" pricelist per company in the currency the
    company had then (USD), before the dataset switched it (RUB, EUR): the
    unused ones follow the company currency, as one would in Settings.
    """
    Pricelist = env["product.pricelist"].with_context(active_test=False)
    for info in ctx["companies"]:
        wrong = Pricelist.search(
            [
                ("company_id", "=", info["id"]),
                ("currency_id", "!=", info["currency_id"]),
            ]
        )
        used = env["sale.order"].search([("pricelist_id", "in", wrong.ids)])
        (wrong - used.pricelist_id).write({"currency_id": info["currency_id"]})


def _sale_orders(env, ctx, clients, count):
    """Create, confirm and date the demo sales orders; returns counts."""
    tic = time.perf_counter()
    _fix_pricelists(env, ctx)
    plan = pure.sale_order_plan(
        ctx["seed"], len(clients), count, ctx["today"], len(ctx["products"])
    )
    _grant_group(env, ctx, "sales_team.group_sale_salesman")
    rub = ctx["currencies"]["RUB"]
    vals_list = []
    for spec in plan:
        client = clients[spec["client"]]
        info = ctx["companies"][client["company"]]
        partner = client["id"]
        if spec["contact"] and client["persons"]:
            persons = client["persons"]
            partner = persons[spec["date"].toordinal() % len(persons)]
        rate = dataset_sql.conversion_rate(info, rub, spec["date"].date())
        lines = []
        for pidx, qty, factor in spec["lines"]:
            product = ctx["products"][pidx]
            lines.append(
                Command.create(
                    {
                        "product_id": product["id"],
                        "product_uom_qty": qty,
                        "price_unit": round(product["price"] * factor / rate, 2),
                        "tax_id": [Command.clear()],
                    }
                )
            )
        vals_list.append(
            {
                "partner_id": partner,
                "company_id": info["id"],
                "user_id": client["user_id"] or False,
                "date_order": spec["date"],
                "order_line": lines,
            }
        )
    Order = env["sale.order"].with_context(**QUIET_CONTEXT)
    orders = Order.create(vals_list) if vals_list else Order
    by_state = collections.defaultdict(lambda: Order.browse())
    for spec, order in zip(plan, orders, strict=True):
        by_state[spec["state"]] |= order
    confirmed = by_state["sale"]
    # as a salesperson's click: the bridge records each order (date: now)
    confirmed.action_confirm()
    (by_state["sent"] | by_state["cancel"]).action_quotation_sent()
    by_state["cancel"].with_context(disable_cancel_warning=True).action_cancel()
    # back to the historical dates: the orders, then their interactions
    date_of = {}
    for spec, order in zip(plan, orders, strict=True):
        if spec["state"] == "sale":
            order.write({"date_order": spec["date"]})
            date_of[order.id] = spec["date"]
    captured = 0
    if "client.interaction" in env and confirmed:
        Interaction = env["client.interaction"].with_context(**QUIET_CONTEXT)
        interactions = Interaction.search(
            [("res_model", "=", "sale.order"), ("res_id", "in", confirmed.ids)]
        )
        for interaction in interactions:
            interaction.write({"date": date_of[interaction.res_id]})
        captured = len(interactions)
    env.flush_all()
    result = {
        "orders": len(orders),
        "confirmed": len(confirmed),
        "quotations": len(by_state["draft"]) + len(by_state["sent"]),
        "cancelled": len(by_state["cancel"]),
        "lines": sum(len(spec["lines"]) for spec in plan),
        "interactions": captured,
        "seconds": round(time.perf_counter() - tic, 2),
    }
    _logger.info("demo dataset: sales orders %s", result)
    return result


def _newsletter_partners(env, clients):
    """Ids and e-mails of the demo clients and contacts with a valid e-mail."""
    ids = [c["id"] for c in clients] + [p for c in clients for p in c["persons"]]
    env.cr.execute(
        """
        SELECT id, email_normalized, is_company FROM res_partner
         WHERE id = ANY(%s) AND active AND email_normalized IS NOT NULL
         ORDER BY id
        """,
        [ids],
    )
    return env.cr.fetchall()


def _mailing_sent_at(today, when):
    if when == "spring":
        day = today.replace(month=4, day=14)
        if day > today - datetime.timedelta(days=7):
            day = day.replace(year=day.year - 1)
    else:
        day = today - datetime.timedelta(days=when)
    return datetime.datetime.combine(day, datetime.time(7, 30))


def _mailings(env, ctx, clients, n_clients):
    """Two sent mailings to a tagged segment; returns counts."""
    tic = time.perf_counter()
    candidates = _newsletter_partners(env, clients)
    subscribers = []
    # companies and persons sampled apart: their numbers are the dataset's
    for kind, is_company, size in zip(
        ("newsletter", "newsletter-persons"),
        (True, False),
        pure.mailing_sizes(n_clients),
        strict=True,
    ):
        pool = [row for row in candidates if row[2] == is_company]
        subscribers += [
            pool[index]
            for index in pure.sample_indexes(ctx["seed"], kind, len(pool), size)
        ]
    subscribers.sort()
    tag = dataset_sql._xmlid_record(env, "tag_newsletter", "res.partner.category")
    if not tag:
        tag = env["res.partner.category"].create({"name": NEWSLETTER_TAG})
        dataset_sql._set_xmlid(env, "tag_newsletter", tag)
    env["res.partner"].browse([row[0] for row in subscribers]).with_context(
        **dataset_sql.CREATE_CONTEXT
    ).write({"category_id": [Command.link(tag.id)]})
    _grant_group(env, ctx, "mass_mailing.group_mass_mailing_user")
    users = ctx["users"].get(0) or [env.ref("base.user_admin").id]
    main = env["res.company"].browse(ctx["companies"][0]["id"])
    model_id = env["ir.model"]._get_id("res.partner")
    Mailing = env["mailing.mailing"].with_context(**QUIET_CONTEXT)
    Trace = env["mailing.trace"].with_context(**QUIET_CONTEXT)
    result = {"mailings": 0, "recipients": 0, "opened": 0, "replied": 0}
    for key, subject, persons_only, when in MAILINGS:
        recipients = [row for row in subscribers if not (persons_only and row[2])]
        domain = [("category_id", "in", [tag.id])]
        if persons_only:
            domain.append(("is_company", "=", False))
        sent_at = _mailing_sent_at(ctx["today"], when)
        body = MAILING_BODY.format(subject=subject)
        mailing = Mailing.create(
            {
                "subject": subject,
                "mailing_type": "mail",
                "mailing_model_id": model_id,
                "mailing_domain": repr(domain),
                "email_from": main.email_formatted,
                "user_id": users[0],
                "body_arch": body,
                "body_html": body,
                "state": "done",
                "schedule_type": "now",
                "sent_date": sent_at,
            }
        )
        dataset_sql._set_xmlid(env, f"mailing_{key}", mailing)
        plan = pure.mailing_plan(
            ctx["seed"], key, len(recipients), len(recipients), sent_at
        )
        vals_list = []
        for item in plan:
            partner_id, email, _is_company = recipients[item["candidate"]]
            vals_list.append(
                {
                    "mass_mailing_id": mailing.id,
                    "model": "res.partner",
                    "res_id": partner_id,
                    "email": email,
                    "trace_type": "mail",
                    "trace_status": item["status"],
                    "sent_datetime": item["sent"],
                    "open_datetime": item["open"] or False,
                    "reply_datetime": item["reply"] or False,
                    "message_id": f"<demo-{key}-{partner_id}@client-base.example>",
                }
            )
        # the bridge records the reached traces as they are created
        Trace.create(vals_list)
        result["mailings"] += 1
        result["recipients"] += len(plan)
        result["opened"] += sum(item["status"] in ("open", "reply") for item in plan)
        result["replied"] += sum(item["status"] == "reply" for item in plan)
    env.flush_all()
    if "client.interaction" in env:
        result["interactions"] = env["client.interaction"].search_count(
            [("res_model", "=", "mailing.trace")]
        )
    result["seconds"] = round(time.perf_counter() - tic, 2)
    _logger.info("demo dataset: mailings %s", result)
    return result


# ------------------------------------------------------------- workspaces
# The role users of the workspaces (password = login, demo only); the six
# salespersons are the account managers.
ROLE_USERS = (
    # (login, name, groups); dataset_pure.DEMO_ROLES says where they land
    ("secretary", "Ольга Секретарёва", ("client_base.client_base_group_secretary",)),
    ("director", "Сергей Директоров", ("client_base.client_base_group_director",)),
    (
        "accountant",
        "Наталья Бухгалтерова",
        ("client_base.client_base_group_user", "account.group_account_invoice"),
    ),
    ("quality", "Ирина Качествова", ("client_base.client_base_group_manager",)),
    (
        "operator",
        "Андрей Операторов",
        ("client_base_regulations.client_base_regulations_group_agency_operator",),
    ),
)
# agency operators work for the main company only
MAIN_COMPANY_ONLY = ("operator",)
CAMPAIGN_NAME = "Актуализация данных клиентов: колл-центр «Контакт»"
# days from today of the activities planned per salesperson: three overdue
TASK_DAYS = (-9, -5, -2, 3)
TASK_SUMMARIES = (
    "Перезвонить по коммерческому предложению",
    "Уточнить реквизиты для договора",
    "Согласовать график поставок",
    "Call back about the renewal",
)
# invoices of the last DOCUMENT_DAYS days expect their signed originals;
# those older than RECEIVED_AFTER days are mostly back already
DOCUMENT_DAYS = 90
RECEIVED_AFTER = 30


def _workspaces(env, ctx, clients):
    """Content for every workspace on the day the demo is built: the role
    users (with their Home Action), overdue tasks of each salesperson, and
    signed originals to collect. Greetings and overdue verifications come
    from the birthdays and verification dates of the dataset."""
    created = _role_users(env, ctx)
    return {
        "users": created,
        "classified": _workspace_classification(env),
        "activities": _workspace_tasks(env, ctx, clients),
        "documents": _workspace_documents(env, ctx),
    }


def _role_users(env, ctx):
    """Create the role users the database lacks (with their workspace as
    Home Action); returns how many."""
    companies = [info["id"] for info in ctx["companies"]]
    users = env["res.users"].with_context(active_test=False)
    created = 0
    for login, name, xmlids in ROLE_USERS:
        groups = [env.ref("base.group_user")] + [
            env.ref(xmlid, raise_if_not_found=False) for xmlid in xmlids
        ]
        if not all(groups) or users.search([("login", "=", login)]):
            continue
        allowed = companies[:1] if login in MAIN_COMPANY_ONLY else companies
        users.with_context(no_reset_password=True, mail_create_nosubscribe=True).create(
            {
                "login": login,
                "name": name,
                "password": login,
                "email": f"{login}@client-base.example",
                "company_id": companies[0],
                "company_ids": [Command.set(allowed)],
                "groups_id": [Command.set([g.id for g in groups])],
            }
        )
        created += 1
    if hasattr(env["res.users"], "_client_workspace_set_home_actions"):
        env["res.users"]._client_workspace_set_home_actions()
    return created


def _campaign(env, ctx, n_clients):
    """A running agency campaign of the data-quality manager, assigned to the
    agency operator: the clients of the main company whose verification is
    the oldest; the first calls made by the operator (as their buttons do)."""
    _role_users(env, ctx)
    users = env["res.users"]
    manager = users.search([("login", "=", "quality")])
    operator = users.search([("login", "=", "operator")])
    if not manager or not operator:
        return {}
    main = ctx["companies"][0]["id"]
    Partner = env["res.partner"]
    clients = Partner.search(
        Partner._client_base_domain()
        + [
            ("company_id", "in", (main, False)),
            ("user_id", "in", ctx["users"].get(0, [])),
        ],
        order="client_verified_on asc nulls first, id",
        limit=pure.campaign_size(n_clients),
    )
    if not clients:
        return {}
    wizard = (
        env["client.verification.campaign.wizard"]
        .with_user(manager)
        .with_company(main)
        .create(
            {
                "name": CAMPAIGN_NAME,
                "channel": "agency",
                "partner_ids": [Command.set(clients.ids)],
                "operator_ids": [Command.set(operator.ids)],
            }
        )
    )
    action = wizard.with_context(**QUIET_CONTEXT).action_create()
    campaign = env["client.verification.campaign"].browse(action["res_id"])
    dataset_sql._set_xmlid(env, "verification_campaign", campaign)
    lines = campaign.line_ids.sorted("id")
    outcomes = pure.campaign_outcomes(len(lines))
    for line, outcome in zip(lines, outcomes, strict=True):
        if outcome != "pending":
            getattr(line.with_user(operator).with_company(main), f"action_{outcome}")()
    env.flush_all()
    result = {
        "calls": len(lines),
        "done": sum(outcome != "pending" for outcome in outcomes),
    }
    _logger.info("demo dataset: verification campaign %s", result)
    return result


def _workspace_classification(env):
    """Run the ABC/XYZ classification once (the director's matrix), as the
    scheduled action would; returns the clients classified."""
    if "client.classification.run" not in env:
        return 0
    Run = env["client.classification.run"]
    for _call in range(50):
        _done, remaining = Run._cron_process(batch_size=5000)
        if not remaining:
            break
    env.flush_all()
    return env["client.classification"].search_count([("abc", "!=", False)])


def _workspace_tasks(env, ctx, clients):
    """Four activities per salesperson on their own clients, three overdue."""
    by_user = collections.defaultdict(list)
    for client in clients:
        if client["user_id"]:
            by_user[client["user_id"]].append(client["id"])
    types = [
        env.ref(xmlid, raise_if_not_found=False)
        for xmlid in ("mail.mail_activity_data_call", "mail.mail_activity_data_todo")
    ]
    types = [t for t in types if t]
    model_id = env["ir.model"]._get_id("res.partner")
    vals_list = []
    for uids in ctx["users"].values():
        for uid in uids:
            own = by_user.get(uid, [])
            for index, days in enumerate(TASK_DAYS[: len(own)]):
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": own[index * 7 % len(own)],
                        "user_id": uid,
                        "activity_type_id": types[index % len(types)].id,
                        "summary": TASK_SUMMARIES[index % len(TASK_SUMMARIES)],
                        "date_deadline": ctx["today"] + datetime.timedelta(days=days),
                    }
                )
    env["mail.activity"].with_context(
        mail_activity_quick_update=True, mail_notrack=True
    ).create(vals_list)
    return len(vals_list)


def _workspace_documents(env, ctx):
    """The recent invoices expect their signed originals; most of those
    older than RECEIVED_AFTER days are back."""
    Move = env["account.move"]
    if not hasattr(Move, "_client_document_expect"):
        return 0
    today = ctx["today"]
    moves = Move.search(
        [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("invoice_date", ">=", today - datetime.timedelta(days=DOCUMENT_DAYS)),
        ]
    )
    moves._client_document_expect()
    env.flush_all()
    # SQL: one statement for thousands of lines; every fifth invoice still
    # misses its originals, so the accountant has old ones to chase
    env.cr.execute(
        """
        UPDATE client_document_collect
           SET received = TRUE,
               received_date = invoice_date + (move_id %% 20 + 3),
               received_by_id = manager_id
         WHERE invoice_date < %s AND move_id %% 5 != 0 AND received IS NOT TRUE
        """,
        (today - datetime.timedelta(days=RECEIVED_AFTER),),
    )
    env.invalidate_all()
    env.cr.execute(
        "SELECT count(*) FROM client_document_collect WHERE received IS NOT TRUE"
    )
    return env.cr.fetchone()[0]
