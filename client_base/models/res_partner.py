# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import bounds, cleanup, normalize, origin, quality
from .bounded import check_bounds
from .client_field_rule import CLIENT_STATE_SELECTION

_logger = logging.getLogger(__name__)

# Fields normalised where people enter data (and on every write in strict
# mode), by kind of value.
PHONE_FIELDS = ("phone", "mobile", "client_phone_extra")
EMAIL_FIELDS = ("email", "client_email_personal")
WEBSITE_FIELDS = ("website",)
TAX_FIELDS = ("vat", "client_kpp", "client_ogrn")
TEXT_FIELDS = (
    "name",
    "street",
    "street2",
    "zip",
    "city",
    "function",
    "client_best_contact_time",
    "client_legal_street",
    "client_legal_street2",
    "client_legal_zip",
    "client_legal_city",
)
VALUE_FIELDS = PHONE_FIELDS + EMAIL_FIELDS + WEBSITE_FIELDS + TAX_FIELDS + TEXT_FIELDS
# Kind of value of each field (see tools/cleanup.canonical).
FIELD_KINDS = {
    **dict.fromkeys(TEXT_FIELDS, "text"),
    **dict.fromkeys(PHONE_FIELDS, "phone"),
    **dict.fromkeys(EMAIL_FIELDS, "email"),
    "website": "website",
    "vat": "vat",
    "client_kpp": "kpp",
    "client_ogrn": "ogrn",
    "name": "name",
}


def people_edit():
    """Mark the partner writes inside the block as a person's entry.

    Inside, values are normalised and the field rules ("required", "reject")
    apply; outside (writes from code, RPC ``create``/``write``, Odoo's own
    creations) values are stored as given and flagged. The suite's one
    mechanism for the origin of a write (``tools/origin.py``): a private
    context variable, not a context key, so an RPC caller cannot switch it.
    """
    return origin.scope(origin.PEOPLE)


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

    # Lifecycle and verification (shared contract, see the briefing)
    client_state = fields.Selection(
        CLIENT_STATE_SELECTION,
        string="Client state",
        default="prospect",
        index=True,
        tracking=True,
        help="Lifecycle of the client: prospect, client, VIP or archived.",
    )
    client_verified_on = fields.Date(
        string="Verified on", tracking=True, copy=False, readonly=True
    )
    client_verified_by_id = fields.Many2one(
        "res.users", string="Verified by", copy=False, readonly=True
    )
    client_verification_method = fields.Selection(
        [
            ("call", "Call"),
            ("email", "E-mail"),
            ("questionnaire", "Questionnaire"),
            ("visit", "Visit"),
            ("agency", "Agency"),
            ("import", "Import"),
        ],
        string="Verified how",
        copy=False,
        readonly=True,
    )
    client_update_period_months = fields.Integer(
        string="Own update period (months)",
        help="Overrides the update period of the client's tags, segment and "
        "the general setting; 0 means no override.",
    )
    client_next_verification = fields.Date(
        string="Next verification",
        compute="_compute_client_next_verification",
        store=True,
        index=True,
        copy=False,
    )
    client_import_source = fields.Char(
        string="Import source", copy=False, readonly=True
    )
    # Contact information (Odoo's own: phone = main work phone, mobile, email,
    # website, street... = actual address)
    client_phone_extra = fields.Char(string="Additional work phone")
    # Russian registration codes beside the INN (kept in ``vat``): branches of
    # one legal entity share the INN and differ by KPP.
    client_kpp = fields.Char(string="KPP", help="Russian tax registration reason code.")
    client_ogrn = fields.Char(
        string="OGRN / OGRNIP",
        help="Russian primary state registration number of the company or "
        "individual entrepreneur.",
    )
    client_email_personal = fields.Char(string="Personal e-mail")
    client_legal_same = fields.Boolean(
        string="Legal address same as actual", default=True
    )
    client_legal_street = fields.Char(string="Legal street")
    client_legal_street2 = fields.Char(string="Legal street 2")
    client_legal_zip = fields.Char(string="Legal ZIP")
    client_legal_city = fields.Char(string="Legal city")
    client_legal_state_id = fields.Many2one(
        "res.country.state",
        string="Legal state",
        domain="[('country_id', '=?', client_legal_country_id)]",
    )
    client_legal_country_id = fields.Many2one("res.country", string="Legal country")
    client_preferred_channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("messenger", "Messenger"),
            ("letter", "Letter"),
            ("fax", "Fax"),
            ("portal", "Portal"),
            ("meeting", "Meeting"),
        ],
        string="Preferred channel",
    )
    client_best_contact_time = fields.Char(
        string="Best time to contact", help="For example: weekdays 10:00-12:00"
    )
    client_decision_role = fields.Selection(
        [
            ("decision_maker", "Decision maker"),
            ("influencer", "Influencer"),
            ("user", "User"),
            ("accounting", "Accounting"),
            ("technical", "Technical expert"),
            ("gatekeeper", "Gatekeeper"),
            ("other", "Other"),
        ],
        string="Decision role",
        help="Area of responsibility of the contact person in decisions.",
    )
    birthday = fields.Date()
    client_founding_date = fields.Date(string="Founding date")
    client_anniversary_note = fields.Char(
        string="Other important dates",
        help="Other anniversaries to greet the client for, e.g. 'Company day: 12 May'.",
    )
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

    @api.constrains(*bounds.fields_of("res.partner"))
    def _check_client_base_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("res.partner"))

    @api.depends(*FRESHNESS_DEPENDS, "category_id.client_update_period_months")
    def _compute_client_next_verification(self):
        for partner in self:
            partner.client_next_verification = quality.next_verification(
                partner.client_verified_on,
                partner.create_date,
                partner._client_get_update_period_months(),
            )

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

    # Constraints and onchanges ----------------------------------------------

    @api.constrains("client_update_period_months")
    def _check_client_update_period_months(self):
        for partner in self:
            if partner.client_update_period_months < 0:
                raise ValidationError(
                    self.env._("The update period cannot be negative.")
                )

    @api.onchange("client_state")
    def _onchange_client_state_vip_limit(self):
        if self.client_state != "vip" or self._origin.client_state == "vip":
            return None
        count, limit = self._client_vip_count_and_limit()
        if count + 1 > limit:
            return {
                "warning": {
                    "title": self.env._("VIP limit exceeded"),
                    "message": self._client_vip_limit_message(count + 1, limit),
                }
            }
        return None

    # CRUD -------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        people = origin.active(origin.PEOPLE)
        if people or self._client_strict():
            new_list = []
            for vals in vals_list:
                region = self._client_region_from_vals(vals)
                vals, invalid = self._client_normalize_vals(vals, region)
                if people:
                    self._client_check_invalid_vals(vals, invalid, self.browse())
                new_list.append(vals)
            vals_list = new_list
        partners = super().create(vals_list)
        if people:
            for partner, vals in zip(partners, vals_list, strict=True):
                partner._client_check_required(set(vals), creating=True)
        if not self._client_quiet():
            partners.filtered(
                lambda p: p.client_state == "vip"
            )._client_warn_vip_limit()
        return partners

    def write(self, vals):
        people = origin.active(origin.PEOPLE)
        if not (people or self._client_strict()) or not (
            set(vals) & set(VALUE_FIELDS) or "client_state" in vals
        ):
            promoted = self.browse()
            if vals.get("client_state") == "vip" and not self._client_quiet():
                promoted = self.filtered(lambda p: p.client_state != "vip")
            result = super().write(vals)
            promoted._client_warn_vip_limit()
            return result
        promoted = self.filtered(lambda p: p.client_state != "vip")
        if set(vals) & set(PHONE_FIELDS) and "country_id" not in vals and len(self) > 1:
            by_region = {}
            for partner in self:
                by_region.setdefault(partner._client_region(), []).append(partner.id)
            if len(by_region) > 1:
                # phones are read in each partner's country: one write per country
                result = True
                for ids in by_region.values():
                    result &= self.browse(ids).write(vals)
                return result
        region = self._client_region_from_vals(vals) if self else None
        vals, invalid = self._client_normalize_vals(vals, region)
        if people:
            for partner in self:
                self._client_check_invalid_vals(vals, invalid, partner)
        result = super().write(vals)
        if people:
            self._client_check_required(set(vals))
        if vals.get("client_state") == "vip" and not self._client_quiet():
            promoted._client_warn_vip_limit()
        return result

    @api.model
    def load(self, fields, data):
        """Odoo's standard import: a person's entry (normalised, rules apply)."""
        with people_edit():
            return super().load(fields, data)

    def web_save(self, vals, specification, next_id=None):
        """Saving the form: a person's entry (normalised, rules apply).

        Trusting the method, not a context key, only makes the rules apply:
        an RPC caller cannot switch them off this way.
        """
        with people_edit():
            return super().web_save(vals, specification, next_id=next_id)

    @api.onchange("client_phone_extra", "country_id", "company_id")
    def _onchange_client_phone_extra(self):
        if self.client_phone_extra:
            self.client_phone_extra = normalize.canonical_phone(
                self.client_phone_extra, self._client_region()
            )[0]

    @api.onchange("email", "client_email_personal", "website", *TAX_FIELDS)
    def _onchange_client_normalize(self):
        region = self._client_region()
        for fname in EMAIL_FIELDS + WEBSITE_FIELDS + TAX_FIELDS:
            if self[fname]:
                canonical, _valid = self._client_canonical(fname, self[fname], region)
                if canonical and canonical != self[fname]:
                    self[fname] = canonical

    @api.model
    def _client_strict(self):
        """Strict mode: normalise on every ORM write (changes Odoo's behaviour)."""
        return self.env["ir.config_parameter"].sudo().get_param(
            "client_base.normalize_strict", "False"
        ) not in ("False", "0", "")

    def _client_quiet(self):
        """Bulk loads by superuser code may skip the VIP-limit note.

        The only effect of the ``client_base_skip_normalize`` context key:
        it never switches normalisation, rules or flags off, and it is read
        only when the environment is the superuser's (never a plain RPC user).
        """
        return self.env.su and bool(self.env.context.get("client_base_skip_normalize"))

    @api.model
    def _client_complete_threshold(self):
        icp = self.env["ir.config_parameter"].sudo()
        value = self._client_int_param(icp, "client_base.complete_threshold", 80)
        return min(max(value, 0), 100)

    # Actions ------------------------------------------------------------------

    def action_client_mark_verified(self):
        """Open the "Mark as verified" wizard for the selected partners."""
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark as verified"),
            "res_model": "client.verify.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    # Shared contract -----------------------------------------------------

    def _client_mark_verified(self, method, note=None):
        """Record who verified the contact information, when and how.

        :param method: a key of ``client_verification_method``
        :param note: optional plain text, posted (escaped) in the chatter
        """
        methods = dict(
            self._fields["client_verification_method"]._description_selection(self.env)
        )
        if method not in methods:
            raise ValidationError(
                self.env._("Unknown verification method: %(method)s", method=method)
            )
        self.write(
            {
                "client_verified_on": fields.Date.context_today(self),
                "client_verified_by_id": self.env.uid,
                "client_verification_method": method,
            }
        )
        field = self._fields["client_verification_method"]
        for partner in self:
            # the note stays in the client's log: in the client's language
            env = partner.with_context(lang=partner.lang or self.env.lang).env
            text = env._(
                "Contact information verified by %(user)s (%(method)s).",
                user=self.env.user.name,
                method=dict(field._description_selection(env))[method],
            )
            body = Markup("<p>%s</p>") % text
            if note:
                body += Markup("<p>%s</p>") % note
            partner.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _client_get_update_period_months(self):
        """Update period in months that applies to this partner.

        Per-client override, then the shortest period of its tags, then the
        period of its segment (client state), then the general setting.
        Extension hook: override and call ``super()``.
        """
        self.ensure_one()
        icp = self.env["ir.config_parameter"].sudo()
        general = self._client_int_param(icp, "client_base.update_period_months", 6)
        segment = 0
        if self.client_state:
            segment = self._client_int_param(
                icp, f"client_base.update_period_{self.client_state}_months", 0
            )
        months = quality.resolve_period(
            self.client_update_period_months,
            self.category_id.mapped("client_update_period_months"),
            segment,
            general,
        )
        # a system parameter edited by hand is used within the bounds: a due
        # date is always a date (never "year 10360 is out of range")
        return bounds.clamp("res.partner", "client_update_period_months", months)

    # Helpers -------------------------------------------------------------

    @api.model
    def _client_int_param(self, icp, key, default):
        try:
            return int(icp.get_param(key, default) or default)
        except (TypeError, ValueError):
            return default

    def _client_region(self):
        self.ensure_one()
        country = self.country_id or (self.company_id or self.env.company).country_id
        return country.code or None

    @api.model
    def _client_region_from_vals(self, vals):
        if vals.get("country_id"):
            return self.env["res.country"].browse(vals["country_id"]).code or None
        if self and "country_id" not in vals:
            return self[:1]._client_region()
        company = self.env["res.company"].browse(vals.get("company_id") or [])
        return (company or self.env.company).country_id.code or None

    @api.model
    def _client_canonical(self, fname, value, region):
        """``(canonical, valid)`` of ``value`` for the field ``fname``."""
        return cleanup.canonical(FIELD_KINDS.get(fname, "text"), value, region)

    @api.model
    def _client_normalize_vals(self, vals, region):
        """Canonical copy of ``vals`` and the ``{field: value}`` found invalid.

        A name is never emptied (Odoo's own checks see what was given); a VAT
        number is only trimmed (the rest of its format is Odoo's own).
        """
        vals = dict(vals)
        invalid = {}
        for fname in VALUE_FIELDS:
            if fname not in vals or not (
                vals[fname] is False or isinstance(vals[fname], str)
            ):
                continue
            value, ok = self._client_canonical(fname, vals[fname], region)
            vals[fname] = value
            if not ok:
                invalid[fname] = value
        return vals, invalid

    def _client_applicable_rules(self, vals=None):
        """Field rules for this partner (or the partner ``vals`` will create)."""
        vals = vals or {}
        if self:
            self.ensure_one()
        company = self.env["res.company"].browse(
            vals.get("company_id", self.company_id.id)
        )
        if "is_company" in vals or "company_type" in vals:
            is_company = vals.get("is_company") or vals.get("company_type") == "company"
        else:
            is_company = self.is_company
        parent = vals.get("parent_id", self.parent_id.id)
        state = vals.get("client_state") or self.client_state or "prospect"
        rules = self.env["client.field.rule"]._client_rules_for(
            company or self.env.company
        )
        return quality.select_rules(
            rules, quality.partner_kind(is_company, bool(parent)), state
        )

    def _client_check_invalid_vals(self, vals, invalid, partner):
        """Reject invalid values where the applicable rule says so."""
        if not invalid:
            return
        applicable = partner._client_applicable_rules(vals)
        labels = self._client_key_labels()
        for fname, value in invalid.items():
            rule = applicable.get(fname)
            if rule and rule["invalid_handling"] == "reject":
                raise ValidationError(
                    self.env._(
                        "%(field)s: the value %(value)s is not valid.",
                        field=labels.get(fname, fname),
                        value=repr(value),
                    )
                )

    def _client_check_required(self, touched, creating=False):
        """Refuse a client whose rules require a field it lacks."""
        labels = self._client_key_labels()
        for partner in self:
            applicable = partner._client_applicable_rules()
            required = [key for key, rule in applicable.items() if rule["required"]]
            if not required:
                continue
            filled = partner._client_filled_keys()
            for key in required:
                if key in filled:
                    continue
                if creating or "client_state" in touched or key in touched:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is required for %(partner)s.",
                            field=labels.get(key, key),
                            partner=partner.display_name,
                        )
                    )

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

    @api.model
    def _client_vip_count_and_limit(self):
        icp = self.env["ir.config_parameter"].sudo()
        limit = self._client_int_param(icp, "client_base.vip_limit", 50)
        count = self.sudo().search_count([("client_state", "=", "vip")])
        return count, limit

    def _client_vip_limit_message(self, count, limit):
        return self.env._(
            "There are %(count)s VIP clients, above the limit of %(limit)s set in "
            "Client Base settings. Keep the VIP group small or raise the limit.",
            count=count,
            limit=limit,
        )

    def _client_warn_vip_limit(self):
        """Warn in the chatter when promoting these partners exceeds the cap."""
        if not self:
            return
        count, limit = self._client_vip_count_and_limit()
        if count <= limit:
            return
        message = self._client_vip_limit_message(count, limit)
        _logger.info("Client Base: %s", message)
        for partner in self:
            partner.message_post(
                body=Markup("<p>%s</p>") % message, subtype_xmlid="mail.mt_note"
            )

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
