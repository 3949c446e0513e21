# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.client_classification import (
    ABC_SELECTION,
    LIFECYCLE_SELECTION,
    REVENUE_GROUPS,
)


class ClientSalesGrowthReport(models.Model):
    """Sales growth this quarter: net revenue per client and quarter.

    An SQL view over posted customer invoice lines (same basis as the
    classification: untaxed, company currency, refunds negative, rolled up to
    the commercial partner) limited to the current quarter, the previous one
    and the same quarter last year, relative to today.
    """

    _name = "client.sales.growth.report"
    _description = "Sales growth this quarter"
    _auto = False
    _order = "revenue_current desc"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    abc = fields.Selection(ABC_SELECTION, string="ABC", readonly=True)
    lifecycle = fields.Selection(
        LIFECYCLE_SELECTION, string="Lifecycle class", readonly=True
    )
    date = fields.Date(readonly=True)
    revenue_current = fields.Monetary(
        string="This quarter", readonly=True, groups=REVENUE_GROUPS
    )
    revenue_previous = fields.Monetary(
        string="Previous quarter", readonly=True, groups=REVENUE_GROUPS
    )
    revenue_last_year = fields.Monetary(
        string="Same quarter last year", readonly=True, groups=REVENUE_GROUPS
    )
    growth_previous = fields.Monetary(
        string="Growth vs previous quarter", readonly=True, groups=REVENUE_GROUPS
    )
    growth_last_year = fields.Monetary(
        string="Growth vs last year", readonly=True, groups=REVENUE_GROUPS
    )

    def _query(self):
        return SQL(
            """
            WITH q AS (
                SELECT date_trunc('quarter', CURRENT_DATE)::date AS cur,
                       (date_trunc('quarter', CURRENT_DATE)
                        - interval '3 months')::date AS prev,
                       (date_trunc('quarter', CURRENT_DATE)
                        - interval '1 year')::date AS ly
            ), lines AS (
                SELECT aml.id, aml.company_id, aml.date, am.invoice_user_id,
                       partner.commercial_partner_id AS partner_id,
                       -aml.balance AS amount,
                       date_trunc('quarter', aml.date)::date AS quarter
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
                  JOIN res_partner partner ON partner.id = aml.partner_id
                  CROSS JOIN q
                 WHERE aml.parent_state = 'posted'
                   AND aml.display_type = 'product'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND (aml.date >= q.prev OR
                        (aml.date >= q.ly AND aml.date < q.ly + interval '3 months'))
            )
            SELECT l.id, l.company_id, l.partner_id, l.date,
                   l.invoice_user_id AS user_id,
                   commercial.country_id,
                   cls.abc, COALESCE(cls.lifecycle, 'none') AS lifecycle,
                   CASE WHEN l.quarter = q.cur THEN l.amount ELSE 0 END
                       AS revenue_current,
                   CASE WHEN l.quarter = q.prev THEN l.amount ELSE 0 END
                       AS revenue_previous,
                   CASE WHEN l.quarter = q.ly THEN l.amount ELSE 0 END
                       AS revenue_last_year,
                   CASE WHEN l.quarter = q.cur THEN l.amount
                        WHEN l.quarter = q.prev THEN -l.amount ELSE 0 END
                       AS growth_previous,
                   CASE WHEN l.quarter = q.cur THEN l.amount
                        WHEN l.quarter = q.ly THEN -l.amount ELSE 0 END
                       AS growth_last_year
              FROM lines l
              CROSS JOIN q
              JOIN res_partner commercial ON commercial.id = l.partner_id
              LEFT JOIN client_classification cls
                     ON cls.partner_id = l.partner_id
                    AND cls.company_id = l.company_id
             WHERE l.quarter IN (q.cur, q.prev, q.ly)
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
