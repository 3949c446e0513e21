"""Cross-check of the bulk SQL path against Odoo's own ORM (needs Odoo).

``check(env, seed, count=20)`` creates partners, then ``count`` invoices and
refunds (two companies, company and foreign currencies, contact persons)
through the ORM (``create`` + ``action_post``), and the same ones through
``dataset_sql`` (COPY), then compares:

* every column of ``res_partner``, ``account_move`` and
  ``account_move_line``, except ids, timestamps and the names that follow
  from the sequence (which must each be consistent with their own move);
* the followers of each move and the partners' ``customer_rank``;
* totals: a ``_read_group`` over account.move.line and over
  account.invoice.report gives the same sums for both sets, equal to the
  sums the SQL generator computed itself.

Returns a list of mismatch descriptions (empty: all good). The caller rolls
back (``tools/dataset/demo_data.py --check``).
"""

import copy
import datetime
import logging

import dataset_pure as pure
import dataset_sql

from odoo import Command, fields

_logger = logging.getLogger("client_base.demo_data")

PARTNER_IGNORE = {
    "id",
    "create_date",
    "write_date",
    "parent_id",
    "commercial_partner_id",
}
MOVE_IGNORE = {
    "id",
    "name",
    "sequence_number",
    "payment_reference",
    "create_date",
    "write_date",
}
MOVE_MAPPED = {"partner_id", "commercial_partner_id", "partner_shipping_id"}
LINE_IGNORE = {"id", "move_id", "move_name", "create_date", "write_date"}


def _norm(value):
    if isinstance(value, float) or type(value).__name__ == "Decimal":
        return round(float(value), 6)
    return value


def _rows(env, table, ids, order="id"):
    env.flush_all()
    env.cr.execute(
        f"SELECT * FROM {table} WHERE id = ANY(%s) ORDER BY {order}",
        [list(ids)],
    )
    return env.cr.dictfetchall()


def _compare(errors, label, orm_row, sql_row, ignore, mapping=None):
    for column, orm_value in orm_row.items():
        if column in ignore:
            continue
        sql_value = sql_row.get(column)
        if mapping and column in mapping and orm_value is not None:
            orm_value = mapping[column].get(orm_value, orm_value)
        if _norm(orm_value) != _norm(sql_value):
            errors.append(f"{label}.{column}: ORM {orm_value!r} != SQL {sql_value!r}")


def _partner_pair(env, ctx, errors, seed, n_companies=30, n_persons=50):
    """Create twin partners via ORM and SQL; returns {orm id: sql id}, plan items."""
    companies = [pure.company_values(seed, 10**6 + i) for i in range(n_companies)]
    items = []
    for index, values in enumerate(companies):
        profile = pure.make_profile(seed, index, ctx["months"])
        items.append(
            {
                "values": values,
                "profile": profile,
                "seller": index % len(ctx["companies"]),
                "persons": [],
            }
        )
    people = [
        (i % n_companies, pure.make_person(seed, 10**6 + i, companies[i % n_companies]))
        for i in range(n_persons)
    ]
    plan_orm, plan_sql = copy.deepcopy(items), copy.deepcopy(items)
    dataset_sql.create_partners(env, ctx, plan_orm, people, method="orm")
    dataset_sql.create_partners(env, ctx, plan_sql, people, method="sql")
    mapping = {}
    for orm_item, sql_item in zip(plan_orm, plan_sql, strict=True):
        mapping[orm_item["id"]] = sql_item["id"]
        mapping.update(zip(orm_item["persons"], sql_item["persons"], strict=True))
    orm_rows = _rows(env, "res_partner", mapping.keys())
    sql_rows = {row["id"]: row for row in _rows(env, "res_partner", mapping.values())}
    for orm_row in orm_rows:
        sql_row = sql_rows[mapping[orm_row["id"]]]
        _compare(
            errors, f"res_partner[{orm_row['name']}]", orm_row, sql_row, PARTNER_IGNORE
        )
        for column in ("parent_id", "commercial_partner_id"):
            expected = mapping.get(orm_row[column], orm_row[column])
            if expected != sql_row[column]:
                errors.append(f"res_partner.{column}: {expected} != {sql_row[column]}")
    return mapping, plan_orm


def _specs(ctx, plan, count, seed):
    rng = pure.client_rng(seed, "check", 0)
    today = ctx["today"]
    specs = []
    for i in range(count):
        item = plan[i % len(plan)]
        info = ctx["companies"][item["seller"]]
        currency_id = info["currency_id"]
        if i % 3 == 2:
            others = [c for c in ctx["currencies"].values() if c != currency_id]
            currency_id = others[i % len(others)]
        day = today - datetime.timedelta(days=17 + 37 * i)
        lines = [
            (
                rng.randrange(len(ctx["products"])),
                float(rng.choice((1, 2, 3, 7, 12.5))),
                round(rng.uniform(1, 5000), 2),
            )
            for _j in range(1 + i % 4)
        ]
        partner = (
            item["id"] if not (i % 5 == 4 and item["persons"]) else item["persons"][0]
        )
        specs.append(
            {
                "company": item["seller"],
                "move_type": "out_refund" if i % 4 == 3 else "out_invoice",
                "date": day,
                "due": day + datetime.timedelta(days=(0, 30, 45)[i % 3]),
                "partner_id": partner,
                "currency_id": currency_id,
                "user_id": item.get("user_id") or None,
                "lines": lines,
            }
        )
    return specs


def _orm_moves(env, ctx, specs):
    moves = env["account.move"]
    for spec in specs:
        info = ctx["companies"][spec["company"]]
        move = (
            env["account.move"]
            .with_company(info["id"])
            .create(
                {
                    "move_type": spec["move_type"],
                    "journal_id": info["journal_id"],
                    "partner_id": spec["partner_id"],
                    "invoice_date": spec["date"],
                    "invoice_date_due": spec["due"],
                    "currency_id": spec["currency_id"],
                    "invoice_user_id": spec["user_id"] or False,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": ctx["products"][pidx]["id"],
                                "quantity": qty,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                            }
                        )
                        for pidx, qty, price in spec["lines"]
                    ],
                }
            )
        )
        move.action_post()
        moves |= move
    env.flush_all()
    return moves.ids


def _compare_moves(env, errors, orm_ids, sql_ids, mapping):
    orm_moves = _rows(env, "account_move", orm_ids)
    sql_moves = _rows(env, "account_move", sql_ids)
    for orm_row, sql_row in zip(orm_moves, sql_moves, strict=True):
        label = f"account_move[{orm_row['name']}]"
        _compare(
            errors,
            label,
            orm_row,
            sql_row,
            MOVE_IGNORE,
            {k: mapping for k in MOVE_MAPPED},
        )
        for row in (orm_row, sql_row):
            if row["payment_reference"] != _reference(row):
                errors.append(f"{label}.payment_reference {row['payment_reference']!r}")
        if (
            sql_row["name"]
            != f"{sql_row['sequence_prefix']}{sql_row['sequence_number']:05d}"
        ):
            errors.append(f"{label}.name {sql_row['name']!r} vs sequence")
        _compare_lines(env, errors, label, orm_row, sql_row, mapping)


def _reference(move_row):
    """payment_reference (and payment term label) Odoo gives a posted move."""
    return move_row["name"] if move_row["move_type"] == "out_invoice" else None


def _compare_lines(env, errors, label, orm_move, sql_move, mapping):
    order = "display_type, sequence, id"
    env.cr.execute(
        f"SELECT id FROM account_move_line WHERE move_id = %s ORDER BY {order}",
        [orm_move["id"]],
    )
    orm_lines = _rows(
        env, "account_move_line", [r[0] for r in env.cr.fetchall()], order
    )
    env.cr.execute(
        f"SELECT id FROM account_move_line WHERE move_id = %s ORDER BY {order}",
        [sql_move["id"]],
    )
    sql_lines = _rows(
        env, "account_move_line", [r[0] for r in env.cr.fetchall()], order
    )
    if len(orm_lines) != len(sql_lines):
        errors.append(
            f"{label}: {len(orm_lines)} ORM lines != {len(sql_lines)} SQL lines"
        )
        return
    for orm_line, sql_line in zip(orm_lines, sql_lines, strict=True):
        ignore = set(LINE_IGNORE)
        if orm_line["display_type"] == "payment_term":
            ignore.add("name")
            if sql_line["name"] != _reference(sql_move) or orm_line[
                "name"
            ] != _reference(orm_move):
                errors.append(f"{label}: payment term label is not the move name")
        _compare(
            errors,
            f"{label}.line[{orm_line['display_type']}]",
            orm_line,
            sql_line,
            ignore,
            {"partner_id": mapping},
        )
        if sql_line["move_name"] != sql_move["name"]:
            errors.append(f"{label}: SQL line move_name {sql_line['move_name']!r}")
    env.cr.execute(
        "SELECT sum(debit) - sum(credit) FROM account_move_line WHERE move_id = %s",
        [sql_move["id"]],
    )
    if abs(env.cr.fetchone()[0]) > 0.001:
        errors.append(f"{label}: SQL move is not balanced")


def _compare_followers(env, errors, orm_ids, sql_ids, mapping):
    def followers(ids):
        env.cr.execute(
            "SELECT res_id, array_agg(partner_id ORDER BY partner_id)"
            " FROM mail_followers"
            " WHERE res_model = 'account.move' AND res_id = ANY(%s) GROUP BY res_id",
            [list(ids)],
        )
        return dict(env.cr.fetchall())

    orm_f, sql_f = followers(orm_ids), followers(sql_ids)
    for orm_id, sql_id in zip(orm_ids, sql_ids, strict=True):
        expected = sorted(mapping.get(p, p) for p in orm_f.get(orm_id, []))
        if expected != sorted(sql_f.get(sql_id, [])):
            errors.append(
                f"followers of move {orm_id}: {expected} != {sql_f.get(sql_id)}"
            )
    env.cr.execute(
        "SELECT id, customer_rank FROM res_partner WHERE id = ANY(%s)",
        [list(mapping) + list(mapping.values())],
    )
    ranks = dict(env.cr.fetchall())
    for orm_id, sql_id in mapping.items():
        if ranks[orm_id] != ranks[sql_id]:
            errors.append(
                f"customer_rank {ranks[orm_id]} (ORM) != {ranks[sql_id]} (SQL)"
            )


def _compare_totals(env, errors, ctx, orm_ids, sql_ids, expected):
    Line = env["account.move.line"]
    aggregates = [
        "balance:sum",
        "amount_currency:sum",
        "price_subtotal:sum",
        "quantity:sum",
    ]
    totals = []
    for ids in (orm_ids, sql_ids):
        groups = Line._read_group(
            [("move_id", "in", ids), ("display_type", "=", "product")],
            ["company_id", "move_type"],
            aggregates,
        )
        totals.append(
            {(c.id, t): tuple(round(v, 2) for v in vals) for c, t, *vals in groups}
        )
    if totals[0] != totals[1]:
        errors.append(f"read_group aml: ORM {totals[0]} != SQL {totals[1]}")
    own = {k: v[0] for k, v in totals[1].items()}
    if own != expected:
        errors.append(f"read_group aml balance {own} != generator sums {expected}")
    Report = env["account.invoice.report"]
    report = []
    for ids in (orm_ids, sql_ids):
        groups = Report._read_group(
            [("move_id", "in", ids)],
            ["company_id", "move_type"],
            ["price_subtotal:sum", "quantity:sum"],
        )
        report.append({(c.id, t): (round(s, 2), round(q, 2)) for c, t, s, q in groups})
    if report[0] != report[1]:
        errors.append(f"account.invoice.report: ORM {report[0]} != SQL {report[1]}")
    if not report[1]:
        errors.append("account.invoice.report: no row for the SQL moves")


def check(env, seed=42, count=20):
    """Run the cross-check; returns a list of mismatches (see module doc)."""
    errors = []
    ctx = dataset_sql.setup_base(env, seed, companies=2, months=24, lang=True)
    ctx["today"] = fields.Date.context_today(env.user)
    mapping, plan = _partner_pair(env, ctx, errors, seed)
    specs = _specs(ctx, plan, count, seed)
    orm_ids = _orm_moves(env, ctx, specs)
    sql_specs = copy.deepcopy(specs)
    for spec in sql_specs:
        spec["partner_id"] = mapping[spec["partner_id"]]
    dataset_sql._fill_partner(
        sql_specs, dataset_sql._partner_names(env, {s["partner_id"] for s in sql_specs})
    )
    sql_ids = dataset_sql.insert_moves(env, ctx, sql_specs)
    expected = {}
    for spec in sql_specs:
        info = ctx["companies"][spec["company"]]
        rate = dataset_sql.conversion_rate(info, spec["currency_id"], spec["date"])
        sign = -1 if spec["move_type"] == "out_invoice" else 1
        key = (info["id"], spec["move_type"])
        for _pidx, qty, price in spec["lines"]:
            balance = dataset_sql._round(sign * dataset_sql._round(qty * price) / rate)
            expected[key] = round(expected.get(key, 0.0) + balance, 2)
    _compare_moves(env, errors, orm_ids, sql_ids, mapping)
    _compare_followers(env, errors, orm_ids, sql_ids, mapping)
    _compare_totals(env, errors, ctx, orm_ids, sql_ids, expected)
    _logger.info(
        "check: %d ORM moves vs %d SQL moves, %d partners, %d mismatches",
        len(orm_ids),
        len(sql_ids),
        2 * len(mapping),
        len(errors),
    )
    return errors
