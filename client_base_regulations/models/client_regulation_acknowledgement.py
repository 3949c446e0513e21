# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ClientRegulationAcknowledgement(models.Model):
    _name = "client.regulation.acknowledgement"
    _description = "Regulation read acknowledgement"
    _order = "date desc, id desc"

    page_id = fields.Many2one(
        "document.page",
        string="Regulation",
        required=True,
        index=True,
        ondelete="cascade",
    )
    history_id = fields.Many2one(
        "document.page.history",
        string="Version",
        required=True,
        index=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    date = fields.Datetime(
        string="Read on", required=True, default=fields.Datetime.now, readonly=True
    )
    company_id = fields.Many2one(related="page_id.company_id", store=True)

    _sql_constraints = (
        (
            "user_version_unique",
            "unique(user_id, history_id)",
            "A user acknowledges a version of a regulation only once.",
        ),
    )

    @api.model_create_multi
    def create(self, vals_list):
        # Users acknowledge for themselves only; managers' imports keep theirs.
        if not self.env.user.has_group("client_base.client_base_group_manager"):
            for vals in vals_list:
                vals["user_id"] = self.env.uid
        return super().create(vals_list)
