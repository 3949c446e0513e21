# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL, frozendict

from ..models import revenue_basis as revenue
from ..models.client_classification import ABC_SELECTION, LIFECYCLE_SELECTION
from ..tools import dashboard as logic
from ..tools.revenue import REVENUE_GROUPS_ATTR


class ClientSalesGrowthReport(models.Model):
    """Sales growth this quarter: net revenue per client and compared period.

    The revenue lines of the suite (``tools/revenue.py``: posted customer
    invoice and refund lines, untaxed, refunds negative, rolled up to the
    commercial partner) of the periods of ``tools/dashboard.py``: this
    quarter *to date* against the same span of the previous quarter and of
    the same quarter last year, relative to today in the user's time zone,
    as on the director's dashboard and in the quarterly sales. A query per
    request (``_table_query``), not a view: "today" is Odoo's, and the
    amounts are converted to the currency of the current company as Odoo's
    invoice analysis does (``res.currency._get_simple_currency_table``).
    """

    _name = "client.sales.growth.report"
    _description = "Sales growth this quarter"
    _auto = False
    _order = "revenue_current desc"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    abc = fields.Selection(ABC_SELECTION, string="ABC", readonly=True)
    lifecycle = fields.Selection(
        LIFECYCLE_SELECTION, string="Lifecycle class", readonly=True
    )
    date = fields.Date(readonly=True)
    revenue_current = fields.Monetary(
        string="This quarter", readonly=True, groups=REVENUE_GROUPS_ATTR
    )
    revenue_previous = fields.Monetary(
        string="Previous quarter", readonly=True, groups=REVENUE_GROUPS_ATTR
    )
    revenue_last_year = fields.Monetary(
        string="Same quarter last year", readonly=True, groups=REVENUE_GROUPS_ATTR
    )
    growth_previous = fields.Monetary(
        string="Growth vs previous quarter",
        readonly=True,
        groups=REVENUE_GROUPS_ATTR,
    )
    growth_last_year = fields.Monetary(
        string="Growth vs last year", readonly=True, groups=REVENUE_GROUPS_ATTR
    )

    _depends = frozendict(
        {
            "account.move.line": [
                "balance",
                "date",
                "parent_state",
                "display_type",
                "partner_id",
                "company_id",
                "move_id",
            ],
            "account.move": ["move_type", "invoice_user_id"],
            "res.partner": ["commercial_partner_id", "country_id"],
            "client.classification": ["abc", "lifecycle", "partner_id", "company_id"],
        }
    )

    @property
    def _table_query(self):
        periods = logic.compared_periods(fields.Date.context_today(self))
        currency_table = self.env["res.currency"]._get_simple_currency_table(
            self.env.companies
        )
        return SQL(
            """
            WITH lines AS (%(lines)s)
            SELECT l.id, l.company_id, %(currency)s AS currency_id,
                   l.partner_id, l.date, l.user_id,
                   commercial.country_id,
                   cls.abc, COALESCE(cls.lifecycle, 'none') AS lifecycle,
                   CASE WHEN l.period = 'current' THEN l.amount ELSE 0 END
                       AS revenue_current,
                   CASE WHEN l.period = 'previous' THEN l.amount ELSE 0 END
                       AS revenue_previous,
                   CASE WHEN l.period = 'last_year' THEN l.amount ELSE 0 END
                       AS revenue_last_year,
                   CASE WHEN l.period = 'current' THEN l.amount
                        WHEN l.period = 'previous' THEN -l.amount ELSE 0 END
                       AS growth_previous,
                   CASE WHEN l.period = 'current' THEN l.amount
                        WHEN l.period = 'last_year' THEN -l.amount ELSE 0 END
                       AS growth_last_year
              FROM lines l
              JOIN res_partner commercial ON commercial.id = l.partner_id
              LEFT JOIN client_classification cls
                     ON cls.partner_id = l.partner_id
                    AND cls.company_id = l.company_id
            """,
            lines=revenue.compared_lines(periods, None, currency_table),
            currency=self.env.company.currency_id.id,
        )

    def init(self):
        # a query per request (_table_query) since the quarter-to-date rule;
        # drop the view of earlier versions
        tools.drop_view_if_exists(self.env.cr, self._table)
