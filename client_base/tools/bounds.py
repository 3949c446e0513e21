# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The bounds of every number a user can enter in the suite (no Odoo import).

One table, used by the constraints of the models (``check`` on save: a clear
ValidationError at entry), by the code that reads a value stored elsewhere
(``clamp``: a system parameter edited by hand is used within its bounds,
never a later crash such as ``year 10360 is out of range``), by the README
(``rst_table``, checked by tests/test_bounds.py) and by the contract test
client_base/tests/test_contract_bounds.py, which fails on any editable
numeric field of the suite missing here.

Keys are ``(model, field)``; ``"*"`` as the model stands for every model (the
ordering and colour fields). ``enforced=False`` marks a value that is only
used for ordering or display: any whole number is accepted and harmless.

>>> BOUNDS[("res.partner", "client_update_period_months")].high
120
>>> check("res.partner", "client_update_period_months", 100000)
(0, 120)
>>> check("res.partner", "client_update_period_months", 12) is None
True
>>> clamp("res.config.settings", "client_base_update_period_months", 100000)
120
>>> lookup("client.segment", "sequence").enforced
False
"""

from collections import namedtuple

Bound = namedtuple("Bound", "low high unit note enforced", defaults=("", True))

# PostgreSQL int4: what an Integer column holds
INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1

MONTHS_MAX = 120  # ten years: the longest period of the suite

BOUNDS = {
    # client_base: settings (system parameters)
    ("res.config.settings", "client_base_vip_limit"): Bound(0, 100_000, "clients"),
    ("res.config.settings", "client_base_update_period_months"): Bound(
        1, MONTHS_MAX, "months"
    ),
    ("res.config.settings", "client_base_update_period_prospect_months"): Bound(
        0, MONTHS_MAX, "months", "0: the general period"
    ),
    ("res.config.settings", "client_base_update_period_client_months"): Bound(
        0, MONTHS_MAX, "months", "0: the general period"
    ),
    ("res.config.settings", "client_base_update_period_vip_months"): Bound(
        0, MONTHS_MAX, "months", "0: the general period"
    ),
    ("res.config.settings", "client_base_complete_threshold"): Bound(0, 100, "%"),
    # client_base: records
    ("res.partner", "client_update_period_months"): Bound(
        0, MONTHS_MAX, "months", "0: tags, segment or general period"
    ),
    ("res.partner.category", "client_update_period_months"): Bound(
        0, MONTHS_MAX, "months", "0: the general period"
    ),
    ("client.field.rule", "weight"): Bound(0, 100, "points"),
    ("client.greeting", "year"): Bound(1900, 2200, "year"),
    ("client.interaction", "duration"): Bound(0, 1000, "hours"),
    # client_base_regulations
    ("res.config.settings", "client_regulations_questionnaire_days"): Bound(
        1, 365, "days"
    ),
    ("client.verification.rule", "period_months"): Bound(1, MONTHS_MAX, "months"),
    ("client.verification.rule", "deadline_days"): Bound(0, 365, "days"),
    ("client.verification.request", "unanswered_count"): Bound(0, 1000, "rounds"),
    ("client.archive.rule", "inactivity_months"): Bound(1, 600, "months"),
    ("client.archive.rule", "unanswered_rounds"): Bound(1, 100, "rounds"),
    # client_base_analytics (per company; the settings edit these fields;
    # classify.validate_params adds the rules between them: A < B, X < Y,
    # whole periods in the window)
    ("res.company", "client_analytics_window_months"): Bound(1, MONTHS_MAX, "months"),
    ("res.company", "client_abc_a"): Bound(0, 100, "%", "strictly between"),
    ("res.company", "client_abc_b"): Bound(0, 100, "%", "strictly between"),
    ("res.company", "client_xyz_x"): Bound(0, 1000, "% (CV)", "above 0"),
    ("res.company", "client_xyz_y"): Bound(0, 1000, "% (CV)", "above 0"),
    ("res.company", "client_new_periods"): Bound(1, MONTHS_MAX, "periods"),
    ("res.company", "client_lost_periods"): Bound(1, MONTHS_MAX, "periods"),
    # display only: a count shown in a wizard's cell, recomputed by it
    ("client.classification.transition", "client_count"): Bound(
        INT4_MIN, INT4_MAX, "clients", "display only", False
    ),
    # ordering and colour of any model: any whole number, harmless
    ("*", "sequence"): Bound(INT4_MIN, INT4_MAX, "", "ordering only", False),
    ("*", "color"): Bound(INT4_MIN, INT4_MAX, "", "colour index only", False),
}


def lookup(model, field):
    """The ``Bound`` of ``model.field`` (or of ``*.field``), else None."""
    return BOUNDS.get((model, field)) or BOUNDS.get(("*", field))


def fields_of(model, prefix=""):
    """Names of the enforced fields of ``model`` starting with ``prefix``
    (for ``@api.constrains``; the prefix picks one add-on's settings)."""
    return tuple(
        sorted(
            field
            for (name, field), bound in BOUNDS.items()
            if name == model and bound.enforced and field.startswith(prefix)
        )
    )


def check(model, field, value):
    """None if ``value`` is within the bounds of ``model.field`` (or the
    field has none); else ``(low, high)`` for the message."""
    bound = lookup(model, field)
    if bound is None or not bound.enforced or value is None or value is False:
        return None
    if bound.low <= value <= bound.high:
        return None
    return bound.low, bound.high


def clamp(model, field, value, default=None):
    """``value`` within the bounds of ``model.field``: for values read from
    a place no constraint guards (a system parameter edited by hand).
    Unparsable values give ``default`` (or the low bound)."""
    bound = lookup(model, field)
    try:
        value = int(value)
    except (TypeError, ValueError):
        return default if default is not None else bound.low
    return min(max(value, bound.low), bound.high)


def rst_table():
    """The table as reStructuredText, for the README."""
    rows = [("Model", "Field", "From", "To", "Unit", "Note")]
    for (model, field), bound in sorted(BOUNDS.items()):
        low, high = bound.low, bound.high
        if not bound.enforced:
            low = high = "any"
        rows.append(
            (
                f"``{model}``" if model != "*" else "any model",
                f"``{field}``",
                str(low),
                str(high),
                bound.unit,
                bound.note,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    rule = "  ".join("=" * width for width in widths)

    def line(row):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        return "  ".join(cells).rstrip()

    return "\n".join([rule, line(rows[0]), rule, *map(line, rows[1:]), rule]) + "\n"
