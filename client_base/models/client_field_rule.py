# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools

from ..tools import bounds
from .bounded import check_bounds

# Same keys and order as tools/quality.py FIELD_KEYS (checked by the tests).
FIELD_KEY_SELECTION = [
    ("phone", "Main work phone"),
    ("client_phone_extra", "Additional work phone"),
    ("mobile", "Mobile"),
    ("email", "E-mail"),
    ("client_email_personal", "Personal e-mail"),
    ("website", "Website"),
    ("actual_address", "Actual address"),
    ("legal_address", "Legal address"),
    ("vat", "Tax ID"),
    ("client_kpp", "KPP"),
    ("client_ogrn", "OGRN / OGRNIP"),
    ("function", "Job position"),
    ("birthday", "Birthday"),
    ("client_founding_date", "Founding date"),
    ("client_preferred_channel", "Preferred channel"),
    ("client_best_contact_time", "Best time to contact"),
    ("client_decision_role", "Decision role"),
]
CLIENT_STATE_SELECTION = [
    ("prospect", "Prospect"),
    ("client", "Client"),
    ("vip", "VIP"),
    ("archived", "Archived"),
]


class ClientFieldRule(models.Model):
    """Entry rule of one contact field, for one partner kind and segment."""

    _name = "client.field.rule"
    _description = "Client field rule"
    _order = "partner_kind, field_key, segment desc, id"

    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to apply the rule in every company.",
    )
    field_key = fields.Selection(
        selection=FIELD_KEY_SELECTION,
        string="Field",
        required=True,
    )
    partner_kind = fields.Selection(
        [
            ("company", "Company"),
            ("individual", "Individual"),
            ("contact", "Contact person"),
        ],
        required=True,
        default="company",
    )
    segment = fields.Selection(
        selection=CLIENT_STATE_SELECTION,
        help="Client state the rule is for; empty for every client. A rule of "
        "a segment replaces the general rule of the same field and kind.",
    )
    importance = fields.Selection(
        [("primary", "Primary"), ("extra", "Extra")],
        required=True,
        default="primary",
    )
    required = fields.Boolean(
        help="A person cannot save a client of this kind and segment without it "
        "(form, import, self-service); partners created by Odoo itself are "
        "flagged as incomplete instead.",
    )
    invalid_handling = fields.Selection(
        [("reject", "Reject the value"), ("flag", "Store and flag as invalid")],
        required=True,
        default="flag",
        help="What to do with a phone, e-mail, website or tax ID that cannot be "
        "validated, when a person enters it (form, import, self-service); values "
        "written by programs are always stored and flagged.",
    )
    weight = fields.Integer(
        default=lambda self: self._default_weight(),
        help="Weight in the completeness score; primary fields weigh more.",
    )
    note = fields.Text(help="How to enter the value: the regulation in short.")

    _sql_constraints = [  # noqa: RUF012 (Odoo's own attribute)
        ("weight_positive", "CHECK(weight >= 0)", "The weight cannot be negative."),
    ]

    @api.constrains(*bounds.fields_of("client.field.rule"))
    def _check_client_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("client.field.rule"))

    def _default_weight(self):
        return 3

    @api.depends("field_key", "partner_kind", "segment")
    def _compute_display_name(self):
        kinds = dict(self._fields["partner_kind"]._description_selection(self.env))
        keys = dict(self._fields["field_key"]._description_selection(self.env))
        segments = dict(self._fields["segment"]._description_selection(self.env))
        for rule in self:
            name = (
                f"{keys.get(rule.field_key, '')} / {kinds.get(rule.partner_kind, '')}"
            )
            if rule.segment:
                name = f"{name} / {segments.get(rule.segment, '')}"
            rule.display_name = name

    @api.onchange("importance")
    def _onchange_importance(self):
        self.weight = 3 if self.importance == "primary" else 1

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()
        self.env["res.partner"]._client_schedule_quality_refresh()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        self.env["res.partner"]._client_schedule_quality_refresh()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        self.env["res.partner"]._client_schedule_quality_refresh()
        return res

    @api.model
    def _client_rules_for(self, company):
        """Active rules of ``company`` (and shared ones) as plain dicts.

        Read as superuser: the rules are configuration every user's edits
        must follow, even users outside the Client Base groups.
        """
        return [dict(rule) for rule in self._client_rules_cached(company.id)]

    @api.model
    @tools.ormcache("company_id")
    def _client_rules_cached(self, company_id):
        domain = [("company_id", "in", [False, company_id] if company_id else [False])]
        records = self.sudo().search_fetch(
            domain,
            [
                "field_key",
                "partner_kind",
                "segment",
                "importance",
                "required",
                "invalid_handling",
                "weight",
            ],
        )
        return tuple(
            {
                "field": rule.field_key,
                "partner_kind": rule.partner_kind,
                "segment": rule.segment or False,
                "importance": rule.importance,
                "required": rule.required,
                "invalid_handling": rule.invalid_handling,
                "weight": rule.weight,
            }
            for rule in records
        )
