# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index


def _drop_run_foreign_key(cr, table):
    """Drop the foreign key the former Many2one ``run_id`` left (upgrade)."""
    cr.execute(
        SQL(
            "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s",
            SQL.identifier(table),
            SQL.identifier(f"{table}_run_id_fkey"),
        )
    )


class ClientClassificationRunSum(models.Model):
    """Partial sums of a running classification run (one aggregation chunk
    per cron call). Written and read with SQL by ``client.classification.run``;
    deleted once the run has classified."""

    _name = "client.classification.run.sum"
    _description = "Client classification run: partial sums"
    _log_access = False

    # a plain integer, not a Many2one: a foreign key is checked row by row,
    # which tripled the time of the bulk INSERT/COPY of a run (2,000,000
    # sums, 250,000 changes at tier L); the run deletes its rows itself
    run_id = fields.Integer(required=True, index=True)
    partner_id = fields.Integer(required=True)
    period = fields.Integer(required=True)
    revenue = fields.Float()
    margin = fields.Float()
    invoices = fields.Integer()
    last_invoice = fields.Date()

    def init(self):
        _drop_run_foreign_key(self.env.cr, self._table)


class ClientClassificationPending(models.Model):
    """Changes computed by a run and not written yet (the write phase takes
    them in batches, one per cron call). Written and read with SQL."""

    _name = "client.classification.pending"
    _description = "Client classification run: changes to write"
    _log_access = False
    _order = "run_id, partner_id"

    # a plain integer: see client.classification.run.sum; one index on
    # (run_id, partner_id) serves every query (the batches are taken in
    # partner order), and each index makes the bulk COPY slower
    run_id = fields.Integer(required=True)
    partner_id = fields.Integer(required=True)
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

    def init(self):
        _drop_run_foreign_key(self.env.cr, self._table)
        for column in ("run_id", "partner_id"):
            self.env.cr.execute(
                SQL(
                    "DROP INDEX IF EXISTS %s",
                    SQL.identifier(f"{self._table}__{column}_index"),
                )
            )
        create_index(
            self.env.cr,
            f"{self._table}_run_partner_index",
            self._table,
            ["run_id", "partner_id"],
        )
