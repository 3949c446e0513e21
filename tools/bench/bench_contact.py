#!/usr/bin/env python3
"""Benchmark of the contact-information brick of client_base.

Creates (or reuses) a scratch database with client_base, inserts N partners
by bulk SQL (a realistic mix: valid, invalid, empty and duplicated values;
no ORM compute has run on them; half of them individuals from
tools/dataset/dataset_pure.py with 10 % planted duplicates and 5 % households), then
prints:

1. the batched scheduled action recomputing completeness, freshness and the
   duplicate flags, driven through Odoo's scheduler (``ir.cron._process_job``:
   one committed transaction per call, up to 10 calls a pass): passes, calls,
   per-call seconds, queries, peak RSS, and the ratio to a PostgreSQL floor
   (one ``UPDATE`` of every partner row) measured in the same run; the
   precision, recall and F1 of the flagged duplicates for companies and
   individuals;
2. a second pass on unchanged data (must write nothing);
3. the clean-up of contact data (client.normalize.run), through the scheduler:
   partners/s, per-call seconds, values changed, then a second clean-up that
   must change nothing;
4. the partner list (first page of 80 + count, as the web client asks) filtered
   by completeness, missing primary data and staleness, against the
   unfiltered list, with the query plans' index use.

Usage::

    /opt/odoo18/venv/bin/python tools/bench/bench_contact.py            # 100,000
    /opt/odoo18/venv/bin/python tools/bench/bench_contact.py --partners 20000 --reuse

A JSON copy of the figures goes to var/bench/bench_contact.json.
"""

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from bench_common import addons_path, create_database, database_exists, drive_cron

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# the demo generator (individuals and their planted duplicates)
sys.path.insert(0, os.path.join(REPO, "tools", "dataset"))
MARK = "BENCH-CB "
# Every DUP_EVERY-th partner repeats the phone of the one before (another format).
DUP_EVERY = 33


def planted_duplicates(count):
    """Partners of the planted pairs (both have a valid phone)."""

    def valid_phone(g):
        return g % 5 and g % 17 and g % DUP_EVERY

    return 2 * sum(
        1
        for g in range(DUP_EVERY, count + 1, DUP_EVERY)
        if g % 5 and g % 17 and valid_phone(g - 1)
    )


# Individuals: this share of the partners, 10 % of them planted duplicates
# (tools/dataset/dataset_pure.py: typo, transliteration, missing part, swapped parts)
# and 5 % relatives sharing an address, a landline and a mailbox.
INDIVIDUAL_DUP_RATE = 0.10
HOUSEHOLD_RATE = 0.05


def individual_plan(count, seed=1):
    """Values and truth of ``count`` individuals: ``(values, pairs, households)``
    with pairs ``(original index, index, kind)``."""
    import dataset_pure as pure

    rates = {"dup_rate": INDIVIDUAL_DUP_RATE, "household_rate": HOUSEHOLD_RATE}
    values, pairs, households = [], [], []
    for index in range(count):
        values.append(pure.individual_values(seed, index, **rates))
        kind, original = pure.individual_origin(seed, index, **rates)
        if kind == "household":
            households.append((original, index))
        elif kind != "new":
            pairs.append((original, index, kind))
    return values, pairs, households


def insert_individuals(env, values):
    """Bulk INSERT of individuals (``ref`` = MARK + index); returns seconds."""
    from odoo.tools import SQL

    start = time.perf_counter()
    ru = env.ref("base.ru").id
    columns = ("name", "street", "city", "zip", "phone", "mobile", "email")
    arrays = [[v.get(c) or None for v in values] for c in columns]
    birthdays = [v.get("birthday") or None for v in values]
    refs = [f"{MARK}I{index}" for index in range(len(values))]
    env.cr.execute(
        SQL(
            """
            INSERT INTO res_partner (
                name, complete_name, street, city, zip, phone, mobile, email,
                birthday, ref, active, type, is_company, client_state, lang,
                country_id, create_date, write_date, create_uid, write_uid,
                client_legal_same)
            SELECT u.name, u.name, u.street, u.city, u.zip, u.phone, u.mobile,
                   u.email, u.birthday, u.ref, TRUE, 'contact', FALSE, 'client',
                   'ru_RU', %s, now(), now(), 1, 1, TRUE
              FROM unnest(%s::varchar[], %s::varchar[], %s::varchar[],
                          %s::varchar[], %s::varchar[], %s::varchar[],
                          %s::varchar[], %s::date[], %s::varchar[])
                   AS u(name, street, city, zip, phone, mobile, email, birthday, ref)
            """,
            ru,
            *arrays,
            birthdays,
            refs,
        )
    )
    env.cr.execute(
        SQL(
            """UPDATE res_partner
                  SET commercial_partner_id = id, email_normalized = lower(email)
                WHERE ref LIKE %s""",
            MARK + "I%",
        )
    )
    env.invalidate_all()
    return time.perf_counter() - start


def _closure_pairs(pairs):
    """All pairs within the connected components of ``pairs``."""
    import itertools

    parent = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            node = parent[node]
        return node

    for first, second in pairs:
        root_a, root_b = find(first), find(second)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    members = {}
    for node in list(parent):
        members.setdefault(find(node), []).append(node)
    out = set()
    for ids in members.values():
        out.update(itertools.combinations(sorted(ids), 2))
    return out


def duplicate_quality(registry, n_companies, individual_truth):
    """Precision, recall and F1 of the flagged clusters (pairs of partners)
    per kind: companies (planted: a phone typed again) and individuals."""
    _values, pairs, households = individual_truth
    with registry.cursor() as cr:
        cr.execute(
            """SELECT id, name, ref, client_duplicate_cluster_id FROM res_partner
                WHERE name LIKE %s OR ref LIKE %s""",
            [MARK + "%", MARK + "%"],
        )
        rows = cr.fetchall()
    company_id, individual_id, clusters = {}, {}, {}
    for pid, name, ref, cluster in rows:
        if ref and ref.startswith(MARK + "I"):
            individual_id[int(ref[len(MARK) + 1 :])] = pid
        else:
            company_id[int(name[len(MARK) :])] = pid
        if cluster:
            clusters.setdefault(cluster, []).append(pid)
    flagged = _closure_pairs(
        (ids[0], other) for ids in clusters.values() for other in ids[1:]
    )
    individuals = set(individual_id.values())

    def valid_phone(g):
        return g % 5 and g % 17 and g % DUP_EVERY

    company_truth = {
        tuple(sorted((company_id[g - 1], company_id[g])))
        for g in range(DUP_EVERY, n_companies + 1, DUP_EVERY)
        if g % 5 and g % 17 and valid_phone(g - 1)
    }
    person_truth = _closure_pairs(
        (individual_id[a], individual_id[b]) for a, b, _kind in pairs
    )
    result = {}
    for kind, truth in (("companies", company_truth), ("individuals", person_truth)):
        found = {
            p
            for p in flagged
            if (p[0] in individuals and p[1] in individuals) == (kind == "individuals")
        }
        hits = len(found & truth)
        precision = hits / len(found) if found else 1.0
        recall = hits / len(truth) if truth else 1.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        result[kind] = {
            "planted_pairs": len(truth),
            "flagged_pairs": len(found),
            "true_pairs": hits,
            "precision_pct": round(100 * precision, 2),
            "recall_pct": round(100 * recall, 2),
            "f1_pct": round(100 * f1, 2),
        }
    per_variant = {}
    for a, b, kind in pairs:
        row = per_variant.setdefault(kind, {"planted": 0, "found": 0})
        row["planted"] += 1
        row["found"] += tuple(sorted((individual_id[a], individual_id[b]))) in flagged
    result["individuals"]["per_variant"] = per_variant
    result["individuals"]["households"] = len(households)
    result["individuals"]["households_flagged"] = sum(
        tuple(sorted((individual_id[a], individual_id[b]))) in flagged
        for a, b in households
    )
    return result


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_contact")
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument(
        "--individuals",
        type=float,
        default=0.5,
        help="share of individuals among the partners (default 0.5)",
    )
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--reuse", action="store_true", help="reuse the database")
    parser.add_argument("--addons-path", help="default: tools/odoo_env.sh")
    parser.add_argument("--repeat", type=int, default=5, help="list timings")
    parser.add_argument(
        "--duplicates-only",
        action="store_true",
        help="on a database left by a full run: clear the duplicate flags, "
        "then time the duplicate refresh twice (first: writes, second: none)",
    )
    parser.add_argument(
        "--cleanup-batch-size", type=int, help="default: the scheduled action's"
    )
    return parser.parse_args(argv)


def insert_partners(env, count):
    """Bulk INSERT of ``count`` partners; returns seconds.

    SQL on purpose: the benchmark measures the scheduled recompute on rows no
    ORM compute has touched (the state after a bulk import or a migration).
    """
    from odoo.tools import SQL

    cr = env.cr
    cr.execute(
        SQL(
            "DELETE FROM res_partner WHERE name LIKE %s OR ref LIKE %s",
            MARK + "%",
            MARK + "%",
        )
    )
    ru = env.ref("base.ru").id
    users = env["res.users"].search([], limit=5).ids or [env.uid]
    start = time.perf_counter()
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (
                name, complete_name, active, type, is_company, client_state,
                lang, country_id, user_id, create_date, write_date, create_uid,
                write_uid, client_legal_same, street, city, phone, mobile,
                email, website, vat)
            SELECT %(mark)s || g,
                   %(mark)s || g,
                   TRUE, 'contact', TRUE,
                   (ARRAY['prospect', 'client', 'client', 'vip'])[1 + mod(g, 4)],
                   'en_US', %(ru)s,
                   (%(users)s)[1 + mod(g, array_length(%(users)s, 1))],
                   now() - make_interval(days => mod(g, 900)),
                   now(), 1, 1, TRUE,
                   CASE WHEN mod(g, 3) = 0 THEN NULL ELSE 'Street ' || g END,
                   (ARRAY['Moscow', 'Kazan', 'Omsk', '   ', NULL])[1 + mod(g, 5)],
                   CASE WHEN mod(g, 5) = 0 THEN NULL
                        WHEN mod(g, 17) = 0 THEN 'garbage ' || g
                        -- a planted duplicate: the phone of g - 1, typed another way
                        WHEN mod(g, %(dup_every)s) = 0
                        THEN '8 (495) ' || lpad(mod(g - 1, 10000000)::text, 7, '0')
                        ELSE '+7495' || lpad(mod(g, 10000000)::text, 7, '0') END,
                   CASE WHEN mod(g, 2) = 0 THEN '+7916' || lpad(g::text, 7, '0') END,
                   CASE WHEN mod(g, 7) = 0 THEN NULL
                        WHEN mod(g, 23) = 0 THEN 'broken@@' || g
                        WHEN mod(g, 50) = 0
                        THEN 'dup' || mod(g / 50, 300) || '@example.com'
                        ELSE 'client' || g || '@example.com' END,
                   CASE WHEN mod(g, 3) = 1
                        THEN 'https://client' || g || '.example.com' END,
                   CASE WHEN mod(g, 4) <> 0 AND mod(g, 2) = 1
                        THEN '77' || lpad(g::text, 8, '0') END
              FROM generate_series(1, %(count)s) AS g
            """,
            mark=MARK,
            dup_every=DUP_EVERY,
            ru=ru,
            users=users,
            count=count,
        )
    )
    cr.execute(
        SQL(
            """UPDATE res_partner
                  SET commercial_partner_id = id,
                      email_normalized = lower(email)
                WHERE name LIKE %s""",
            MARK + "%",
        )
    )
    env.invalidate_all()
    return time.perf_counter() - start


JOBS = {
    # entry point: (cron XML id, module, batch-size constant)
    "_cron_refresh_client_quality": (
        "client_base.ir_cron_client_quality_refresh",
        "odoo.addons.client_base.models.res_partner_quality",
        "QUALITY_BATCH_SIZE",
    ),
    "_cron_client_normalize": (
        "client_base.ir_cron_client_normalize",
        "odoo.addons.client_base.models.client_normalize_run",
        "CLEANUP_BATCH_SIZE",
    ),
}
LAST_SCHEDULER_RUN = {}


def cron_loop(
    registry, batch_size, model="res.partner", method="_cron_refresh_client_quality"
):
    """Drive the scheduled action through Odoo's scheduler
    (``ir.cron._process_job``: a committed transaction per call, up to 10
    calls a pass); the batch size is the job's module constant, set for
    this process. Each call's seconds, queries, done, remaining and changed
    rows are returned; the passes in ``LAST_SCHEDULER_RUN``."""
    import contextlib
    import importlib
    from unittest.mock import patch

    xmlid, module, constant = JOBS[method]
    Model = registry[model]
    original = getattr(Model, method)
    extra = []

    def entry(self, *args, **kwargs):
        queries = self.env.cr.sql_log_count
        changed = original(self, *args, **kwargs)
        self.env.flush_all()
        extra.append(
            {"queries": self.env.cr.sql_log_count - queries, "changed": changed or 0}
        )
        return changed

    patches = [patch.object(Model, method, entry)]
    if batch_size:
        patches.append(
            patch.object(importlib.import_module(module), constant, batch_size)
        )
    with contextlib.ExitStack() as stack:
        for one in patches:
            stack.enter_context(one)
        run = drive_cron(registry, xmlid, method, log=lambda _text: None)
    LAST_SCHEDULER_RUN.clear()
    LAST_SCHEDULER_RUN.update({k: v for k, v in run.items() if k != "call_list"})
    if run["stalled"] or run["errors"] or run["failure_count"]:
        raise RuntimeError(f"the scheduled action did not complete: {run}")
    return [
        {**call, **more} for call, more in zip(run["call_list"], extra, strict=True)
    ]


def update_floor(registry):
    """PostgreSQL floor: one set-based ``UPDATE`` of every benchmark partner
    row (what writing each row once costs), under ``EXPLAIN ANALYZE`` and
    rolled back."""
    with registry.cursor() as cr:
        cr.execute(
            "EXPLAIN (ANALYZE, FORMAT JSON) UPDATE res_partner"
            " SET client_completeness = client_completeness WHERE name LIKE %s",
            [MARK + "%"],
        )
        seconds = cr.fetchone()[0][0]["Execution Time"] / 1000.0
        cr.rollback()
    return round(seconds, 3)


def count_to_normalize(registry):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT count(*) FROM res_partner "
            "WHERE client_to_normalize_fields IS NOT NULL"
            " AND (name LIKE %s OR ref LIKE %s)",
            [MARK + "%", MARK + "%"],
        )
        return cr.fetchone()[0]


def run_cleanup(registry, batch_size):
    """Queue a clean-up of the main company and drive it to the end."""
    from odoo import SUPERUSER_ID, api

    before = count_to_normalize(registry)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        # a run left over by an interrupted benchmark would be resumed
        env["client.normalize.run"].search(
            [("state", "in", ("queued", "running"))]
        ).action_cancel()
        run = env["client.normalize.run"]._client_start(env.company)
        run_id = run.id
    start = time.perf_counter()
    calls = cron_loop(
        registry, batch_size, "client.normalize.run", "_cron_client_normalize"
    )
    total = time.perf_counter() - start
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        run = env["client.normalize.run"].browse(run_id)
        values, done = run.value_count, run.done_count
    secs = [c["seconds"] for c in calls]
    return {
        "run": run_id,
        "partners": done,
        "passes": LAST_SCHEDULER_RUN["passes"],
        "calls": len(calls),
        "total_seconds": round(total, 2),
        "partners_per_second": round(done / total) if total else 0,
        "median_call_seconds": round(statistics.median(secs), 3),
        "max_call_seconds": round(max(secs), 3),
        "median_queries_per_call": statistics.median(c["queries"] for c in calls),
        "partners_changed": sum(c["changed"] for c in calls),
        "values_changed": values,
        "to_normalize_before": before,
        "to_normalize_after": count_to_normalize(registry),
    }


def reset_cursor(registry):
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["res.partner"]._client_schedule_quality_refresh()


def vacuum_and_check_indexes(db):
    """VACUUM ANALYZE after the mass update, as autovacuum would.

    An index built while another session (any database of the server) held
    an old snapshot is flagged ``indcheckxmin`` and ignored by the planner
    until that snapshot ends; on a shared development server idle
    transactions of other databases can keep it so for hours. Such indexes
    are rebuilt and reported, so the list timings measure the real plans.
    """

    def psql(sql):
        return subprocess.run(
            ["psql", "-d", db, "-Atc", sql], capture_output=True, text=True, check=True
        ).stdout.split()

    start = time.perf_counter()
    psql("VACUUM ANALYZE res_partner")
    flagged = psql(
        "SELECT indexrelid::regclass FROM pg_index "
        "WHERE indrelid = 'res_partner'::regclass AND indcheckxmin"
    )
    if flagged:
        psql("REINDEX TABLE res_partner")
    return {
        "vacuum_seconds": round(time.perf_counter() - start, 2),
        "indexes_rebuilt_indcheckxmin": flagged,
    }


def time_list(registry, domain, repeat):
    """First page (80 rows, list fields) plus count, as the web list asks."""
    from odoo import SUPERUSER_ID, api
    from odoo.tools import SQL

    fields = [
        "complete_name",
        "phone",
        "email",
        "client_state",
        "client_completeness",
        "user_id",
        "city",
        "country_id",
    ]
    times = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Partner = env["res.partner"]
        for _i in range(repeat):
            env.invalidate_all()
            start = time.perf_counter()
            records = Partner.search_fetch(domain, fields, limit=80)
            count = Partner.search_count(domain)
            times.append(time.perf_counter() - start)
        query = Partner._search(domain, limit=80)
        cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = " / ".join(row[0].strip() for row in cr.fetchall()[:4])
        del records
    return statistics.median(times), count, plan


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    path = args.addons_path or addons_path()
    if not (args.reuse and database_exists(args.db)):
        create_database(args.db, path, "client_base")
    sys.path.insert(0, REPO)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        [f"--addons-path={path}", "-d", args.db, "--log-level=warn"],
        setup_logging=True,
    )
    registry = Registry(args.db)
    result = {"partners": args.partners, "batch_size": args.batch_size}
    if args.duplicates_only:
        return duplicates_only(registry, args)

    n_individuals = round(args.partners * args.individuals)
    n_companies = args.partners - n_individuals
    individual_truth = individual_plan(n_individuals)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        seconds = insert_partners(env, n_companies)
        seconds += insert_individuals(env, individual_truth[0])
        result["insert_seconds"] = round(seconds, 2)
        result["companies"], result["individuals"] = n_companies, n_individuals
        cr.execute("ANALYZE res_partner")
        cr.commit()
    print(f"inserted {args.partners} partners by SQL in {result['insert_seconds']} s")

    reset_cursor(registry)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    calls = cron_loop(registry, args.batch_size)
    first = time.perf_counter() - start
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    secs = [c["seconds"] for c in calls]
    floor = update_floor(registry)
    result["cron_first_pass"] = {
        "scheduler": "ir.cron._process_job",
        "passes": LAST_SCHEDULER_RUN["passes"],
        "calls": len(calls),
        "floor_seconds": floor,
        "over_floor": round(first / floor, 2) if floor else None,
        "total_seconds": round(first, 2),
        "median_call_seconds": round(statistics.median(secs), 3),
        "max_call_seconds": round(max(secs), 3),
        "median_queries_per_call": statistics.median(c["queries"] for c in calls),
        "batch_max_seconds": round(max(secs[:-1] or [0]), 3),
        "duplicate_step_seconds": round(secs[-1], 3),
        "duplicate_step_rows_flagged": calls[-1]["changed"],
        "rows_changed": sum(c["changed"] for c in calls),
        "peak_rss_growth_mb": round((rss1 - rss0) / 1024, 1),
        "partners_per_second": round(args.partners / first),
    }
    result["duplicate_quality"] = duplicate_quality(
        registry, n_companies, individual_truth
    )
    result["cron_same_day_calls"] = len(cron_loop(registry, args.batch_size))

    reset_cursor(registry)
    start = time.perf_counter()
    calls = cron_loop(registry, args.batch_size)
    result["cron_second_pass"] = {
        "calls": len(calls),
        "total_seconds": round(time.perf_counter() - start, 2),
        "rows_changed": sum(c["changed"] for c in calls),
    }

    # the duplicate step alone, on unchanged data (flags already set)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        start = time.perf_counter()
        queries = cr.sql_log_count
        written = env["res.partner"]._client_refresh_duplicate_flags()
        seconds = time.perf_counter() - start
        cr.commit()
        result["duplicate_refresh_again"] = {
            "seconds": round(seconds, 3),
            "queries": cr.sql_log_count - queries,
            "rows_written": written,
        }
    result["cleanup"] = run_cleanup(registry, args.cleanup_batch_size)
    result["cleanup_second_run"] = run_cleanup(registry, args.cleanup_batch_size)

    result["maintenance"] = vacuum_and_check_indexes(args.db)
    with registry.cursor() as cr:
        cr.execute(
            """SELECT count(*),
                      count(*) FILTER (WHERE client_incomplete),
                      count(*) FILTER (WHERE client_missing_fields IS NOT NULL),
                      count(*) FILTER (WHERE client_next_verification < CURRENT_DATE),
                      count(*) FILTER (WHERE client_invalid_fields IS NOT NULL),
                      count(*) FILTER (WHERE client_duplicate_suspect),
                      count(*) FILTER (WHERE client_to_normalize_fields IS NOT NULL)
                 FROM res_partner WHERE name LIKE %s OR ref LIKE %s""",
            [MARK + "%", MARK + "%"],
        )
        total, incomplete, missing, stale, invalid, dups, fix = cr.fetchone()
    result["data_quality"] = {
        "partners": total,
        "incomplete": incomplete,
        "missing_primary": missing,
        "stale": stale,
        "invalid": invalid,
        "suspected_duplicates": dups,
        "planted_duplicates": planted_duplicates(n_companies)
        + 2 * len(individual_truth[1]),
        "to_normalize": fix,
    }

    today = datetime.date.today().isoformat()
    domains = {
        "unfiltered": [],
        "completeness < 50": [("client_completeness", "<", 50)],
        "completeness = 100": [("client_completeness", "=", 100)],
        "missing primary data": [("client_missing_fields", "!=", False)],
        "stale": [("client_next_verification", "<", today)],
        "stale + VIP": [
            ("client_next_verification", "<", today),
            ("client_state", "=", "vip"),
        ],
    }
    result["list"] = {}
    for label, domain in domains.items():
        median, count, plan = time_list(registry, domain, args.repeat)
        result["list"][label] = {
            "median_ms": round(median * 1000, 1),
            "count": count,
            "plan": plan,
        }

    print_table(result)
    os.makedirs(os.path.join(REPO, "var", "bench"), exist_ok=True)
    with open(os.path.join(REPO, "var", "bench", "bench_contact.json"), "w") as fh:
        json.dump(result, fh, indent=2)
    return result


def duplicates_only(registry, args):
    """Time the duplicate refresh alone: from no flags, then on unchanged data."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        cr.execute(
            """UPDATE res_partner SET client_duplicate_suspect = FALSE,
                      client_duplicate_score = 0, client_duplicate_cluster_id = NULL
                WHERE client_duplicate_suspect
                   OR client_duplicate_cluster_id IS NOT NULL"""
        )
        cr.execute("SELECT count(*) FROM res_partner")
        partners = cr.fetchone()[0]
    runs = []
    for label in ("from no flags", "unchanged data"):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            start = time.perf_counter()
            queries = cr.sql_log_count
            written = env["res.partner"]._client_refresh_duplicate_flags()
            seconds = time.perf_counter() - start
            runs.append(
                {
                    "run": label,
                    "seconds": round(seconds, 3),
                    "queries": cr.sql_log_count - queries,
                    "rows_written": written,
                }
            )
    with open("/proc/loadavg", encoding="ascii") as handle:
        load = handle.read().split()[0]
    print(f"== duplicate refresh, {partners} partners (load average {load}) ==")
    for run in runs:
        print(
            f"  {run['run']:16} {run['seconds']:7.2f} s  {run['queries']} queries  "
            f"{run['rows_written']} rows written  "
            f"({round(100 * run['seconds'] / 10)} % of the 10 s budget)"
        )
    return {"partners": partners, "duplicate_refresh": runs, "load": load}


def print_table(result):
    first = result["cron_first_pass"]
    print()
    print(f"== scheduled recompute, {result['partners']} partners ==")
    print(
        f"through ir.cron._process_job: {first['passes']} scheduler passes, "
        f"slowest call {first['max_call_seconds']} s (budget 10 s); PostgreSQL "
        f"floor (one UPDATE of every partner row) {first['floor_seconds']} s: "
        f"first pass {first['over_floor']}x the floor"
    )
    print(
        f"first pass: {first['calls']} calls of {result['batch_size']}, "
        f"{first['total_seconds']} s total ({first['partners_per_second']}/s), "
        f"median call {first['median_call_seconds']} s, max "
        f"{first['max_call_seconds']} s (batches max {first['batch_max_seconds']} s, "
        f"duplicate step {first['duplicate_step_seconds']} s, "
        f"{first['duplicate_step_rows_flagged']} flags written), "
        f"{first['median_queries_per_call']} "
        f"queries/call, {first['rows_changed']} rows changed, peak RSS growth "
        f"{first['peak_rss_growth_mb']} MB"
    )
    print(f"same day again: {result['cron_same_day_calls']} call(s), nothing done")
    second = result["cron_second_pass"]
    print(
        f"forced second pass on unchanged data: {second['calls']} calls, "
        f"{second['total_seconds']} s, {second['rows_changed']} rows changed"
    )
    again = result["duplicate_refresh_again"]
    print(
        f"duplicate refresh alone, unchanged data: {again['seconds']} s "
        f"({again['queries']} queries, {again['rows_written']} rows written); "
        f"budget 10 s per call: first pass at "
        f"{round(100 * first['duplicate_step_seconds'] / 10)} %, again at "
        f"{round(100 * again['seconds'] / 10)} %"
    )
    quality = result["data_quality"]
    found, planted = quality["suspected_duplicates"], quality["planted_duplicates"]
    print(
        f"suspected duplicates {found} for {planted} planted "
        f"(ratio {found / max(planted, 1):.2f})"
    )
    for kind, row in result["duplicate_quality"].items():
        print(
            f"duplicates, {kind}: planted {row['planted_pairs']} pairs, flagged "
            f"{row['flagged_pairs']}, true {row['true_pairs']}: precision "
            f"{row['precision_pct']} %, recall {row['recall_pct']} %, "
            f"F1 {row['f1_pct']} %"
        )
        for variant, counts in sorted(row.get("per_variant", {}).items()):
            print(f"    {variant}: found {counts['found']} of {counts['planted']}")
        if "households" in row:
            print(
                f"    households (not duplicates): {row['households']}, "
                f"flagged {row['households_flagged']}"
            )
    for key, title in (("cleanup", "clean-up"), ("cleanup_second_run", "again")):
        run = result[key]
        print(
            f"== {title}: {run['partners']} partners in {run['passes']} scheduler "
            f"passes, {run['calls']} calls, "
            f"{run['total_seconds']} s ({run['partners_per_second']}/s, target "
            f">= 2000/s: ratio {run['partners_per_second'] / 2000:.2f}), median "
            f"call {run['median_call_seconds']} s, max {run['max_call_seconds']} s "
            f"(target <= 10 s: ratio {run['max_call_seconds'] / 10:.2f}), "
            f"{run['median_queries_per_call']} queries/call, "
            f"{run['partners_changed']} partners / {run['values_changed']} values "
            f"changed, to normalise {run['to_normalize_before']} -> "
            f"{run['to_normalize_after']}"
        )
    print(f"maintenance: {result['maintenance']}")
    print("== data quality ==")
    for key, value in result["data_quality"].items():
        print(f"  {key:22} {value}")
    print("== partner list: first 80 rows + count, median ==")
    for label, row in result["list"].items():
        print(f"  {label:22} {row['median_ms']:8.1f} ms  {row['count']:7} rows")
        print(f"  {'':22} plan: {row['plan'][:150]}")


if __name__ == "__main__":
    main()
