# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The invoicing guard's fields are chosen by their labels now: keep in the
parameter only real client field names, in the settings' format."""

from odoo import SUPERUSER_ID, api

PARAM = "client_base_regulations.invoice_required_fields"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    icp = env["ir.config_parameter"]
    value = icp.get_param(PARAM)
    if value is None:
        return
    Settings = env["res.config.settings"]
    names = [part.strip() for part in value.split(",") if part.strip()]
    kept = Settings._client_invoice_fields(names).mapped("name")
    icp.set_param(PARAM, ",".join(kept))
