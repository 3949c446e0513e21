#!/usr/bin/env python3
"""Measure the data-quality features against what the demo generator planted.

The demo generator (``tools/dataset/dataset_sql.py``) records in the system parameter
``client_base.demo_dataset_truth`` the near-duplicates, the branches (same
INN, own KPP: not duplicates) and the invalid values it planted. This script
refreshes the duplicate flags (unless ``--no-refresh``) and prints:

* per field: planted invalid values, flagged ones (``client_invalid_fields``),
  both, and examples of the differences;
* suspected duplicates: flagged partners, and the precision and recall of the
  flagged clusters against the planted ones, counted in pairs of partners,
  for companies (and their contacts) and individuals separately (with the
  recall per kind of planted individual duplicate and the households, which
  must not be flagged); flagged branches.

Usage (Odoo's python, from the repository)::

    $ODOO_PYTHON tools/dataset/dataset_quality_check.py --addons-path=... -d DB \
        [--json F]

Nothing is committed unless ``--commit`` is given (the refreshed flags).
"""

import argparse
import itertools
import json
import re
import sys

TRUTH = "client_base.demo_dataset_truth"
FIELDS = (
    "phone",
    "mobile",
    "client_phone_extra",
    "email",
    "client_email_personal",
    "website",
    "vat",
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-refresh", action="store_true")
    parser.add_argument("--commit", action="store_true")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--examples", type=int, default=5)
    return parser.parse_known_args(argv)


def cluster_pairs(members):
    """All pairs within each cluster: ``{cluster: [ids]}`` -> set of pairs."""
    pairs = set()
    for ids in members.values():
        pairs.update(itertools.combinations(sorted(set(ids)), 2))
    return pairs


def planted_clusters(pairs):
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
    return members


def ratio(part, whole):
    return round(100.0 * part / whole, 1) if whole else None


def measure(env, refresh=True, examples=5):
    cr = env.cr
    raw = env["ir.config_parameter"].sudo().get_param(TRUTH)
    if not raw:
        raise SystemExit(f"no {TRUTH} parameter: generate the demo dataset first")
    truth = json.loads(raw)
    low, high = truth.get("partner_range", [0, 2**31 - 1])
    result = {"seed": truth.get("seed"), "invalid": {}, "duplicates": {}}
    if refresh:
        result["refresh_rows_changed"] = env[
            "res.partner"
        ]._client_refresh_duplicate_flags()
    cr.execute(
        """SELECT id, client_invalid_fields FROM res_partner
            WHERE id BETWEEN %s AND %s AND client_invalid_fields IS NOT NULL""",
        [low, high],
    )
    flagged_by_field = {}
    for pid, text in cr.fetchall():
        for key in re.findall(r"[a-z_]+", text or ""):
            flagged_by_field.setdefault(key, set()).add(pid)
    names = {}

    def name_of(pid):
        if pid not in names:
            cr.execute("SELECT complete_name FROM res_partner WHERE id = %s", [pid])
            row = cr.fetchone()
            names[pid] = row[0] if row else "?"
        return f"{pid} {names[pid]}"

    for field in FIELDS:
        planted = set(truth["invalid"].get(field, ()))
        flagged = flagged_by_field.get(field, set())
        both = planted & flagged
        result["invalid"][field] = {
            "planted": len(planted),
            "flagged": len(flagged),
            "both": len(both),
            "flagged_not_planted": len(flagged - planted),
            "planted_not_flagged": len(planted - flagged),
            "examples_flagged_not_planted": [
                name_of(p) for p in sorted(flagged - planted)[:examples]
            ],
            "examples_planted_not_flagged": [
                name_of(p) for p in sorted(planted - flagged)[:examples]
            ],
        }
    individual_pairs = [tuple(p[:2]) for p in truth.get("individual_duplicates", ())]
    planted = planted_clusters([*map(tuple, truth["duplicates"]), *individual_pairs])
    true_pairs = cluster_pairs(planted)
    cr.execute(
        """SELECT client_duplicate_cluster_id, array_agg(id) FROM res_partner
            WHERE client_duplicate_cluster_id IS NOT NULL
              AND id BETWEEN %s AND %s
            GROUP BY client_duplicate_cluster_id""",
        [low, high],
    )
    flagged_clusters = dict(cr.fetchall())
    flagged_pairs = cluster_pairs(flagged_clusters)
    hits = flagged_pairs & true_pairs
    cr.execute(
        """SELECT count(*) FILTER (WHERE client_duplicate_suspect),
                  count(*) FILTER (WHERE client_duplicate_suspect AND is_company),
                  count(*) FILTER (WHERE is_company), count(*)
             FROM res_partner WHERE id BETWEEN %s AND %s""",
        [low, high],
    )
    suspects, company_suspects, companies, partners = cr.fetchone()
    branches = {tuple(sorted(pair)) for pair in truth["branches"]}
    cr.execute(
        """SELECT id FROM res_partner WHERE id BETWEEN %s AND %s
              AND is_company IS NOT TRUE AND parent_id IS NULL""",
        [low, high],
    )
    individuals = {row[0] for row in cr.fetchall()}
    result["by_kind"] = {}
    for kind in ("companies", "individuals"):

        def of_kind(pairs, kind=kind):
            return {
                p
                for p in pairs
                if (p[0] in individuals and p[1] in individuals)
                == (kind == "individuals")
            }

        true_k, flagged_k = of_kind(true_pairs), of_kind(flagged_pairs)
        hits_k = true_k & flagged_k
        precision, recall = (
            ratio(len(hits_k), len(flagged_k)),
            ratio(len(hits_k), len(true_k)),
        )
        result["by_kind"][kind] = {
            "planted_pairs": len(true_k),
            "flagged_pairs": len(flagged_k),
            "true_positive_pairs": len(hits_k),
            "precision_pct": precision,
            "recall_pct": recall,
            "f1_pct": round(2 * precision * recall / (precision + recall), 1)
            if precision and recall
            else None,
        }
    per_variant = {}
    for original, planted_id, variant in truth.get("individual_duplicates", ()):
        row = per_variant.setdefault(variant, {"planted": 0, "found": 0})
        row["planted"] += 1
        row["found"] += tuple(sorted((original, planted_id))) in flagged_pairs
    households = {tuple(sorted(pair)) for pair in truth.get("households", ())}
    result["by_kind"]["individuals"]["per_variant"] = per_variant
    result["by_kind"]["individuals"]["planted_households"] = len(households)
    result["by_kind"]["individuals"]["flagged_households"] = len(
        households & flagged_pairs
    )
    result["duplicates"] = {
        "partners": partners,
        "companies": companies,
        "flagged_partners": suspects,
        "flagged_companies": company_suspects,
        "planted_duplicates": len(truth["duplicates"]) + len(individual_pairs),
        "planted_partners": sum(len(ids) for ids in planted.values()),
        "planted_pairs": len(true_pairs),
        "flagged_pairs": len(flagged_pairs),
        "true_positive_pairs": len(hits),
        "precision_pct": ratio(len(hits), len(flagged_pairs)),
        "recall_pct": ratio(len(hits), len(true_pairs)),
        "planted_branches": len(branches),
        "flagged_branch_pairs": len(branches & flagged_pairs),
        "examples_false_pairs": [
            [name_of(a), name_of(b)] for a, b in sorted(flagged_pairs - true_pairs)
        ][:examples],
        "examples_missed_pairs": [
            [name_of(a), name_of(b)] for a, b in sorted(true_pairs - flagged_pairs)
        ][:examples],
    }
    return result


def print_result(result):
    print(f"== invalid values: planted vs flagged (seed {result['seed']}) ==")
    print(f"  {'field':22} {'planted':>8} {'flagged':>8} {'both':>6} {'agree':>7}")
    for field, row in result["invalid"].items():
        agree = ratio(row["both"], max(row["planted"], row["flagged"]))
        print(
            f"  {field:22} {row['planted']:8} {row['flagged']:8} {row['both']:6} "
            f"{'-' if agree is None else f'{agree} %':>7}"
        )
        for label in ("flagged_not_planted", "planted_not_flagged"):
            if row[f"examples_{label}"]:
                print(f"      {label}: {row[f'examples_{label}']}")
    dup = result["duplicates"]
    print("== suspected duplicates ==")
    print(
        f"  flagged partners {dup['flagged_partners']} of {dup['partners']} "
        f"(companies {dup['flagged_companies']} of {dup['companies']}); planted "
        f"{dup['planted_duplicates']} duplicates in {dup['planted_partners']} partners"
    )
    print(
        f"  pairs: planted {dup['planted_pairs']}, flagged {dup['flagged_pairs']}, "
        f"true {dup['true_positive_pairs']}: precision {dup['precision_pct']} %, "
        f"recall {dup['recall_pct']} %"
    )
    for kind, row in result.get("by_kind", {}).items():
        print(
            f"  {kind}: planted {row['planted_pairs']}, flagged "
            f"{row['flagged_pairs']}, true {row['true_positive_pairs']}: precision "
            f"{row['precision_pct']} %, recall {row['recall_pct']} %, "
            f"F1 {row['f1_pct']} %"
        )
        for variant, counts in sorted(row.get("per_variant", {}).items()):
            print(f"      {variant}: found {counts['found']} of {counts['planted']}")
        if "planted_households" in row:
            print(
                f"      households (not duplicates): planted "
                f"{row['planted_households']}, flagged {row['flagged_households']}"
            )
    print(
        f"  branches (same INN, own KPP): planted {dup['planted_branches']}, "
        f"flagged {dup['flagged_branch_pairs']}"
    )
    for label in ("false_pairs", "missed_pairs"):
        for pair in dup[f"examples_{label}"]:
            print(f"      {label}: {pair}")


def main(argv=None):
    args, odoo_args = parse_args(argv if argv is not None else sys.argv[1:])
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args, setup_logging=True)
    registry = Registry(config["db_name"])
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        result = measure(env, refresh=not args.no_refresh, examples=args.examples)
        if args.commit:
            cr.commit()
        else:
            cr.rollback()
    print_result(result)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1, sort_keys=True)
    return result


if __name__ == "__main__":
    main()
