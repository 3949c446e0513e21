# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Suspected duplicates of a partner: fields, banner, actions and refresh."""

from odoo import api, fields, models
from odoo.tools import SQL, create_index

from ..tools import normalize
from .res_partner import PHONE_FIELDS

DUPLICATE_LIMIT = 20


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_name_key = fields.Char(
        compute="_compute_client_name_key",
        store=True,
        index="btree_not_null",
        help="Normalised name and city, to detect duplicates.",
    )
    client_duplicate_suspect = fields.Boolean(
        string="Suspected duplicate",
        index=True,
        copy=False,
        readonly=True,
        help="Set by the scheduled data-quality refresh.",
    )
    client_not_duplicate_ids = fields.Many2many(
        "res.partner",
        "client_base_partner_not_duplicate_rel",
        "partner_id",
        "other_partner_id",
        string="Not duplicates of",
        copy=False,
    )
    client_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible duplicates",
        compute="_compute_client_duplicate_ids",
    )
    client_duplicate_count = fields.Integer(
        string="Possible duplicates count",
        compute="_compute_client_duplicate_ids",
    )

    def init(self):
        res = super().init()
        # Duplicate look-ups compare phones and tax IDs; skip the many empties.
        for column in ("phone", "mobile", "client_phone_extra", "vat"):
            create_index(
                self.env.cr,
                f"res_partner_client_{column}_nn_index",
                self._table,
                [column],
                where=f"{column} IS NOT NULL",
            )
        return res

    @api.depends("name", "city")
    def _compute_client_name_key(self):
        for partner in self:
            partner.client_name_key = normalize.name_key(partner.name, partner.city)

    @api.depends(
        "email",
        "phone",
        "mobile",
        "client_phone_extra",
        "vat",
        "name",
        "city",
        "country_id",
        "parent_id",
        "client_not_duplicate_ids",
    )
    @api.depends_context("uid")
    def _compute_client_duplicate_ids(self):
        for partner in self:
            domain = partner._client_get_duplicate_domain()
            duplicates = self.browse()
            if domain:
                duplicates = self.search(domain, limit=DUPLICATE_LIMIT)
            partner.client_duplicate_ids = duplicates
            partner.client_duplicate_count = len(duplicates)

    def action_client_open_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible duplicates"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.client_duplicate_ids.ids)],
        }

    def action_client_mark_not_duplicate(self):
        """Mark the current possible duplicates as "not a duplicate"."""
        for partner in self:
            partner.check_access("write")
            others = partner.client_duplicate_ids
            if others:
                partner.client_not_duplicate_ids = [
                    fields.Command.link(other.id) for other in others
                ]
        self.write({"client_duplicate_suspect": False})
        return True

    def _client_get_duplicate_domain(self):
        """Domain of the other partners that look like this one, or ``[]``.

        Empty values never match; the partner's own company and contacts and
        the partners marked "not a duplicate" are left out.
        """
        self.ensure_one()
        region = self._client_region()
        clauses = []
        email = normalize.normalize_email(self.email)[0]
        if email:
            clauses.append([("email_normalized", "=", email)])
        phones = {
            normalize.normalize_phone(self[fname], region)[0]
            for fname in PHONE_FIELDS
            if self[fname]
        } - {False}
        if phones:
            phones = list(phones)
            clauses.append([("phone", "in", phones)])
            clauses.append([("mobile", "in", phones)])
            clauses.append([("client_phone_extra", "in", phones)])
        vat = normalize.clean_text(self.vat)
        if vat and vat != "/" and not self.parent_id:
            vat = vat.replace(" ", "").upper()
            clauses.append([("vat", "=", vat), ("parent_id", "=", False)])
        key = normalize.name_key(self.name, self.city)
        if key:
            clauses.append([("client_name_key", "=", key)])
        if not clauses:
            return []
        domain = ["|"] * (len(clauses) - 1)
        for clause in clauses:
            domain += ["&"] * (len(clause) - 1) + clause
        origin = self._origin.id
        exclude = set(self.client_not_duplicate_ids._origin.ids)
        commercial = self.commercial_partner_id._origin
        extra = []
        if origin:
            exclude.add(origin)
            extra.append(("client_not_duplicate_ids", "not in", [origin]))
        if commercial:
            extra.append(("commercial_partner_id", "!=", commercial.id))
        if exclude:
            extra.append(("id", "not in", list(exclude)))
        return extra + domain

    @api.model
    def _client_refresh_duplicate_flags(self):
        """Set ``client_duplicate_suspect`` for the whole table in SQL.

        Set-based SQL because the ORM would need one search per partner;
        empty keys never group, pairs marked "not a duplicate" are skipped,
        and only rows whose flag changes are updated.
        """
        self.env["res.partner"].flush_model()
        # one big set-based query: JIT compilation costs more than it saves here
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        # One row per (partner, key); only keys shared by several commercial
        # entities make groups, and only their few members are paired, so the
        # cost is a few scans of the table, not self-joins of it.
        keyed = SQL(" UNION ALL ").join(
            SQL(
                "SELECT id, commercial_partner_id AS cp, %s AS k, %s AS v "
                "FROM res_partner WHERE active AND %s",
                SQL(kind),
                SQL.identifier(column),
                condition,
            )
            for kind, column, condition in (
                ("'email'", "email_normalized", SQL("email_normalized <> ''")),
                ("'name'", "client_name_key", SQL("client_name_key <> ''")),
                (
                    "'vat'",
                    "vat",
                    SQL("parent_id IS NULL AND vat NOT IN ('', '/')"),
                ),
                ("'phone'", "phone", SQL("phone <> ''")),
                ("'phone'", "mobile", SQL("mobile <> ''")),
                ("'phone'", "client_phone_extra", SQL("client_phone_extra <> ''")),
            )
        )
        query = SQL(
            """WITH keyed AS (%s),
                    groups AS (SELECT k, v FROM keyed GROUP BY k, v
                               HAVING min(cp) <> max(cp)),
                    members AS (SELECT keyed.* FROM keyed JOIN groups USING (k, v)),
                    suspects AS (
                        SELECT DISTINCT a.id
                          FROM members a
                          JOIN members b ON b.k = a.k AND b.v = a.v
                                        AND b.cp IS DISTINCT FROM a.cp
                         WHERE NOT EXISTS (
                            SELECT 1 FROM client_base_partner_not_duplicate_rel r
                             WHERE (r.partner_id = a.id AND r.other_partner_id = b.id)
                                OR (r.partner_id = b.id AND r.other_partner_id = a.id)))
               UPDATE res_partner
                  SET client_duplicate_suspect = (id IN (SELECT id FROM suspects))
                WHERE COALESCE(client_duplicate_suspect, FALSE) <>
                      (id IN (SELECT id FROM suspects))
            RETURNING id""",
            keyed,
        )
        self.env.cr.execute(query)
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.env["res.partner"].invalidate_model(["client_duplicate_suspect"])
        return len(ids)
