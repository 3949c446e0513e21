# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: company isolation, for every model of the suite (issue 19).

Every model the suite's add-ons declare (regular, transient, SQL view), as
Odoo's registry knows it (``contract_common.suite_models``), either

- carries a company (a ``company_id`` field, stored or related) and an
  active global record rule restricting by company, or
- belongs to its creator (an active global rule on ``create_uid``), or
- is listed in ``NO_COMPANY_DATA`` below, with the reason.

Then a user of company 2 only, over JSON-RPC, reads, searches and groups the
records a builder made in company 1 for every such model: nothing of company
1 is visible. A model without a builder fails the test unless it is listed in
``NOT_CREATABLE`` with the reason. And the duplicates job never pairs
partners of two companies.
"""

import base64

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .contract_common import suite_models
from .rpc_common import RpcMixin

# Models holding no company data, with the reason. Keep it short: each entry
# is a model nobody in one company can read another company's data through.
NO_COMPANY_DATA = {
    # work tables of a classification run (partial sums, changes to write),
    # written and read in SQL by the run; ACL for administrators only
    # (base.group_system), emptied when the run ends
    "client.classification.run.sum": "run work table, administrators only",
    "client.classification.pending": "run work table, administrators only",
}

# Models the company-2 read-back cannot create data for, with the reason.
NOT_CREATABLE = {}

COMPANY_MARKERS = ("company_ids", "company_id")
OWNER_MARKER = "create_uid"


def _rules(env, model):
    return (
        env["ir.rule"]
        .sudo()
        .search([("model_id.model", "=", model), ("active", "=", True)])
        .filtered("global")
    )


def company_bound(env, model):
    """A company field and a global rule on a company."""
    field = env[model]._fields.get("company_id")
    if not field or field.type != "many2one" or field.comodel_name != "res.company":
        return False
    if not (field.store or field.related):
        return False
    return any(
        any(marker in (rule.domain_force or "") for marker in COMPANY_MARKERS)
        for rule in _rules(env, model)
    )


def owner_bound(env, model):
    """A global rule keeping each record to its creator."""
    return any(
        OWNER_MARKER in (rule.domain_force or "")
        and "user.id" in (rule.domain_force or "")
        for rule in _rules(env, model)
    )


@tagged("post_install", "-at_install")
class TestContractCompanyRules(AccountTestInvoicingCommon):
    """The static half: a rule for every model (no data needed)."""

    def test_every_suite_model_is_company_or_owner_bound(self):
        offenders = [
            model
            for model in suite_models(self.env)
            if model not in NO_COMPANY_DATA
            and not company_bound(self.env, model)
            and not owner_bound(self.env, model)
        ]
        self.assertFalse(
            offenders,
            "suite models with neither a company field and a company rule, "
            "nor an owner rule, nor a reason in NO_COMPANY_DATA",
        )

    def test_every_transient_model_belongs_to_its_creator(self):
        offenders = [
            model
            for model in suite_models(self.env, transient=True)
            if not owner_bound(self.env, model)
        ]
        self.assertFalse(offenders, "wizards without an owner rule")

    def test_lists_name_existing_models(self):
        known = set(suite_models(self.env))
        stale = sorted((set(NO_COMPANY_DATA) | set(NOT_CREATABLE)) - known)
        self.assertFalse(stale, "listed models the suite no longer declares")


STRONG_GROUPS = (
    "base.group_user,client_base.client_base_group_manager,"
    "client_base.client_base_group_director,account.group_account_manager"
)


class ContractBuilders:
    """A record of every suite model in company 1, made by a per-model
    builder (``_build_<model>``) or by the generic one (required fields
    filled, company 1, the company-1-only client as partner). Mixed into an
    ``AccountTestInvoicingCommon`` (posted invoices for the sales reports).
    """

    @classmethod
    def _setup_contract_data(cls):
        cls.c1 = cls.company_data["company"]
        cls.user_c1 = new_test_user(
            cls.env,
            login="cb_contract_c1",
            groups=STRONG_GROUPS,
            company_id=cls.c1.id,
            company_ids=[Command.set(cls.c1.ids)],
        )
        cls.env1 = cls.env(
            user=cls.user_c1, context={"allowed_company_ids": cls.c1.ids}
        )
        cls.client1 = cls.env["res.partner"].create(
            {
                "name": "Company-1-only client",
                "is_company": True,
                "company_id": cls.c1.id,
                "email": "only-c1@example.com",
                "phone": "+7 495 111-22-33",
            }
        )

    def setUp(self):
        super().setUp()
        self.made = {}

    # ------------------------------------------------------------ builders

    def _record(self, model):
        """One record of ``model`` in company 1 (built once per test)."""
        if model not in self.made:
            builder = getattr(self, "_build_" + model.replace(".", "_"), None)
            if builder is None:
                builder = lambda: self._build_generic(model)
            self.made[model] = builder()
        return self.made[model]

    def _value(self, model, name, field):
        if field.type in ("char", "text", "html"):
            return f"Contract {name}"
        if field.type == "selection":
            selection = field._description_selection(self.env)
            return selection[0][0]
        if field.type in ("integer", "float", "monetary"):
            return 1
        if field.type == "date":
            return fields.Date.today()
        if field.type == "datetime":
            return fields.Datetime.now()
        if field.type == "boolean":
            return True
        if field.type == "binary":
            return base64.b64encode(b"name\nContract\n")
        if field.type == "many2one":
            return self._related(field.comodel_name).id
        if field.type == "many2many":
            return [Command.set(self._related(field.comodel_name).ids)]
        return False

    def _related(self, comodel):
        if comodel == "res.partner":
            return self.client1
        if comodel == "res.users":
            return self.user_c1
        if comodel == "res.company":
            return self.c1
        if comodel in suite_models(self.env):
            return self._record(comodel)[:1]
        return (
            self.env[comodel]
            .sudo()
            .search(
                [("company_id", "in", [self.c1.id, False])]
                if "company_id" in self.env[comodel]._fields
                else [],
                limit=1,
            )
        )

    def _build_generic(self, model):
        Model = self.env1[model]
        if not Model._transient:
            Model = Model.sudo()
        defaults = Model.default_get(list(Model._fields))
        vals = {}
        for name, field in Model._fields.items():
            if not field.store or field.compute or field.related or name == "id":
                continue
            if name == "company_id" and field.comodel_name == "res.company":
                vals[name] = self.c1.id
            elif field.type == "many2one" and field.comodel_name == "res.partner":
                vals[name] = self.client1.id
            elif field.required and name not in defaults:
                vals[name] = self._value(model, name, field)
        return Model.with_company(self.c1).create(vals)

    def _build_client_import_wizard(self):
        wizard = self.env1["client.import.wizard"].create(
            {
                "file": base64.b64encode(
                    b"Name;Email\nCompany-1-only client;only-c1@example.com\n"
                ),
                "filename": "clients.csv",
                "source": "Contract",
            }
        )
        wizard.action_read_file()
        wizard.action_preview()
        return wizard

    def _build_client_import_wizard_column(self):
        return self._record("client.import.wizard").column_ids

    def _build_client_import_wizard_preview(self):
        return self._record("client.import.wizard").preview_ids

    def _build_client_normalize_wizard(self):
        self.client1.sudo().write({"email": " ONLY-C1@Example.com "})
        wizard = self.env1["client.normalize.wizard"].create({"company_id": self.c1.id})
        wizard.action_preview()
        return wizard

    def _build_client_normalize_wizard_line(self):
        return self._record("client.normalize.wizard").line_ids

    def _build_client_classification_transition(self):
        wizard = self._record("client.classification.transition.wizard")
        return wizard.line_ids or self.env1["client.classification.transition"].create(
            {"wizard_id": wizard.id, "from_class": "A", "to_class": "B"}
        )

    def _build_client_classification_transition_wizard(self):
        Run = self.env["client.classification.run"].sudo()
        runs = Run.create(
            [
                {"company_id": self.c1.id, "state": "done"},
                {"company_id": self.c1.id, "state": "done"},
            ]
        )
        wizard = self.env1["client.classification.transition.wizard"].create(
            {
                "company_id": self.c1.id,
                "run_from_id": runs[0].id,
                "run_to_id": runs[1].id,
            }
        )
        wizard.action_compute()
        return wizard

    def _build_client_interaction_partner_stat(self):
        self._record("client.interaction")
        self.env["client.interaction"]._client_refresh_partner_stats(self.client1.ids)
        self.env.flush_all()
        return (
            self.env["client.interaction.partner.stat"]
            .sudo()
            .search([("company_id", "=", self.c1.id)])
        )

    def _build_client_interaction(self):
        group = self.env.ref("client_base.client_interaction_group_presentation")
        return (
            self.env["client.interaction"]
            .sudo()
            .with_company(self.c1)
            .create(
                {
                    "summary": "Contract call",
                    "partner_id": self.client1.id,
                    "company_id": self.c1.id,
                    "group_id": group.id,
                }
            )
        )

    def _build_account_move_document_collect(self):
        move = self.init_invoice(
            "out_invoice", partner=self.client1, amounts=[100.0], company=self.c1
        )
        return self._build_generic_with(
            "account.move.document.collect", move_id=move.id
        )

    def _build_generic_with(self, model, **vals):
        Model = self.env[model].sudo().with_company(self.c1)
        defaults = Model.default_get(list(Model._fields))
        for name, field in Model._fields.items():
            if name in vals or not field.store or field.compute or field.related:
                continue
            if name == "company_id" and field.comodel_name == "res.company":
                vals[name] = self.c1.id
            elif field.required and name not in defaults and name != "id":
                vals[name] = self._value(model, name, field)
        return Model.create(vals)

    def _build_client_regulation_acknowledgement(self):
        page = (
            self.env["document.page"]
            .sudo()
            .search([("client_regulation_key", "!=", False)], limit=1)
        )
        return self.env1["client.regulation.acknowledgement"].create(
            {"page_id": page.id, "history_id": page.history_head.id}
        )

    def _view_rows(self, model, domain):
        self.env.flush_all()
        return self.env[model].sudo().search(domain)

    def _build_client_interaction_analysis(self):
        self._record("client.interaction")
        return self._view_rows(
            "client.interaction.analysis", [("company_id", "=", self.c1.id)]
        )

    def _build_client_quality_report(self):
        return self._view_rows(
            "client.quality.report", [("company_id", "=", self.c1.id)]
        )

    def _build_client_regulation_read_status(self):
        return self._view_rows(
            "client.regulation.read.status", [("user_id", "=", self.user_c1.id)]
        )

    def _posted_sales(self):
        if "invoice" not in self.made:
            self.made["invoice"] = self.init_invoice(
                "out_invoice",
                partner=self.client1,
                amounts=[100.0],
                company=self.c1,
                invoice_date=fields.Date.today(),
                post=True,
            )
        return self.made["invoice"]

    def _build_client_sales_growth_report(self):
        self._posted_sales()
        return self._view_rows(
            "client.sales.growth.report", [("company_id", "=", self.c1.id)]
        )

    def _build_client_workspace_sales_report(self):
        self._posted_sales()
        return self._view_rows(
            "client.workspace.sales.report", [("company_id", "=", self.c1.id)]
        )

    def _build_all(self, models):
        """``({model: ids}, [failures])`` of the builders of ``models``."""
        built, failures = {}, []
        for model in models:
            try:
                with self.env.cr.savepoint():
                    records = self._record(model)
            except Exception as exc:  # noqa: BLE001 - named in the failure
                failures.append(f"{model}: {exc}")
                continue
            if not records:
                failures.append(f"{model}: the builder made no record")
            else:
                built[model] = records.ids
        self.env.flush_all()
        # derived rows (figures rebuilt by a later builder's data): again
        for model, ids in list(built.items()):
            if len(self.env[model].sudo().browse(ids).exists()) != len(ids):
                self.made.pop(model)
                built[model] = self._record(model).ids
        self.env.flush_all()
        return built, failures


@tagged("post_install", "-at_install")
class TestContractCompanyRpc(
    ContractBuilders, RpcMixin, AccountTestInvoicingCommon, HttpCase
):
    """The dynamic half: company 1's data read as a company-2-only user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_contract_data()
        cls.c2 = cls.env["res.company"].create({"name": "Contract company 2"})
        cls.user_c2 = new_test_user(
            cls.env,
            login="cb_contract_c2",
            groups=STRONG_GROUPS,
            company_id=cls.c2.id,
            company_ids=[Command.set(cls.c2.ids)],
        )

    # --------------------------------------------------------------- checks

    def _leaks(self, model, ids):
        """What the company-2 user gets of ``ids`` over JSON-RPC."""
        leaks = []
        domain = [("id", "in", ids)]
        # every field, not the id alone (read answers an id without a query)
        result, error = self._call(model, "search_read", domain, [])
        if not error and result:
            leaks.append(f"search_read {len(result)}")
        result, error = self._call(model, "search_count", domain)
        if not error and result:
            leaks.append(f"search_count {result}")
        result, error = self._call(model, "read", ids, [])
        if not error and result:
            leaks.append(f"read {result}")
        result, error = self._call(
            model, "read_group", domain, ["__count"], [], lazy=False
        )
        if not error and sum(group.get("__count", 0) for group in result or ()):
            leaks.append("read_group")
        return leaks

    def test_company_2_sees_nothing_of_company_1(self):
        models = [
            m
            for m in suite_models(self.env)
            if m not in NO_COMPANY_DATA and m not in NOT_CREATABLE
        ]
        built, failures = self._build_all(models)
        self._login(self.user_c2)
        leaks = {}
        for model, ids in built.items():
            found = self._leaks(model, ids)
            if found:
                leaks[model] = found
        self.assertFalse(leaks, "company 1's data read by a company-2 user")
        self.assertFalse(failures, "models the contract could not build")

    def test_jobs_never_pair_partners_of_two_companies(self):
        Partner = self.env["res.partner"].sudo()
        twins = Partner.create(
            [
                {
                    "name": "Twin Trading",
                    "is_company": True,
                    "email": "twin@example.com",
                    "vat": "7707083893",
                    "company_id": company.id,
                }
                for company in (self.c1, self.c2, self.env["res.company"])
            ]
        )
        Partner._client_refresh_duplicate_flags()
        twins.invalidate_recordset()
        self.assertFalse(
            twins.filtered("client_duplicate_suspect"),
            "partners of different companies (or shared) paired",
        )
        # two of the same company do pair
        twin = Partner.create(
            {
                "name": "Twin Trading",
                "is_company": True,
                "email": "twin@example.com",
                "vat": "7707083893",
                "company_id": self.c1.id,
            }
        )
        Partner._client_refresh_duplicate_flags()
        (twins | twin).invalidate_recordset()
        self.assertEqual(
            (twins | twin).filtered("client_duplicate_suspect"), twins[0] | twin
        )
