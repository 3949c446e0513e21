# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Bounds of the numbers a user enters, checked on save (see tools/bounds.py,
the one table)."""

from odoo.exceptions import ValidationError

from ..tools import bounds


def check_bounds(records, fnames=None):
    """Raise a translated ValidationError naming the field if a value of
    ``records`` lies outside its bounds (``fnames``: the enforced fields of
    the model by default)."""
    env = records.env
    fnames = fnames or bounds.fields_of(records._name)
    for record in records:
        for fname in fnames:
            wrong = bounds.check(records._name, fname, record[fname])
            if wrong:
                field = records._fields[fname]
                raise ValidationError(
                    env._(
                        "%(field)s: %(value)s is out of bounds; enter a value "
                        "from %(low)s to %(high)s.",
                        field=field.get_description(env)["string"],
                        value=record[fname],
                        low=wrong[0],
                        high=wrong[1],
                    )
                )
