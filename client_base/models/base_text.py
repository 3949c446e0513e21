# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Texts entered in the suite's fields, made storable before they reach
PostgreSQL (issue 19, text contract):

- a NUL character, which PostgreSQL cannot store in a text (a server error
  otherwise), is removed;
- a text longer than an index entry can hold (a Char field whose column, or
  the column a related field writes, takes part in a btree index: unique
  codes, search keys) is refused with a clear message instead of a server
  error ("index row requires ... bytes").

Only the fields the suite declares are touched (``field._module``); the
core's own fields keep the core's behaviour.
"""

import re

from odoo import api, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# Characters an indexed text may hold: a btree entry holds about 2,700
# bytes, and a character takes up to 4 bytes in UTF-8.
INDEXED_TEXT_MAX = 600
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
TEXT_TYPES = ("char", "text", "html")
SUITE_PREFIX = "client_base"


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._client_clean_text(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._client_clean_text(vals)
        return super().write(vals)

    @api.model
    def _client_clean_text(self, vals):
        for name, value in vals.items():
            if not isinstance(value, str):
                continue
            field = self._fields.get(name)
            if (
                field is None
                or field.type not in TEXT_TYPES
                or not (field._module or "").startswith(SUITE_PREFIX)
            ):
                continue
            if "\x00" in value:
                value = vals[name] = value.replace("\x00", "")
            if (
                field.type == "char"
                and len(value) > INDEXED_TEXT_MAX
                and self._client_indexed(field)
            ):
                length = f"{len(value):,}"
                label = field.get_description(self.env)["string"]
                raise ValidationError(
                    self.env._(
                        "%(field)s is too long: %(length)s characters, at most "
                        "%(max)s.",
                        field=label,
                        length=length,
                        max=INDEXED_TEXT_MAX,
                    )
                )

    @api.model
    def _client_indexed(self, field):
        """True if the column ``field`` writes (a related field: the column
        of the field it edits) takes part in a btree index."""
        while field.related:
            field = field.related_field
        Model = self.env[field.model_name]
        if not field.store or not Model._auto:
            return False
        return field.name in Model._client_btree_columns(Model._table)

    @api.model
    @tools.ormcache("table")
    def _client_btree_columns(self, table):
        """Names found in the btree indexes of ``table`` (columns, and the
        words of expression indexes: only compared with field names)."""
        self.env.cr.execute(
            SQL(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexdef LIKE %s",
                table,
                "%USING btree%",
            )
        )
        return frozenset(
            word
            for (indexdef,) in self.env.cr.fetchall()
            for word in IDENTIFIER.findall(indexdef.split("USING btree", 1)[1])
        )
