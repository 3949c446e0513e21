# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from dateutil.relativedelta import relativedelta
from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.client_base.models.bounded import check_bounds
from odoo.addons.client_base.tools import bounds

_logger = logging.getLogger(__name__)

# Clients archived (or proposed) per scheduled-action call: small enough to
# keep each transaction short (RELIABILITY.md L1/L6).
ARCHIVE_BATCH_SIZE = 200
# A batch that met a concurrent transaction: left for the next call.
CONCURRENCY_ERRORS = (
    pg_errors.LockNotAvailable,
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
)


class ClientArchiveRule(models.Model):
    """When a client goes to the archive (the archiving regulation)."""

    _name = "client.archive.rule"
    _inherit = "client.regulated.rule.mixin"
    _description = "Client archiving rule"
    _order = "sequence, id"
    _check_company_auto = True

    inactivity_months = fields.Integer(
        string="Inactivity period (months)",
        default=24,
        required=True,
        help="A client with no invoice, order, interaction or verification "
        "for this long is a candidate for the archive.",
    )
    unanswered_rounds = fields.Integer(
        string="Unanswered rounds",
        default=2,
        required=True,
        help="After this many verification rounds in a row without an answer "
        "the client is proposed for archiving.",
    )
    auto_archive = fields.Boolean(
        string="Archive automatically",
        help="If set, the scheduled action archives the candidates. Otherwise "
        "it only proposes them and a manager archives from the dry-run list.",
    )
    exclude_category_ids = fields.Many2many(
        "res.partner.category",
        string="Never archive clients tagged",
    )

    @api.constrains(*bounds.fields_of("client.archive.rule"))
    def _check_client_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("client.archive.rule"))

    @api.constrains("inactivity_months", "unanswered_rounds")
    def _check_positive(self):
        for rule in self:
            if rule.inactivity_months <= 0:
                raise ValidationError(
                    self.env._("The inactivity period is at least one month.")
                )
            if rule.unanswered_rounds <= 0:
                raise ValidationError(
                    self.env._("At least one unanswered round is needed.")
                )

    def action_dry_run(self):
        """Open the dry-run list of this rule's candidates."""
        self.ensure_one()
        if not self.env.user.has_group("client_base.client_base_group_manager"):
            raise AccessError(
                self.env._("Only data-quality managers may archive clients.")
            )
        wizard = self.env["client.archive.wizard"].create({"rule_id": self.id})
        wizard.action_compute()
        return wizard._reopen()

    @api.model
    def _get_rule(self, company):
        return self.sudo().search([("company_id", "in", [False, company.id])], limit=1)

    # ------------------------------------------------------------ candidates

    def _candidate_domain(self):
        self.ensure_one()
        domain = self.env["res.partner"]._client_base_domain()
        if self.company_id:
            domain += [("company_id", "in", [False, self.company_id.id])]
        if self.exclude_category_ids:
            domain += [("category_id", "not in", self.exclude_category_ids.ids)]
        return domain

    def _get_candidates(self, today=None):
        """{partner: reason} of the clients this rule would archive now,
        protected clients excluded, ordered by id (deterministic); a reason
        is a dict of ``tools/archive_reason.py`` (a code and its
        parameters, rendered in the reader's language)."""
        self.ensure_one()
        Partner = self.env["res.partner"].sudo()
        today = today or fields.Date.context_today(self)
        cutoff = today - relativedelta(months=self.inactivity_months)
        base = self._candidate_domain() + [("client_archive_error", "=", False)]
        proposed = Partner.search(base + [("client_archive_proposed", "=", True)])
        domain = base + [
            ("client_archive_proposed", "=", False),
            ("create_date", "<", cutoff),
        ]
        for fname in ("client_last_interaction_date", "client_verified_on"):
            if fname in Partner._fields:
                domain += ["|", (fname, "=", False), (fname, "<", cutoff)]
        # one aggregate over the recent invoices and orders, not a list of
        # every old client
        recent = Partner._client_partners_with_orders(None, cutoff)
        if recent:
            domain.append(("id", "not in", list(recent)))
        inactive = Partner.search(domain)
        candidates = (proposed | inactive).sorted("id")
        blockers = candidates._client_archive_blockers()
        result = {}
        for partner in candidates:
            if partner.id in blockers:
                continue
            proposed_reason = (
                partner.client_archive_proposed and partner._client_archive_reason_get()
            )
            result[partner] = proposed_reason or {
                "code": "inactive",
                "months": self.inactivity_months,
                "date": fields.Date.to_string(cutoff),
            }
        return result

    def _process_batch(self, batch_size=ARCHIVE_BATCH_SIZE):
        """Archive (or propose) one batch of candidates; returns (done, remaining)."""
        self.ensure_one()
        candidates = self._get_candidates()
        if not self.auto_archive:
            # propose only the ones not proposed yet (idempotent)
            candidates = {
                p: r for p, r in candidates.items() if not p.client_archive_proposed
            }
        partners = list(candidates)[:batch_size]
        remaining = max(len(candidates) - len(partners), 0)
        if not partners:
            return 0, 0
        if self.auto_archive:
            batch = self.env["res.partner"].sudo().browse([p.id for p in partners])
            archived, skipped = batch._client_archive_checked(
                "", reasons={p: candidates[p] for p in partners}
            )
            if skipped:
                # F5: the refused ones carry client_archive_error and leave the
                # candidates, so they never make the scheduled action loop
                _logger.warning(
                    "Archiving rule %s: %s client(s) skipped", self.id, len(skipped)
                )
            return len(archived) + len(skipped), remaining
        for partner in partners:
            partner.write(
                {
                    "client_archive_proposed": True,
                    **partner._client_archive_reason_vals(candidates[partner]),
                }
            )
        return len(partners), remaining

    @api.model
    def _cron_archive_inactive_clients(self, batch_size=None):
        """Scheduled action: one batch per rule, then report progress."""
        batch_size = batch_size or self._cron_batch_size()
        done = remaining = 0
        for rule in self.sudo().search([("active", "=", True)]):
            try:
                with self.env.cr.savepoint():
                    rule_done, rule_remaining = rule._process_batch(batch_size)
            except CONCURRENCY_ERRORS as error:
                # users edit these clients right now: the batch is taken
                # again by the next call (triggered soon)
                _logger.warning(
                    "Archiving rule %s: batch postponed: %s", rule.id, error
                )
                remaining += 1
                continue
            except Exception:
                _logger.exception("Archiving rule %s failed", rule.id)
                continue
            done += rule_done
            remaining += rule_remaining
        self.env["ir.cron"]._client_notify_progress(done=done, remaining=remaining)
        self.env.invalidate_all()

    @api.model
    def _cron_batch_size(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("client_base_regulations.cron_batch_size", "")
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return ARCHIVE_BATCH_SIZE
