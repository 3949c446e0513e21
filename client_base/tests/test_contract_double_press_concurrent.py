# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: pressed twice at once (two transactions), a button that
starts work or records an outcome has one effect (issue 19); see
``test_contract_double_press``."""

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..models.row_lock import RowLocked
from .contract_common import suite_models
from .double_press_buttons import (
    CONCURRENT,
    EFFECT_MODELS,
    PRESS,
    _partner,
    covered_buttons,
    effect_snapshot,
)


@tagged("post_install", "-at_install")
class TestContractDoublePressConcurrent(TransactionCase):
    """Two transactions at once, on real cursors: the builder's records are
    committed (and removed at the end), both presses are rolled back."""

    def _env(self, cr):
        admin = self.env.ref("base.user_admin").id
        return api.Environment(cr, admin, {"lang": "en_US"})

    def test_pressed_at_once_one_effect(self):
        failures = []
        buttons = set(covered_buttons(self.env))
        for model, method in CONCURRENT:
            if (model, method) not in buttons:
                continue
            failure = self._press_at_once(model, method, PRESS[(model, method)])
            if failure:
                failures.append(failure)
        self.assertFalse(failures, "\n".join(failures))

    def _press_at_once(self, model, method, builder):
        with self.registry.cursor() as cr0:
            env0 = self._env(cr0)
            before_ids = self._max_ids(env0, model)
            records = builder(env0)
            cr0.commit()
            ids = records.ids
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                try:
                    return self._both_presses(cr1, cr2, model, method, ids)
                finally:
                    # nothing of either press is committed (a cursor's
                    # context commits on a normal exit)
                    cr2.rollback()
                    cr1.rollback()
        finally:
            self._cleanup(model, before_ids)

    def _both_presses(self, cr1, cr2, model, method, ids):
        name = f"{model}.{method}"
        cr2.execute("SET lock_timeout = '2s'")
        env1, env2 = self._env(cr1), self._env(cr2)
        getattr(env1[model].browse(ids), method)()
        env1.flush_all()
        before = effect_snapshot(env2)
        try:
            with cr2.savepoint():
                getattr(env2[model].browse(ids), method)()
                env2.flush_all()
        except UserError:
            return None
        except Exception as error:  # noqa: BLE001 - named in the failure
            return f"{name}: the second press at once fails: {error!r}"
        after = effect_snapshot(env2)
        if before != after:
            changed = {
                key: (before[key], after[key])
                for key in before
                if before[key] != after[key]
            }
            return f"{name}: the second press at once changed {changed}"
        return None

    def test_self_service_answer_posted_at_once(self):
        """The self-service submit (a public POST, not a button): the second
        answer posted at once is refused like a used link (the controller
        answers 403), and records nothing."""
        if "client.self.verification" not in self.env:
            self.skipTest("client_base_regulations is not installed")
        model = "client.self.verification"
        with self.registry.cursor() as cr0:
            env0 = self._env(cr0)
            before_ids = self._max_ids(env0, model)
            partner = _partner(env0, email="answer@example.com")
            request_id = env0[model]._client_send_for(partner).id
            cr0.commit()
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                self.addCleanup(cr1.rollback)
                cr2.execute("SET lock_timeout = '2s'")
                env1, env2 = self._env(cr1), self._env(cr2)
                self.assertTrue(
                    env1[model].browse(request_id)._client_submit({"city": "Omsk"})
                )
                env1.flush_all()
                with self.assertRaises(RowLocked):
                    env2[model].browse(request_id)._client_submit({"city": "Tver"})
                cr2.rollback()
                # and once the first answer is in, the link is used
                self.assertFalse(
                    env1[model].browse(request_id)._client_submit({"city": "Tver"})
                )
                cr1.rollback()
        finally:
            self._cleanup(model, before_ids)

    def _max_ids(self, env, model):
        """The highest id of each model the builder may add rows to, in the
        order they are removed again (``_cleanup``)."""
        names = [model, *suite_models(env, transient=False, sql_views=False)]
        names += [name for name in EFFECT_MODELS if name in env]
        names.remove("res.partner")
        names.append("res.partner")  # last: the others point at it
        result = {}
        for name in dict.fromkeys(names):
            env.cr.execute(
                SQL("SELECT max(id) FROM %s", SQL.identifier(env[name]._table))
            )
            result[name] = env.cr.fetchone()[0] or 0
        return result

    def _cleanup(self, model, max_ids):
        """Remove what the builder committed (every row added since)."""
        with self.registry.cursor() as cr0:
            env0 = api.Environment(cr0, SUPERUSER_ID, {"active_test": False})
            for name, max_id in max_ids.items():
                env0[name].search([("id", ">", max_id)]).unlink()
            cr0.commit()
