# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The revenue basis as SQL, written once (the rule: ``tools/revenue.py``).

Every query of the suite over revenue (classification run, sales growth
report, quarterly sales, hence the director's dashboard) takes its lines
from :func:`revenue_lines` and its columns from :data:`AMOUNT`,
:data:`PARTNER` and :data:`DATE`.
"""

from odoo.tools import SQL

from ..tools.revenue import CUSTOMER_MOVE_TYPES

# column expressions over the aliases of revenue_lines()
AMOUNT = SQL("-aml.balance")
PARTNER = SQL("partner.commercial_partner_id")
DATE = SQL("aml.date")


def revenue_lines(
    company_ids=None, date_from=None, date_to=None, joins=None, where=None
):
    """``FROM ... WHERE ...`` of the revenue lines.

    Aliases: ``aml`` (the line), ``am`` (its move), ``partner`` (the line's
    partner; :data:`PARTNER` is its commercial partner). ``date_from`` is
    inclusive, ``date_to`` exclusive (both on the accounting date,
    :data:`DATE`); ``joins`` are added after the three tables, ``where`` is
    ANDed.
    """
    conditions = [
        SQL("aml.parent_state = 'posted'"),
        SQL("aml.display_type = 'product'"),
        SQL("am.move_type IN %s", CUSTOMER_MOVE_TYPES),
    ]
    if company_ids is not None:
        conditions.append(SQL("aml.company_id IN %s", tuple(company_ids) or (None,)))
    if date_from:
        conditions.append(SQL("aml.date >= %s", date_from))
    if date_to:
        conditions.append(SQL("aml.date < %s", date_to))
    if where:
        conditions.append(where)
    return SQL(
        """
          FROM account_move_line aml
          JOIN account_move am ON am.id = aml.move_id
          JOIN res_partner partner ON partner.id = aml.partner_id
          %(joins)s
         WHERE %(conditions)s
        """,
        joins=joins or SQL(),
        conditions=SQL(" AND ").join(conditions),
    )


def fully_refunded(move="am"):
    """SQL condition: the customer invoice ``move`` is cancelled in full by
    its posted credit notes (their untaxed amounts add up to at least the
    invoice's)."""
    alias = SQL.identifier(move)
    return SQL(
        """(%(m)s.move_type = 'out_invoice' AND %(m)s.amount_untaxed_signed > 0
            AND %(m)s.amount_untaxed_signed + (
                SELECT COALESCE(SUM(refund.amount_untaxed_signed), 0)
                  FROM account_move refund
                 WHERE refund.reversed_entry_id = %(m)s.id
                   AND refund.state = 'posted'
                   AND refund.move_type = 'out_refund'
            ) <= 0)""",
        m=alias,
    )


def compared_lines(periods, company_ids, currency_table, joins=None):
    """The revenue lines of the compared periods, one row per line.

    ``periods``: ``{"current", "previous", "last_year"}: (first, last day)``
    (see ``dashboard.compared_periods``: the quarter to date against the
    same span of earlier quarters). Columns: id, company_id, date, move_id,
    user_id, partner_id, period (the key) and amount, converted by
    ``currency_table`` (Odoo's ``res.currency._get_simple_currency_table``:
    rate 1 for a company in the currency of the current company).
    """
    cases = SQL(" ").join(
        SQL("WHEN aml.date BETWEEN %s AND %s THEN %s", start, end, key)
        for key, (start, end) in periods.items()
    )
    within = SQL(" OR ").join(
        SQL("aml.date BETWEEN %s AND %s", start, end) for start, end in periods.values()
    )
    return SQL(
        """
        SELECT aml.id, aml.company_id, aml.date, am.id AS move_id,
               am.invoice_user_id AS user_id, %(partner)s AS partner_id,
               CASE %(cases)s END AS period,
               %(amount)s * account_currency_table.rate AS amount
        %(lines)s
        """,
        partner=PARTNER,
        cases=cases,
        amount=AMOUNT,
        lines=revenue_lines(
            company_ids=company_ids,
            joins=SQL(
                "JOIN %s ON account_currency_table.company_id = aml.company_id %s",
                currency_table,
                joins or SQL(),
            ),
            where=SQL("(%s)", within),
        ),
    )
