# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

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

    # Constraints and onchanges ----------------------------------------------

    @api.constrains(*bounds.fields_of("res.partner"))
    def _check_client_base_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("res.partner"))

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
