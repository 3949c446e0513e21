# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import math

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class AnalyticsCommon(AccountTestInvoicingCommon):
    """Real posted invoices in the test company, dated relative to today."""

    @classmethod
    def get_default_groups(cls):
        groups = super().get_default_groups()
        return groups | cls.env.ref("client_base.client_base_group_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.company = cls.company_data["company"]
        # one call does a whole small run (deterministic call counts); the
        # bounded slicing is tested with a zero budget
        cls.env["ir.config_parameter"].sudo().set_param(
            "client_base_analytics.call_budget", "600"
        )
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.Run = cls.env["client.classification"].env["client.classification.run"]
        cls.Classification = cls.env["client.classification"]
        cls.cb_user = new_test_user(
            cls.env,
            login="cba_user",
            groups="base.group_user,client_base.client_base_group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.cb_manager = new_test_user(
            cls.env,
            login="cba_manager",
            groups="base.group_user,client_base.client_base_group_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.plain_user = new_test_user(
            cls.env,
            login="cba_plain",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def month_date(cls, months_ago, day=10):
        """A date ``months_ago`` closed months back (1 = last month)."""
        first = cls.today.replace(day=1)
        index = first.year * 12 + first.month - 1 - months_ago
        return datetime.date(index // 12, index % 12 + 1, day)

    @classmethod
    def invoice(
        cls,
        partner,
        amount,
        months_ago,
        move_type="out_invoice",
        post=True,
        company=None,
        currency=None,
    ):
        company = company or cls.company
        date = cls.month_date(months_ago)
        vals = {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": date,
            "date": date,
            "company_id": company.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "line",
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        if currency:
            vals["currency_id"] = currency.id
        move = cls.env["account.move"].with_company(company).create(vals)
        if post:
            move.action_post()
        return move

    def run_cron(self, batch_size=None, company=None):
        """Drive the scheduled action's entry point until nothing remains."""
        calls = []
        for _i in range(100):
            done, remaining = self.env[
                "client.classification"
            ]._cron_compute_classification(batch_size=batch_size)
            calls.append((done, remaining))
            if not remaining:
                break
        return calls

    def classes(self, company=None):
        company = company or self.company
        recs = self.Classification.search([("company_id", "=", company.id)])
        return {
            rec.partner_id: (rec.lifecycle, rec.abc or None, rec.xyz or None)
            for rec in recs
        }

    # An independent oracle, from the raw ORM lines -------------------------------

    def oracle(self, company=None):
        company = company or self.company
        params = company._client_analytics_params()
        months = 1 if params.period == "month" else 3
        n = params.window_months // months
        first = self.today.replace(day=1)
        if months == 3:
            first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
        cur_index = first.year * 12 + first.month - 1
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
                ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                ("display_type", "=", "product"),
                ("date", "<", first),
            ]
        )
        series, before = {}, {}
        for line in lines:
            partner = line.partner_id.commercial_partner_id
            index = line.date.year * 12 + line.date.month - 1
            period = n - 1 - (cur_index - index - 1) // months
            if period < 0:
                # "bought before the window": a posted invoice, refunds aside
                if line.move_id.move_type == "out_invoice":
                    before[partner] = before.get(partner, 0.0) - line.balance
            else:
                values = series.setdefault(partner, [0.0] * n)
                values[period] -= line.balance
        out = {}
        for partner in set(series) | set(before):
            values = series.get(partner, [0.0] * n)
            bought_before = before.get(partner, 0.0) > 0.005
            buys = [i for i, v in enumerate(values) if v > 0.005]
            if not buys and not bought_before:
                life = "none"
            elif not bought_before and n - 1 - buys[0] < params.new_periods:
                life = "new"
            elif not buys or buys[-1] < n - params.lost_periods:
                life = "lost"
            elif len(buys) == 1:
                life = "one_time"
            else:
                life = "regular"
            xyz = None
            if life == "regular":
                tail = values[0 if bought_before else buys[0] :]
                mean = sum(tail) / len(tail)
                if mean > 0:
                    ddof = 1 if params.xyz_deviation == "sample" else 0
                    std = math.sqrt(
                        sum((v - mean) ** 2 for v in tail) / (len(tail) - ddof)
                    )
                    cv = round(std / mean * 100, 2)
                    xyz = (
                        "X"
                        if cv <= params.xyz_x
                        else "Y"
                        if cv <= params.xyz_y
                        else "Z"
                    )
            out[partner] = [life, None, xyz, round(sum(values), 2)]
        ranked = sorted(
            (p for p in out if out[p][3] > 0), key=lambda p: (-out[p][3], p.id)
        )
        total = sum(out[p][3] for p in ranked)
        cum = 0.0
        for partner in ranked:
            prev = cum / total * 100
            cum += out[partner][3]
            if params.abc_rule == "crossing":
                share, a, b = prev, params.abc_a - 1e-9, params.abc_b - 1e-9
            else:
                # own cumulative share (default); the top client is A
                share = cum / total * 100 if partner != ranked[0] else 0.0
                a, b = params.abc_a + 1e-9, params.abc_b + 1e-9
                if share <= a:
                    share = -1.0
            out[partner][1] = "A" if share < a else "B" if share < b else "C"
        return {p: (v[0], v[1], v[2]) for p, v in out.items()}
