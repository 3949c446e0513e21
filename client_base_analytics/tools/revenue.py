# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who may see revenue, and what revenue is: written once for the suite.

Revenue is the posted customer invoice and refund lines (``display_type``
``product``: untaxed), ``-balance`` (company currency, refunds negative),
rolled up to the commercial partner of the line. The classification run, the
sales growth report, the quarterly sales of the director's overview (and so
the dashboard, which reads it) all select their lines through the SQL
builder ``models/revenue_basis.py`` (``revenue_lines``); none writes this
WHERE clause itself.

A customer invoice that credit notes (``reversed_entry_id``) cancelled in
full is no purchase (``revenue_basis.fully_refunded``): RFM frequency does
not count it, and its revenue nets out to zero with its refunds.
"""

# Revenue facts (amounts, shares, growth) are shown to directors, data
# quality managers and invoicing users: every revenue field and screen of the
# suite uses this tuple (``groups=REVENUE_GROUPS_ATTR`` on fields).
REVENUE_GROUPS = (
    "client_base.client_base_group_director",
    "client_base.client_base_group_manager",
    "account.group_account_invoice",
)
REVENUE_GROUPS_ATTR = ",".join(REVENUE_GROUPS)
CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")
