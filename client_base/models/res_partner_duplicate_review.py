# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Suspected duplicates of a partner as its banner shows them, and the
review actions (open, mark "not a duplicate", merge).

The candidates share an indexed key with the partner and are read with the
user's rights; each pair is scored by the pure module ``tools/duplicates.py``.
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import duplicates, duplicates_keys, duplicates_person
from .res_partner_duplicate import CANDIDATE_LIMIT, DUPLICATE_LIMIT, PHONE_KEYS


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible duplicates",
        compute="_compute_client_duplicate_ids",
    )
    client_duplicate_count = fields.Integer(
        string="Possible duplicates count",
        compute="_compute_client_duplicate_ids",
    )
    client_duplicate_top_score = fields.Integer(
        string="Best duplicate score",
        compute="_compute_client_duplicate_ids",
    )
    client_duplicate_evidence = fields.Html(
        string="Duplicate evidence",
        compute="_compute_client_duplicate_ids",
        sanitize=False,
    )

    # Banner -------------------------------------------------------------

    @api.depends(
        "email",
        "client_email_personal",
        "phone",
        "mobile",
        "client_phone_extra",
        "vat",
        "client_kpp",
        "name",
        "city",
        "zip",
        "street",
        "birthday",
        "is_company",
        "website",
        "country_id",
        "parent_id",
        "client_not_duplicate_ids",
    )
    @api.depends_context("uid", "lang")
    def _compute_client_duplicate_ids(self):
        labels = self._client_evidence_labels()
        for partner in self:
            found = partner._client_find_duplicates()[:DUPLICATE_LIMIT]
            partner.client_duplicate_ids = [other.id for other, _s, _e in found]
            partner.client_duplicate_count = len(found)
            partner.client_duplicate_top_score = found[0][1] if found else 0
            lines = [
                Markup("<li><b>%s</b> — %s %%: %s</li>")
                % (
                    other.display_name,
                    score,
                    ", ".join(labels[key] for key in evidence if key in labels),
                )
                for other, score, evidence in found
            ]
            partner.client_duplicate_evidence = (
                Markup("<ul class='mb-0'>%s</ul>") % Markup("").join(lines)
                if lines
                else False
            )

    # Evidence -----------------------------------------------------------

    def _client_evidence_labels(self):
        """Readable names of the evidence keys of ``tools/duplicates.py``."""
        return {
            "vat": self.env._("same tax ID"),
            "phone": self.env._("same phone"),
            "email": self.env._("same e-mail"),
            "name": self.env._("similar name"),
            "city": self.env._("same city"),
            "domain": self.env._("same company domain"),
            "full_name": self.env._("similar first and last name"),
            "partial_name": self.env._("same name, a part missing"),
            "one_name_part": self.env._("one part of the name"),
            "household": self.env._("phone or e-mail of a household"),
            "birthday": self.env._("same birthday"),
            "birthday_typo": self.env._("birthday one typo away"),
            "street": self.env._("same street and house number"),
            "zip": self.env._("same zip"),
            "zip_typo": self.env._("zip one typo away"),
        }

    def _client_duplicate_record(self):
        """This partner (saved or being edited) as a record of the scorer."""
        self.ensure_one()
        region = self._client_region() or ""
        phones = [
            duplicates_keys.phone_key(self[column], region)
            for column in PHONE_KEYS.values()
        ]
        emails = [
            duplicates_keys.email_key(self.email),
            duplicates_keys.email_key(self.client_email_personal),
        ]
        return duplicates.make_record(
            self._origin.id or 0,
            cp=self.commercial_partner_id._origin.id or self._origin.id or 0,
            contact=bool(self.parent_id),
            name=self.name,
            city=self.city,
            vat=self.vat if not self.parent_id else None,
            kpp=self.client_kpp,
            phones=phones,
            emails=emails,
            domain=duplicates_keys.domain_key(self.email, self.website),
            person=not self.is_company and not self.parent_id,
            birthday=self.birthday,
            street=self.street,
            zip_code=self.zip,
        )

    @api.model
    def _client_record_from_row(self, row):
        """A scorer record from a row of :meth:`_client_duplicate_rows`."""
        (pid, cp, contact, name, city, vat, kpp, p1, p2, p3, email, personal, dom) = (
            row[:13]
        )
        company, birthday, street, zip_code = row[13:]
        return duplicates.make_record(
            pid,
            cp=cp,
            contact=contact,
            name=name,
            city=city,
            vat=vat if not contact else None,
            kpp=kpp,
            phones=(p1, p2, p3),
            emails=(email, personal),
            domain=dom,
            person=not company and not contact,
            birthday=birthday,
            street=street,
            zip_code=zip_code,
        )

    @api.model
    def _client_duplicate_rows(self, ids):
        """The columns the scorer reads, for ``ids`` (one query)."""
        self.env.cr.execute(
            SQL(
                """SELECT id, commercial_partner_id, parent_id IS NOT NULL, name,
                          city, vat, client_kpp, client_phone_e164,
                          client_mobile_e164, client_phone_extra_e164,
                          email_normalized, lower(trim(client_email_personal)),
                          client_domain_key, is_company IS TRUE, birthday, street, zip
                     FROM res_partner WHERE id = ANY(%s)""",
                list(ids),
            )
        )
        return self.env.cr.fetchall()

    def _client_find_duplicates(self):
        """``[(partner, score, evidence)]`` of the suspected duplicates, best first.

        Candidates share an indexed key (e-mail, E.164 phone, tax ID, company
        domain) and are read with the user's rights; each pair is scored by
        ``tools/duplicates.py``. Pairs marked "not a duplicate" are left out.
        """
        self.ensure_one()
        me = self._client_duplicate_record()
        clauses = []
        emails = sorted(me["emails"])
        phones = sorted(me["phones"])
        if emails:
            clauses += [
                [("email_normalized", "in", emails)],
                [("client_email_personal", "in", emails)],
            ]
        for key in PHONE_KEYS if phones else ():
            clauses.append([(key, "in", phones)])
        if me["vat"]:
            # stored as typed (code writes are not normalised): compare the
            # compacted value, as the scheduled refresh does
            same_vat = SQL(
                "(SELECT id FROM res_partner WHERE vat IS NOT NULL"
                " AND parent_id IS NULL AND upper(replace(vat, ' ', '')) IN %s)",
                (me["vat"], "RU" + me["vat"]),
            )
            clauses.append([("id", "in", same_vat)])
        if me["domain"]:
            clauses.append([("client_domain_key", "=", me["domain"])])
        person_keys = me["person"] and duplicates_person.person_blocking_keys(
            self.name, self.birthday, self.zip, self.city, self.street
        )
        if person_keys:
            # the subquery reads the column behind the ORM's back
            self.env["res.partner"].flush_model(["client_person_keys"])
            same_keys = SQL(
                "(SELECT id FROM res_partner WHERE client_person_keys IS NOT NULL"
                " AND string_to_array(client_person_keys, ' ') && %s::text[])",
                person_keys.split(),
            )
            clauses.append([("id", "in", same_keys)])
        if not clauses or self._origin.id in self._client_never_duplicates():
            return []
        domain = ["|"] * (len(clauses) - 1)
        for clause in clauses:
            domain += ["&"] * (len(clause) - 1) + clause
        origin = self._origin.id
        exclude = set(self.client_not_duplicate_ids._origin.ids)
        extra = [("parent_id", "!=" if me["contact"] else "=", False)]
        if origin:
            exclude.add(origin)
            extra.append(("client_not_duplicate_ids", "not in", [origin]))
        if me["cp"]:
            extra.append(("commercial_partner_id", "!=", me["cp"]))
        exclude |= self._client_never_duplicates()
        if exclude:
            extra.append(("id", "not in", sorted(exclude)))
        candidates = self.search(extra + domain, limit=CANDIDATE_LIMIT, order="id")
        if not candidates:
            return []
        records = [
            self._client_record_from_row(row)
            for row in self._client_duplicate_rows(candidates.ids)
        ]
        shared = self._client_shared_keys([me, *records])
        found = []
        for record in records:
            score, evidence = duplicates.score_pair(me, record, shared)
            if score >= duplicates.THRESHOLD:
                found.append((record["id"], score, evidence))
        found.sort(key=lambda item: (-item[1], item[0]))
        return [(self.browse(pid), score, evidence) for pid, score, evidence in found]

    @api.model
    def _client_never_duplicates(self):
        """Ids of the partners never proposed as duplicates: the user's own
        companies and the internal users (their partners are no clients)."""
        self.env.cr.execute(
            SQL(
                """SELECT partner_id FROM res_company WHERE partner_id IS NOT NULL
                   UNION
                   SELECT partner_id FROM res_users
                    WHERE partner_id IS NOT NULL AND share IS NOT TRUE"""
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _client_shared_keys(self, records):
        """The ``(kind, value)`` keys held by too many commercial entities."""
        holders = {}
        for record in records:
            keys = [("phone", p) for p in record["phones"]]
            keys += [("email", e) for e in record["emails"]]
            if record["vat"]:
                keys.append(("vat", record["vat"]))
            if record["domain"]:
                keys.append(("domain", record["domain"]))
            for key in keys:
                holders.setdefault(key, set()).add(record["cp"])
        return frozenset(
            key
            for key, cps in holders.items()
            if len(cps) > duplicates.shared_limit(key[0])
        )

    # Actions ------------------------------------------------------------

    def action_client_open_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible duplicates"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", (self | self.client_duplicate_ids).ids)],
        }

    def action_client_mark_not_duplicate(self):
        """Mark pairs as "not a duplicate".

        On one partner: with all its current possible duplicates; on several
        (the review list): each selected partner with the other selected ones.
        """
        self.check_access("write")
        if len(self) == 1:
            others = self.client_duplicate_ids
        else:
            others = self
        touched = self | others
        for partner in self:
            targets = others - partner
            if targets:
                partner.client_not_duplicate_ids = [
                    fields.Command.link(other.id) for other in targets
                ]
        touched.sudo()._client_clear_silenced_flags()
        return True

    def _client_clear_silenced_flags(self):
        """Drop the flags of the partners left with no suspected duplicate."""
        cleared = self.filtered(
            lambda p: p.client_duplicate_suspect and not p._client_find_duplicates()
        )
        if cleared:
            cleared.write(
                {
                    "client_duplicate_suspect": False,
                    "client_duplicate_score": 0,
                    "client_duplicate_cluster_id": False,
                }
            )

    def _client_refresh_own_flags(self):
        """Flags of these partners from their live look-up (after a merge).

        The scheduled refresh recomputes every cluster; this keeps the
        cluster a partner is in, or starts one at its smallest member.
        """
        self.env["res.partner"].flush_model()
        for partner in self:
            found = partner._client_find_duplicates()
            if found:
                ids = [partner.id] + [other.id for other, _s, _e in found]
                cluster = partner.client_duplicate_cluster_id.id or min(ids)
                vals = {
                    "client_duplicate_suspect": True,
                    "client_duplicate_score": found[0][1],
                    "client_duplicate_cluster_id": cluster,
                }
            else:
                vals = {
                    "client_duplicate_suspect": False,
                    "client_duplicate_score": 0,
                    "client_duplicate_cluster_id": False,
                }
            current = {
                "client_duplicate_suspect": partner.client_duplicate_suspect,
                "client_duplicate_score": partner.client_duplicate_score,
                "client_duplicate_cluster_id": partner.client_duplicate_cluster_id.id,
            }
            if current != vals:
                partner.write(vals)

    def action_client_merge_duplicates(self):
        """Open Odoo's merge wizard on these partners (one: with its duplicates).

        The wizard keeps its own safety rules: at most three contacts, no
        parent with its child, one user at most, and only an administrator
        merges contacts with different e-mails.
        """
        self.check_access("write")
        partners = self
        if len(self) == 1:
            partners |= self.client_duplicate_ids[:2]
        if len(partners) < 2:
            raise UserError(self.env._("There is nothing to merge this contact with."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge"),
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "res.partner",
                "active_ids": partners.ids,
                "active_id": partners[:1].id,
            },
        }
