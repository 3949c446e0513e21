# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ClientClassificationRunSum(models.Model):
    """Partial sums of a running classification run (one aggregation chunk
    per cron call). Written and read with SQL by ``client.classification.run``;
    deleted once the run has classified."""

    _name = "client.classification.run.sum"
    _description = "Client classification run: partial sums"
    _log_access = False

    run_id = fields.Many2one(
        "client.classification.run", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Integer(required=True)
    period = fields.Integer(required=True)
    revenue = fields.Float()
    margin = fields.Float()
    invoices = fields.Integer()
    last_invoice = fields.Date()


class ClientClassificationPending(models.Model):
    """Changes computed by a run and not written yet (the write phase takes
    them in batches, one per cron call). Written and read with SQL."""

    _name = "client.classification.pending"
    _description = "Client classification run: changes to write"
    _log_access = False
    _order = "run_id, partner_id"

    run_id = fields.Many2one(
        "client.classification.run", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Integer(required=True, index=True)
    classification_id = fields.Integer()
    lifecycle = fields.Char()
    abc = fields.Char()
    xyz = fields.Char()
    cell = fields.Char()
    revenue = fields.Float()
    indicator_value = fields.Float()
    share = fields.Float()
    cum_share = fields.Float()
    rank = fields.Integer()
    percentile = fields.Integer()
    cv = fields.Float()
    purchase_periods = fields.Integer()
    last_purchase = fields.Date()
    frequency = fields.Integer()
    last_invoice = fields.Date()
    recency = fields.Integer()
    rfm_r = fields.Integer()
    rfm_f = fields.Integer()
    rfm_m = fields.Integer()
    rfm_segment = fields.Char()
    history = fields.Boolean()
    old_lifecycle = fields.Char()
    old_abc = fields.Char()
    old_xyz = fields.Char()
