#!/usr/bin/env python3
# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Print the access-rights matrix of the suite (reStructuredText), from the
add-ons' ``security/ir.model.access.csv`` and the ``ir.rule`` records of their
``security/*.xml``: one row per model and group with read, write, create and
unlink, and the record rules of the model (global ones apply to everybody).

Usage: ``python3 tools/dev/gen_access_matrix.py > /tmp/matrix.rst``; paste it into
README.rst (section "Access rights"), or ``--check README.rst`` to verify
the README holds the current matrix (no Odoo needed).
"""

import csv
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
ADDONS = sorted(p.parent.name for p in REPO.glob("client_base*/__manifest__.py"))
GROUP_NAMES = {
    "base.group_user": "Internal user",
    "base.group_portal": "Portal",
    "base.group_public": "Public",
    "client_base.client_base_group_user": "Client Base / User",
    "client_base.client_base_group_manager": "Client Base / Manager",
    "client_base.client_base_group_director": "Workspaces / Director",
    "client_base.client_base_group_secretary": "Workspaces / Secretary",
    "client_base_regulations.client_base_regulations_group_agency_operator": (
        "Data agency operator"
    ),
    "account.group_account_invoice": "Invoicing / Billing",
    "account.group_account_manager": "Invoicing / Administrator",
    "base.group_system": "Settings (administrator)",
}


def _model_name(addon, ref):
    _module, _dot, xmlid = ref.rpartition(".")
    name = xmlid.removeprefix("model_")
    known = {"res_partner": "res.partner", "document_page": "document.page"}
    if name in known:
        return known[name]
    if name == "document_page_history":
        return "document.page.history"
    return name.replace("_", ".")


def _group(addon, ref):
    if not ref:
        return ""
    full = ref if "." in ref else f"{addon}.{ref}"
    return GROUP_NAMES.get(full, full)


def access_rows():
    rows = []
    for addon in ADDONS:
        path = REPO / addon / "security" / "ir.model.access.csv"
        if not path.exists():
            continue
        with path.open(newline="") as handle:
            for row in csv.DictReader(handle):
                rows.append(
                    (
                        _model_name(addon, row["model_id:id"]),
                        _group(addon, row["group_id:id"]),
                        tuple(
                            "x" if row[f"perm_{p}"] == "1" else ""
                            for p in ("read", "write", "create", "unlink")
                        ),
                    )
                )
    return rows


def rules():
    """{model: [(rule name, groups)]}"""
    result = {}
    for addon in ADDONS:
        for path in sorted((REPO / addon / "security").glob("*.xml")):
            root = ET.parse(path).getroot()
            for record in root.iter("record"):
                if record.get("model") != "ir.rule":
                    continue
                fields_ = {f.get("name"): f for f in record.iter("field")}
                model = _model_name(addon, fields_["model_id"].get("ref"))
                groups_field = fields_.get("groups")
                groups = re.findall(
                    r"ref\('([^']+)'\)",
                    "" if groups_field is None else groups_field.get("eval") or "",
                )
                name = (fields_["name"].text or "").strip()
                label = name.split(":", 1)[-1].strip()
                who = ", ".join(_group(addon, g) for g in groups) or "global"
                result.setdefault(model, []).append(f"{label} ({who})")
    return result


# (column header, group label), in ladder order
COLUMNS = (
    ("Int", "Internal user"),
    ("User", "Client Base / User"),
    ("Mgr", "Client Base / Manager"),
    ("Secr", "Workspaces / Secretary"),
    ("Dir", "Workspaces / Director"),
    ("Bill", "Invoicing / Billing"),
    ("AccA", "Invoicing / Administrator"),
    ("Agcy", "Data agency operator"),
    ("Sys", "Settings (administrator)"),
)


def render():
    """A simple table, one row per model, one column per group; a cell reads
    ``rwcd`` (read, write, create, delete), "-" for no right. Then the record
    rules of each model."""
    cells = {}
    for model, group, perms in access_rows():
        letters = "".join(
            letter if perm else "" for letter, perm in zip("rwcd", perms, strict=True)
        )
        cells.setdefault(model, {})[group] = letters
    unknown = {g for groups in cells.values() for g in groups} - {
        label for _h, label in COLUMNS
    }
    if unknown:
        raise SystemExit(f"add these groups to COLUMNS: {sorted(unknown)}")
    width = max(len(model) for model in cells) + 4
    rule_line = "=" * width + "  " + "  ".join("====" for _c in COLUMNS)
    lines = [
        rule_line,
        "Model".ljust(width) + "  " + "  ".join(h.ljust(4) for h, _l in COLUMNS),
        rule_line,
    ]
    for model in sorted(cells):
        lines.append(
            f"``{model}``".ljust(width)
            + "  "
            + "  ".join(
                (cells[model].get(label) or "-").ljust(4) for _h, label in COLUMNS
            ).rstrip()
        )
    lines += [rule_line, ""]
    lines.append(
        "Columns: "
        + "; ".join(f"*{h}* = {label}" for h, label in COLUMNS)
        + ". Rights add up along the ladder (a manager is also a user)."
    )
    lines += ["", "Record rules (who they apply to):", ""]
    for model, model_rules in sorted(rules().items()):
        lines.append(f"- ``{model}``: " + "; ".join(model_rules) + ".")
    return "\n".join(lines) + "\n"


def main(argv):
    text = render()
    if len(argv) > 2 and argv[1] == "--check":
        readme = pathlib.Path(argv[2]).read_text()
        if text not in readme:
            sys.stderr.write("README access matrix is out of date\n")
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
