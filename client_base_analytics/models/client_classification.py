# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools.revenue import REVENUE_GROUPS_ATTR

LIFECYCLE_SELECTION = [
    ("none", "None (never bought)"),
    ("new", "New"),
    ("one_time", "One-time"),
    ("regular", "Regular"),
    ("lost", "Lost"),
]
ABC_SELECTION = [("A", "A"), ("B", "B"), ("C", "C")]
XYZ_SELECTION = [("X", "X"), ("Y", "Y"), ("Z", "Z")]
CELL_SELECTION = [(a + x, a + x) for a in "ABC" for x in "XYZ"]
# RFM segments (keys: classify_rfm.RFM_SEGMENTS), from the best to the worst
RFM_SEGMENT_SELECTION = [
    ("champions", "Champions"),
    ("loyal", "Loyal"),
    ("potential", "Potential loyalists"),
    ("new", "New customers"),
    ("promising", "Promising"),
    ("need_attention", "Need attention"),
    ("about_to_sleep", "About to sleep"),
    ("cant_lose", "Can't lose them"),
    ("at_risk", "At risk"),
    ("hibernating", "Hibernating"),
    ("lost", "Lost"),
]
RFM_SCORE_SELECTION = [(str(i), str(i)) for i in range(1, 6)]
# Revenue facts: directors, data quality managers and invoicing users (one
# definition for the suite, tools/revenue.py)
REVENUE_GROUPS = REVENUE_GROUPS_ATTR


class ClientClassification(models.Model):
    """Expert analytics of one client in one company.

    The scheduled action writes the ``computed_*`` columns and the facts in
    bulk (see ``client.classification.run``); users only write the manual
    override. The effective class is the manual one when set.
    """

    _name = "client.classification"
    _inherit = "client.currency.convert.mixin"
    _description = "Client classification (ABC, XYZ, lifecycle)"
    _order = "company_id, rank, partner_id"
    _rec_name = "partner_id"
    _check_company_auto = True
    # revenue of several companies: converted to the current company's
    # currency when grouped (see client.currency.convert.mixin)
    _client_convert_fields = ("revenue",)

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # Computed by the scheduled action
    computed_lifecycle = fields.Selection(
        LIFECYCLE_SELECTION, string="Computed lifecycle", readonly=True
    )
    computed_abc = fields.Selection(ABC_SELECTION, string="Computed ABC", readonly=True)
    computed_xyz = fields.Selection(XYZ_SELECTION, string="Computed XYZ", readonly=True)
    computed_cell = fields.Selection(
        CELL_SELECTION, string="Computed ABC-XYZ", readonly=True
    )
    # Manual override
    manual_lifecycle = fields.Selection(LIFECYCLE_SELECTION, string="Manual lifecycle")
    manual_abc = fields.Selection(ABC_SELECTION, string="Manual ABC")
    manual_xyz = fields.Selection(XYZ_SELECTION, string="Manual XYZ")
    override_reason = fields.Text()
    # Effective values (manual when set, else computed)
    lifecycle = fields.Selection(
        LIFECYCLE_SELECTION,
        compute="_compute_effective",
        store=True,
        index=True,
        string="Lifecycle class",
    )
    abc = fields.Selection(
        ABC_SELECTION,
        compute="_compute_effective",
        store=True,
        index=True,
        string="ABC",
    )
    xyz = fields.Selection(
        XYZ_SELECTION,
        compute="_compute_effective",
        store=True,
        index=True,
        string="XYZ",
    )
    cell = fields.Selection(
        CELL_SELECTION, compute="_compute_effective", store=True, string="ABC-XYZ"
    )
    differs = fields.Boolean(
        compute="_compute_effective",
        store=True,
        string="Manual differs",
        help="A manual class is set and differs from the computed one.",
    )
    # Facts behind the classes
    revenue = fields.Monetary(
        string="Revenue (company currency)",
        readonly=True,
        groups=REVENUE_GROUPS,
        help="Net invoiced revenue (invoices minus refunds, untaxed) over the "
        "analysis window, in the currency of the classification's company. "
        "Totals of several companies are in the current company's currency, "
        "converted at today's rate.",
    )
    # revenue, margin (company currency) or a number of invoices, as the
    # company's settings say: never summed over clients
    indicator_value = fields.Float(
        string="Indicator", readonly=True, aggregator=None, groups=REVENUE_GROUPS
    )
    share = fields.Float(string="Share (%)", readonly=True, groups=REVENUE_GROUPS)
    cum_share = fields.Float(
        string="Cumulative share (%)",
        readonly=True,
        aggregator="max",
        groups=REVENUE_GROUPS,
    )
    rank = fields.Integer(readonly=True, aggregator="min")
    percentile = fields.Integer(
        string="Clients (%)",
        readonly=True,
        aggregator="max",
        help="Position of the client in the ABC ranking, in percent of the "
        "ranked clients (x axis of the Pareto curve).",
    )
    cv = fields.Float(
        string="CV (%)",
        readonly=True,
        aggregator="avg",
        help="Coefficient of variation of the per-period revenue (population "
        "standard deviation / mean), regular clients only.",
    )
    purchase_periods = fields.Integer(
        string="Periods with purchases", readonly=True, aggregator="avg"
    )
    last_purchase = fields.Date(string="Last purchase period", readonly=True)
    # RFM (clients with at least one customer invoice in the window)
    frequency = fields.Integer(
        string="Invoices",
        readonly=True,
        aggregator="sum",
        help="Number of posted customer invoices in the analysis window (RFM "
        "frequency).",
    )
    last_invoice = fields.Date(string="Last invoice", readonly=True)
    recency = fields.Integer(
        string="Recency (days)",
        readonly=True,
        aggregator="avg",
        help="Days from the last customer invoice to the end of the analysis "
        "window (RFM recency).",
    )
    rfm_r = fields.Integer(
        string="R",
        readonly=True,
        aggregator="avg",
        help="Recency score, 5 = most recent.",
    )
    rfm_f = fields.Integer(
        string="F",
        readonly=True,
        aggregator="avg",
        help="Frequency score, 5 = most invoices.",
    )
    rfm_m = fields.Integer(
        string="M",
        readonly=True,
        aggregator="avg",
        help="Monetary score, 5 = highest net revenue.",
    )
    rfm_segment = fields.Selection(
        RFM_SEGMENT_SELECTION, string="RFM segment", readonly=True, index=True
    )
    rfm_score = fields.Char(
        string="RFM", compute="_compute_rfm_score", help="R, F and M scores."
    )
    run_id = fields.Many2one(
        "client.classification.run", string="Last changed by run", readonly=True
    )
    history_ids = fields.One2many(
        "client.classification.history", "classification_id", readonly=True
    )

    _sql_constraints = (
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "A client has one classification per company.",
        ),
    )

    @api.depends("rfm_r", "rfm_f", "rfm_m")
    def _compute_rfm_score(self):
        for rec in self:
            scores = (rec.rfm_r, rec.rfm_f, rec.rfm_m)
            rec.rfm_score = "".join(map(str, scores)) if all(scores) else False

    @api.depends(
        "computed_lifecycle",
        "computed_abc",
        "computed_xyz",
        "manual_lifecycle",
        "manual_abc",
        "manual_xyz",
    )
    def _compute_effective(self):
        # keep in sync with client.classification.run._write_changes (SQL)
        for rec in self:
            rec.lifecycle = rec.manual_lifecycle or rec.computed_lifecycle
            rec.abc = rec.manual_abc or rec.computed_abc
            rec.xyz = rec.manual_xyz or rec.computed_xyz
            rec.cell = rec.abc and rec.xyz and rec.abc + rec.xyz or False
            rec.differs = any(
                rec[f"manual_{f}"] and rec[f"manual_{f}"] != rec[f"computed_{f}"]
                for f in ("lifecycle", "abc", "xyz")
            )

    def write(self, vals):
        manual = {"manual_lifecycle", "manual_abc", "manual_xyz"} & set(vals)
        if not manual:
            return super().write(vals)
        before = {
            rec.id: {f: rec[f] for f in ("lifecycle", "abc", "xyz")} for rec in self
        }
        res = super().write(vals)
        history = []
        now = fields.Datetime.now()
        for rec in self:
            old = before[rec.id]
            if any(old[f] != rec[f] for f in old):
                history.append(
                    {
                        "classification_id": rec.id,
                        "date": now,
                        "origin": "manual",
                        "reason": rec.override_reason,
                        **{f"old_{f}": old[f] for f in old},
                        **{f"new_{f}": rec[f] for f in old},
                    }
                )
        if history:
            self.env["client.classification.history"].sudo().create(history)
        # the clients' class fields (company-dependent) follow the override
        self.env["client.classification.run"].sudo()._sync_partners(self.ids)
        return res

    @api.model
    def _cron_compute_classification(self, batch_size=None):
        """Scheduled action entry point: one batch per call."""
        return self.env["client.classification.run"]._cron_process(batch_size)
