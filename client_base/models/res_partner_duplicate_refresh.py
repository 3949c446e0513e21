# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scheduled refresh of the duplicate flags of the whole table.

The candidate pairs are blocked in SQL by shared keys, only those few are
scored in Python (``tools/duplicates.py``), and the suspects are flagged,
scored and clustered; the last step of the daily data-quality pass.
"""

import itertools

from odoo import api, models
from odoo.tools import SQL

from ..tools import duplicates, duplicates_person
from .res_partner_duplicate import (
    FLAG_FIELDS,
    GROUP_MEMBER_LIMIT,
    KEY_FIELDS,
    PHONE_KEYS,
)


class ResPartner(models.Model):
    _inherit = "res.partner"

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
                duplicates_person.PERSON_GROUP_LIMIT,
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
        suspected = []
        for pair in pairs:
            if pair in silenced:
                continue
            score, _evidence = duplicates.score_pair(
                records[pair[0]], records[pair[1]], shared
            )
            if score >= duplicates.THRESHOLD:
                suspected.append((-score, pair))
        # the surest pairs first: a weaker pair joining two individuals the
        # scoring tells apart (two birthdays) through a third is dropped
        scores = {pair: -score for score, pair in suspected}
        cluster, kept = duplicates.kept_pairs(
            (pair for _score, pair in sorted(suspected)),
            lambda x, y: duplicates.person_conflict(records[x], records[y], shared),
        )
        best = {}
        for pair in kept:
            for pid in pair:
                best[pid] = max(best.get(pid, 0), scores[pair])
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
