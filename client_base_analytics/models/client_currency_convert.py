# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Monetary measures summed over several companies, in one currency.

A model whose amounts are in its record's company currency (revenue of a
client classification...) lists the amount fields in
``_client_convert_fields``. When the web client groups it (list groups,
pivot, graph: the public ``read_group``), every amount is converted to the
current company's currency at today's rate with the currency table of
``res.currency`` (``_get_simple_currency_table``), exactly as Odoo's own
multi-company reports (``account.invoice.report``) do: a group never adds
roubles to euros. With one currency among the companies the rate is 1 and
the figures are the stored ones.

The suite's own per-company figures (the director's dashboard) call the
private ``_read_group`` with a company in the domain: they are not converted
and are shown in that company's currency.
"""

from odoo import api, models
from odoo.models import READ_GROUP_AGGREGATE, parse_read_group_spec
from odoo.tools import SQL

RATE_ALIAS = "client_currency_rate"
CONVERT_KEY = "client_currency_convert"
CONVERTED_FUNCTIONS = ("sum", "avg", "min", "max")


class ClientCurrencyConvertMixin(models.AbstractModel):
    _name = "client.currency.convert.mixin"
    _description = "Amounts converted to the current company's currency when grouped"

    # Monetary fields in the currency of the record's company
    _client_convert_fields = ()
    _client_convert_company_field = "company_id"

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        # the web client's grouping (list groups, pivot, graph): in one
        # currency, the current company's
        return super(
            ClientCurrencyConvertMixin, self.with_context(**{CONVERT_KEY: True})
        ).read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )

    def _read_group_select(self, aggregate_spec, query):
        sql = super()._read_group_select(aggregate_spec, query)
        if aggregate_spec == "__count" or not self.env.context.get(CONVERT_KEY):
            return sql
        fname, _property, func = parse_read_group_spec(aggregate_spec)
        if fname not in self._client_convert_fields or func not in CONVERTED_FUNCTIONS:
            return sql
        self._client_currency_join(query)
        amount = self._field_to_sql(self._table, fname, query)
        rate = SQL.identifier(RATE_ALIAS, "rate")
        return READ_GROUP_AGGREGATE[func](self._table, SQL("%s * %s", amount, rate))

    def _client_currency_join(self, query):
        """Join today's rate of each record's company to the current
        company's currency (1 for the companies in that currency)."""
        if RATE_ALIAS in query._joins:
            return
        # sudo: the rates of every company, read only to convert amounts the
        # user is already allowed to read (the companies are the records')
        companies = (
            self.env["res.company"].sudo().search([("currency_id", "!=", False)])
        )
        table = self.env["res.currency"]._get_simple_currency_table(companies)
        company = self._field_to_sql(
            self._table, self._client_convert_company_field, query
        )
        query.add_join(
            "LEFT JOIN",
            RATE_ALIAS,
            SQL("(SELECT company_id, rate FROM %s WHERE rate_type = 'current')", table),
            SQL("%s = %s", SQL.identifier(RATE_ALIAS, "company_id"), company),
        )
