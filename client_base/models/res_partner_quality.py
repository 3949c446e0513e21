# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Data quality of contacts: completeness, validity, freshness.

The stored quality fields (invalid and to-normalise values, completeness,
missing data) are computed from the rules of ``client.field.rule`` and the
pure functions of ``tools/quality.py``; a daily scheduled action recomputes
them in bounded batches and ends its pass with the duplicate flags.
"""

import logging
import time

import psycopg2

from odoo import api, fields, models

from ..tools import normalize, quality
from .res_partner import TEXT_FIELDS, VALUE_FIELDS

_logger = logging.getLogger(__name__)

# Fields a completeness score reads: never a binary field (OCA/server-tools#1294).
QUALITY_DEPENDS = tuple(
    dict.fromkeys(
        (
            "is_company",
            "parent_id",
            "company_id",
            "client_state",
            "country_id",
            "phone",
            "client_phone_extra",
            "mobile",
            "email",
            "client_email_personal",
            "website",
            "street",
            "city",
            "client_legal_same",
            "client_legal_street",
            "client_legal_city",
            "client_legal_country_id",
            "vat",
            "client_kpp",
            "client_ogrn",
            "function",
            "birthday",
            "client_founding_date",
            "client_preferred_channel",
            "client_best_contact_time",
            "client_decision_role",
            *TEXT_FIELDS,
        )
    )
)
FRESHNESS_DEPENDS = (
    "create_date",
    "client_state",
    "client_verified_on",
    "client_update_period_months",
    "category_id",
)
QUALITY_FIELDS = (
    "client_name_key",
    "client_invalid_fields",
    "client_to_normalize_fields",
    "client_completeness",
    "client_incomplete",
    "client_missing_fields",
    "client_next_verification",
)
# Partners per batch of the scheduled recompute: a few seconds and a few MB each.
QUALITY_BATCH_SIZE = 2000
# Seconds after which a call leaves the duplicate flags to a call of their own.
QUALITY_CALL_BUDGET = 2.0
# A batch that met a concurrent transaction: left for the next call.
CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)


def _join_keys(keys):
    return ", ".join(sorted(keys)) or False


def _split_keys(value):
    return [key.strip() for key in (value or "").split(",") if key.strip()]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Data quality: stored keys (field names / rule keys), shown translated
    client_invalid_fields = fields.Char(
        string="Invalid fields (keys)",
        compute="_compute_client_quality",
        store=True,
        help="Technical keys of the values stored although they are not valid: "
        "a person must correct them.",
    )
    client_to_normalize_fields = fields.Char(
        string="To normalise (keys)",
        compute="_compute_client_quality",
        store=True,
        index="btree_not_null",
        help="Technical keys of the valid values not yet in their canonical "
        "form: the clean-up job can fix them.",
    )
    client_completeness = fields.Integer(
        string="Completeness",
        compute="_compute_client_quality",
        store=True,
        index=True,
        aggregator="avg",
        help="Weighted share of the contact fields filled with valid values "
        "(primary fields weigh more), from the field rules.",
    )
    client_incomplete = fields.Boolean(
        string="Incomplete",
        compute="_compute_client_quality",
        store=True,
        index=True,
        help="Completeness below the threshold of the settings, or a required "
        "field missing.",
    )
    client_missing_fields = fields.Char(
        string="Missing primary data (keys)",
        compute="_compute_client_quality",
        store=True,
    )
    client_missing_labels = fields.Char(
        string="Missing primary data", compute="_compute_client_quality_labels"
    )
    client_invalid_labels = fields.Char(
        string="Invalid fields", compute="_compute_client_quality_labels"
    )
    client_to_normalize_labels = fields.Char(
        string="To normalise", compute="_compute_client_quality_labels"
    )

    # Computes -----------------------------------------------------------

    @api.depends(*QUALITY_DEPENDS)
    def _compute_client_quality(self):
        rules_by_company = {}
        threshold = self._client_complete_threshold()
        for partner in self:
            company = partner.company_id or self.env.company
            if company.id not in rules_by_company:
                rules_by_company[company.id] = self.env[
                    "client.field.rule"
                ]._client_rules_for(company)
            states = partner._client_value_states()
            invalid = {f for f, (_v, st) in states.items() if st == normalize.INVALID}
            to_fix = {
                f for f, (_v, st) in states.items() if st == normalize.TO_NORMALIZE
            }
            applicable = quality.select_rules(
                rules_by_company[company.id],
                quality.partner_kind(partner.is_company, bool(partner.parent_id)),
                partner.client_state,
            )
            score, missing = quality.completeness(
                applicable, partner._client_filled_keys(), invalid
            )
            partner.client_invalid_fields = _join_keys(invalid)
            partner.client_to_normalize_fields = _join_keys(to_fix)
            partner.client_completeness = score
            partner.client_incomplete = quality.is_incomplete(
                applicable, score, missing, threshold
            )
            partner.client_missing_fields = ", ".join(missing) or False

    @api.depends(
        "client_missing_fields", "client_invalid_fields", "client_to_normalize_fields"
    )
    @api.depends_context("lang")
    def _compute_client_quality_labels(self):
        labels = self._client_key_labels()
        for partner in self:
            for source, target in (
                ("client_missing_fields", "client_missing_labels"),
                ("client_invalid_fields", "client_invalid_labels"),
                ("client_to_normalize_fields", "client_to_normalize_labels"),
            ):
                keys = _split_keys(partner[source])
                partner[target] = ", ".join(labels.get(k, k) for k in keys) or False

    @api.model
    def _client_key_labels(self):
        """{key: label in the user's language} of the quality keys."""
        labels = {
            fname: self._fields[fname].get_description(self.env)["string"]
            for fname in VALUE_FIELDS
        }
        labels.update(
            self.env["client.field.rule"]
            ._fields["field_key"]
            ._description_selection(self.env)
        )
        return labels

    @api.model
    def _client_complete_threshold(self):
        icp = self.env["ir.config_parameter"].sudo()
        value = self._client_int_param(icp, "client_base.complete_threshold", 80)
        return min(max(value, 0), 100)

    def _client_filled_keys(self):
        """Field keys of ``quality.FIELD_KEYS`` holding a value."""
        self.ensure_one()
        filled = set()
        for key in (
            "phone",
            "client_phone_extra",
            "mobile",
            "email",
            "client_email_personal",
            "website",
            "vat",
            "client_kpp",
            "client_ogrn",
            "function",
            "birthday",
            "client_founding_date",
            "client_preferred_channel",
            "client_best_contact_time",
            "client_decision_role",
        ):
            if not normalize.is_empty(self[key]):
                filled.add(key)
        actual = not (
            normalize.is_empty(self.street)
            or normalize.is_empty(self.city)
            or not self.country_id
        )
        if actual:
            filled.add("actual_address")
        legal = (self.client_legal_same and actual) or not (
            self.client_legal_same
            or normalize.is_empty(self.client_legal_street)
            or normalize.is_empty(self.client_legal_city)
            or not self.client_legal_country_id
        )
        if legal:
            filled.add("legal_address")
        return filled

    def _client_value_states(self):
        """``{field: (canonical, state)}`` of the contact values stored."""
        self.ensure_one()
        states = {}
        region = False
        for fname in VALUE_FIELDS:
            value = self[fname]
            if not value:
                continue
            if region is False:
                region = self._client_region()
            canonical, valid = self._client_canonical(fname, value, region)
            states[fname] = (canonical, normalize.value_state(value, canonical, valid))
        return states

    def _client_invalid_keys(self):
        """Field keys whose stored value does not validate (needs a person)."""
        return {
            fname
            for fname, (_value, state) in self._client_value_states().items()
            if state == normalize.INVALID
        }

    # Scheduled refresh ----------------------------------------------------

    @api.model
    def _client_schedule_quality_refresh(self):
        """Restart the data-quality refresh from the first partner, soon."""
        icp = self.env["ir.config_parameter"].sudo()
        icp.set_param("client_base.quality_refresh_cursor", "0")
        icp.set_param("client_base.quality_refresh_done", "")
        cron = self.env.ref(
            "client_base.ir_cron_client_quality_refresh", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()

    def _client_refresh_quality(self):
        """Recompute the stored quality fields, writing only changed rows.

        Returns the number of partners whose values changed.
        """
        partners = self.with_context(active_test=False)
        fnames = list(QUALITY_DEPENDS + FRESHNESS_DEPENDS + QUALITY_FIELDS + ("name",))
        partners.fetch(fnames)
        before = {p.id: tuple(p[f] for f in QUALITY_FIELDS) for p in partners}
        for fname in QUALITY_FIELDS:
            self.env.add_to_compute(self._fields[fname], partners)
        partners._recompute_recordset(list(QUALITY_FIELDS))
        changed = sum(
            1 for p in partners if tuple(p[f] for f in QUALITY_FIELDS) != before[p.id]
        )
        partners.flush_recordset(list(QUALITY_FIELDS))
        return changed

    @api.model
    def _cron_refresh_client_quality(self, batch_size=None):
        """One batch of the daily data-quality refresh (idempotent, resumable).

        The cursor (last partner id done) and the date of the last full pass
        are kept in system parameters, so a re-run resumes where the last
        committed batch stopped and a finished day does nothing. The last
        step, the duplicate flags, follows the last batch in the same call
        while the call is within ``QUALITY_CALL_BUDGET``. Every call reports
        its batch and steps as done (Odoo 18.0's runner reads done=0 as
        finished); a batch that meets a concurrent transaction is left for
        the next call.
        """
        started = time.perf_counter()
        batch_size = batch_size or QUALITY_BATCH_SIZE
        icp = self.env["ir.config_parameter"].sudo()
        Cron = self.env["ir.cron"]
        today = fields.Date.to_string(fields.Date.context_today(self))
        if icp.get_param("client_base.quality_refresh_done") == today:
            Cron._notify_progress(done=0, remaining=0)
            return 0
        cursor = self._client_int_param(icp, "client_base.quality_refresh_cursor", 0)
        partners = self.sudo().with_context(active_test=False)
        done = changed = 0
        try:
            with self.env.cr.savepoint():
                if cursor >= 0:
                    batch = partners.search(
                        [("id", ">", cursor)], order="id", limit=batch_size
                    )
                    changed = batch._client_refresh_quality() if batch else 0
                    done = len(batch)
                    if len(batch) == batch_size:
                        icp.set_param(
                            "client_base.quality_refresh_cursor", str(batch[-1].id)
                        )
                        remaining = (
                            partners.search_count([("id", ">", batch[-1].id)]) + 1
                        )
                        self.env.invalidate_all()
                        Cron._client_notify_progress(done=done, remaining=remaining)
                        return changed
                    icp.set_param("client_base.quality_refresh_cursor", "-1")
                    if done and time.perf_counter() - started > QUALITY_CALL_BUDGET:
                        # the duplicate flags in a call of their own
                        self.env.invalidate_all()
                        Cron._client_notify_progress(done=done, remaining=1)
                        return changed
                # last step of a pass: the set-based duplicate flags
                changed += self._client_refresh_duplicate_flags()
                icp.set_param("client_base.quality_refresh_cursor", "0")
                icp.set_param("client_base.quality_refresh_done", today)
        except CONCURRENCY_ERRORS as exc:
            # users edit these clients right now: the cursor did not move,
            # the batch is taken again by the next call (triggered soon)
            _logger.warning(
                "Data-quality refresh: batch left for the next call (%s)",
                exc.__class__.__name__,
            )
            self.env.registry.clear_cache()
            self.env.invalidate_all()
            Cron._client_notify_progress(done=0, remaining=1)
            return 0
        self.env.invalidate_all()
        Cron._client_notify_progress(done=done + 1, remaining=0)
        return changed
