# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Suspected duplicates of a partner: the matching keys and the stored flags.

The banner and the review actions are in ``res_partner_duplicate_review.py``,
the scheduled refresh of the flags in ``res_partner_duplicate_refresh.py``.

The evidence and the score come from the pure module ``tools/duplicates.py``;
this model finds the few candidates (indexed keys: E.164 phones, e-mails,
tax ID, company domain; for individuals the blocking keys of their name,
birthday, zip and street) and stores what the scheduled refresh concluded.
The partners of the user's own companies and of internal users are never
proposed.
"""

from odoo import api, fields, models
from odoo.tools import create_index

from ..tools import duplicates_keys, duplicates_person, normalize

# Possible duplicates shown in the banner, and candidates scored to find them.
DUPLICATE_LIMIT = 20
CANDIDATE_LIMIT = 200
# A key shared by more rows than this (contacts of big companies on one
# domain) is not paired by the scheduled refresh.
GROUP_MEMBER_LIMIT = 200
# E.164 key column -> the phone column it is computed from.
PHONE_KEYS = {
    "client_phone_e164": "phone",
    "client_mobile_e164": "mobile",
    "client_phone_extra_e164": "client_phone_extra",
}
KEY_FIELDS = (*PHONE_KEYS, "client_domain_key", "client_person_keys")
FLAG_FIELDS = (
    "client_duplicate_suspect",
    "client_duplicate_score",
    "client_duplicate_cluster_id",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_name_key = fields.Char(
        compute="_compute_client_name_key",
        store=True,
        index="btree_not_null",
        help="Normalised name and city.",
    )
    client_phone_e164 = fields.Char(
        string="Phone key",
        compute="_compute_client_phone_keys",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The main work phone in E.164 (extension dropped), whatever the "
        "stored format, to match duplicates.",
    )
    client_mobile_e164 = fields.Char(
        string="Mobile key",
        compute="_compute_client_phone_keys",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The mobile phone in E.164, to match duplicates.",
    )
    client_phone_extra_e164 = fields.Char(
        string="Additional phone key",
        compute="_compute_client_phone_keys",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The additional work phone in E.164, to match duplicates.",
    )
    client_domain_key = fields.Char(
        string="Company domain",
        compute="_compute_client_domain_key",
        store=True,
        index="btree_not_null",
        copy=False,
        help="Domain of the e-mail (else of the website), unless a public "
        "mail provider, to match duplicates.",
    )
    client_person_keys = fields.Char(
        string="Person keys",
        compute="_compute_client_person_keys",
        store=True,
        copy=False,
        help="Blocking keys of an individual (phonetic name parts, birthday, "
        "zip, street), space-separated, to match duplicates without a shared "
        "phone or e-mail.",
    )
    client_duplicate_suspect = fields.Boolean(
        string="Suspected duplicate",
        index=True,
        copy=False,
        readonly=True,
        help="Set by the scheduled data-quality refresh.",
    )
    client_duplicate_score = fields.Integer(
        string="Duplicate score",
        copy=False,
        readonly=True,
        aggregator="max",
        help="Highest score (0-100) of the pairs this partner makes with its "
        "suspected duplicates, set by the scheduled refresh.",
    )
    client_duplicate_cluster_id = fields.Many2one(
        "res.partner",
        string="Duplicate cluster",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="First partner of the group of suspected duplicates this partner "
        "belongs to, set by the scheduled refresh.",
    )
    client_not_duplicate_ids = fields.Many2many(
        "res.partner",
        "client_base_partner_not_duplicate_rel",
        "partner_id",
        "other_partner_id",
        string="Not duplicates of",
        copy=False,
    )

    def init(self):
        res = super().init()
        # Duplicate look-ups compare tax IDs and e-mails; skip the many
        # empties (phones are matched on their E.164 keys).
        for column in ("vat", "client_email_personal", "email_normalized"):
            create_index(
                self.env.cr,
                f"res_partner_client_{column}_nn_index",
                self._table,
                [column],
                where=f"{column} IS NOT NULL",
            )
        # the banner looks up an individual's candidates by any of its keys
        create_index(
            self.env.cr,
            "res_partner_client_person_keys_gin_index",
            self._table,
            ["(string_to_array(client_person_keys, ' '))"],
            method="gin",
            where="client_person_keys IS NOT NULL",
        )
        return res

    # Computes -----------------------------------------------------------

    @api.depends("name", "city")
    def _compute_client_name_key(self):
        for partner in self:
            partner.client_name_key = normalize.name_key(partner.name, partner.city)

    @api.depends(*PHONE_KEYS.values(), "country_id", "company_id")
    def _compute_client_phone_keys(self):
        for partner in self:
            region = None
            for key, column in PHONE_KEYS.items():
                value = partner[column]
                if value and region is None:
                    region = partner._client_region() or ""
                partner[key] = (
                    duplicates_keys.phone_key(value, region) if value else False
                )

    @api.depends("name", "is_company", "parent_id", "birthday", "zip", "city", "street")
    def _compute_client_person_keys(self):
        for partner in self:
            if partner.is_company or partner.parent_id:
                partner.client_person_keys = False
                continue
            partner.client_person_keys = duplicates_person.person_blocking_keys(
                partner.name,
                partner.birthday,
                partner.zip,
                partner.city,
                partner.street,
            )

    @api.depends("email", "website")
    def _compute_client_domain_key(self):
        for partner in self:
            partner.client_domain_key = duplicates_keys.domain_key(
                partner.email, partner.website
            )
