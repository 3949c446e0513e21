# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The director's dashboard (an OWL client action) and the ABC-XYZ matrix.

Every figure is aggregated in PostgreSQL (``_read_group``) for one company at
a time, in that company's currency: amounts of two companies are never
added. Sales are the revenue lines of ``tools/revenue.py`` over the periods of
``tools/dashboard.py`` (the quarter to date against the same span), the same
lines and periods as the quarterly sales and the sales growth reports. Only
the companies the user has selected among their allowed ones
(``env.companies``, which Odoo checks against the user's companies) are
read, whatever the record rules of the reports say. Each figure carries the
window action that opens the records behind it.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_amount, format_date

from ..tools import dashboard as logic
from ..tools.revenue import REVENUE_GROUPS

DASHBOARD_GROUPS = (
    "client_base.client_base_group_director",
    "client_base.client_base_group_manager",
)
ABC_RANK = {"A": 1, "B": 2, "C": 3}
TOP = 5


class ClientWorkspaceDashboard(models.AbstractModel):
    _name = "client.workspace.dashboard"
    _description = "Director's dashboard"

    # ------------------------------------------------------------ helpers
    def _check_groups(self, groups):
        if not any(self.env.user.has_group(group) for group in groups):
            raise AccessError(self.env._("The client base overview is for directors."))

    @api.model
    def _treatments(self):
        return {
            "AX": self.env._("Core clients: keep them, key-account care"),
            "AY": self.env._("Valuable, uneven: plan deliveries with them"),
            "AZ": self.env._("Valuable, unpredictable: personal contact, find out why"),
            "BX": self.env._("Steady middle: grow the basket (cross-selling)"),
            "BY": self.env._("Middle, uneven: regular reminders"),
            "BZ": self.env._("Middle, unpredictable: watch and keep in touch"),
            "CX": self.env._("Small but steady: automate the service"),
            "CY": self.env._("Small, uneven: standard terms and mailings"),
            "CZ": self.env._("Small, unpredictable: mailings only"),
        }

    def _window(self, name, model, domain, views=("list", "form"), context=None):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "domain": domain,
            "views": [[False, view] for view in views],
            "context": context or {},
        }

    def _sales_domain(self, company, start, end):
        return [
            ("company_id", "=", company.id),
            ("date", ">=", start),
            ("date", "<=", end),
        ]

    def _sales_by_partner(self, company, periods):
        """{period key: {partner id: net sales}}, in one scan: the compared
        periods lie in three different quarters, so grouping by quarter
        tells them apart."""
        keys = {start: key for key, (start, _end) in periods.items()}
        domain = ["|"] * (len(periods) - 1)
        for start, end in periods.values():
            domain += ["&", "&"] + self._sales_domain(company, start, end)
        result = {key: {} for key in periods}
        # with_company: amounts in this company's currency (rate 1)
        Report = self.env["client.workspace.sales.report"].with_company(company)
        rows = Report._read_group(
            domain, ["partner_id", "date:quarter"], ["amount:sum"]
        )
        for partner, quarter, amount in rows:
            result[keys[quarter]][partner.id] = amount or 0.0
        return result

    # ----------------------------------------------------------- dashboard
    @api.model
    def get_director_dashboard(self):
        """All the figures of the dashboard, per allowed company."""
        self._check_groups(DASHBOARD_GROUPS)
        today = fields.Date.context_today(self)
        periods = logic.compared_periods(today)
        labels = {
            key: self.env._(
                "%(quarter)s to %(day)s",
                quarter=self._quarter_label(start),
                day=format_date(self.env, end),
            )
            for key, (start, end) in periods.items()
        }
        return {
            "today": format_date(self.env, today),
            "days": (today - periods["current"][0]).days + 1,
            "labels": labels,
            "companies": [
                self._company_figures(company, periods, labels)
                for company in self.env.companies.sorted("name")
            ],
            "health": self._health(),
        }

    def _quarter_label(self, day):
        """The quarter of ``day`` in the user's language: "Q4 2026",
        "4 кв. 2026"."""
        quarter, year = logic.quarter_of(day)
        return self.env._("Q%(quarter)s %(year)s", quarter=quarter, year=year)

    def _money(self, amount, company):
        return format_amount(self.env, amount, company.currency_id)

    def _company_figures(self, company, periods, labels):
        report = "client.workspace.sales.report"
        sales = {}
        by_partner = self._sales_by_partner(company, periods)
        for key in ("current", "previous", "last_year"):
            start, end = periods[key]
            domain = self._sales_domain(company, start, end)
            amount = sum(by_partner[key].values())
            sales[key] = {
                "label": labels[key],
                "amount": amount,
                "display": self._money(amount, company),
                "action": self._window(
                    f"{company.name}: {labels[key]}",
                    report,
                    domain,
                    ("pivot", "graph", "list"),
                    {"pivot_row_groupby": ["partner_id"], "pivot_measures": ["amount"]},
                ),
            }
        for key in ("previous", "last_year"):
            sales[key]["growth"] = logic.growth(
                sales["current"]["amount"], sales[key]["amount"]
            )
        top = sorted(
            by_partner["current"].items(), key=lambda item: (-item[1], item[0])
        )
        top = [(pid, amount) for pid, amount in top[:TOP] if amount]
        up, down = logic.movers(by_partner["current"], by_partner["last_year"], TOP)
        # names of the listed clients only (not of every client that bought)
        listed = {pid for pid, _amount in top} | {row[0] for row in up + down}
        partners = self.env["res.partner"].browse(sorted(listed))
        names = dict(zip(partners.ids, partners.mapped("display_name"), strict=True))

        def client(pid, amount, delta=None):
            return {
                "id": pid,
                "name": names.get(pid, ""),
                "display": self._money(amount, company),
                "delta": self._money(delta, company) if delta is not None else "",
                "action": {
                    "type": "ir.actions.act_window",
                    "res_model": "res.partner",
                    "res_id": pid,
                    "views": [[False, "form"]],
                },
            }

        return {
            "id": company.id,
            "name": company.name,
            "currency": company.currency_id.name,
            "sales": sales,
            "top": [client(pid, amount) for pid, amount in top],
            "movers_up": [client(pid, cur, delta) for pid, cur, _ref, delta in up],
            "movers_down": [client(pid, cur, delta) for pid, cur, _ref, delta in down],
            "matrix": self._matrix(company),
            "moves": self._class_moves(company, periods["current"][0]),
            "new_clients": self._new_clients(company),
            "lost_clients": self._lost_clients(company),
            "title_top": self.env._("Top clients, %s", labels["current"]),
        }

    def _new_clients(self, company):
        Partner = self.env["res.partner"].with_context(allowed_company_ids=[company.id])
        domain = Partner._client_workspace_new_clients_domain()
        return {
            "count": len(domain[0][2]),
            "action": self._window(
                self.env._("New clients this quarter: %s", company.name),
                "res.partner",
                domain,
            ),
        }

    def _lost_clients(self, company):
        domain = [("company_id", "=", company.id), ("lifecycle", "=", "lost")]
        return {
            "count": self.env["client.classification"].search_count(domain),
            "action": self._window(
                self.env._("Lost clients: %s", company.name),
                "client.classification",
                domain,
            ),
        }

    def _class_moves(self, company, since):
        """ABC moves since the start of the quarter: up (C to B, B to A...)
        and down."""
        domain = [
            ("company_id", "=", company.id),
            ("date", ">=", since),
            ("old_abc", "!=", False),
            ("new_abc", "!=", False),
        ]
        rows = self.env["client.classification.history"]._read_group(
            domain, ["old_abc", "new_abc"], ["__count"]
        )
        up = sum(n for old, new, n in rows if ABC_RANK[new] < ABC_RANK[old])
        down = sum(n for old, new, n in rows if ABC_RANK[new] > ABC_RANK[old])
        return {
            "up": up,
            "down": down,
            "action": self._window(
                self.env._("ABC class changes this quarter: %s", company.name),
                "client.classification.history",
                domain,
            ),
        }

    # ------------------------------------------------------------- matrix
    def _matrix(self, company):
        """3 x 3 cells: count, revenue share, treatment, action."""
        show_revenue = any(self.env.user.has_group(g) for g in REVENUE_GROUPS)
        Classification = self.env["client.classification"]
        domain = [
            ("company_id", "=", company.id),
            ("abc", "!=", False),
            ("xyz", "!=", False),
        ]
        counts = Classification._read_group(domain, ["abc", "xyz"], ["__count"])
        revenues = {}
        if show_revenue:
            # sudo: the revenue field is for the revenue groups, checked above;
            # the company is the one of the domain, among the user's companies
            revenues = {
                (abc, xyz): revenue or 0.0
                for abc, xyz, revenue in Classification.sudo()._read_group(
                    domain, ["abc", "xyz"], ["revenue:sum"]
                )
            }
        cells = {
            (abc, xyz): (count, revenues.get((abc, xyz), 0.0))
            for abc, xyz, count in counts
        }
        treatments = self._treatments()
        rows = logic.matrix(cells)
        for row in rows:
            for cell in row:
                key = cell["abc"] + cell["xyz"]
                cell["key"] = key
                cell["treatment"] = treatments[key]
                cell["display"] = (
                    self._money(cell["revenue"], company) if show_revenue else ""
                )
                if not show_revenue:
                    cell["share"] = None
                cell["action"] = self._window(
                    f"{key}: {company.name}",
                    "client.classification",
                    domain[:1] + [("abc", "=", cell["abc"]), ("xyz", "=", cell["xyz"])],
                )
        return rows

    @api.model
    def get_abc_xyz_matrix(self):
        """The ABC-XYZ matrix of each allowed company (for every Client Base
        user; revenue shares for the revenue groups only)."""
        self._check_groups(("client_base.client_base_group_user",))
        return {
            "companies": [
                {
                    "id": company.id,
                    "name": company.name,
                    "currency": company.currency_id.name,
                    "matrix": self._matrix(company),
                }
                for company in self.env.companies.sorted("name")
            ]
        }

    # ------------------------------------------------------------- health
    def _health(self):
        """Completeness, stale and duplicate clients of the allowed companies
        (and the shared clients without a company)."""
        today = fields.Date.context_today(self)
        Partner = self.env["res.partner"]
        # the one definition of a client (client_base/tools/clients.py)
        base = [
            *Partner._client_domain(),
            ("company_id", "in", self.env.companies.ids + [False]),
        ]
        [(count, completeness)] = Partner._read_group(
            base, [], ["__count", "client_completeness:avg"]
        )
        stale = base + [("client_next_verification", "<", today)]
        duplicates = base + [("client_duplicate_suspect", "=", True)]
        return {
            "clients": count,
            "completeness": round(completeness or 0.0),
            "stale": Partner.search_count(stale),
            "duplicates": Partner.search_count(duplicates),
            "actions": {
                "clients": self._window(self.env._("Clients"), "res.partner", base),
                "stale": self._window(
                    self.env._("Clients to verify"), "res.partner", stale
                ),
                "duplicates": self._window(
                    self.env._("Suspected duplicates"), "res.partner", duplicates
                ),
            },
        }
