from . import models
from . import report
from . import wizards


def uninstall_hook(env):
    """Drop the work table the classification runs create by SQL (not an
    Odoo model, so the uninstall would leave it)."""
    env.cr.execute("DROP TABLE IF EXISTS client_classification_run_stage")
