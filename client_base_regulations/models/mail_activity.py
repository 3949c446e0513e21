# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    client_suspended = fields.Boolean(
        string="Set aside by archiving",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Planned activity archived together with its record (Odoo would "
        "delete it); restoring the record brings it back.",
    )
