# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A record of any model of the suite to write on, for the contract tests
that try values on every field (bounds, text): an existing record when the
model has one, else one built here (``RECORDS``)."""

import base64
from datetime import date

from odoo import Command


def record_of(env, model):
    """A record of ``model`` to write on (an existing one, else a new one)."""
    if model == "res.config.settings":
        return None  # a new settings record per value, as the form does
    if model == "res.company":
        return env.company
    if model == "res.users":
        return env.ref("base.user_admin")
    builder = RECORDS.get(model)
    if builder:
        return builder(env)
    return env[model].search([], limit=1)


def _partner(env):
    return env["res.partner"].create({"name": "Bounds Client", "is_company": True})


RECORDS = {
    "res.partner": _partner,
    "res.partner.category": lambda env: env["res.partner.category"].create(
        {"name": "Bounds"}
    ),
    "client.greeting": lambda env: env["client.greeting"].create(
        {
            "partner_id": _partner(env).id,
            "occasion": "founding",
            "origin_date": date(2000, 1, 1),
            "occasion_date": date.today(),
            "year": date.today().year,
        }
    ),
    "client.interaction": lambda env: env["client.interaction"].create(
        {"partner_id": _partner(env).id, "summary": "Bounds"}
    ),
    "client.verification.request": lambda env: env[
        "client.verification.request"
    ].create(
        {
            "partner_id": _partner(env).id,
            "rule_id": env["client.verification.rule"].search([], limit=1).id,
            "period_key": "2026-01",
            "period_start": date(2026, 1, 1),
            "period_end": date(2026, 6, 30),
        }
    ),
    "client.import.wizard.column": lambda env: env[
        "client.import.wizard.column"
    ].create(
        {
            "wizard_id": env["client.import.wizard"].create({"source": "Bounds"}).id,
            "column": "Name",
        }
    ),
    "client.classification.transition": lambda env: _transition(env),
}


def _transition(env):
    runs = env["client.classification.run"].create(
        [
            {"company_id": env.company.id, "state": "done", "date": date(2026, 1, 1)},
            {"company_id": env.company.id, "state": "done", "date": date(2026, 2, 1)},
        ]
    )
    wizard = env["client.classification.transition.wizard"].create(
        {"run_from_id": runs[0].id, "run_to_id": runs[1].id}
    )
    return env["client.classification.transition"].create(
        {"wizard_id": wizard.id, "from_class": "A", "to_class": "B"}
    )


def _request(env):
    partner = env["res.partner"].create(
        {"name": "Contract Client", "is_company": True, "email": "c@example.com"}
    )
    request = env["client.self.verification"]._client_send_for(partner)
    request._client_submit({"city": "Tomsk"})
    return request


def _campaign_wizard(env):
    return env["client.verification.campaign.wizard"].create(
        {"name": "Contract", "operator_ids": [Command.set([env.uid])]}
    )


def _campaign_line(env):
    campaign = env["client.verification.campaign"].create(
        {
            "name": "Contract",
            "line_ids": [
                Command.create({"partner_id": _partner(env).id, "operator_id": env.uid})
            ],
        }
    )
    return campaign.line_ids


def _segment_wizard(env):
    segment = env["client.segment"].create({"name": "Contract"})
    return env["client.segment.activity.wizard"].create(
        {
            "segment_id": segment.id,
            "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
        }
    )


def _archive_line(env):
    rule = env["client.archive.rule"].search([], limit=1)
    wizard = env["client.archive.wizard"].create(
        {
            "rule_id": rule.id,
            "line_ids": [Command.create({"partner_id": _partner(env).id})],
        }
    )
    return wizard.line_ids


def _classification(env):
    return env["client.classification"].create(
        {"partner_id": _partner(env).id, "company_id": env.company.id}
    )


RECORDS.update(
    {
        "client.archive.wizard.line": _archive_line,
        "client.classification": _classification,
        "client.data.proposal": lambda env: _request(env).proposal_ids,
        "client.import.wizard": lambda env: env["client.import.wizard"].create(
            {
                "file": base64.b64encode(b"Name\nACME\n"),
                "filename": "clients.csv",
                "source": "Contract",
            }
        ),
        "client.segment.activity.wizard": _segment_wizard,
        "client.self.verification": _request,
        "client.verification.campaign": lambda env: _campaign_line(env).campaign_id,
        "client.verification.campaign.line": _campaign_line,
        "client.verification.campaign.wizard": _campaign_wizard,
        "client.verify.wizard": lambda env: env["client.verify.wizard"].create(
            {"partner_ids": [Command.set(_partner(env).ids)]}
        ),
    }
)
