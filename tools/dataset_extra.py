"""Optional parts of the demo dataset: data of models other helpers own.

Each part is guarded: it runs only when the model or field exists in the
database (``'client.interaction' in env``), and it only fills fields that
exist, with selection values that exist.
"""

import datetime
import logging

import dataset_pure as pure

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
