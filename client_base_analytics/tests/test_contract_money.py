# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: no screen of the suite adds roubles to euros or counts a row twice.

The test does not list the money screens its author thought of: it asks the
registry (``contract_common``) for every list, pivot and graph view of the
suite and every monetary field it shows (the suite's own and the core ones,
such as the invoice totals of *Documents to collect*), then groups each by
every grouping the suite offers (its search views' "Group by", its actions'
default groupings, its pivots' and graphs' rows and columns), with two
companies in RUB and EUR selected. Each group must either hold one currency
or be converted to the current company's currency (the currency table of
``res.currency``), and must equal the sum of its records counted once.
"""

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, api, fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.client_base.tests import contract_common

# 1 EUR = 100 RUB in the rates of the roubles company
EUR_PER_RUB = 0.01
VIEW_TYPES = ("list", "pivot", "graph")


@tagged("post_install", "-at_install")
class TestContractMoney(AccountTestInvoicingCommon):
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
        rub = cls.env.ref("base.RUB")
        eur = cls.env.ref("base.EUR")
        usd = cls.env.ref("base.USD")
        (rub | eur | usd).active = True
        cls.company_rub = cls.setup_other_company(name="Money RUB", currency_id=rub.id)[
            "company"
        ]
        cls.company_eur = cls.setup_other_company(name="Money EUR", currency_id=eur.id)[
            "company"
        ]
        cls.companies = cls.company_rub | cls.company_eur
        Rate = cls.env["res.currency.rate"]
        Rate.search([("company_id", "in", cls.companies.ids)]).unlink()
        today = fields.Date.today()
        Rate.create(
            [
                {
                    "currency_id": eur.id,
                    "rate": EUR_PER_RUB,
                    "name": "2000-01-01",
                    "company_id": cls.company_rub.id,
                },
                {
                    "currency_id": usd.id,
                    "rate": 0.0125,
                    "name": "2000-01-01",
                    "company_id": cls.company_rub.id,
                },
            ]
        )
        icp = cls.env["ir.config_parameter"].sudo()
        icp.set_param("client_base_regulations.collect_invoice", "True")
        icp.set_param("client_base_regulations.collect_act", "True")
        cls.env.user.company_ids |= cls.companies
        cls.manager = cls.env.user
        cls.client_a = cls.env["res.partner"].create(
            {"name": "Money Client A", "is_company": True, "user_id": cls.manager.id}
        )
        cls.client_b = cls.env["res.partner"].create(
            {"name": "Money Client B", "is_company": True, "user_id": cls.manager.id}
        )
        cls.invoices = cls.env["account.move"]
        for company, amounts, currency in (
            (cls.company_rub, (100000.0, 50000.0), rub),
            (cls.company_rub, (700.0,), usd),  # an invoice in dollars
            (cls.company_eur, (1000.0, 300.0), eur),
        ):
            for partner in cls.client_a | cls.client_b:
                for months_ago, amount in zip((1, 4), amounts, strict=False):
                    day = today.replace(day=10) - relativedelta(months=months_ago)
                    cls.invoices |= cls._invoice(
                        partner, amount, day, company, currency
                    )
        # the classification of both companies (revenue in each one's currency)
        cls.env["ir.config_parameter"].sudo().set_param(
            "client_base_analytics.call_budget", "600"
        )
        for _i in range(20):
            _done, remaining = cls.env[
                "client.classification"
            ]._cron_compute_classification()
            if not remaining:
                break

    @classmethod
    def _invoice(cls, partner, amount, day, company, currency):
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": day,
                    "date": day,
                    "company_id": company.id,
                    "currency_id": currency.id,
                    "invoice_user_id": cls.env.user.id,
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
            )
        )
        move.action_post()
        return move

    # ----------------------------------------------------------- enumeration

    def _money_measures(self):
        """{(model, field): set of groupings} of every monetary field a suite
        list, pivot or graph shows. A grouping is a tuple of field names.

        On the suite's own models: every grouping the suite offers (search
        views' "Group by", pivot and graph rows and columns, the company).
        On a core model (the invoices of *Documents to collect*) the suite
        cannot change how Odoo sums a core field: the groupings its actions
        open on."""
        env = self.env
        own = set(contract_common.suite_models(env))
        measures = {}
        groupings = {}
        filters = {}  # (model, filter name): group_by chain
        for view in contract_common.suite_views(env):
            model = view.model
            if not model or model not in env:
                continue
            arch = etree.fromstring(view.arch_db.encode())
            Model = env[model]
            for node in arch.iter("field"):
                name = node.get("name")
                field = Model._fields.get(name)
                if field is None:
                    continue
                if view.type in VIEW_TYPES and field.type == "monetary":
                    measures.setdefault((model, name), set())
                if view.type in ("pivot", "graph") and node.get("type") != "measure":
                    groupings.setdefault(model, set()).add((name,))
            for node in arch.iter("filter"):
                context = node.get("context") or ""
                if "group_by" not in context:
                    continue
                group_by = safe_eval(context, {"uid": env.uid}).get("group_by")
                chain = tuple(
                    spec.split(":")[0]
                    for spec in ([group_by] if isinstance(group_by, str) else group_by)
                )
                filters[model, node.get("name")] = chain
                groupings.setdefault(model, set()).update((g,) for g in chain)
        defaults = {}  # model: group_by chains the suite's actions open on
        ids = contract_common._suite_xmlids(env, "ir.actions.act_window").mapped(
            "res_id"
        )
        for action in env["ir.actions.act_window"].browse(ids):
            context = safe_eval(
                action.context or "{}",
                {"uid": env.uid, "active_id": False, "active_ids": []},
            )
            chain = ()
            for key, value in context.items():
                if key.startswith("search_default_") and value:
                    chain += filters.get((action.res_model, key[15:]), ())
            if chain:
                defaults.setdefault(action.res_model, set()).add(chain)
        for (model, name), groups in measures.items():
            if model in own:
                groups.update(groupings.get(model, ()))
                if "company_id" in env[model]._fields:
                    groups.add(("company_id",))
                groups.add(())  # the grand total
            else:
                groups.update(defaults.get(model, ()))
            groups.discard((name,))
        return measures

    def test_the_enumeration_sees_the_money_screens(self):
        measures = self._money_measures()
        for key in (
            ("client.document.collect", "amount_total"),
            ("client.classification", "revenue"),
            ("client.workspace.sales.report", "amount"),
            ("client.sales.growth.report", "revenue_current"),
        ):
            if key[0] in self.env:
                self.assertIn(key, measures)

    # ----------------------------------------------------------------- check

    def _rate(self, currency):
        """Today's rate from ``currency`` to the roubles company's currency."""
        return currency._get_conversion_rate(
            currency,
            self.company_rub.currency_id,
            self.company_rub,
            fields.Date.today(),
        )

    def test_no_group_adds_two_currencies_or_counts_a_row_twice(self):
        failures = self._check_money(lambda model: True)
        self.assertFalse(failures, "\n".join(failures))
        # the data do span both currencies: the classes and the originals
        classes = self.env["client.classification"].search(
            [("company_id", "in", self.companies.ids)]
        )
        self.assertEqual(classes.company_id, self.companies)
        originals = self.env["client.document.collect"].search(
            [("move_id", "in", self.invoices.ids)]
        )
        self.assertEqual(len(originals), 2 * len(self.invoices))

    def test_revenue_of_two_companies_in_the_current_companys_currency(self):
        env = self.env(
            context=dict(self.env.context, allowed_company_ids=self.companies.ids)
        )
        classes = env["client.classification"].search(
            [("company_id", "in", self.companies.ids)]
        )
        [group] = env["client.classification"].read_group(
            [("id", "in", classes.ids)], ["revenue:sum"], [], lazy=False
        )
        rub = sum(
            classes.filtered(lambda c: c.company_id == self.company_rub).mapped(
                "revenue"
            )
        )
        eur = sum(
            classes.filtered(lambda c: c.company_id == self.company_eur).mapped(
                "revenue"
            )
        )
        self.assertTrue(rub and eur)
        self.assertAlmostEqual(group["revenue"], rub + eur / EUR_PER_RUB, places=2)
        # as the web client calls it (JSON-RPC call_kw: a model method)
        [group] = api.call_kw(
            env["client.classification"],
            "read_group",
            [],
            {
                "domain": [("id", "in", classes.ids)],
                "fields": ["revenue:sum"],
                "groupby": [],
                "lazy": False,
            },
        )
        self.assertAlmostEqual(group["revenue"], rub + eur / EUR_PER_RUB, places=2)
        # one company at a time: its own figures, unconverted
        eur_env = self.env(
            context=dict(self.env.context, allowed_company_ids=self.company_eur.ids)
        )
        [group] = eur_env["client.classification"].read_group(
            [("company_id", "=", self.company_eur.id)], ["revenue:sum"], [], lazy=False
        )
        self.assertAlmostEqual(group["revenue"], eur, places=2)

    def _check_money(self, selected):
        # the roubles company is the current one, both are selected
        env = self.env(
            context=dict(
                self.env.context, allowed_company_ids=self.companies.ids, lang="en_US"
            )
        )
        failures = []
        checked = 0
        for (model, fname), groupings in sorted(self._money_measures().items()):
            if not selected(model):
                continue
            Model = env[model]
            field = Model._fields[fname]
            aggregator = Model.fields_get([fname], ["aggregator"])[fname].get(
                "aggregator"
            )
            if not aggregator:
                continue  # never summed
            if field.related:
                failures.append(
                    f"{model}.{fname}: the amount of another record ({field.related}) "
                    "is summed: it counts that record once per line"
                )
                continue
            converts = fname in getattr(Model, "_client_convert_fields", ())
            currency_field = field.get_currency_field(Model)
            for grouping in sorted(groupings):
                if any(g not in Model._fields for g in grouping):
                    continue
                groups = Model.read_group(
                    [], [f"{fname}:{aggregator}"], list(grouping), lazy=False
                )
                for group in groups:
                    records = Model.search(group["__domain"])
                    if not records:
                        continue
                    checked += 1
                    currencies = records.mapped(currency_field)
                    key = {g: group[g] for g in grouping}
                    label = f"{model}.{fname} by {key}"
                    values = [
                        (rec[fname] or 0.0, rec[currency_field]) for rec in records
                    ]
                    if len(currencies) > 1 and not converts:
                        failures.append(
                            f"{label}: adds {', '.join(currencies.mapped('name'))}"
                        )
                        continue
                    if converts:
                        expected = sum(v * self._rate(c) for v, c in values)
                    else:
                        expected = sum(v for v, _c in values)
                    # converted: today's rates, rounded per row by Odoo's helper
                    tolerance = 0.01 * len(records) if converts else 0.005
                    if aggregator == "sum" and abs((group[fname] or 0.0) - expected) > (
                        tolerance
                    ):
                        failures.append(f"{label}: {group[fname]} != {expected}")
        self.assertTrue(checked, "no monetary group was checked: no data?")
        return failures
