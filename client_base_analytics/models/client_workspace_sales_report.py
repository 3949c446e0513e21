# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Quarterly sales of the director's overview.

A plain SQL view over posted customer invoice and refund lines (untaxed,
company currency, refunds negative, rolled up to the commercial partner),
with no notion of "today": the action filters the three quarters to compare
(this one, the previous one, the same one last year) in Python, so the chart
groups them side by side and the tests can freeze the date. The per-client
comparison table "Sales growth this quarter" of this add-on complements it.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL, date_utils

SALES_GROUPS = (
    "client_base.client_base_group_director,"
    "client_base.client_base_group_manager,"
    "account.group_account_invoice"
)


class ClientWorkspaceSalesReport(models.Model):
    _name = "client.workspace.sales.report"
    _description = "Quarterly sales (director's overview)"
    _auto = False
    _order = "date desc"
    _rec_name = "partner_id"

    date = fields.Date(string="Invoice date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    amount = fields.Monetary(string="Sales", readonly=True, groups=SALES_GROUPS)
    abc = fields.Selection(
        [("A", "A"), ("B", "B"), ("C", "C")], string="ABC", readonly=True
    )
    xyz = fields.Selection(
        [("X", "X"), ("Y", "Y"), ("Z", "Z")], string="XYZ", readonly=True
    )

    def _query(self):
        return SQL(
            """
            SELECT aml.id,
                   am.invoice_date AS date,
                   aml.company_id,
                   partner.commercial_partner_id AS partner_id,
                   am.invoice_user_id AS user_id,
                   am.id AS move_id,
                   -aml.balance AS amount,
                   %(abc)s AS abc,
                   %(xyz)s AS xyz
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              JOIN res_partner partner ON partner.id = am.partner_id
              %(join)s
             WHERE aml.parent_state = 'posted'
               AND aml.display_type = 'product'
               AND am.move_type IN ('out_invoice', 'out_refund')
               AND am.invoice_date IS NOT NULL
            """,
            **self._classification_sql(),
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
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )

    @api.model
    def _get_compared_quarters(self, day=None):
        """(start, end) of this quarter, the previous one and the same
        quarter last year, most recent first."""
        day = day or fields.Date.context_today(self)
        start, end = date_utils.get_quarter(day)
        previous = start - relativedelta(months=3)
        last_year = start - relativedelta(years=1)
        return [
            (start, end),
            date_utils.get_quarter(previous),
            date_utils.get_quarter(last_year),
        ]

    @api.model
    def _get_compared_quarters_domain(self):
        quarters = self._get_compared_quarters()
        domain = ["|"] * (len(quarters) - 1)
        for start, end in quarters:
            domain += ["&", ("date", ">=", start), ("date", "<=", end)]
        return domain

    @api.model
    def action_open_sales_growth(self):
        """The director's button: this quarter against the previous one and
        the same quarter last year, side by side."""
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base_analytics.client_workspace_sales_report_action"
        )
        action["domain"] = self._get_compared_quarters_domain()
        return action
