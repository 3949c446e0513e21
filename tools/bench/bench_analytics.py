#!/usr/bin/env python3
"""Benchmark of the client classification (ABC, XYZ, lifecycle).

Creates (or reuses) a scratch database, loads synthetic posted customer
invoices by bulk SQL, cross-checks them against invoices posted through the
ORM, then times in ONE run:

1. aggregation (our SQL + fetch into pandas) against the floor, an
   ``EXPLAIN ANALYZE`` of the bare single ``GROUP BY`` run in the same process;
2. classification (pandas) and the diff against the stored rows;
3. write-back and 4. the scheduled action end to end through Odoo's own
   scheduler (``ir.cron._process_job``: a committed transaction per call, up
   to 10 calls a pass; passes, calls, the slowest call and its ratio to the
   floor are printed);
5. a second run on unchanged data (must write nothing);
6. a naive per-client ORM loop on a stratified sample, extrapolated
   linearly to all clients (said so in the output).

Prints a table and a JSON document (also written to var/bench/). Usage::

    /opt/odoo18/venv/bin/python tools/bench/bench_analytics.py --tier M
    /opt/odoo18/venv/bin/python tools/bench/bench_analytics.py --tier S --keep

Tiers: S 5k clients / 100k lines / 24 months, M 50k / 2M / 36 (the
reference), L 250k / 10M / 36 (on demand).
"""

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc

from bench_common import addons_path, create_database, database_exists, drive_cron

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIERS = {
    "S": {"clients": 5000, "lines": 100_000, "months": 24},
    "M": {"clients": 50_000, "lines": 2_000_000, "months": 36},
    "L": {"clients": 250_000, "lines": 10_000_000, "months": 36},
}
MEMORY_GATE_MIB = {"S": 1024, "M": 1024, "L": 2048}
LINES_PER_MOVE = 5
SECOND_COMPANY_SHARE = 0.1  # of the invoices
REFUND_SHARE = 0.08
FOREIGN_SHARE = 0.1  # invoices in a foreign currency


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tier", choices=sorted(TIERS), default="S")
    parser.add_argument("--db", help="database (default bench_analytics_<tier>)")
    parser.add_argument("--seed", type=float, default=0.42)
    parser.add_argument("--sample", type=int, default=2000, help="naive sample")
    parser.add_argument("--batch-size", type=int, default=10000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="timings of the aggregation"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="reuse loaded data")
    parser.add_argument(
        "--generate-only",
        action="store_true",
        help="create the database and load the data, then stop (implies --keep)",
    )
    parser.add_argument("--json", help="result file (default var/bench/...)")
    parser.add_argument(
        "--addons-path",
        help="addons path (default: the repository's, see tools/odoo_env.sh)",
    )
    return parser.parse_args(argv)


# Data -------------------------------------------------------------------------


def setup_companies(env):
    """Main company + a second one with its own currency and chart."""
    main = env.ref("base.main_company")
    eur = env.ref("base.EUR")
    usd = env.ref("base.USD")
    eur.active = usd.active = True
    second = env["res.company"].search([("name", "=", "Bench Company B")], limit=1)
    if not second:
        second = env["res.company"].create(
            {"name": "Bench Company B", "currency_id": eur.id}
        )
        env["account.chart.template"].try_loading(
            "generic_coa", company=second, install_demo=False
        )
    foreign = eur if main.currency_id != eur else usd
    return main, second, foreign


def company_accounts(env, company):
    journal = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
    )
    Account = env["account.account"].with_company(company)
    income = Account.search(
        [("company_ids", "in", company.id), ("account_type", "=", "income")], limit=1
    )
    receivable = Account.search(
        [
            ("company_ids", "in", company.id),
            ("account_type", "=", "asset_receivable"),
        ],
        limit=1,
    )
    return journal, income, receivable


def link_refunds(env):
    """Make each refund reverse the client's last invoice on or before it
    (``reversed_entry_id``), as credit notes made from an invoice do."""
    env.cr.execute(
        """
        CREATE INDEX IF NOT EXISTS bench_move_partner_date
            ON account_move (commercial_partner_id, company_id, date)
         WHERE move_type = 'out_invoice';
        UPDATE account_move r
           SET reversed_entry_id = (
                SELECT i.id FROM account_move i
                 WHERE i.commercial_partner_id = r.commercial_partner_id
                   AND i.company_id = r.company_id
                   AND i.move_type = 'out_invoice'
                   AND i.date <= r.date
              ORDER BY i.date DESC, i.id DESC LIMIT 1)
         WHERE r.move_type = 'out_refund' AND r.name LIKE 'BENCH/%%'
           AND r.reversed_entry_id IS NULL;
        DROP INDEX bench_move_partner_date;
        ANALYZE account_move;
        """
    )
    return env.cr.rowcount


def generate(env, tier, seed):
    """Bulk SQL: partners, moves, product and receivable lines, then ANALYZE."""
    from odoo.tools import SQL

    size = TIERS[tier]
    cr = env.cr
    main, second, foreign = setup_companies(env)
    acc = {c.id: company_accounts(env, c) for c in (main, second)}
    env.flush_all()
    started = time.perf_counter()
    # bulk load: rows are valid by construction, skip the per-row FK triggers
    cr.execute("SET session_replication_role = replica")
    cr.execute(SQL("SELECT setseed(%s)", seed))
    cr.execute(
        SQL(
            """
            WITH ids AS (
                SELECT nextval('res_partner_id_seq') AS id, g
                  FROM generate_series(1, %(n)s) g
            )
            INSERT INTO res_partner (id, name, complete_name, is_company, active,
                type, commercial_partner_id, ref, autopost_bills, customer_rank,
                supplier_rank, lang, create_uid, create_date, write_uid, write_date)
            SELECT id, 'Bench client ' || g, 'Bench client ' || g, TRUE, TRUE,
                   'contact', id, 'bench', 'ask', 1, 0, 'en_US', 1, now(), 1, now()
              FROM ids
            """,
            n=size["clients"],
        )
    )
    cr.execute(
        """
        CREATE TEMP TABLE bench_p AS
        SELECT row_number() OVER (ORDER BY id) AS n, id
          FROM res_partner WHERE ref = 'bench';
        CREATE UNIQUE INDEX ON bench_p (n);
        """
    )
    moves = size["lines"] // LINES_PER_MOVE
    # dates: uniform over the history with a seasonal bump; partners skewed
    # (1 + floor(N * U^3): a few clients buy most); a partner's amounts scale
    # with a per-partner factor so that ABC and XYZ classes are all populated
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_m AS
            SELECT s.*, p.id AS partner_id
              FROM (
                SELECT nextval('account_move_id_seq') AS id, g,
                       CASE WHEN random() < %(second)s THEN %(c2)s ELSE %(c1)s END
                           AS company_id,
                       1 + floor(%(n)s * power(random(), 3))::int AS pn,
                       (date_trunc('month', CURRENT_DATE)
                        - make_interval(days => 1 + floor(random() * %(days)s)::int)
                       )::date AS date,
                       CASE WHEN random() < %(refund)s THEN 'out_refund'
                            ELSE 'out_invoice' END AS move_type,
                       random() < %(foreign)s AS foreign_cur,
                       1 + floor(random() * %(lpm2)s)::int AS nlines
                  FROM generate_series(1, %(moves)s) g
              ) s
              JOIN bench_p p ON p.n = LEAST(s.pn, %(n)s)
            """,
            second=SECOND_COMPANY_SHARE,
            c1=main.id,
            c2=second.id,
            n=size["clients"],
            days=size["months"] * 30,
            refund=REFUND_SHARE,
            foreign=FOREIGN_SHARE,
            lpm2=2 * LINES_PER_MOVE - 1,
            moves=moves,
        )
    )
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_l AS
            SELECT m.id AS move_id, k,
                   round((20 + 2000 * power(random(), 2)
                          * (1 + 0.3 * sin(extract(month FROM m.date)))
                          * (1 + mod(m.partner_id, 7)))::numeric, 2) AS amount
              FROM bench_m m CROSS JOIN LATERAL generate_series(1, m.nlines) k
            """
        )
    )
    names = {c.id: c for c in (main, second)}
    for company_id, company in names.items():
        journal, income, receivable = acc[company_id]
        params = {
            "company": company_id,
            "journal": journal.id,
            "income": income.id,
            "receivable": receivable.id,
            "cur": company.currency_id.id,
            "foreign": foreign.id,
        }
        cr.execute(
            SQL(
                """
                INSERT INTO account_move (id, name, journal_id, company_id,
                    currency_id, state, move_type, auto_post, date, invoice_date,
                    partner_id, commercial_partner_id, payment_state,
                    amount_untaxed, amount_total, amount_untaxed_signed,
                    amount_total_signed, amount_residual, amount_residual_signed,
                    amount_total_in_currency_signed, amount_untaxed_in_currency_signed,
                    invoice_date_due, create_uid, create_date, write_uid,
                    write_date)
                SELECT m.id, 'BENCH/' || m.id, %(journal)s, m.company_id,
                       CASE WHEN m.foreign_cur THEN %(foreign)s ELSE %(cur)s END,
                       'posted', m.move_type, 'no', m.date, m.date,
                       m.partner_id, m.partner_id, 'not_paid',
                       t.total, t.total, t.total * s.sign, t.total * s.sign,
                       t.total, t.total * s.sign, t.total * s.sign,
                       t.total * s.sign, m.date, 1, now(), 1, now()
                  FROM bench_m m
                  JOIN (SELECT move_id, sum(amount) AS total FROM bench_l
                         GROUP BY move_id) t ON t.move_id = m.id
                  CROSS JOIN LATERAL (SELECT CASE WHEN m.move_type = 'out_refund'
                                             THEN -1 ELSE 1 END AS sign) s
                 WHERE m.company_id = %(company)s
                """,
                **params,
            )
        )
        # product lines: credit for invoices, debit for refunds
        cr.execute(
            SQL(
                """
                INSERT INTO account_move_line (move_id, move_name, date,
                    invoice_date, parent_state, journal_id, company_id,
                    company_currency_id, currency_id, account_id, partner_id,
                    display_type, name, quantity, price_unit, price_subtotal,
                    price_total, balance, debit, credit, amount_currency,
                    amount_residual, amount_residual_currency, reconciled,
                    sequence, create_uid, create_date, write_uid, write_date)
                SELECT m.id, 'BENCH/' || m.id, m.date, m.date, 'posted',
                       %(journal)s, m.company_id, %(cur)s,
                       CASE WHEN m.foreign_cur THEN %(foreign)s ELSE %(cur)s END,
                       %(income)s, m.partner_id, 'product', 'Bench line', 1,
                       l.amount, l.amount, l.amount, l.amount * s.sign * -1,
                       CASE WHEN s.sign < 0 THEN l.amount ELSE 0 END,
                       CASE WHEN s.sign > 0 THEN l.amount ELSE 0 END,
                       l.amount * s.sign * -1
                           * CASE WHEN m.foreign_cur THEN 1.1 ELSE 1 END,
                       0, 0, FALSE, 10 + l.k, 1, now(), 1, now()
                  FROM bench_l l
                  JOIN bench_m m ON m.id = l.move_id
                  CROSS JOIN LATERAL (SELECT CASE WHEN m.move_type = 'out_refund'
                                             THEN -1 ELSE 1 END AS sign) s
                 WHERE m.company_id = %(company)s
                """,
                **params,
            )
        )
        # one receivable line per move: the moves balance
        cr.execute(
            SQL(
                """
                INSERT INTO account_move_line (move_id, move_name, date,
                    invoice_date, parent_state, journal_id, company_id,
                    company_currency_id, currency_id, account_id, partner_id,
                    display_type, name, quantity, balance, debit, credit,
                    amount_currency, amount_residual, amount_residual_currency,
                    reconciled, date_maturity, sequence, create_uid, create_date,
                    write_uid, write_date)
                SELECT m.id, 'BENCH/' || m.id, m.date, m.date, 'posted',
                       %(journal)s, m.company_id, %(cur)s,
                       CASE WHEN m.foreign_cur THEN %(foreign)s ELSE %(cur)s END,
                       %(receivable)s, m.partner_id, 'payment_term', '', 1,
                       t.total * s.sign,
                       CASE WHEN s.sign > 0 THEN t.total ELSE 0 END,
                       CASE WHEN s.sign < 0 THEN t.total ELSE 0 END,
                       t.total * s.sign
                           * CASE WHEN m.foreign_cur THEN 1.1 ELSE 1 END,
                       t.total * s.sign,
                       t.total * s.sign
                           * CASE WHEN m.foreign_cur THEN 1.1 ELSE 1 END,
                       FALSE, m.date, 100, 1, now(), 1, now()
                  FROM bench_m m
                  JOIN (SELECT move_id, sum(amount) AS total FROM bench_l
                         GROUP BY move_id) t ON t.move_id = m.id
                  CROSS JOIN LATERAL (SELECT CASE WHEN m.move_type = 'out_refund'
                                             THEN -1 ELSE 1 END AS sign) s
                 WHERE m.company_id = %(company)s
                """,
                **params,
            )
        )
    link_refunds(env)
    cr.execute("SELECT count(*) FROM bench_l")
    lines = cr.fetchone()[0]
    cr.execute("DROP TABLE bench_l; DROP TABLE bench_m; DROP TABLE bench_p")
    cr.execute("SET session_replication_role = DEFAULT")
    cr.execute("ANALYZE res_partner; ANALYZE account_move; ANALYZE account_move_line")
    env.invalidate_all()
    return {
        "clients": size["clients"],
        "moves": moves,
        "invoice_lines": lines,
        "months": size["months"],
        "seconds": round(time.perf_counter() - started, 1),
        "refunds_linked": True,
    }


def orm_cross_check(env, main):
    """Post invoices through the ORM and compare three views of revenue.

    For these ORM invoices and for a sample of SQL-generated clients, our
    aggregation must equal Odoo's own account.invoice.report (price_subtotal).
    """
    from odoo import Command

    partners = env["res.partner"].create(
        [{"name": f"ORM client {i}", "is_company": True} for i in range(5)]
    )
    first = datetime.date.today().replace(day=1)
    for i, partner in enumerate(partners):
        for k in range(4):
            date = first - datetime.timedelta(days=20 + 31 * k)
            move = (
                env["account.move"]
                .with_company(main)
                .create(
                    {
                        "move_type": "out_refund" if k == 3 else "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": date,
                        "date": date,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "ORM line",
                                    "quantity": 2,
                                    "price_unit": 100 + 10 * i + k,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
            )
            move.action_post()
    env.flush_all()
    sample = env["res.partner"].search([("ref", "=", "bench")], limit=20)
    ids = (partners | sample).ids
    Run = env["client.classification.run"]
    from odoo.addons.client_base_analytics.tools import (
        classify_params,
    )

    params = main._client_analytics_params()
    periods = classify_params.window_periods(datetime.date.today(), params)
    window_end = first
    # the ORM report counts a refund in its own month: compare like with like
    params.refunds_in_invoice_period = False
    rows, _invoices = Run._aggregate(main, params, periods, window_end)
    ours = (
        rows[(rows["period"] >= 0) & rows["partner_id"].isin(ids)]
        .groupby("partner_id")["revenue"]
        .sum()
        .round(2)
        .to_dict()
    )
    report = env["account.invoice.report"].with_company(main)
    groups = report._read_group(
        [
            ("commercial_partner_id", "in", ids),
            ("company_id", "=", main.id),
            ("state", "=", "posted"),
            ("invoice_date", ">=", periods[0]),
            ("invoice_date", "<", window_end),
        ],
        ["commercial_partner_id"],
        ["price_subtotal:sum"],
    )
    theirs = {p.id: round(v, 2) for p, v in groups}
    mismatches = {
        pid: (ours.get(pid, 0.0), theirs.get(pid, 0.0))
        for pid in set(ours) | set(theirs)
        if abs(ours.get(pid, 0.0) - theirs.get(pid, 0.0)) > 0.011
    }
    return {
        "orm_invoices": 20,
        "partners_checked": len(ids),
        "mismatches": len(mismatches),
        "examples": dict(list(mismatches.items())[:3]),
    }


# Phases -------------------------------------------------------------------------


def explain_floor(env, main, periods, window_end):
    """EXPLAIN ANALYZE of the bare single GROUP BY (same filters and window)."""
    from odoo.tools import SQL

    query = SQL(
        """
        EXPLAIN (ANALYZE, FORMAT JSON)
        SELECT aml.partner_id, date_trunc('month', aml.date), SUM(aml.balance)
          FROM account_move_line aml
          JOIN account_move am ON am.id = aml.move_id
         WHERE aml.company_id = %(company)s
           AND aml.parent_state = 'posted'
           AND aml.display_type = 'product'
           AND am.move_type IN ('out_invoice', 'out_refund')
           AND aml.date >= %(start)s
           AND aml.date < %(end)s
      GROUP BY 1, 2
        """,
        company=main.id,
        start=periods[0],
        end=window_end,
    )
    env.cr.execute(query)
    plan = env.cr.fetchone()[0][0]
    return plan["Execution Time"] / 1000.0, plan["Plan"]["Node Type"]


def explain_ours(env, main, params, periods, window_end):
    from odoo.tools import SQL

    Run = env["client.classification.run"]
    query = Run._aggregation_query(main, params, periods, window_end)
    env.cr.execute(SQL("EXPLAIN (ANALYZE, FORMAT JSON) %s", query))
    plan = env.cr.fetchone()[0][0]
    return plan["Execution Time"] / 1000.0


def time_it(func, repeat=3):
    times = []
    result = None
    for _i in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def cron_run(registry, batch_size):
    """One run of the scheduled action through Odoo's scheduler
    (``ir.cron._process_job``: a committed transaction per call, up to 10
    calls a pass, then passes while the job is ready), with the figures of
    the classification runs it made."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param(
            "client_base_analytics.batch_size", str(batch_size)
        )
        cr.execute("SELECT COALESCE(max(id), 0) FROM client_classification_run")
        last_run = cr.fetchone()[0]
    result = drive_cron(
        registry, "client_base_analytics.ir_cron_client_classification", "cron"
    )
    with registry.cursor() as cr:
        cr.execute(
            """SELECT COALESCE(sum(written_count), 0), COALESCE(sum(batch_count), 0),
                      COALESCE(sum(history_count), 0), array_agg(DISTINCT state)
                 FROM client_classification_run WHERE id > %s""",
            [last_run],
        )
        written, batches, history, states = cr.fetchone()
    result.update(
        rows_written=written, batches=batches, history_rows=history, states=states
    )
    return result


def naive_loop(env, main, params, periods, window_end, sample_size):
    """Per-client ORM loop on a stratified sample (largest, median, tail)."""
    from odoo.addons.client_base_analytics.tools import (
        classify_params,
    )

    env.cr.execute(
        """
        SELECT partner_id FROM account_move_line
         WHERE company_id = %s AND display_type = 'product'
      GROUP BY partner_id ORDER BY count(*) DESC, partner_id
        """,
        (main.id,),
    )
    ordered = [r[0] for r in env.cr.fetchall()]
    third = sample_size // 3
    mid = len(ordered) // 2
    sample = (
        ordered[:third]
        + ordered[mid - third // 2 : mid - third // 2 + third]
        + ordered[-(sample_size - 2 * third) :]
    )
    AML = env["account.move.line"]
    Classification = env["client.classification"]
    index = {p: i for i, p in enumerate(periods)}
    months = classify_params.PERIOD_MONTHS[params.period]
    start = time.perf_counter()
    with env.cr.savepoint(flush=False) as savepoint:
        for partner in env["res.partner"].browse(sample):
            lines = AML.search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", main.id),
                    ("parent_state", "=", "posted"),
                    ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                    ("display_type", "=", "product"),
                    ("date", ">=", periods[0]),
                    ("date", "<", window_end),
                ]
            )
            per_period = [0.0] * len(periods)
            for line in lines:
                day = line.date.replace(
                    month=(line.date.month - 1) // months * months + 1, day=1
                )
                per_period[index[day]] -= line.balance
            revenue = sum(per_period)
            vals = {
                "computed_lifecycle": "regular" if revenue > 0 else "none",
                "computed_abc": "A" if revenue > 1000 else "C",
            }
            rec = Classification.search(
                [("partner_id", "=", partner.id), ("company_id", "=", main.id)]
            )
            if rec:
                rec.write(vals)
            else:
                Classification.create(
                    dict(vals, partner_id=partner.id, company_id=main.id)
                )
            env.flush_all()
        elapsed = time.perf_counter() - start
        savepoint.rollback()
    env.invalidate_all()
    return elapsed, len(sample), len(ordered)


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    tier = TIERS[args.tier]
    db = args.db or f"bench_analytics_{args.tier.lower()}"
    path = args.addons_path or addons_path()
    if not (args.reuse and database_exists(db)):
        create_database(db, path, "client_base_analytics")
    sys.path.insert(0, REPO)
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(
        [f"--addons-path={path}", "-d", db, "--log-level=warn"], setup_logging=True
    )
    registry = Registry(db)
    result = {
        "tier": args.tier,
        "database": db,
        "seed": args.seed,
        "machine": {
            "cpu": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "odoo": odoo.release.version,
        },
    }
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        cr.execute("SHOW server_version")
        result["machine"]["postgresql"] = cr.fetchone()[0]
        loaded = env["ir.config_parameter"].get_param("client_base_analytics.bench")
        if loaded and args.reuse:
            result["data"] = json.loads(loaded)
            if not result["data"].get("refunds_linked"):
                link_refunds(env)
                result["data"]["refunds_linked"] = True
                env["ir.config_parameter"].set_param(
                    "client_base_analytics.bench", json.dumps(result["data"])
                )
                cr.commit()
        else:
            print(f"# generating tier {args.tier}: {tier}", flush=True)
            result["data"] = generate(env, args.tier, args.seed)
            env["ir.config_parameter"].set_param(
                "client_base_analytics.bench", json.dumps(result["data"])
            )
            cr.commit()
            print(f"# generated {result['data']}", flush=True)
        if args.generate_only:
            Registry.delete(db)
            return 0
        main_company = env.ref("base.main_company")
        result["cross_check"] = orm_cross_check(env, main_company)
        cr.commit()

    from odoo.addons.client_base_analytics.tools import (
        classify,
        classify_diff,
        classify_params,
    )

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        main_company = env.ref("base.main_company")
        params = main_company._client_analytics_params()
        today = datetime.date.today()
        periods = classify_params.window_periods(today, params)
        window_end = classify_params.add_months(periods[-1], 1)
        Run = env["client.classification.run"]
        # warm the cache once, then interleave floor and ours (A-B-B-A style)
        Run._aggregate(main_company, params, periods, window_end)
        invoices = None
        floors, ours_db, ours = [], [], []
        for _i in range(args.repeat):
            floors.append(explain_floor(env, main_company, periods, window_end)[0])
            ours_db.append(explain_ours(env, main_company, params, periods, window_end))
            start = time.perf_counter()
            q0 = cr.sql_log_count
            rows, invoices = Run._aggregate(main_company, params, periods, window_end)
            ours.append(time.perf_counter() - start)
            agg_queries = cr.sql_log_count - q0
        floor_node = explain_floor(env, main_company, periods, window_end)[1]
        stored = Run._read_stored(main_company)
        t_cls, _t_cls_min, computed = time_it(
            lambda: classify.classify(
                rows, params, periods, stored.index.tolist(), invoices
            ),
            args.repeat,
        )
        t_diff, _m, (changes, history) = time_it(
            lambda: classify_diff.diff_frames(computed, stored), args.repeat
        )
        tracemalloc.start()
        rows2, inv2 = Run._aggregate(main_company, params, periods, window_end)
        computed2 = classify.classify(
            rows2, params, periods, stored.index.tolist(), inv2
        )
        classify_diff.diff(computed2, stored)
        _cur, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del rows2, inv2, computed2
        result["aggregation"] = {
            "rows_out": len(rows),
            "ours_median_s": round(statistics.median(ours), 3),
            "ours_min_s": round(min(ours), 3),
            "ours_in_db_median_s": round(statistics.median(ours_db), 3),
            "floor_median_s": round(statistics.median(floors), 3),
            "floor_min_s": round(min(floors), 3),
            "floor_plan": floor_node,
            "ours_over_floor": round(
                statistics.median(ours) / statistics.median(floors), 2
            ),
            "queries": agg_queries,
        }
        result["classification"] = {
            "clients": len(computed),
            "classify_median_s": round(t_cls, 3),
            "diff_median_s": round(t_diff, 3),
            "changes_first_run": len(changes),
            "class_changes_first_run": len(history),
            "abc": computed["abc"].value_counts(dropna=False).to_dict(),
            "xyz": computed["xyz"].value_counts(dropna=False).to_dict(),
            "lifecycle": computed["lifecycle"].value_counts().to_dict(),
            "tracemalloc_peak_mib": round(traced_peak / 2**20, 1),
        }
        result["classification"]["abc"] = {
            str(k): int(v) for k, v in result["classification"]["abc"].items()
        }
        result["classification"]["xyz"] = {
            str(k): int(v) for k, v in result["classification"]["xyz"].items()
        }
        result["classification"]["lifecycle"] = {
            str(k): int(v) for k, v in result["classification"]["lifecycle"].items()
        }
        # reset for an honest first run
        cr.execute("DELETE FROM client_classification_history")
        cr.execute("DELETE FROM client_classification")
        cr.execute("DELETE FROM client_classification_run")
        cr.execute("DELETE FROM client_classification_pending")
        cr.execute("DELETE FROM client_classification_run_sum")
        cr.execute(
            "UPDATE res_partner SET client_lifecycle_class = NULL, client_abc = NULL,"
            " client_xyz = NULL, client_abc_xyz = NULL, client_rfm_segment = NULL"
            " WHERE client_lifecycle_class IS NOT NULL"
        )
        cr.commit()

    # End-to-end through Odoo's scheduler: first run (everything new), then a
    # second run (nothing)
    first = cron_run(registry, args.batch_size)
    e2e_first = first["seconds"]
    with registry.cursor() as cr:
        cr.execute("SELECT max(write_date), count(*) FROM client_classification")
        stamp_before, rows_stored = cr.fetchone()
        cr.execute("SELECT count(*) FROM client_classification_history")
        history_before = cr.fetchone()[0]
    second = cron_run(registry, args.batch_size)
    e2e_second = second["seconds"]
    with registry.cursor() as cr:
        cr.execute("SELECT max(write_date) FROM client_classification")
        stamp_after = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM client_classification_history")
        history_after = cr.fetchone()[0]
    calls = first["call_list"]
    floor = result["aggregation"]["floor_median_s"]
    result["write_back"] = {
        "rows_written": first["rows_written"],
        "batches": first["batches"],
        "batch_size": args.batch_size,
        "max_batch_s": first["slowest_call_s"],
        "calls": calls,
        "slowest_call": max(calls, key=lambda c: c["seconds"]),
        "median_batch_s": round(statistics.median(c["seconds"] for c in calls), 3),
        "history_rows": history_before,
    }
    result["end_to_end"] = {
        "scheduler": "ir.cron._process_job",
        "first_run_s": round(e2e_first, 2),
        "first_run_passes": first["passes"],
        "first_run_calls": first["calls"],
        "first_run_idle_calls": sum(
            1 for c in calls if c.get("remaining") and not c.get("done")
        ),
        "first_run_stalled": first["stalled"],
        "first_run_failures": first["failure_count"] + first["errors"],
        "slowest_call_s": first["slowest_call_s"],
        "slowest_call_over_floor": round(first["slowest_call_s"] / floor, 2)
        if floor
        else None,
        "first_run_over_floor": round(e2e_first / floor, 2) if floor else None,
        "second_run_s": round(e2e_second, 2),
        "second_run_passes": second["passes"],
        "second_run_calls": second["calls"],
        "second_run_rows_written": second["rows_written"],
        "second_run_history_rows": history_after - history_before,
        "second_run_write_date_unchanged": stamp_before == stamp_after,
        "rows_stored": rows_stored,
    }

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        main_company = env.ref("base.main_company")
        naive_s, sampled, population = naive_loop(
            env, main_company, params, periods, window_end, args.sample
        )
        cr.rollback()
    naive_total = naive_s * population / sampled
    result["naive"] = {
        "sample": sampled,
        "clients": population,
        "sample_s": round(naive_s, 2),
        "extrapolated_s": round(naive_total, 1),
        "note": "per-client ORM loop measured on a stratified sample "
        "(largest, median, tail) and extrapolated linearly to all clients",
    }
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["memory"] = {"peak_rss_mib": round(rss, 1)}
    ours_total = e2e_first
    result["gates"] = {
        "naive_over_ours_first_run": round(naive_total / ours_total, 1),
        "naive_over_ours_second_run": round(naive_total / max(e2e_second, 1e-6), 1),
        "ours_over_floor": result["aggregation"]["ours_over_floor"],
        "peak_rss_mib": round(rss, 1),
        "max_batch_s": result["write_back"]["max_batch_s"],
        "scheduler_completed": not first["stalled"]
        and not second["stalled"]
        and result["end_to_end"]["first_run_failures"] == 0,
        "second_run_writes": result["end_to_end"]["second_run_rows_written"],
    }
    gates = result["gates"]
    result["pass"] = {
        "naive/ours >= 20x": gates["naive_over_ours_first_run"] >= 20,
        "ours/floor <= 2x": gates["ours_over_floor"] <= 2,
        f"peak memory < {MEMORY_GATE_MIB[args.tier] // 1024} GiB": rss
        < MEMORY_GATE_MIB[args.tier],
        "no call over 10 s": gates["max_batch_s"] <= 10,
        "scheduler never stalls or fails": gates["scheduler_completed"],
        "zero writes on a second run": gates["second_run_writes"] == 0
        and result["end_to_end"]["second_run_history_rows"] == 0
        and result["end_to_end"]["second_run_write_date_unchanged"],
        "SQL data == ORM report": result["cross_check"]["mismatches"] == 0,
    }
    print_table(result)
    out = args.json or os.path.join(
        REPO, "var", "bench", f"analytics_{args.tier.lower()}.json"
    )
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2, default=str)
    print(json.dumps(result, indent=2, default=str))
    Registry.delete(db)
    odoo.sql_db.close_db(db)
    if not args.keep:
        subprocess.run(["dropdb", db], check=False)
    return 0 if all(result["pass"].values()) else 1


def print_table(result):
    agg, cls, wb, e2e = (
        result["aggregation"],
        result["classification"],
        result["write_back"],
        result["end_to_end"],
    )
    data = result["data"]
    rows = [
        (
            "data",
            (
                f"{data['clients']} clients, {data['invoice_lines']} lines, "
                f"{data['months']} months"
            ),
        ),
        (
            "cross-check SQL vs ORM report",
            (
                f"{result['cross_check']['mismatches']} "
                f"mismatches on {result['cross_check']['partners_checked']} clients"
            ),
        ),
        (
            "aggregation, ours (SQL+fetch+pandas)",
            (
                f"{agg['ours_median_s']} s "
                f"({agg['rows_out']} rows, {agg['queries']} queries)"
            ),
        ),
        ("aggregation, ours in DB (EXPLAIN)", f"{agg['ours_in_db_median_s']} s"),
        (
            "floor: one GROUP BY (EXPLAIN ANALYZE)",
            f"{agg['floor_median_s']} s ({agg['floor_plan']})",
        ),
        ("ours / floor", f"{agg['ours_over_floor']}x"),
        (
            "classification (pandas)",
            f"{cls['classify_median_s']} s, {cls['clients']} clients",
        ),
        ("diff against stored", f"{cls['diff_median_s']} s"),
        (
            "write-back, first run",
            (
                f"{wb['rows_written']} rows in {wb['batches']} "
                f"batches, max batch {wb['max_batch_s']} s"
            ),
        ),
        (
            "scheduler (_process_job), first run",
            (
                f"{e2e['first_run_s']} s ({e2e['first_run_passes']} passes, "
                f"{e2e['first_run_calls']} calls, "
                f"{e2e['first_run_idle_calls']} with done=0)"
            ),
        ),
        (
            "slowest call",
            (
                f"{e2e['slowest_call_s']} s = {e2e['slowest_call_over_floor']}x "
                "the floor (10 s budget)"
            ),
        ),
        ("first run / floor", f"{e2e['first_run_over_floor']}x"),
        (
            "scheduler (_process_job), second run",
            (
                f"{e2e['second_run_s']} s ({e2e['second_run_passes']} passes, "
                f"{e2e['second_run_calls']} calls), "
                f"{e2e['second_run_rows_written']} rows written"
            ),
        ),
        (
            "naive ORM loop (extrapolated)",
            (
                f"{result['naive']['extrapolated_s']} s "
                f"from {result['naive']['sample']} clients in "
                f"{result['naive']['sample_s']} s"
            ),
        ),
        (
            "naive / ours (first run)",
            f"{result['gates']['naive_over_ours_first_run']}x",
        ),
        (
            "peak RSS",
            (
                f"{result['memory']['peak_rss_mib']} MiB "
                f"(tracemalloc peak of one pass {cls['tracemalloc_peak_mib']} MiB)"
            ),
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print()
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    for gate, ok in result["pass"].items():
        print(f"{'PASS' if ok else 'FAIL'}  {gate}")
    print()


if __name__ == "__main__":
    sys.exit(main())
