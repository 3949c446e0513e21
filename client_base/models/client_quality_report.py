# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from .client_field_rule import CLIENT_STATE_SELECTION


class ClientQualityReport(models.Model):
    """Data quality of the clients, one row per client, for pivot and graph."""

    _name = "client.quality.report"
    _description = "Client data quality"
    _auto = False
    _order = "partner_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    client_state = fields.Selection(CLIENT_STATE_SELECTION, readonly=True)
    is_company = fields.Boolean(readonly=True)
    completeness = fields.Float(
        string="Average completeness", readonly=True, aggregator="avg"
    )
    client_count = fields.Integer(string="Clients", readonly=True)
    incomplete_count = fields.Integer(string="Incomplete", readonly=True)
    missing_primary_count = fields.Integer(string="Missing primary data", readonly=True)
    stale_count = fields.Integer(string="Stale", readonly=True)
    invalid_count = fields.Integer(string="Invalid values", readonly=True)
    to_normalize_count = fields.Integer(string="To normalise", readonly=True)
    duplicate_count = fields.Integer(string="Suspected duplicates", readonly=True)

    def _query(self):
        # A view over res_partner: stale depends on today, so it cannot be stored.
        return SQL(
            """
            SELECT p.id AS id,
                   p.id AS partner_id,
                   p.user_id AS user_id,
                   p.company_id AS company_id,
                   p.client_state AS client_state,
                   p.is_company AS is_company,
                   p.client_completeness AS completeness,
                   1 AS client_count,
                   COALESCE(p.client_incomplete, FALSE)::int AS incomplete_count,
                   (p.client_missing_fields IS NOT NULL)::int AS missing_primary_count,
                   (p.client_next_verification < CURRENT_DATE)::int AS stale_count,
                   (p.client_invalid_fields IS NOT NULL)::int AS invalid_count,
                   (p.client_to_normalize_fields IS NOT NULL)::int
                       AS to_normalize_count,
                   COALESCE(p.client_duplicate_suspect, FALSE)::int AS duplicate_count
              FROM res_partner p
             WHERE p.active
               AND p.parent_id IS NULL
               AND p.client_state IS NOT NULL
               AND p.client_state <> 'archived'
               AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id)
               AND NOT EXISTS (SELECT 1 FROM res_company c WHERE c.partner_id = p.id)
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
