# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the relationship history (prints figures).

Run it from the repository in an Odoo shell on a SCRATCH database where
client_base is installed (it commits: the scheduler's calls are committed
transactions; e.g. ``createdb -T <db> <scratch>``)::

    BENCH_DOCS=1000000 tools/odoo.sh shell -d SCRATCH --no-http \\
        < tools/bench/bench_interaction.py

It creates BENCH_DOCS existing documents with bulk SQL on BENCH_CLIENTS
clients, spread evenly over BENCH_SOURCES (comma-separated, among
``sale``, ``invoice``, ``activity``, ``email``). By default these are the
confirmed sales orders and posted customer invoices when client_base_sale
and client_base_analytics are installed (the issue's "orders and
invoices"), else done-activity messages and e-mails. Then it

1. runs the backfill through Odoo's scheduler (``ir.cron._process_job``,
   batches of BENCH_BATCH; passes, calls, the slowest call and the ratio to
   a PostgreSQL floor, one ``INSERT ... SELECT`` of every document, are
   printed), and a second time from the start (must create nothing);
2. times the first page of the timeline of a client with 10,000
   interactions against one with 10.

The documents and the history are committed (drop the scratch database
afterwards); the timeline rows are rolled back. No Odoo import at module
level (pure-module rule): the shell provides ``env``.
"""

import os
import statistics
import sys
import time

# bench_common (drive_cron): the shell runs this file from the repository
sys.path.insert(
    0, os.path.join(os.environ.get("BENCH_REPO", os.getcwd()), "tools", "bench")
)


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def create_documents(env, n_docs, n_clients, sources):
    cr = env.cr
    t0 = time.perf_counter()
    # Clients through the ORM (other add-ons add required columns), in
    # chunks, without mail side effects.
    Partner = env["res.partner"].with_context(
        tracking_disable=True, mail_create_nolog=True
    )
    ids = []
    for start in range(0, n_clients + 2, 2000):
        stop = min(start + 2000, n_clients + 2)
        ids += Partner.create(
            [
                {"name": f"Bench client {i}", "is_company": True}
                for i in range(start, stop)
            ]
        ).ids
        env.invalidate_all()
    big, small, clients = ids[0], ids[1], ids[2:]
    per_source = -(-n_docs // len(sources))  # ceiling
    for source in sources:
        CREATORS[source](env, clients, per_source)
        say(f"  {per_source:,} {source} documents")
    for table in ("mail_message", "sale_order", "account_move"):
        if table_exists(cr, table):
            cr.execute(SQL_ANALYZE[table])
    say(
        f"created {per_source * len(sources):,} documents on {len(clients):,} "
        f"clients with bulk SQL in {time.perf_counter() - t0:.1f} s"
    )
    return big, small


def table_exists(cr, table):
    cr.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
    return cr.fetchone()[0]


SQL_ANALYZE = {
    "mail_message": "ANALYZE mail_message",
    "sale_order": "ANALYZE sale_order",
    "account_move": "ANALYZE account_move",
}


def create_orders(env, clients, n_docs):
    """Confirmed sales orders (the columns the backfill reads, and the
    NOT NULL ones)."""
    env.cr.execute(
        """
        INSERT INTO sale_order (name, state, date_order, partner_id,
                                partner_invoice_id, partner_shipping_id,
                                company_id, user_id, create_date, write_date)
        SELECT 'BENCH-SO' || g, 'sale', now() - (g %% 700) * interval '1 day',
               c, c, c, %(company)s, %(user)s, now(), now()
          FROM generate_series(1, %(docs)s) g,
               LATERAL (SELECT (%(clients)s::int[])[1 + g %% %(n)s] AS c) cl
        """,
        {
            "clients": clients,
            "n": len(clients),
            "docs": n_docs,
            "company": env.company.id,
            "user": env.user.id,
        },
    )


def create_invoices(env, clients, n_docs):
    """Posted customer invoices (header only: the backfill reads no line)."""
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    env.cr.execute(
        """
        INSERT INTO account_move (name, state, move_type, date, invoice_date,
                                  journal_id, currency_id, company_id,
                                  partner_id, commercial_partner_id,
                                  invoice_user_id, auto_post, create_date,
                                  write_date)
        SELECT 'BENCH/INV/' || g, 'posted', 'out_invoice', d, d,
               %(journal)s, %(currency)s, %(company)s, c, c, %(user)s, 'no',
               now(), now()
          FROM generate_series(1, %(docs)s) g,
               LATERAL (SELECT (%(clients)s::int[])[1 + g %% %(n)s] AS c,
                               (now() - (g %% 700) * interval '1 day')::date AS d) x
        """,
        {
            "clients": clients,
            "n": len(clients),
            "docs": n_docs,
            "journal": journal.id,
            "currency": env.company.currency_id.id,
            "company": env.company.id,
            "user": env.user.id,
        },
    )


def create_messages(env, clients, n_docs, kind):
    """Done activities (``activity``) or e-mails sent to the client."""
    cr = env.cr
    activity = kind == "activity"
    cr.execute(
        """
        INSERT INTO mail_message (model, res_id, message_type, subtype_id,
                                  mail_activity_type_id, author_id, body, date,
                                  create_date, write_date)
        SELECT 'res.partner', (%(clients)s::int[])[1 + g %% %(n)s],
               %(type)s, %(subtype)s, %(activity_type)s,
               %(author)s, '<p>Bench document ' || g || '</p>',
               now() - (g %% 700) * interval '1 day', now(), now()
          FROM generate_series(1, %(docs)s) g
        RETURNING id
        """,
        {
            "clients": clients,
            "n": len(clients),
            "type": "notification" if activity else "comment",
            "subtype": env.ref(
                "mail.mt_activities" if activity else "mail.mt_comment"
            ).id,
            "activity_type": (
                env.ref("mail.mail_activity_data_call").id if activity else None
            ),
            "author": env.user.partner_id.id,
            "docs": n_docs,
        },
    )
    message_ids = [row[0] for row in cr.fetchall()]
    if not activity:  # an e-mail sent to the client: it is a recipient
        cr.execute(
            """
            INSERT INTO mail_message_res_partner_rel
                   (mail_message_id, res_partner_id)
            SELECT m.id, m.res_id FROM mail_message m WHERE m.id = ANY(%s)
            """,
            [message_ids],
        )


CREATORS = {
    "sale": create_orders,
    "invoice": create_invoices,
    "activity": lambda env, clients, n: create_messages(env, clients, n, "activity"),
    "email": lambda env, clients, n: create_messages(env, clients, n, "email"),
}


def default_sources(env):
    """Orders and invoices when their bridges are installed, else messages."""
    available = env["client.interaction"]._client_interaction_backfill_sources()
    sources = [name for name in ("sale", "invoice") if name in available]
    return sources or ["activity", "email"]


def backfill_floor(env):
    """PostgreSQL floor: one ``INSERT ... SELECT`` of every document of every
    source into the history (the same columns and unique key, no figures),
    under ``EXPLAIN ANALYZE`` and rolled back: what recording the documents
    in one statement costs."""
    from odoo.tools import SQL

    Interaction = env["client.interaction"]
    seconds = 0.0
    for source in Interaction._client_interaction_backfill_sources():
        if not Interaction._client_interaction_enabled(source):
            continue
        query = getattr(Interaction, f"_client_interaction_backfill_{source}_sql")(
            0, None
        )
        with env.cr.savepoint(flush=False) as savepoint:
            env.cr.execute(
                SQL(
                    """EXPLAIN (ANALYZE, FORMAT JSON)
                       INSERT INTO client_interaction (partner_id, date, channel,
                              group_id, user_id, summary, company_id, origin,
                              res_model, res_id)
                       SELECT p.commercial_partner_id, src.date, src.channel,
                              src.group_id, src.user_id,
                              COALESCE(NULLIF(src.summary, ''), %(origin)s),
                              COALESCE(src.company_id, p.company_id, %(company)s),
                              %(origin)s, src.res_model, src.res_id
                         FROM (%(query)s) src
                         JOIN res_partner p ON p.id = src.partner_ref
                        WHERE src.date IS NOT NULL
                       ON CONFLICT (res_model, res_id) DO NOTHING""",
                    query=query,
                    origin=source,
                    company=env.company.id,
                )
            )
            seconds += env.cr.fetchone()[0][0]["Execution Time"] / 1000.0
            savepoint.rollback()
    return seconds


def run_backfill(env, batch, label):
    """Rewind the backfill and run it through Odoo's scheduler
    (``ir.cron._process_job``: a committed transaction per call, up to 10
    calls a pass, passes while the job is ready)."""
    import importlib
    from unittest.mock import patch

    from bench_common import drive_cron

    Interaction = env["client.interaction"]
    before = Interaction.search_count([])
    Interaction.action_backfill_now()
    env.cr.commit()
    module = importlib.import_module(
        "odoo.addons.client_base.models.client_interaction_backfill"
    )
    with patch.object(module, "BACKFILL_BATCH", batch):
        run = drive_cron(
            env.registry,
            "client_base.ir_cron_client_interaction_backfill",
            label,
            log=lambda text: say(text) if "call" not in text.split(":")[0] else None,
        )
    env.cr.commit()  # a new snapshot: see what the scheduler committed
    env.invalidate_all()
    created = Interaction.search_count([]) - before
    calls = run["call_list"]
    for index, call in enumerate(calls, 1):
        if index % 20 == 1 or index == len(calls):
            say(
                f"  {label} call {index:4d}: read {call.get('done', 0):6,} "
                f"remaining {call.get('remaining', 0):9,}  ({call['seconds']:.2f} s)"
            )
    say(
        f"{label}: {run['passes']} scheduler passes, {run['calls']} calls, "
        f"{run['seconds']:.1f} s, {created:,} interactions created; slowest call "
        f"{run['slowest_call_s']:.2f} s (budget 10 s)"
        + ("; STALLED" if run["stalled"] else "")
        + (f"; {run['errors']} failed calls" if run["errors"] else "")
    )
    return created, run["seconds"]


def time_timeline(env, partner_id, runs=20):
    Interaction = env["client.interaction"]
    domain = [("partner_id", "=", partner_id)]
    fields = ["date", "partner_id", "contact_id", "group_id", "channel", "summary"]
    page, months = [], []
    for _run in range(runs):
        env.invalidate_all()
        t0 = time.perf_counter()
        Interaction.search_fetch(domain, fields, limit=80)
        page.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        Interaction._read_group(domain, ["date:month"], ["__count"])
        months.append((time.perf_counter() - t0) * 1000)
    return statistics.median(page), statistics.median(months)


def main(env):
    n_docs = int(os.environ.get("BENCH_DOCS", "200000"))
    n_clients = int(os.environ.get("BENCH_CLIENTS", "20000"))
    batch = int(os.environ.get("BENCH_BATCH", "5000"))
    sources = [
        name.strip()
        for name in os.environ.get("BENCH_SOURCES", "").split(",")
        if name.strip()
    ] or default_sources(env)
    say(
        f"== bench_interaction: {n_docs:,} documents ({', '.join(sources)}), "
        f"batch {batch:,} =="
    )
    big, small = create_documents(env, n_docs, n_clients, sources)
    env.cr.commit()
    floor = backfill_floor(env)
    say(f"PostgreSQL floor (one INSERT ... SELECT of every document): {floor:.2f} s")
    created, seconds = run_backfill(env, batch, "first run")
    if floor:
        say(f"first run / floor: {seconds / floor:.2f}x")
    if created:
        say(
            f"throughput {created / seconds:,.0f} interactions/s; "
            f"1,000,000 documents would take {1_000_000 / (created / seconds):.0f} s"
        )
    again, _seconds = run_backfill(env, batch, "second run")
    say(f"second run created {again} interactions (expected 0)")
    # Timeline: 10,000 interactions for one client, 10 for another.
    env.cr.execute(
        """
        INSERT INTO client_interaction (partner_id, date, channel, summary,
                                        company_id, origin, create_date,
                                        write_date)
        SELECT CASE WHEN g <= 10000 THEN %(big)s ELSE %(small)s END,
               now() - (g %% 900) * interval '1 day', 'call_out',
               'Bench interaction ' || g, %(company)s, 'manual', now(), now()
          FROM generate_series(1, 10010) g
        """,
        {"big": big, "small": small, "company": env.company.id},
    )
    env["client.interaction"]._client_refresh_partner_stats([big, small])
    env.cr.execute("ANALYZE client_interaction")
    total = env["client.interaction"].search_count([])
    for label, partner_id in (("10,000", big), ("10", small)):
        page_ms, month_ms = time_timeline(env, partner_id)
        count = env["res.partner"].browse(partner_id).client_interaction_count
        say(
            f"timeline of a client with {label:>6} interactions (stored count "
            f"{count:,}, table {total:,} rows): first page {page_ms:.2f} ms, "
            f"months {month_ms:.2f} ms (median of 20)"
        )
    env.cr.execute(
        "EXPLAIN SELECT id FROM client_interaction WHERE partner_id = %s"
        " ORDER BY date DESC, id DESC LIMIT 80",
        [big],
    )
    say("plan: " + " / ".join(row[0].strip() for row in env.cr.fetchall()))
    env.cr.rollback()
    say("the timeline rows rolled back; the documents and the history stay")


if "env" in globals():
    main(globals()["env"])
