# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: every button that starts work or records an outcome has one
effect, however often it is pressed (issue 19).

The buttons come from the suite's views (``suite_buttons``): every
``action_*`` button is covered by default, except the ones listed in
``NAVIGATION_ONLY`` (they only open a window). Each covered button needs a
builder in ``PRESS`` (the record to press on); a new action button without
one fails ``test_every_action_button_has_a_contract``.

Pressed twice in a row, the second press must change nothing: the rows of
every model of the suite, the chatter messages, activities, e-mails,
followers, partners (and their active flag), invoices and mailing contacts
are counted before and after it. Pressed twice at once (two transactions,
``CONCURRENT``), the second press gets at most a clear ``UserError`` and
changes nothing either.
"""

import contextlib

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .double_press_buttons import (
    PRESS,
    REPEATABLE,
    _partner,
    covered_buttons,
    effect_snapshot,
)


@tagged("post_install", "-at_install")
class TestContractDoublePress(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the administrator: data-quality manager, billing, settings
        admin = cls.env.ref("base.user_admin")
        cls.env = cls.env(user=admin, context={"lang": "en_US"})

    def test_every_action_button_has_a_contract(self):
        missing = [
            f"no double-press contract for {model}.{method}"
            for model, method in covered_buttons(self.env)
            if (model, method) not in PRESS
        ]
        self.assertFalse(missing, "\n".join(missing))
        self.assertIn(
            ("client.verification.campaign.line", "action_verified"),
            covered_buttons(self.env),
            "the enumeration finds the suite's buttons",
        )

    def test_pressed_twice_one_effect(self):
        failures = []
        for model, method in covered_buttons(self.env):
            builder = PRESS.get((model, method))
            if builder is None or (model, method) in REPEATABLE:
                continue
            with contextlib.closing(self.env.cr.savepoint()):
                failure = self._press_twice(model, method, builder)
                if failure:
                    failures.append(failure)
            self.env.invalidate_all()
        self.assertFalse(failures, "\n".join(failures))

    def _press_twice(self, model, method, builder):
        name = f"{model}.{method}"
        try:
            records = builder(self.env)
        except Exception as error:  # noqa: BLE001 - the builder, not the contract
            return f"{name}: cannot build the record to press on: {error!r}"
        try:
            getattr(records, method)()
        except UserError as error:
            return f"{name}: the first press fails: {error}"
        before = effect_snapshot(self.env)
        try:
            getattr(records.with_env(self.env), method)()
        except UserError as error:
            return f"{name}: the second press in a row is refused: {error}"
        after = effect_snapshot(self.env)
        changed = {
            key: (before[key], after[key])
            for key in before
            if before[key] != after[key]
        }
        if changed:
            return f"{name}: the second press changed {changed}"
        return None

    def test_questionnaire_resent_one_link(self):
        partner = _partner(self.env)
        for _press in range(2):
            partner.action_client_send_questionnaire()
        self.assertEqual(
            self.env["client.self.verification"].search_count(
                [("partner_id", "=", partner.id), ("state", "=", "sent")]
            ),
            1,
            "res.partner.action_client_send_questionnaire: one open link",
        )
