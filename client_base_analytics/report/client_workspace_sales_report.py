# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Quarterly sales of the director's overview.

The revenue lines of the suite (``tools/revenue.py``: posted customer invoice
and refund lines, untaxed, refunds negative, rolled up to the commercial
partner), with no notion of "today": the action filters the compared periods
(``tools/dashboard.py``: this quarter to date against the same span of the
previous quarter and of the same quarter last year) in Python, so the chart
groups them side by side and the tests can freeze the date. The director's
dashboard reads the same lines with the same periods; the per-client table
"Sales growth this quarter" applies the same rule.

Amounts are converted to the currency of the current company the way Odoo's
invoice analysis does (``res.currency._get_simple_currency_table``, today's
rate): a pivot over two companies never adds roubles to euros.
"""

from odoo import api, fields, models, tools
from odoo.tools import SQL, frozendict

from ..models import revenue_basis as revenue
from ..tools import dashboard as logic
from ..tools.revenue import REVENUE_GROUPS_ATTR


class ClientWorkspaceSalesReport(models.Model):
    _name = "client.workspace.sales.report"
    _description = "Quarterly sales (director's overview)"
    _auto = False
    _order = "date desc"
    _rec_name = "partner_id"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    amount = fields.Monetary(string="Sales", readonly=True, groups=REVENUE_GROUPS_ATTR)
    abc = fields.Selection(
        [("A", "A"), ("B", "B"), ("C", "C")], string="ABC", readonly=True
    )
    xyz = fields.Selection(
        [("X", "X"), ("Y", "Y"), ("Z", "Z")], string="XYZ", readonly=True
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
            "res.partner": ["commercial_partner_id"],
        }
    )

    @property
    def _table_query(self):
        currency_table = self.env["res.currency"]._get_simple_currency_table(
            self.env.companies
        )
        return SQL(
            """
            SELECT aml.id,
                   %(date)s AS date,
                   aml.company_id,
                   %(currency)s AS currency_id,
                   %(partner)s AS partner_id,
                   am.invoice_user_id AS user_id,
                   am.id AS move_id,
                   %(amount)s * account_currency_table.rate AS amount,
                   %(abc)s AS abc,
                   %(xyz)s AS xyz
            %(lines)s
            """,
            date=revenue.DATE,
            currency=self.env.company.currency_id.id,
            partner=revenue.PARTNER,
            amount=revenue.AMOUNT,
            lines=revenue.revenue_lines(
                joins=SQL(
                    "JOIN %s ON account_currency_table.company_id = aml.company_id %s",
                    currency_table,
                    self._classification_sql()["join"],
                )
            ),
            **{
                key: value
                for key, value in self._classification_sql().items()
                if key != "join"
            },
        )

    def _classification_sql(self):
        """ABC/XYZ columns: from the stored classification when the table
        exists (it is created by this add-on's classification model)."""
        if "client.classification" in self.env:
            return {
                "abc": SQL("cls.abc"),
                "xyz": SQL("cls.xyz"),
                "join": SQL(
                    "LEFT JOIN client_classification cls"
                    " ON cls.partner_id = partner.commercial_partner_id"
                    " AND cls.company_id = aml.company_id"
                ),
            }
        return {"abc": SQL("NULL"), "xyz": SQL("NULL"), "join": SQL("")}

    def init(self):
        # the lines are a query per request (_table_query), no longer a view
        tools.drop_view_if_exists(self.env.cr, self._table)

    @api.model
    def _get_compared_quarters(self, day=None):
        """(first, last day) of this quarter to date, of the same span of
        the previous quarter and of the same quarter last year, most recent
        first (the rule: ``tools/dashboard.py``, ``compared_periods``)."""
        periods = logic.compared_periods(day or fields.Date.context_today(self))
        return [periods[key] for key in ("current", "previous", "last_year")]

    @api.model
    def _get_compared_quarters_domain(self, day=None):
        quarters = self._get_compared_quarters(day)
        domain = ["|"] * (len(quarters) - 1)
        for start, end in quarters:
            domain += ["&", ("date", ">=", start), ("date", "<=", end)]
        return domain

    @api.model
    def action_open_sales_growth(self):
        """The director's button: this quarter to date against the same span
        of the previous quarter and of the same quarter last year, side by
        side."""
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base_analytics.client_workspace_sales_report_action"
        )
        action["domain"] = self._get_compared_quarters_domain()
        return action
