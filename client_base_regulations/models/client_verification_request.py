# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from psycopg2 import errors as pg_errors

from odoo import api, fields, models

from odoo.addons.client_base.models.bounded import check_bounds
from odoo.addons.client_base.tools import bounds

from ..tools import regulation_logic as logic

_logger = logging.getLogger(__name__)

# Clients handled per scheduled-action call (RELIABILITY.md L1).
VERIFICATION_BATCH_SIZE = 200
# A batch that met a concurrent transaction: left for the next call.
CONCURRENCY_ERRORS = (
    pg_errors.LockNotAvailable,
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
)


class ClientVerificationRequest(models.Model):
    """One verification round of one client: the idempotency key of the
    re-verification scheduled action is (client, round)."""

    _name = "client.verification.request"
    _description = "Client verification round"
    _order = "period_start desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", related="partner_id.company_id", store=True, index=True
    )
    rule_id = fields.Many2one("client.verification.rule", ondelete="set null")
    period_key = fields.Char(string="Round", required=True, index=True)
    period_start = fields.Date(string="Round start", required=True)
    period_end = fields.Date(string="Round end", required=True)
    user_id = fields.Many2one("res.users", string="Assigned to")
    activity_id = fields.Many2one("mail.activity", ondelete="set null")
    state = fields.Selection(
        [
            ("open", "Open"),
            ("verified", "Verified"),
            ("unanswered", "Unanswered"),
        ],
        default="open",
        required=True,
        index=True,
    )
    unanswered_count = fields.Integer(
        string="Unanswered in a row",
        help="Rounds in a row, this one included, that ended without answer.",
    )
    closed_on = fields.Date()

    _sql_constraints = (
        (
            "partner_period_unique",
            "unique(partner_id, period_key)",
            "A client has one verification round per period.",
        ),
    )

    @api.constrains(*bounds.fields_of("client.verification.request"))
    def _check_client_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("client.verification.request"))

    def _client_close_verified(self):
        for request in self:
            if request.activity_id:
                request.activity_id.sudo().action_feedback(
                    feedback=self.env._("Client verified.")
                )
        self.write({"state": "verified", "closed_on": fields.Date.context_today(self)})

    # ---------------------------------------------------------------- cron

    @api.model
    def _cron_verify_stale_clients(self, batch_size=None, today=None):
        """Scheduled action: close the rounds that ended, then open one round
        (and one activity) per stale client, one bounded batch per call."""
        batch_size = batch_size or self.env["client.archive.rule"]._cron_batch_size()
        today = today or fields.Date.context_today(self)
        done = remaining = 0
        for company in (
            self.env["res.company"].sudo().search([("partner_id", "!=", False)])
        ):
            rule = self.env["client.verification.rule"]._get_rule(company)
            if not rule:
                continue
            try:
                with self.env.cr.savepoint():
                    closed, left = self._close_ended_rounds(
                        rule, company, today, batch_size
                    )
                    done += closed
                    remaining += left
                    opened, left = self._open_rounds(rule, company, today, batch_size)
                    done += opened
                    remaining += left
            except CONCURRENCY_ERRORS as error:
                # F3: leave this company's clients for the next call
                _logger.warning("Verification batch postponed: %s", error)
                remaining += 1
        # done=0 with work left (every batch postponed): triggered again soon
        self.env["ir.cron"]._client_notify_progress(done=done, remaining=remaining)
        self.env.invalidate_all()

    @api.model
    def _close_ended_rounds(self, rule, company, today, batch_size):
        """Rounds whose period ended without verification become unanswered;
        after N in a row the client is proposed for archiving."""
        domain = [
            ("state", "=", "open"),
            ("period_end", "<=", today),
            ("company_id", "in", [False, company.id]),
        ]
        requests = self.sudo().search(domain, limit=batch_size, order="id")
        archive_rule = self.env["client.archive.rule"]._get_rule(company)
        threshold = archive_rule.unanswered_rounds if archive_rule else 0
        for request in requests:
            history = self.sudo().search(
                [
                    ("partner_id", "=", request.partner_id.id),
                    ("id", "!=", request.id),
                    ("state", "!=", "open"),
                ],
                order="period_start",
            )
            count = logic.consecutive_unanswered(
                history.mapped("state") + ["unanswered"]
            )
            if request.activity_id:
                request.activity_id.sudo().unlink()
            request.write(
                {"state": "unanswered", "unanswered_count": count, "closed_on": today}
            )
            partner = request.partner_id
            # a note of the job: in the client's language
            lang_env = self.with_context(
                lang=self.env["res.lang"]._client_lang(partner.lang)
            ).env
            partner.message_post(
                body=lang_env._(
                    "Verification round %(round)s ended without an answer "
                    "(%(count)s in a row).",
                    round=request.period_key,
                    count=count,
                ),
                subtype_xmlid="mail.mt_note",
            )
            if threshold and count >= threshold and partner.active:
                # stored as a code, shown in the reader's language
                reason = {"code": "unanswered", "count": count}
                if archive_rule.auto_archive:
                    partner._client_archive_checked(reason)
                elif not partner.client_archive_proposed:
                    partner.write(
                        {
                            "client_archive_proposed": True,
                            **partner._client_archive_reason_vals(reason),
                        }
                    )
        left = self.sudo().search_count(domain) if len(requests) == batch_size else 0
        return len(requests), left

    @api.model
    def _open_rounds(self, rule, company, today, batch_size):
        Partner = self.env["res.partner"].sudo()
        start = logic.period_start(today, rule.period_months)
        end = logic.add_months(start, rule.period_months)
        key = logic.period_key(today, rule.period_months)
        # clients without a round in this period (a NOT EXISTS subquery,
        # whatever the number of clients already done)
        domain = (
            Partner._client_base_domain()
            + Partner._client_stale_domain(today)
            + [
                ("company_id", "in", [False, company.id]),
                (
                    "client_verification_request_ids",
                    "not any",
                    [("period_key", "=", key)],
                ),
            ]
        )
        if rule.only_without_orders:
            since = today - relativedelta(months=rule.period_months)
            ordered = Partner._client_partners_with_orders(None, since)
            domain += [("id", "not in", list(ordered))]
        partners = Partner.search(domain, limit=batch_size, order="id")
        page = rule.regulation_page_id or self.env[
            "document.page"
        ]._client_regulation_page("verification")
        turn = self.sudo().search_count([("period_key", "=", key)])
        assignments = [
            (partner, rule._pick_assignee(partner, turn + offset))
            for offset, partner in enumerate(partners)
        ]
        self._create_rounds(assignments, rule, key, start, end, today, page)
        # the new rounds took these clients out of ``domain``
        return len(partners), Partner.search_count(domain)

    @api.model
    def _create_rounds(self, assignments, rule, key, start, end, today, page):
        """One activity and one round per (client, assignee), created in two
        batched ``create`` calls. The assignees are not e-mailed once per
        activity (``mail_activity_quick_update``): they find them in their
        activities."""
        if not assignments:
            return self.browse()
        texts = {}  # the summary and note in each assignee's language

        def texts_for(user):
            lang = self.env["res.lang"]._client_lang(user.lang)
            if lang not in texts:
                env = self.with_context(lang=lang).env
                note = Markup("<p>%s</p>") % env._(
                    "Verify the contact information of this client (round %(round)s).",
                    round=key,
                )
                # the regulation's page in the assignee's language, if any
                local = page
                if page.client_regulation_key:
                    local = page._client_regulation_page(
                        page.client_regulation_key, lang=lang
                    )
                if local:
                    note += Markup('<p>%s <a href="%s">%s</a></p>') % (
                        env._("Regulation:"),
                        local._client_regulation_url(),
                        local.with_env(env).name,
                    )
                texts[lang] = (env._("Verify client data"), note)
            return texts[lang]

        deadline = min(today + relativedelta(days=rule.deadline_days), end)
        activity_type = rule.activity_type_id or self.env.ref(
            "mail.mail_activity_data_todo"
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": partner.id,
                        "activity_type_id": activity_type.id,
                        "date_deadline": deadline,
                        "summary": texts_for(user)[0],
                        "note": texts_for(user)[1],
                        "user_id": user.id,
                    }
                    for partner, user in assignments
                ]
            )
        )
        return self.sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "rule_id": rule.id,
                    "period_key": key,
                    "period_start": start,
                    "period_end": end,
                    "user_id": user.id,
                    "activity_id": activity.id,
                }
                for (partner, user), activity in zip(
                    assignments, activities, strict=True
                )
            ]
        )
