# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The buttons of the double-press contract (``test_contract_double_press``):
which are covered, the record each is pressed on (``PRESS``), the effects
counted, and the ones pressed at once from two transactions (``CONCURRENT``).
"""

import base64
from datetime import date

from odoo import Command
from odoo.tools import SQL

from .contract_common import suite_buttons, suite_models

# Buttons that only open a window, a list or a page (or reload the form):
# pressing them twice cannot record anything twice.
NAVIGATION_ONLY = {
    ("client.analytic.attribute", "action_view_assignments"),
    ("client.archive.rule", "action_open_regulation"),
    ("client.classification.run", "action_refresh"),  # reloads the form
    ("client.interaction", "action_open_source"),
    ("client.quality.missing.report", "action_open_clients"),
    ("client.segment", "action_add_to_mailing_list"),  # opens its wizard
    ("client.segment", "action_schedule_activity"),  # opens its wizard
    ("client.segment", "action_view_clients"),
    ("client.verification.campaign", "action_open_lines"),
    ("client.verification.campaign", "action_open_regulation"),
    ("client.verification.rule", "action_open_regulation"),
    ("document.page", "action_client_open_read_status"),
    ("res.config.settings", "action_client_open_regulation"),
    ("res.partner", "action_client_mark_verified"),  # opens its wizard
    ("res.partner", "action_client_merge_duplicates"),  # Odoo's merge wizard
    ("res.partner", "action_client_open_duplicates"),
    ("res.partner", "action_client_open_regulation"),
    ("res.partner", "action_log_client_interaction"),  # opens a new form
    ("res.partner", "action_view_client_dynamics"),
    ("res.partner", "action_view_client_interactions"),
}

# Models whose rows are an effect besides the suite's own (counted if
# installed).
EFFECT_MODELS = (
    "account.move",
    "mail.activity",
    "mail.followers",
    "mail.mail",
    "mail.message",
    "mailing.contact",
    "mailing.subscription",
    "res.partner",
)

CSV = b"Name;Phone;City\nDouble Press Ltd;+7 495 765-43-21;Omsk\n"


def covered_buttons(env):
    """The buttons under contract: every ``action_*`` button of the suite's
    views that the model has, but the navigation-only ones."""
    return sorted(
        (model, method)
        for model, method in suite_buttons(env)
        if method.startswith("action_")
        and model in env
        and hasattr(env[model], method)
        and (model, method) not in NAVIGATION_ONLY
    )


def effect_snapshot(env):
    """Row counts of every model a press may change (see the module doc)."""
    env.flush_all()
    names = suite_models(env, transient=False, sql_views=False)
    names += [name for name in EFFECT_MODELS if name in env]
    counts = {}
    for name in names:
        env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(env[name]._table)))
        counts[name] = env.cr.fetchone()[0]
    env.cr.execute("SELECT count(*) FROM res_partner WHERE active")
    counts["res.partner (active)"] = env.cr.fetchone()[0]
    return counts


# Builders: (case, env) -> the records to press on ------------------------


def _partner(env, name="Double Press Client", **vals):
    return env["res.partner"].create(
        dict(
            {"name": name, "is_company": True, "email": "dp@example.com"},
            **vals,
        )
    )


def _invoice(env):
    move = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": _partner(env).id,
            "invoice_line_ids": [
                Command.create({"name": "Service", "quantity": 1, "price_unit": 100})
            ],
        }
    )
    move.action_post()
    return move


def _settings(env):
    return env["res.config.settings"].create({})


def _import_wizard(env, *steps):
    wizard = env["client.import.wizard"].create(
        {
            "file": base64.b64encode(CSV),
            "filename": "clients.csv",
            "source": "Double press",
        }
    )
    for step in steps:
        getattr(wizard, step)()
    return wizard


def _greeting(env):
    partner = _partner(env)
    return env["client.greeting"].create(
        {
            "partner_id": partner.id,
            "occasion": "founding",
            "origin_date": date(2000, 1, 1),
            "occasion_date": date.today(),
            "year": date.today().year,
        }
    )


def _interaction(env):
    return env["client.interaction"].create(
        {"partner_id": _partner(env).id, "summary": "Call about the contract"}
    )


def _segment(env):
    return env["client.segment"].create(
        {"name": "Double press", "domain": "[('name', '=', 'Double Press Client')]"}
    )


def _mailing_wizard(env):
    _partner(env)
    mailing_list = env["mailing.list"].create({"name": "Double press"})
    return env["client.segment.mailing.wizard"].create(
        {
            "segment_id": _segment(env).id,
            "mailing_list_ref": f"mailing.list,{mailing_list.id}",
        }
    )


def _activity_wizard(env):
    _partner(env)
    return env["client.segment.activity.wizard"].create(
        {
            "segment_id": _segment(env).id,
            "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
            "summary": "Call",
        }
    )


def _runs(env):
    Run = env["client.classification.run"]
    return Run.create(
        [
            {"company_id": env.company.id, "state": "done", "date": date(2026, 1, 1)},
            {"company_id": env.company.id, "state": "done", "date": date(2026, 2, 1)},
        ]
    )


def _transition_wizard(env):
    first, second = _runs(env)
    return env["client.classification.transition.wizard"].create(
        {"run_from_id": first.id, "run_to_id": second.id}
    )


def _attribute(env):
    attribute = env["client.analytic.attribute"].create(
        {"name": "Region", "assignment": "country"}
    )
    env["client.analytic.value"].create(
        {
            "attribute_id": attribute.id,
            "name": "Russia",
            "country_ids": [Command.set(env.ref("base.ru").ids)],
        }
    )
    _partner(env, country_id=env.ref("base.ru").id)
    return attribute


def _campaign(env):
    return env["client.verification.campaign"].create(
        {
            "name": "Double press",
            "line_ids": [
                Command.create({"partner_id": _partner(env).id, "operator_id": env.uid})
            ],
        }
    )


def _campaign_line(env):
    return _campaign(env).line_ids


def _campaign_wizard(env):
    partner = _partner(env)
    return env["client.verification.campaign.wizard"].create(
        {
            "name": "Double press",
            "partner_ids": [Command.set(partner.ids)],
            "operator_ids": [Command.set([env.uid])],
        }
    )


def _archive_wizard(env):
    rule = env.ref("client_base_regulations.client_archive_rule_default")
    return env["client.archive.wizard"].create(
        {
            "rule_id": rule.id,
            "state": "computed",
            "line_ids": [
                Command.create(
                    {"partner_id": _partner(env).id, "reason": "test", "selected": True}
                )
            ],
        }
    )


def _answered_request(env):
    partner = _partner(env)
    request = env["client.self.verification"]._client_send_for(partner)
    request._client_submit({"city": "Tomsk"})
    return request


def _regulation_page(env):
    page = env["document.page"].search(
        [("client_regulation_key", "!=", False), ("type", "=", "content")], limit=1
    )
    page.write({"content": "<p>Double press: a new version</p>"})
    return page


def _duplicates(env):
    first = _partner(env, phone="+7 495 111-22-33")
    _partner(env, phone="+7 495 111-22-33")
    return first


def _normalize_run(env):
    return env["client.normalize.run"]._client_start(env.company)


PRESS = {
    ("account.move", "action_client_document_expect"): _invoice,
    ("account.move", "action_client_document_received"): _invoice,
    ("account.move", "action_client_document_remind"): _invoice,
    ("client.document.collect", "action_mark_received"): lambda env: (
        _invoice(env).client_document_ids
    ),
    ("client.document.collect", "action_remind_manager"): lambda env: (
        _invoice(env).client_document_ids
    ),
    ("client.analytic.attribute", "action_apply_rule"): _attribute,
    ("client.archive.rule", "action_dry_run"): lambda env: env.ref(
        "client_base_regulations.client_archive_rule_default"
    ),
    ("client.archive.wizard", "action_archive"): _archive_wizard,
    ("client.archive.wizard", "action_compute"): _archive_wizard,
    ("client.classification.run", "action_recompute_now"): lambda env: env[
        "client.classification.run"
    ],
    ("client.classification.transition.wizard", "action_compute"): (_transition_wizard),
    ("client.greeting", "action_send"): _greeting,
    ("client.import.wizard", "action_apply"): lambda env: _import_wizard(
        env, "action_read_file", "action_preview"
    ),
    ("client.import.wizard", "action_back"): lambda env: _import_wizard(
        env, "action_read_file"
    ),
    ("client.import.wizard", "action_preview"): lambda env: _import_wizard(
        env, "action_read_file"
    ),
    ("client.import.wizard", "action_read_file"): _import_wizard,
    ("client.interaction", "action_schedule_next"): _interaction,
    ("client.normalize.run", "action_cancel"): _normalize_run,
    ("client.normalize.wizard", "action_apply"): lambda env: env[
        "client.normalize.wizard"
    ].create({}),
    ("client.normalize.wizard", "action_preview"): lambda env: env[
        "client.normalize.wizard"
    ].create({}),
    ("client.segment.activity.wizard", "action_schedule"): _activity_wizard,
    ("client.segment.mailing.wizard", "action_add"): _mailing_wizard,
    ("client.self.verification", "action_apply"): _answered_request,
    ("client.self.verification", "action_reject"): _answered_request,
    ("client.verification.campaign", "action_done"): _campaign,
    ("client.verification.campaign", "action_reopen"): _campaign,
    ("client.verification.campaign.line", "action_refused"): _campaign_line,
    ("client.verification.campaign.line", "action_unreachable"): _campaign_line,
    ("client.verification.campaign.line", "action_updated"): _campaign_line,
    ("client.verification.campaign.line", "action_verified"): _campaign_line,
    ("client.verification.campaign.wizard", "action_create"): _campaign_wizard,
    ("client.verify.wizard", "action_confirm"): lambda env: env[
        "client.verify.wizard"
    ].create({"partner_ids": [Command.set(_partner(env).ids)]}),
    ("document.page", "action_client_acknowledge"): _regulation_page,
    ("res.config.settings", "action_client_analytics_recompute"): _settings,
    ("res.config.settings", "action_client_interaction_backfill"): _settings,
    ("res.partner", "action_client_mark_not_duplicate"): _duplicates,
    ("res.partner", "action_client_send_questionnaire"): lambda env: _partner(env),
}

# Pressed again later, these are a deliberate repeat, not a double effect:
# their contract in a row is tested on its own; at once, they are in
# CONCURRENT like the others.
REPEATABLE = {
    # a resend: one open link per client at any time, the older one is
    # cancelled (test_questionnaire_resent_one_link)
    ("res.partner", "action_client_send_questionnaire"),
}

# Buttons that write, pressed at once from two transactions.
CONCURRENT = (
    ("client.normalize.wizard", "action_apply"),
    ("client.verification.campaign.line", "action_verified"),
    ("client.archive.wizard", "action_archive"),
    ("client.verify.wizard", "action_confirm"),
    ("client.verification.campaign.wizard", "action_create"),
    ("client.self.verification", "action_apply"),
    ("res.partner", "action_client_send_questionnaire"),
)
