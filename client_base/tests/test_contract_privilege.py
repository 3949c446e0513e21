# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: least privilege, for every public method of the suite (issue 19).

Every public method the suite's Python code defines
(``contract_common.suite_public_methods`` over ``suite_code_models``) is
called over JSON-RPC by each restricted role (agency operator, internal user
without Client Base groups, employee of another application without Client
Base, portal user) on a record the role may not reach: it is refused
(AccessError, UserError...) or changes nothing (row counts and last write of
every table of the suite's models compared before and after).

And every field of a client read by an agency operator on his assigned client
is within the operator's whitelist (``AGENCY_READABLE_FIELDS``): a field
outside it raises or is absent, on every read path.
"""

from lxml import etree

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.client_base_regulations.models.res_partner_agency import (
    AGENCY_READABLE_FIELDS,
)

from .contract_common import suite_code_models, suite_models, suite_public_methods
from .rpc_common import RpcMixin
from .test_contract_company import NO_COMPANY_DATA, ContractBuilders

ROLES = {
    "agency": "base.group_user,"
    "client_base_regulations.client_base_regulations_group_agency_operator",
    "plain": "base.group_user",
    "employee": "base.group_user,sales_team.group_sale_salesman",
    "portal": "base.group_portal",
}

# Core models the suite extends: how to get a record of company 1 that the
# restricted roles may not act on.
CORE_TARGETS = {
    "res.partner": lambda case: case.client1,
    "res.users": lambda case: case.user_c1,
    "res.company": lambda case: case.c1,
    "account.move": lambda case: case._posted_sales(),
    "sale.order": lambda case: (
        case.env["sale.order"]
        .sudo()
        .create({"partner_id": case.client1.id, "company_id": case.c1.id})
    ),
    "mail.activity": lambda case: case.client1.sudo().activity_schedule(
        "mail.mail_activity_data_todo", user_id=case.user_c1.id
    ),
    "mail.message": lambda case: case.client1.sudo().message_post(body="Contract"),
    "mail.activity.type": lambda case: case.env.ref("mail.mail_activity_data_todo"),
    "res.partner.category": lambda case: (
        case.env["res.partner.category"].sudo().create({"name": "Contract tag"})
    ),
    "document.page": lambda case: (
        case.env["document.page"]
        .sudo()
        .search([("client_regulation_key", "!=", False)], limit=1)
    ),
    "res.config.settings": lambda case: (
        case.env["res.config.settings"].sudo().create({})
    ),
    # Odoo's merge wizard (the suite refreshes the survivor's flags)
    "base.partner.merge.automatic.wizard": lambda case: (
        case.env["base.partner.merge.automatic.wizard"]
        .sudo()
        .create({"partner_ids": [Command.set(case.client1.ids)]})
    ),
    "ir.cron": lambda case: case.env.ref(
        "client_base.ir_cron_client_interaction_backfill"
    ),
    "ir.ui.menu": lambda case: case.env.ref("client_base.client_base_menu_root"),
    "res.groups": lambda case: case.env.ref("client_base.client_base_group_user"),
    "res.lang": lambda case: case.env.ref("base.lang_en"),
    "mailing.trace": lambda case: (
        case.env["mailing.trace"]
        .sudo()
        .create(
            {
                "model": "res.partner",
                "res_id": case.client1.id,
                "email": "only-c1@example.com",
                "mass_mailing_id": case.env["mailing.mailing"]
                .sudo()
                .create(
                    {
                        "subject": "Contract",
                        "mailing_model_id": case.env["ir.model"]._get_id("res.partner"),
                    }
                )
                .id,
            }
        )
    ),
}

# Public methods open to a restricted role by design (the reason given).
PUBLIC_BY_DESIGN = {
    # every internal user reads the regulations and acknowledges them: the
    # method records his own acknowledgement of the page, nothing else
    ("document.page", "action_client_acknowledge"): "own acknowledgement",
}


def _is_model_method(model, method):
    func = getattr(type(model), method, None)
    return getattr(func, "_api", None) in ("model", "model_create")


@tagged("post_install", "-at_install")
class TestContractPrivilege(
    ContractBuilders, RpcMixin, AccountTestInvoicingCommon, HttpCase
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_contract_data()
        cls.roles = {
            role: new_test_user(
                cls.env,
                login=f"cb_contract_{role}",
                groups=groups,
                company_id=cls.c1.id,
                company_ids=[Command.set(cls.c1.ids)],
            )
            for role, groups in ROLES.items()
        }
        cls.mine = cls.env["res.partner"].create(
            {
                "name": "Assigned client",
                "is_company": True,
                "company_id": cls.c1.id,
                "phone": "+7 495 222-33-44",
                "vat": "7707083893",
                "comment": "Assigned",
            }
        )
        cls.campaign = (
            cls.env["client.verification.campaign"]
            .sudo()
            .create(
                {
                    "name": "Contract campaign",
                    "channel": "agency",
                    "company_id": cls.c1.id,
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": cls.mine.id,
                                "operator_id": cls.roles["agency"].id,
                            }
                        )
                    ],
                }
            )
        )
        # the operator reaches his client while the campaign runs
        assert cls.campaign.state == "running", cls.campaign.state

    # ------------------------------------------------------------ targets

    def _targets(self):
        """``{model: ids}`` of a record of each code model the roles may
        not reach (abstract models: no record, their methods are model
        methods)."""
        models = [m for m in suite_code_models(self.env) if m not in NO_COMPANY_DATA]
        own = [m for m in models if m in suite_models(self.env)]
        built, failures = self._build_all(own)
        for model in models:
            if model in built or model in own:
                continue
            if self.env[model]._abstract:
                built[model] = []
                continue
            target = CORE_TARGETS.get(model)
            if target is None:
                failures.append(f"{model}: no target in CORE_TARGETS")
                continue
            try:
                with self.env.cr.savepoint():
                    records = target(self)
            except Exception as exc:  # noqa: BLE001 - named in the failure
                failures.append(f"{model}: {exc}")
                continue
            built[model] = records.ids
        self.env.flush_all()
        return built, failures

    def _tables(self):
        tables = {}
        for model in {*suite_models(self.env), *suite_code_models(self.env)}:
            Model = self.env[model]
            if Model._abstract or not Model._auto or Model._transient:
                continue
            tables[Model._table] = Model._log_access
        return tables

    def _snapshot(self, tables):
        self.env.flush_all()
        state = {}
        for table, log_access in sorted(tables.items()):
            self.env.cr.execute(
                SQL(
                    "SELECT count(*), %s FROM %s",
                    SQL("max(write_date)") if log_access else SQL("NULL"),
                    SQL.identifier(table),
                )
            )
            state[table] = self.env.cr.fetchone()
        return state

    # -------------------------------------------------------------- tests

    def test_public_methods_refused_to_restricted_roles(self):
        targets, failures = self._targets()
        self.assertFalse(failures, "models the contract has no target for")
        tables = self._tables()
        calls = [
            (model, method)
            for model in sorted(targets)
            for method in suite_public_methods(self.env, model)
            if (model, method) not in PUBLIC_BY_DESIGN
        ]
        self.assertGreater(len(calls), 50)
        offenders = []
        for role, user in self.roles.items():
            self._login(user)
            for model, method in calls:
                ids = targets[model]
                args = [] if _is_model_method(self.env[model], method) else [ids]
                if not args and not self.env[model]._abstract and not ids:
                    continue
                before = self._snapshot(tables)
                # a method called without its arguments may fail as it
                # likes (logged as an error): only a change counts here
                with mute_logger("odoo.http"):
                    _result, error = self._call(model, method, *args)
                after = self._snapshot(tables)
                changed = sorted(t for t in tables if before[t] != after[t])
                if changed:
                    offenders.append(
                        f"{role}: {model}.{method} changed {', '.join(changed)}"
                        f" ({'error ' + error['name'] if error else 'no error'})"
                    )
        self.assertFalse(offenders, "restricted roles changed data")

    # ---------------------------------------------- agency read whitelist

    def test_agency_reads_only_the_whitelist(self):
        self._login(self.roles["agency"])
        Partner = self.env["res.partner"]
        # fields_get: the whitelist at most
        described, error = self._call("res.partner", "fields_get")
        self.assertFalse(error, error)
        self.assertFalse(
            sorted(set(described) - AGENCY_READABLE_FIELDS),
            "fields described to an agency operator outside the whitelist",
        )
        offenders = []
        for fname in sorted(Partner._fields):
            result, error = self._call("res.partner", "read", self.mine.ids, [fname])
            if fname in AGENCY_READABLE_FIELDS:
                if error:
                    offenders.append(f"read {fname}: whitelisted, refused")
                continue
            if not error and result and fname in result[0]:
                offenders.append(f"read {fname}")
        self.assertFalse(offenders, "fields outside the whitelist read")
        mine = [("id", "=", self.mine.id)]
        # every other read path, with a field outside the whitelist: refused
        refused = []
        for method, args, kwargs in (
            ("search_read", [mine, ["vat"]], {}),
            ("search", [[("vat", "=", "7707083893")]], {}),
            ("search_count", [[("client_state", "!=", False)]], {}),
            ("search", [mine], {"order": "vat"}),
            ("search", [[("parent_id.vat", "!=", False)]], {}),
            ("read_group", [mine, ["__count"], ["user_id"]], {"lazy": False}),
            ("read_group", [mine, ["vat:count"], []], {}),
            ("export_data", [self.mine.ids, ["vat"]], {}),
            ("name_search", ["7707083893"], {"args": [("vat", "!=", False)]}),
        ):
            _result, error = self._call("res.partner", method, *args, **kwargs)
            if not error:
                refused.append(f"{method} {args} {kwargs}")
        self.assertFalse(refused, "read paths answering outside the whitelist")
        # or left out
        for method, args in (
            ("search_read", [mine]),
            ("web_search_read", [mine, {"vat": {}, "name": {}}]),
            ("web_read", [self.mine.ids, {"vat": {}, "bank_ids": {}, "name": {}}]),
        ):
            result, error = self._call("res.partner", method, *args)
            self.assertFalse(error, error)
            rows = result["records"] if method == "web_search_read" else result
            self.assertEqual(len(rows), 1, method)
            self.assertFalse(
                sorted(set(rows[0]) - AGENCY_READABLE_FIELDS),
                f"{method}: fields outside the whitelist",
            )
        # the client opens in the form of the whitelist, every field of it
        # described (the web client renders no field it was not given)
        view_id, error = self._call("res.partner", "get_formview_id", self.mine.ids)
        self.assertFalse(error, error)
        views, error = self._call("res.partner", "get_views", [[view_id, "form"]])
        self.assertFalse(error, error)
        arch = etree.fromstring(views["views"]["form"]["arch"])
        described = views["models"]["res.partner"]["fields"]
        in_arch = {node.get("name") for node in arch.iter("field")}
        self.assertFalse(sorted(in_arch - set(described)), "fields not described")
        self.assertFalse(sorted(in_arch - AGENCY_READABLE_FIELDS), "form fields")
        # the name search stays on the names
        result, error = self._call("res.partner", "name_search", "Assigned")
        self.assertFalse(error, error)
        self.assertEqual([row[0] for row in result], self.mine.ids)
        result, error = self._call("res.partner", "name_search", "7707083893")
        self.assertFalse(error or result, "name search by tax ID")
        # the contact data itself stays readable and writable
        result, error = self._call(
            "res.partner", "read", self.mine.ids, ["name", "phone", "comment"]
        )
        self.assertFalse(error, error)
        self.assertIn("Assigned", result[0]["comment"])
