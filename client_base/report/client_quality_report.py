# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.client_field_rule import CLIENT_STATE_SELECTION


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

    @property
    def _table_query(self):
        # Built at each query from the one definition of a client
        # (res.partner._client_domain): the own companies and the users of
        # today are left out. Stale depends on today: nothing is stored.
        query = self.env["res.partner"]._where_calc(
            self.env["res.partner"]._client_domain()
        )
        return query.select(
            SQL(
                """
                res_partner.id AS id,
                res_partner.id AS partner_id,
                res_partner.user_id AS user_id,
                res_partner.company_id AS company_id,
                res_partner.client_state AS client_state,
                res_partner.is_company AS is_company,
                res_partner.client_completeness AS completeness,
                1 AS client_count,
                COALESCE(res_partner.client_incomplete, FALSE)::int
                    AS incomplete_count,
                (res_partner.client_missing_fields IS NOT NULL)::int
                    AS missing_primary_count,
                (res_partner.client_next_verification < CURRENT_DATE)::int
                    AS stale_count,
                (res_partner.client_invalid_fields IS NOT NULL)::int
                    AS invalid_count,
                (res_partner.client_to_normalize_fields IS NOT NULL)::int
                    AS to_normalize_count,
                COALESCE(res_partner.client_duplicate_suspect, FALSE)::int
                    AS duplicate_count
                """
            )
        )

    def init(self):
        # the former SQL view (now a query built at each read)
        tools.drop_view_if_exists(self.env.cr, self._table)
