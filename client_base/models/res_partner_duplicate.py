# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Suspected duplicates of a partner: keys, banner, actions and refresh.

The evidence and the score come from the pure module ``tools/duplicates.py``;
this model finds the few candidates (indexed keys: E.164 phones, e-mails,
tax ID, company domain; for individuals the blocking keys of their name,
birthday, zip and street) and stores what the scheduled refresh concluded.
The partners of the user's own companies and of internal users are never
proposed.
"""

import itertools

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_index

from ..tools import duplicates, normalize

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
                partner[key] = duplicates.phone_key(value, region) if value else False

    @api.depends("name", "is_company", "parent_id", "birthday", "zip", "city", "street")
    def _compute_client_person_keys(self):
        for partner in self:
            if partner.is_company or partner.parent_id:
                partner.client_person_keys = False
                continue
            partner.client_person_keys = duplicates.person_blocking_keys(
                partner.name,
                partner.birthday,
                partner.zip,
                partner.city,
                partner.street,
            )

    @api.depends("email", "website")
    def _compute_client_domain_key(self):
        for partner in self:
            partner.client_domain_key = duplicates.domain_key(
                partner.email, partner.website
            )

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
            duplicates.phone_key(self[column], region) for column in PHONE_KEYS.values()
        ]
        emails = [
            duplicates.email_key(self.email),
            duplicates.email_key(self.client_email_personal),
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
            domain=duplicates.domain_key(self.email, self.website),
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
        person_keys = me["person"] and duplicates.person_blocking_keys(
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

    # Scheduled refresh ----------------------------------------------------

    def _client_refresh_quality(self):
        """Also bring the matching keys of the batch up to date."""
        changed = super()._client_refresh_quality()
        partners = self.with_context(active_test=False)
        partners.fetch([*KEY_FIELDS, *PHONE_KEYS.values(), "email", "website"])
        before = {p.id: tuple(p[f] for f in KEY_FIELDS) for p in partners}
        for fname in KEY_FIELDS:
            self.env.add_to_compute(self._fields[fname], partners)
        partners._recompute_recordset(list(KEY_FIELDS))
        keys_changed = sum(
            1 for p in partners if tuple(p[f] for f in KEY_FIELDS) != before[p.id]
        )
        partners.flush_recordset(list(KEY_FIELDS))
        return changed + keys_changed

    @api.model
    def _client_duplicate_candidate_groups(self):
        """Groups of partners sharing a key, in one pass over the table.

        Returns ``(groups, shared)``: lists of partner ids sharing a key held
        by a few commercial entities, and the ``(kind, value)`` keys held by
        too many to be evidence. Contacts and commercial entities never pair,
        nor partners of different companies (shared partners pair together).
        """
        # Per kind of key, the values held more than once (aggregates of one
        # narrow column each, over its btree_not_null index where it helps),
        # then the few rows holding them, by index look-ups.
        # kind -> [(value expression, condition)]: each condition names an
        # indexed column, so that the scans go by its btree_not_null index
        sources = {
            "vat": [
                (
                    SQL("upper(replace(vat, ' ', ''))"),
                    SQL("vat IS NOT NULL AND parent_id IS NULL"),
                )
            ],
            "phone": [
                (SQL.identifier(col), SQL("%s IS NOT NULL", SQL.identifier(col)))
                for col in PHONE_KEYS
            ],
            "email": [
                (SQL("email_normalized"), SQL("email_normalized IS NOT NULL")),
                (
                    SQL("lower(trim(client_email_personal))"),
                    SQL("client_email_personal IS NOT NULL"),
                ),
            ],
            "domain": [
                (SQL("client_domain_key"), SQL("client_domain_key IS NOT NULL"))
            ],
        }
        self.env.cr.execute(SQL("SET LOCAL work_mem = '64MB'"))
        repeated = SQL(" UNION ALL ").join(
            SQL(
                """SELECT %s AS k, v, count(*) AS n FROM (%s) AS x
                    WHERE v <> '' AND v <> '/' GROUP BY v HAVING count(*) > 1""",
                kind,
                SQL(" UNION ALL ").join(
                    SQL("SELECT %s AS v FROM res_partner WHERE %s", expr, condition)
                    for expr, condition in exprs
                ),
            )
            for kind, exprs in sources.items()
        )
        # individuals: each of their blocking keys, in one unnest per row
        person_values = SQL(
            """SELECT unnest(string_to_array(client_person_keys, ' ')) AS v
                 FROM res_partner WHERE client_person_keys IS NOT NULL"""
        )
        repeated = SQL(
            """%s UNION ALL
               SELECT 'person' AS k, v, count(*) AS n FROM (%s) AS x
                GROUP BY v HAVING count(*) > 1""",
            repeated,
            person_values,
        )
        holders = SQL(" UNION ALL ").join(
            SQL(
                """SELECT r.k, r.v, id, commercial_partner_id, parent_id IS NOT NULL,
                          company_id
                     FROM small r JOIN res_partner ON %s = r.v
                    WHERE r.k = %s AND active AND %s""",
                expr,
                kind,
                condition,
            )
            for kind, exprs in sources.items()
            for expr, condition in exprs
        )
        holders = SQL(
            """%s UNION ALL
               SELECT 'person', r.v, p.id, p.commercial_partner_id, FALSE,
                      p.company_id
                 FROM small r
                 JOIN (SELECT id, commercial_partner_id, active, company_id,
                              unnest(string_to_array(client_person_keys, ' ')) AS v
                         FROM res_partner
                        WHERE client_person_keys IS NOT NULL) p ON p.v = r.v
                WHERE r.k = 'person' AND p.active""",
            holders,
        )
        self.env.cr.execute(
            SQL(
                """WITH repeated AS MATERIALIZED (%s),
                        small AS MATERIALIZED (
                            SELECT k, v FROM repeated
                             WHERE n <= CASE WHEN k = 'person' THEN %s ELSE %s END)
                   %s
                   UNION ALL
                   SELECT k, v, NULL, NULL, NULL, NULL FROM repeated
                    WHERE n > %s AND k <> 'person'""",
                repeated,
                duplicates.PERSON_GROUP_LIMIT,
                GROUP_MEMBER_LIMIT,
                holders,
                GROUP_MEMBER_LIMIT,
            )
        )
        by_key, shared = {}, set()
        for kind, value, pid, cp, contact, company in self.env.cr.fetchall():
            if pid is None:
                shared.add((kind, value))
            else:
                # partners of two companies never pair (nor a shared one with
                # one of a company): the review of either company would name
                # a client of the other
                by_key.setdefault((kind, value, contact, company), {})[pid] = cp
        groups = []
        for (kind, value, _contact, _company), members in by_key.items():
            cps = set(members.values())
            if len(cps) > duplicates.shared_limit(kind):
                shared.add((kind, value))
            elif len(cps) > 1:
                groups.append(sorted(members))
        return groups, frozenset(shared)

    @api.model
    def _client_analyze_if_stale(self):
        """``ANALYZE res_partner`` when a tenth of it changed since the last
        one, as autovacuum would do, but now.

        The duplicate refresh follows the quality batches that have just
        written every partner's keys (first run, clean-up, import): with the
        planner's statistics still saying "no keys", its blocking queries
        pick plans that took 42-52 s instead of 0.8 s at 100,000 partners
        (``tools/bench/bench_contact.py``). A table the database user does not own
        is skipped by PostgreSQL with a warning, never an error.
        """
        self.env.cr.execute(
            SQL(
                """SELECT n_mod_since_analyze, n_live_tup
                     FROM pg_stat_user_tables
                    WHERE relid = 'res_partner'::regclass"""
            )
        )
        row = self.env.cr.fetchone()
        if row and row[0] > 50 + 0.1 * row[1]:
            self.env.cr.execute(SQL("ANALYZE res_partner"))
            return True
        return False

    def _client_refresh_duplicate_flags(self):
        """Flag, score and cluster the suspected duplicates of the whole table.

        One pass: the candidate pairs are blocked in SQL by shared keys (tax
        ID, E.164 phone, e-mail, company domain; the person keys of
        individuals), only those few are scored in Python, pairs marked "not
        a duplicate" and the partners of the own companies and internal users
        are skipped, and only the rows whose flag, score or cluster changes
        are updated.
        Returns the number of rows updated.
        """
        self.env["res.partner"].flush_model()
        self._client_analyze_if_stale()
        # one big set-based query: JIT compilation costs more than it saves here
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        groups, shared = self._client_duplicate_candidate_groups()
        never = self._client_never_duplicates()
        pairs = set()
        for ids in groups:
            ids = sorted(set(ids) - never)
            pairs.update(itertools.combinations(ids, 2))
        members = {pid for pair in pairs for pid in pair}
        records = {
            row[0]: self._client_record_from_row(row)
            for row in self._client_duplicate_rows(members)
        }
        silenced = set()
        if members:
            self.env.cr.execute(
                SQL(
                    """SELECT partner_id, other_partner_id
                         FROM client_base_partner_not_duplicate_rel
                        WHERE partner_id = ANY(%s) OR other_partner_id = ANY(%s)""",
                    list(members),
                    list(members),
                )
            )
            silenced = {tuple(sorted(row)) for row in self.env.cr.fetchall()}
        best, suspected = {}, []
        for pair in pairs:
            if pair in silenced:
                continue
            score, _evidence = duplicates.score_pair(
                records[pair[0]], records[pair[1]], shared
            )
            if score >= duplicates.THRESHOLD:
                suspected.append(pair)
                for pid in pair:
                    best[pid] = max(best.get(pid, 0), score)
        cluster = duplicates.clusters(suspected)
        wanted = {pid: (True, best[pid], cluster[pid]) for pid in best}
        self.env.cr.execute(
            SQL(
                """SELECT id, client_duplicate_score, client_duplicate_cluster_id
                     FROM res_partner
                    WHERE client_duplicate_suspect
                       OR client_duplicate_cluster_id IS NOT NULL"""
            )
        )
        current = {
            pid: (True, score or 0, cluster_id)
            for pid, score, cluster_id in self.env.cr.fetchall()
        }
        updates = [
            (pid, *wanted.get(pid, (False, 0, None)))
            for pid in set(wanted) | set(current)
            if wanted.get(pid) != current.get(pid)
        ]
        if updates:
            ids, flags, scores, clusters = (
                list(col) for col in zip(*updates, strict=True)
            )
            self.env.cr.execute(
                SQL(
                    """UPDATE res_partner p
                          SET client_duplicate_suspect = u.flag,
                              client_duplicate_score = u.score,
                              client_duplicate_cluster_id = u.cluster
                         FROM unnest(%s::int[], %s::bool[], %s::int[], %s::int[])
                              AS u(id, flag, score, cluster)
                        WHERE p.id = u.id""",
                    ids,
                    flags,
                    scores,
                    clusters,
                )
            )
        self.env["res.partner"].invalidate_model(list(FLAG_FIELDS))
        return len(updates)
