# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .client_classification import ABC_SELECTION, LIFECYCLE_SELECTION, XYZ_SELECTION


class ClientClassificationHistory(models.Model):
    """One row per change of a client's classes (bulk-inserted by the runs)."""

    _name = "client.classification.history"
    _description = "Client classification change"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    classification_id = fields.Many2one(
        "client.classification", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="classification_id.partner_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="classification_id.company_id", store=True, index=True
    )
    run_id = fields.Many2one(
        "client.classification.run", index=True, ondelete="set null"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    origin = fields.Selection(
        [("computed", "Computed"), ("manual", "Manual override")],
        required=True,
        default="computed",
    )
    reason = fields.Text()
    old_lifecycle = fields.Selection(LIFECYCLE_SELECTION, string="Old lifecycle")
    new_lifecycle = fields.Selection(LIFECYCLE_SELECTION, string="New lifecycle")
    old_abc = fields.Selection(ABC_SELECTION, string="Old ABC")
    new_abc = fields.Selection(ABC_SELECTION, string="New ABC")
    old_xyz = fields.Selection(XYZ_SELECTION, string="Old XYZ")
    new_xyz = fields.Selection(XYZ_SELECTION, string="New XYZ")
