# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Rename the model ``account.move.document.collect`` to
``client.document.collect`` with its data.

The model sat in Odoo's own namespace (``account.move.*``); 18.0.2.0.0 gives
it the suite's ``client.`` prefix. Run before the add-on's models load, so
that the ORM finds the renamed table, model, fields and records and keeps
them (ids, translations, access rights, record rule, users' filters and
bookmarks) instead of creating new ones and dropping the old.

What is renamed, as Odoo's upgrade scripts do (``odoo/upgrade-util``
``rename_model``):

- the table, its id sequence, its primary key, unique constraint, foreign
  keys and indexes (the ORM looks them up by name: unrenamed, it would add a
  second copy of each), and the constraints' ``ir.model.constraint`` rows;
- the model name wherever Odoo stores it as text (``ir_model``,
  ``ir_model_fields`` model and relation, ``ir_model_data``, views, window
  actions, filters, exports, attachments, activities, followers, messages,
  templates...), in reference fields (``model,id``) and in the code of
  server actions;
- the XML ids named after the model (``model_``, ``field_``,
  ``selection__``, ``constraint_``) and those of the add-on's own records
  that were renamed in the same version (views, action, menu, access rights
  and the record rule: the rule is ``noupdate``, a new XML id would have left
  the old rule behind).

Idempotent: nothing happens when the old model is gone.
"""

import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists, table_exists

_logger = logging.getLogger(__name__)

MODULE = "client_base_regulations"
OLD_MODEL = "account.move.document.collect"
NEW_MODEL = "client.document.collect"
OLD_TABLE = OLD_MODEL.replace(".", "_")
NEW_TABLE = NEW_MODEL.replace(".", "_")

# (table, column) pairs holding a model name as text, in Odoo 18.0 and the
# add-ons a client base may have; missing ones are skipped
MODEL_NAME_COLUMNS = (
    ("base_import_mapping", "res_model"),
    ("calendar_event", "res_model"),
    ("client_interaction", "res_model"),
    ("ir_act_client", "res_model"),
    ("ir_act_report_xml", "model"),
    ("ir_act_server", "model_name"),
    ("ir_act_server", "crud_model_name"),
    ("ir_act_window", "res_model"),
    ("ir_attachment", "res_model"),
    ("ir_embedded_actions", "parent_res_model"),
    ("ir_exports", "resource"),
    ("ir_filters", "model_id"),
    ("ir_model", "model"),
    ("ir_model_data", "model"),
    ("ir_model_fields", "model"),
    ("ir_model_fields", "relation"),
    ("ir_ui_view", "model"),
    ("mail_activity", "res_model"),
    ("mail_activity_plan", "res_model"),
    ("mail_activity_type", "res_model"),
    ("mail_followers", "res_model"),
    ("mail_message", "model"),
    ("mail_message_subtype", "res_model"),
    ("mail_scheduled_message", "model"),
    ("mail_template", "model"),
    ("mailing_trace", "model"),
    ("rating_rating", "res_model"),
    ("rating_rating", "parent_res_model"),
    ("sms_template", "model"),
    ("snailmail_letter", "model"),
)

# XML ids of the add-on's records renamed together with the model
XMLID_RENAMES = {
    "account_move_document_collect_view_list": "client_document_collect_view_list",
    "account_move_document_collect_view_search": "client_document_collect_view_search",
    "account_move_document_collect_action": "client_document_collect_action",
    "account_move_document_collect_menu_lines": "client_document_collect_menu",
    "account_move_document_collect_rule_company": (
        "client_document_collect_rule_company"
    ),
    "access_account_move_document_collect_invoice": (
        "access_client_document_collect_invoice"
    ),
    "access_account_move_document_collect_manager": (
        "access_client_document_collect_manager"
    ),
}


def migrate(cr, version):
    cr.execute(SQL("SELECT id FROM ir_model WHERE model = %s", OLD_MODEL))
    row = cr.fetchone()
    if not row:
        return
    model_id = row[0]
    _rename_table(cr)
    _rename_model_name(cr)
    _rename_xmlids(cr, model_id)
    _logger.info("Model %s renamed to %s", OLD_MODEL, NEW_MODEL)


def _renamed(name):
    """``account_move_document_collect_x`` -> ``client_document_collect_x``."""
    return NEW_TABLE + name[len(OLD_TABLE) :]


def _old_prefix_like():
    return OLD_TABLE.replace("_", r"\_") + r"\_%"


def _rename_table(cr):
    """The table, with the names the ORM looks its parts up by."""
    if not table_exists(cr, OLD_TABLE) or table_exists(cr, NEW_TABLE):
        return
    cr.execute(
        SQL(
            "ALTER TABLE %s RENAME TO %s",
            SQL.identifier(OLD_TABLE),
            SQL.identifier(NEW_TABLE),
        )
    )
    cr.execute(
        SQL(
            "ALTER SEQUENCE IF EXISTS %s RENAME TO %s",
            SQL.identifier(f"{OLD_TABLE}_id_seq"),
            SQL.identifier(f"{NEW_TABLE}_id_seq"),
        )
    )
    # constraints first (renaming a primary key or unique constraint renames
    # its index too), then the remaining indexes (``<table>__<column>_index``)
    cr.execute(
        SQL(
            """
            SELECT conname
              FROM pg_constraint
             WHERE conrelid = %s::regclass
               AND conname LIKE %s
            """,
            NEW_TABLE,
            _old_prefix_like(),
        )
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                SQL.identifier(NEW_TABLE),
                SQL.identifier(name),
                SQL.identifier(_renamed(name)),
            )
        )
    cr.execute(
        SQL(
            """
            SELECT indexname
              FROM pg_indexes
             WHERE tablename = %s
               AND indexname LIKE %s
            """,
            NEW_TABLE,
            _old_prefix_like(),
        )
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER INDEX %s RENAME TO %s",
                SQL.identifier(name),
                SQL.identifier(_renamed(name)),
            )
        )


def _rename_model_name(cr):
    """The model name wherever it is stored as text."""
    for table, column in MODEL_NAME_COLUMNS:
        if not column_exists(cr, table, column):
            continue
        cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE %s = %s",
                SQL.identifier(table),
                SQL.identifier(column),
                NEW_MODEL,
                SQL.identifier(column),
                OLD_MODEL,
            )
        )
    # reference fields: "model,id"
    cr.execute(
        SQL(
            "SELECT model, name FROM ir_model_fields "
            "WHERE ttype = 'reference' AND store"
        )
    )
    for model, fname in cr.fetchall():
        table = model.replace(".", "_")
        if not column_exists(cr, table, fname):
            continue
        cr.execute(
            SQL(
                "UPDATE %s SET %s = %s || substr(%s, %s) WHERE %s LIKE %s",
                SQL.identifier(table),
                SQL.identifier(fname),
                NEW_MODEL,
                SQL.identifier(fname),
                len(OLD_MODEL) + 1,
                SQL.identifier(fname),
                OLD_MODEL + ",%",
            )
        )
    # server actions naming the model in their code (env['...'])
    cr.execute(
        SQL(
            "UPDATE ir_act_server SET code = replace(replace(code, %s, %s), %s, %s) "
            "WHERE code LIKE %s",
            f'"{OLD_MODEL}"',
            f'"{NEW_MODEL}"',
            f"'{OLD_MODEL}'",
            f"'{NEW_MODEL}'",
            f"%{OLD_MODEL}%",
        )
    )


def _rename_xmlids(cr, model_id):
    """XML ids and constraint names derived from the model's name."""
    # the constraints' reflection (unique constraint and foreign keys)
    cr.execute(
        SQL(
            """
            UPDATE ir_model_constraint
               SET name = %s || substr(name, %s)
             WHERE model = %s
               AND name LIKE %s
            """,
            NEW_TABLE,
            len(OLD_TABLE) + 1,
            model_id,
            _old_prefix_like(),
        )
    )
    prefixes = [
        ("ir.model", f"model_{OLD_TABLE}", f"model_{NEW_TABLE}"),
        ("ir.model.fields", f"field_{OLD_TABLE}__", f"field_{NEW_TABLE}__"),
        (
            "ir.model.fields.selection",
            f"selection__{OLD_TABLE}__",
            f"selection__{NEW_TABLE}__",
        ),
        ("ir.model.constraint", f"constraint_{OLD_TABLE}_", f"constraint_{NEW_TABLE}_"),
    ]
    for model, old, new in prefixes:
        cr.execute(
            SQL(
                """
                UPDATE ir_model_data
                   SET name = %s || substr(name, %s)
                 WHERE module = %s
                   AND model = %s
                   AND name LIKE %s
                """,
                new,
                len(old) + 1,
                MODULE,
                model,
                # the model's own XML id is exact, the others are prefixes
                old.replace("_", r"\_") + ("" if model == "ir.model" else "%"),
            )
        )
    for old, new in XMLID_RENAMES.items():
        cr.execute(
            SQL(
                """
                UPDATE ir_model_data
                   SET name = %s
                 WHERE module = %s
                   AND name = %s
                   AND NOT EXISTS (
                       SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s
                   )
                """,
                new,
                MODULE,
                old,
                MODULE,
                new,
            )
        )
