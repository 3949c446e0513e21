#!/usr/bin/env python3
"""Load the Client Base demo dataset into an Odoo 18.0 database.

Called by ``make demo`` (tools/demo.sh)::

    $ODOO_PYTHON tools/dataset/demo_data.py --addons-path=... --data-dir=... \\
        -d client_base_demo --clients 2000

Every option Odoo knows (``-d``, ``--addons-path``, ``--db_host``...) is
passed on to Odoo. Own options: see ``--help``. Idempotent: the dataset's
seed and sizes are stored in the system parameter ``client_base.demo_dataset``;
when it is there nothing is done unless ``--force`` (which adds another
dataset on top: use it on a scratch database), except the parts of the apps
installed since (sales orders when ``sale`` is installed, sent mailings when
``mass_mailing`` is): they are added once, and listed in the parameter.

``--check`` creates invoices and refunds through the ORM and the same ones
through the bulk SQL path, compares them column by column, rolls back and
exits 1 on any difference.
"""

import argparse
import json
import logging
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

_logger = logging.getLogger("client_base.demo_data")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Other options are passed to Odoo (e.g. -d DB --addons-path=...).",
    )
    parser.add_argument("--clients", type=int, default=2000, help="client companies")
    parser.add_argument("--persons", type=int, help="contact persons (2.5 per client)")
    parser.add_argument(
        "--invoice-lines",
        "--lines",
        dest="lines",
        type=int,
        help="target posted invoice lines (default 40 per client)",
    )
    parser.add_argument("--months", type=int, default=24, help="history, in months")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--companies", type=int, choices=(1, 2), default=2)
    parser.add_argument(
        "--partners",
        choices=("auto", "orm", "sql"),
        default="auto",
        help="how partners are created (auto = sql: COPY, then the ORM computes"
        " the add-ons' stored fields; orm: create())",
    )
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="benchmark mode: no interactions, move indexes rebuilt after the load",
    )
    parser.add_argument(
        "--interactions",
        type=float,
        default=5.0,
        help="mean client.interaction records per client, when that model exists",
    )
    parser.add_argument(
        "--sale-orders",
        type=int,
        help="sales orders, when sale is installed (default 15 per 100 buying clients)",
    )
    parser.add_argument("--no-lang", action="store_true", help="do not activate ru_RU")
    parser.add_argument("--force", action="store_true", help="generate even if loaded")
    parser.add_argument("--check", action="store_true", help="SQL vs ORM cross-check")
    parser.add_argument("--json", help="write the statistics to this file")
    parser.add_argument(
        "--users-file",
        help="write the table of the demo users there instead of printing it",
    )
    return parser.parse_known_args(argv)


def odoo_env(odoo_args):
    """Bootstrap Odoo like ``odoo shell``: yields (registry, superuser env)."""
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args, setup_logging=True)
    dbname = config["db_name"]
    if not dbname or "," in dbname:
        raise SystemExit("demo_data.py: give one database with -d DB")
    registry = Registry(dbname)
    return odoo, registry


def marker_value(args, stats):
    value = {
        "seed": args.seed,
        "clients": stats["clients"],
        "persons": stats["persons"],
        "moves": stats["moves"],
        "invoice_lines": stats["invoice_lines"],
        "months": args.months,
        "companies": stats["companies"],
    }
    value.update(document_marks(stats.get("documents", {})))
    return json.dumps(value, sort_keys=True)


def document_marks(documents):
    """The marker entries of generated document parts: {part: count}."""
    keys = {
        "sale_orders": "orders",
        "mailings": "mailings",
        "workspaces": "activities",
        "campaign": "calls",
    }
    return {part: counts.get(keys[part], 0) for part, counts in documents.items()}


def documents_summary(documents):
    parts = []
    sales = documents.get("sale_orders")
    if sales:
        parts.append(
            "{orders} sales orders ({confirmed} confirmed, {quotations} quotations,"
            " {cancelled} cancelled; {interactions} interactions)".format(**sales)
        )
    mailings = documents.get("mailings")
    if mailings:
        parts.append(
            "{mailings} sent mailings to {recipients} recipients ({opened} opened,"
            " {replied} replied; {interactions} interactions)".format(
                **dict({"interactions": 0}, **mailings)
            )
        )
    workspaces = documents.get("workspaces")
    if workspaces:
        parts.append(
            "workspaces: {users} role users, {classified} clients classified,"
            " {activities} planned tasks, {documents} signed originals to"
            " collect".format(**dict({"classified": 0}, **workspaces))
        )
    campaign = documents.get("campaign")
    if campaign:
        parts.append(
            "a running agency verification campaign of {calls} clients"
            " ({done} called)".format(**campaign)
        )
    return "; ".join(parts)


def add_documents(env, args, existing):
    """Add the document parts a loaded dataset lacks; None if nothing to do."""
    import dataset_extra
    import dataset_sql

    from odoo import fields

    marker = json.loads(existing)
    todo = [p for p in dataset_extra.document_parts(env) if p not in marker]
    if not todo:
        return None
    tic = time.perf_counter()
    ctx = dataset_sql.setup_base(
        env,
        marker.get("seed", args.seed),
        companies=marker.get("companies", args.companies),
        months=marker.get("months", args.months),
        lang=False,
    )
    ctx["today"] = fields.Date.context_today(env.user)
    documents = dataset_extra.populate_documents(
        env, ctx, todo, args.sale_orders, n_clients=marker.get("clients")
    )
    marker.update(document_marks(documents))
    env["ir.config_parameter"].sudo().set_param(
        dataset_sql.MARKER, json.dumps(marker, sort_keys=True)
    )
    return {"documents": documents, "seconds": round(time.perf_counter() - tic, 2)}


def run_generate(env, args):
    import dataset_extra
    import dataset_sql

    Param = env["ir.config_parameter"].sudo()
    existing = Param.get_param(dataset_sql.MARKER)
    if existing and not args.force:
        dataset_sql.ensure_access(env)
        added = add_documents(env, args, existing)
        if added:
            summary = documents_summary(added["documents"])
            _logger.info("demo dataset already loaded, added: %s", summary)
            print(
                f"demo dataset already loaded; added {summary} in {added['seconds']} s"
            )
            return None
        _logger.info("demo dataset already loaded (%s): nothing to do", existing)
        print(f"demo dataset already loaded: {existing}")
        return None
    tic = time.perf_counter()
    stats = dataset_sql.generate(
        env,
        clients=args.clients,
        lines=args.lines,
        months=args.months,
        seed=args.seed,
        companies=args.companies,
        persons=args.persons,
        partners="sql" if args.bulk else args.partners,
        lang=not args.no_lang,
        drop_indexes=args.bulk,
    )
    if not args.bulk and args.interactions > 0:
        tic2 = time.perf_counter()
        stats["interactions"] = dataset_extra.populate(env, stats, args.interactions)
        stats["timings"]["extras"] = round(time.perf_counter() - tic2, 2)
    if args.bulk:  # benchmark database: no documents, now or later
        stats["documents"] = {part: {} for part in dataset_extra.DOCUMENT_PARTS}
    else:
        tic2 = time.perf_counter()
        stats["documents"] = dataset_extra.populate_documents(
            env,
            stats["ctx"],
            dataset_extra.document_parts(env),
            args.sale_orders,
            n_clients=stats["clients"],
        )
        stats["timings"]["documents"] = round(time.perf_counter() - tic2, 2)
    stats["timings"]["total"] = round(time.perf_counter() - tic, 2)
    Param.set_param(dataset_sql.MARKER, marker_value(args, stats))
    stats.pop("ctx")
    stats.pop("plan")
    rate = stats["all_lines"] / max(stats["timings"]["moves"], 0.001)
    stats["move_lines_per_s"] = round(rate)
    return stats


def database_figures(env):
    """The figures of ``dataset_pure.demo_figures`` as the database has them
    (those of the parts it has)."""
    import dataset_sql

    marker = json.loads(
        env["ir.config_parameter"].sudo().get_param(dataset_sql.MARKER) or "{}"
    )
    figures = {key: marker[key] for key in ("clients", "persons") if key in marker}
    if "sale_orders" in marker and "sale.order" in env:
        Order = env["sale.order"].sudo()
        figures["sale_orders"] = Order.search_count([])
        figures["confirmed"] = Order.search_count([("state", "=", "sale")])
        figures["quotations"] = Order.search_count([("state", "in", ("draft", "sent"))])
        figures["cancelled"] = Order.search_count([("state", "=", "cancel")])
    if "mailings" in marker and "mailing.trace" in env:
        mailings = env["mailing.mailing"].browse(
            [
                dataset_sql._xmlid_record(env, f"mailing_{key}", "mailing.mailing").id
                for key in ("spring", "webinar")
            ]
        )
        Trace = env["mailing.trace"].sudo()
        domain = [("mass_mailing_id", "in", mailings.ids)]
        figures["mailing_recipients"] = Trace.search_count(domain)
        figures["mailing_opened"] = Trace.search_count(
            domain + [("trace_status", "in", ("open", "reply"))]
        )
        figures["mailing_replied"] = Trace.search_count(
            domain + [("trace_status", "=", "reply")]
        )
    if "campaign" in marker:
        campaign = dataset_sql._xmlid_record(
            env, "verification_campaign", "client.verification.campaign"
        )
        if campaign:
            figures["campaign_calls"] = len(campaign.line_ids)
            figures["campaign_done"] = len(
                campaign.line_ids.filtered(lambda line: line.outcome != "pending")
            )
    return figures, marker


def check_figures(env):
    """Print whether the database has the figures the generator guarantees
    (README.rst states those of the default sizes); returns the mismatches."""
    import dataset_pure

    figures, marker = database_figures(env)
    if not marker:
        return []
    expected = dataset_pure.demo_figures(
        marker.get("seed", 42), marker.get("clients", 2000), marker.get("persons")
    )
    wrong = [
        f"{key}: {value} in the database, {expected[key]} expected"
        for key, value in sorted(figures.items())
        if key in expected and value != expected[key]
    ]
    for line in wrong:
        print(f"  FIGURE DIFFERS {line}")
        _logger.warning("demo figure differs: %s", line)
    if not wrong:
        print(
            "  figures: as dataset_pure.demo_figures guarantees for these sizes"
            " (README.rst states those of the default sizes)"
        )
    return wrong


def role_rows(env):
    """[(role, login, password, lands on)] of the demo users, their landing
    read from the database (a difference from dataset_pure.DEMO_ROLES is
    said)."""
    import dataset_pure

    Users = env["res.users"].sudo().with_context(lang="en_US", active_test=False)
    rows = []
    for role, logins, landing, xmlid in dataset_pure.DEMO_ROLES:
        for login in logins:
            user = Users.search([("login", "=", login)])
            if not user:
                continue
            actual = user.action_id
            expected = xmlid and env.ref(xmlid, raise_if_not_found=False)
            if xmlid and (not expected or actual.id != expected.id):
                landing = f"{actual.name or 'Discuss'} (expected {landing})"
            rows.append((role, login, dataset_pure.role_password(login), landing))
    return rows


def format_roles(rows):
    """The demo users as a text table (one line per user)."""
    header = ("Role", "Login", "Password", "Lands on")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(cells):
        return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))

    rule = "  " + "  ".join("-" * w for w in widths)
    lines = [rule, line(header), rule] + [line(row) for row in rows] + [rule]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def main(argv=None):
    args, odoo_args = parse_args(sys.argv[1:] if argv is None else argv)
    odoo, registry = odoo_env(odoo_args)
    warnings.simplefilter("default")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        if "account.move" not in env:
            raise SystemExit("demo_data.py: the account module is not installed")
        if args.check:
            import dataset_check

            errors = dataset_check.check(env, seed=args.seed)
            cr.rollback()
            for error in errors:
                print(f"MISMATCH {error}")
            print(f"check: {len(errors)} mismatch(es)")
            return 1 if errors else 0
        stats = run_generate(env, args)
        cr.commit()
    # tell running Odoo servers to drop their caches (companies of the admin...)
    registry.signal_changes()
    if stats is not None:
        print_stats(stats, args)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        check_figures(env)
        rows = role_rows(env)
    if rows:
        table = format_roles(rows)
        if args.users_file:
            with open(args.users_file, "w", encoding="utf-8") as handle:
                handle.write(table)
        else:
            print(table, end="")
    return 0


def print_stats(stats, args):
    print(
        "demo dataset loaded: {clients} clients, {persons} contacts, {moves} invoices"
        " and refunds, {invoice_lines} invoice lines, {interactions} interactions"
        " in {total} s".format(
            total=stats["timings"]["total"],
            **dict(stats, interactions=sum(stats.get("interactions", {}).values())),
        )
    )
    if documents_summary(stats["documents"]):
        print(f"  and {documents_summary(stats['documents'])}")
    if args.json:
        summary = json.dumps(stats, indent=1, sort_keys=True, default=str)
        with open(args.json, "w", encoding="utf-8") as handle:
            handle.write(summary)


if __name__ == "__main__":
    sys.exit(main())
