from odoo.tools import SQL

from . import models
from . import report
from . import wizards
from .models.client_classification_run import SQL_TABLES


def uninstall_hook(env):
    """Drop the work tables the classification runs create by SQL (not Odoo
    models, so the uninstall would leave them)."""
    for table in SQL_TABLES:
        env.cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
