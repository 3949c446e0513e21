# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scheduler contract: every scheduled action of the suite, as the registry
lists it (``suite_crons``), driven through Odoo's own runner
(``ir.cron._process_job``) on data that needs several calls, with a
concurrent writer, reaches done.

For each cron a *builder* (``BUILDERS``, keyed by the cron's XML id) creates
the data, forces the job's batch size or call budget low and names the batch
method that meets a concurrent transaction once (it raises
``SerializationFailure`` on its first call); between passes the builder's
clients are written, as users would. The test then asserts:

- every call reports done > 0 while work remains, or triggers the job again
  (Odoo 18.0's runner reads done=0 as finished: the job would stall a day);
- the job reaches done (nothing left) within a bounded number of passes;
- nothing is logged at ERROR, ``failure_count`` stays 0, the cron stays
  active, and the concurrency error was met and yielded to;
- the data needed several calls (each phase a call of its own).

A cron without a builder fails: "no scheduler contract for cron X".
"""

import datetime
from contextlib import ExitStack
from types import SimpleNamespace
from unittest.mock import patch

import psycopg2

from odoo import Command, fields
from odoo.tests import tagged

from .common import ClientBaseCommon, cron_process_once, cron_test_mode
from .contract_common import suite_crons

# Passes of the runner (up to 10 calls each) a job may take on the test data.
MAX_PASSES = 20
BUILDERS = {}


def builder(xmlid):
    """Register the data builder of the cron ``xmlid``."""

    def register(func):
        BUILDERS[xmlid] = func
        return func

    return register


def busy_once(stack, model_class, method):
    """Make ``model_class.method`` meet a concurrent transaction once: its
    first call raises ``SerializationFailure`` (as PostgreSQL does under
    REPEATABLE READ when users wrote the same rows)."""
    original = getattr(model_class, method)
    state = {"raised": 0}

    def wrapper(self, *args, **kwargs):
        if not state["raised"]:
            state["raised"] += 1
            raise psycopg2.errors.SerializationFailure(
                "could not serialize access due to concurrent update"
            )
        return original(self, *args, **kwargs)

    stack.enter_context(patch.object(model_class, method, wrapper))
    return state


def _clients(case, count, name, **vals):
    return case.env["res.partner"].create(
        [{"name": f"{name} {i}", "is_company": True, **vals} for i in range(count)]
    )


def _age(case, partners, days):
    """Backdate the creation of ``partners`` (old, never verified clients)."""
    case.env.flush_all()
    old = fields.Datetime.now() - datetime.timedelta(days=days)
    case.env.cr.execute(
        "UPDATE res_partner SET create_date = %s WHERE id = ANY(%s)",
        (old, partners.ids),
    )
    partners.invalidate_recordset(["create_date"])
    partners.modified(["create_date"])
    case.env.flush_all()


def _drain(case, method, *args):
    """Bring a resumable job up to date before the test data is created."""
    for _i in range(200):
        result = method(*args)
        if not result or not result[1]:
            return


# Builders ---------------------------------------------------------------------


@builder("client_base.ir_cron_client_interaction_backfill")
def _build_backfill(case, stack):
    Interaction = case.env["client.interaction"]
    model = "odoo.addons.client_base.models.client_interaction_backfill"
    _drain(case, Interaction._cron_backfill)
    stack.enter_context(patch(f"{model}.BACKFILL_BATCH", 2))
    stack.enter_context(patch.object(type(Interaction), "BACKFILL_CALL_BUDGET", 0))
    icp = case.env["ir.config_parameter"].sudo()
    # the documents are made while the capture is off
    for origin in ("activity", "email"):
        icp.set_param(f"client_base.interaction_capture_{origin}", False)
    clients = _clients(case, 2, "Backfill client")
    messages = case.env["mail.message"]
    call = case.env.ref("mail.mail_activity_data_call")
    for index in range(3):
        client = clients[index % 2]
        messages |= client.message_post(
            body=f"Mail {index}",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=clients[(index + 1) % 2].ids,
        )
        activity = case.env["mail.activity"].create(
            {
                "res_model_id": case.env["ir.model"]._get_id("res.partner"),
                "res_id": client.id,
                "activity_type_id": call.id,
                "summary": f"Call {index}",
                "user_id": case.env.user.id,
            }
        )
        messages |= messages.browse(activity.action_feedback())
    for origin in ("activity", "email"):
        icp.set_param(f"client_base.interaction_capture_{origin}", "True")
    busy = busy_once(stack, type(Interaction), "_client_interaction_backfill_batch")

    def finished():
        for source in Interaction._client_interaction_backfill_sources():
            if Interaction._client_interaction_backfill_pending(source):
                return f"documents of {source} left"
        found = Interaction.search_count(
            [("res_model", "=", "mail.message"), ("res_id", "in", messages.ids)]
        )
        if found != len(messages):
            return f"{found} of {len(messages)} documents recorded"

    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=4)


@builder("client_base.ir_cron_client_interaction_stats")
def _build_stats(case, stack):
    Interaction = case.env["client.interaction"]
    model = "odoo.addons.client_base.models.client_interaction_figures"
    clients = _clients(case, 5, "Figures client")
    Interaction.create(
        [
            {
                "partner_id": client.id,
                "channel": "call_out",
                "summary": "Call",
                "date": fields.Datetime.now(),
            }
            for client in clients
        ]
    )
    case.env.flush_all()
    case.env.cr.execute(
        "UPDATE res_partner SET client_interaction_count = 0 WHERE id = ANY(%s)",
        (clients.ids,),
    )
    case.env.invalidate_all()
    key = "client_base.interaction_stats_last_partner_id"
    case.env["ir.config_parameter"].sudo().set_param(key, "0")
    stack.enter_context(patch(f"{model}.STATS_BATCH", 2))
    busy = busy_once(stack, type(Interaction), "_client_refresh_partner_stats")

    def finished():
        clients.invalidate_recordset()
        counts = clients.mapped("client_interaction_count")
        if counts != [1] * len(clients):
            return f"figures not refreshed: {counts}"
        if case.env["ir.config_parameter"].sudo().get_param(key) != "0":
            return "the bookmark did not start over"

    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=3)


@builder("client_base.ir_cron_client_quality_refresh")
def _build_quality(case, stack):
    Partner = case.env["res.partner"]
    model = "odoo.addons.client_base.models.res_partner_quality"
    icp = case.env["ir.config_parameter"].sudo()
    icp.set_param("client_base.quality_refresh_done", False)
    icp.set_param("client_base.quality_refresh_cursor", "0")
    clients = _clients(case, 5, "Quality client", email="q@example.com")
    case.env.flush_all()
    case.env.cr.execute(
        "UPDATE res_partner SET client_completeness = -1 WHERE id = ANY(%s)",
        (clients.ids,),
    )
    case.env.invalidate_all()
    total = Partner.with_context(active_test=False).search_count([])
    stack.enter_context(patch(f"{model}.QUALITY_BATCH_SIZE", max(total // 4, 2)))
    stack.enter_context(patch(f"{model}.QUALITY_CALL_BUDGET", 0))
    busy = busy_once(stack, type(Partner), "_client_refresh_quality")

    def finished():
        clients.invalidate_recordset()
        if -1 in clients.mapped("client_completeness"):
            return "completeness not refreshed"
        today = fields.Date.to_string(fields.Date.context_today(Partner))
        if icp.get_param("client_base.quality_refresh_done") != today:
            return "the pass (duplicate flags) did not finish"

    # the batches, then the duplicate flags in a call of their own
    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=5)


@builder("client_base.ir_cron_client_normalize")
def _build_normalize(case, stack):
    Run = case.env["client.normalize.run"]
    model = "odoo.addons.client_base.models.client_normalize_run"
    ru = case.env.ref("base.ru")
    clients = _clients(
        case, 6, "Clean-up client", phone="+7 (495) 908-49-47", country_id=ru.id
    )
    run = Run._client_start(case.env.company)
    stack.enter_context(patch(f"{model}.CLEANUP_BATCH_SIZE", 2))
    busy = busy_once(stack, type(Run), "_client_process_batch")

    def finished():
        if Run.search_count([("state", "in", ("queued", "running"))]):
            return "a clean-up run is still queued or running"
        if run.state != "done":
            return f"run {run.state}"
        clients.invalidate_recordset()
        if set(clients.mapped("phone")) != {"+7 495 908-49-47"}:
            return f"phones not cleaned: {set(clients.mapped('phone'))}"

    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=3)


@builder("client_base_analytics.ir_cron_client_classification")
def _build_classification(case, stack):
    Run = case.env["client.classification.run"]
    icp = case.env["ir.config_parameter"].sudo()
    # every step a call of its own, two clients written per batch
    icp.set_param("client_base_analytics.call_budget", "0")
    icp.set_param("client_base_analytics.batch_size", "2")
    clients = _clients(case, 5, "Classified client")
    first = fields.Date.context_today(Run).replace(day=1)
    for index, client in enumerate(clients):
        for months_ago in (1, 2, 3):
            month = first.year * 12 + first.month - 1 - months_ago
            day = datetime.date(month // 12, month % 12 + 1, 10)
            move = case.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": client.id,
                    "invoice_date": day,
                    "date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "line",
                                "quantity": 1,
                                "price_unit": 100 * (index + 1),
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            move.action_post()
    busy = busy_once(stack, type(Run), "_classify_to_pending")

    def finished():
        if Run.search_count([("state", "=", "running")]):
            return "a classification run is still running"
        rows = case.env["client.classification"].search_count(
            [("partner_id", "in", clients.ids)]
        )
        if rows != len(clients):
            return f"{rows} of {len(clients)} clients classified"

    # aggregate chunks, classify, diff, store, write batches
    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=8)


@builder("client_base_analytics.ir_cron_client_analytic_rules")
def _build_analytic_rules(case, stack):
    Attribute = case.env["client.analytic.attribute"]
    model = "odoo.addons.client_base_analytics.models.client_analytic_attribute"
    ru = case.env.ref("base.ru")
    attribute = Attribute.create(
        {
            "name": "Market",
            "assignment": "country",
            "value_ids": [Command.create({"name": "Russia", "country_ids": ru.ids})],
        }
    )
    clients = _clients(case, 5, "Ruled client", country_id=ru.id)
    stack.enter_context(patch(f"{model}.RULE_BATCH_SIZE", 3))
    busy = busy_once(stack, type(Attribute), "_apply_rule")

    def finished():
        found = case.env["client.analytic.assignment"].search_count(
            [("attribute_id", "=", attribute.id), ("partner_id", "in", clients.ids)]
        )
        if found != len(clients):
            return f"{found} of {len(clients)} clients assigned"
        cursor = (
            case.env["ir.config_parameter"]
            .sudo()
            .get_param("client_base_analytics.rules_cursor")
        )
        if cursor != "0":
            return "the cursor did not start over"

    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=2)


def _regulation_rules(case):
    verification = case.env.ref(
        "client_base_regulations.client_verification_rule_default"
    )
    archive = case.env.ref("client_base_regulations.client_archive_rule_default")
    case.env["client.verification.rule"].search(
        [("id", "!=", verification.id)]
    ).active = False
    case.env["client.archive.rule"].search([("id", "!=", archive.id)]).active = False
    verification.write(
        {"assign_to": "team", "team_user_ids": [Command.set(case.cb_user.ids)]}
    )
    Partner = case.env["res.partner"]
    Partner.search(Partner._client_base_domain()).write(
        {"client_archive_protected": True}
    )
    case.env["ir.config_parameter"].sudo().set_param(
        "client_base_regulations.cron_batch_size", "2"
    )
    return verification, archive


@builder("client_base_regulations.ir_cron_client_verify_stale")
def _build_verification(case, stack):
    _regulation_rules(case)
    Request = case.env["client.verification.request"]
    clients = _clients(case, 5, "Stale client", email="stale@example.com")
    _age(case, clients, 400)
    busy = busy_once(stack, type(Request), "_open_rounds")

    def finished():
        found = Request.search_count([("partner_id", "in", clients.ids)])
        if found != len(clients):
            return f"{found} of {len(clients)} clients have a round"

    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=3)


@builder("client_base_regulations.ir_cron_client_archive_inactive")
def _build_archiving(case, stack):
    _verification, archive = _regulation_rules(case)
    clients = _clients(case, 5, "Inactive client", email="gone@example.com")
    _age(case, clients, 900)
    busy = busy_once(stack, type(archive), "_process_batch")

    def finished():
        clients.invalidate_recordset()
        if not all(clients.mapped("client_archive_proposed")):
            return "not every inactive client was proposed"

    return SimpleNamespace(clients=clients, busy=busy, finished=finished, calls=3)


# The test ---------------------------------------------------------------------


@tagged("post_install", "-at_install")
class TestSchedulerContract(ClientBaseCommon):
    def _xmlid(self, cron):
        return cron.get_external_id()[cron.id]

    def _drive(self, cron, spec):
        """Run ``cron`` pass after pass through ``_process_job`` as long as
        Odoo's runner would call it again; return its calls as
        ``(done, remaining, triggered)`` (``None`` when a call raised)."""
        calls = []
        IrCron = type(self.env["ir.cron"])
        original = IrCron._callback

        def callback(this, cron_name, server_action_id):
            Trigger = this.env["ir.cron.trigger"].sudo()
            domain = [("cron_id", "=", this.id)]
            before = set(Trigger.search(domain).ids)
            try:
                original(this, cron_name, server_action_id)
            except Exception:
                calls.append(None)
                raise
            progress = (
                this.env["ir.cron.progress"]
                .sudo()
                .browse(this.env.context["ir_cron_progress_id"])
            )
            triggered = bool(set(Trigger.search(domain).ids) - before)
            calls.append((progress.done, progress.remaining, triggered))

        with patch.object(IrCron, "_callback", callback), cron_test_mode(self):
            for _pass in range(MAX_PASSES):
                if _pass:
                    # users edit the same clients between two passes
                    spec.clients.write({"comment": f"edited before pass {_pass}"})
                    self.env.flush_all()
                cron_process_once(self, cron)
                last = calls[-1] if calls else None
                if last is None or not last[1]:
                    break
                if not last[0] and not last[2]:
                    break  # the runner would not call again: a stall
        return calls

    def _check(self, cron, xmlid):
        build = BUILDERS.get(xmlid)
        self.assertTrue(
            build,
            f"no scheduler contract for cron {xmlid}: add a data builder to "
            "client_base/tests/test_contract_scheduler.py BUILDERS",
        )
        cron.write({"active": True, "failure_count": 0})
        where = f"cron {xmlid}"
        with ExitStack() as stack:
            spec = build(self, stack)
            try:
                with self.assertNoLogs(level="ERROR"):
                    calls = self._drive(cron, spec)
            except AssertionError as error:
                self.fail(f"{where}: logged an ERROR: {str(error)[:1500]}")
        self.assertNotIn(None, calls, f"{where}: a call raised: {calls}")
        idle = []
        for index, (done, remaining, triggered) in enumerate(calls, 1):
            if remaining and not done:
                idle.append(index)
                self.assertTrue(
                    triggered,
                    f"{where}: call {index} reported done=0 with {remaining} "
                    f"remaining and no trigger: Odoo's runner stops there "
                    f"until the next interval ({calls})",
                )
        # only a call that yielded to the concurrent transaction may do nothing
        self.assertLessEqual(
            len(idle),
            spec.busy["raised"],
            f"{where}: calls {idle} reported done=0 while work remained: Odoo's "
            f"runner reads it as finished ({calls})",
        )
        self.assertTrue(calls, f"{where}: never called")
        self.assertEqual(calls[-1][1], 0, f"{where}: not done: {calls}")
        self.assertGreaterEqual(
            len(calls),
            spec.calls,
            f"{where}: the data should need several calls, each phase its own "
            f"(budget forced low): {calls}",
        )
        self.assertTrue(
            spec.busy["raised"], f"{where}: the concurrent transaction was not met"
        )
        self.assertIsNone(spec.finished(), f"{where}: work left: {spec.finished()}")
        cron.invalidate_recordset()
        self.assertEqual(cron.failure_count, 0, f"{where}: failure counted")
        self.assertTrue(cron.active, f"{where}: deactivated")

    def test_every_cron_keeps_the_scheduler_contract(self):
        crons = suite_crons(self.env)
        self.assertGreaterEqual(len(crons), 4)
        for cron in crons:
            xmlid = self._xmlid(cron)
            with self.subTest(cron=xmlid):
                savepoint = self.env.cr.savepoint()
                try:
                    self._check(cron, xmlid)
                finally:
                    savepoint.close(rollback=True)
                    self.env.invalidate_all()
                    self.env.registry.clear_cache()

    def test_a_cron_without_builder_fails(self):
        """A new cron nobody wrote a builder for breaks the contract test."""
        cron = suite_crons(self.env)[:1]
        with (
            patch.dict(BUILDERS, clear=True),
            self.assertRaisesRegex(AssertionError, "no scheduler contract for cron"),
        ):
            self._check(cron, self._xmlid(cron))
