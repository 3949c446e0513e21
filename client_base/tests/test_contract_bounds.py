# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Contract: every number a user can enter in the suite has a documented
lower and upper bound (issue 19).

The fields come from the registry (``suite_numeric_fields``: every Integer,
Float or Monetary field of the suite that a user can edit, the settings
included); their bounds from the one table, ``client_base/tools/bounds.py``
(also shown in the README). A field missing from the table fails the test.
Each enforced field set to 10^8 and to -1 is refused with a clear
ValidationError; a field marked "any" (ordering, colour) accepts both and
its records are still read and ordered. The highest values allowed are
then used by client creation, *Mark as verified* and *Send questionnaire*
without error, and so are values beyond them stored in system parameters by
hand (defect 6: ``year 10360 is out of range``, ``OverflowError``).
"""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools import bounds
from .contract_common import suite_numeric_fields
from .contract_records import record_of as _record

OUT_OF_BOUNDS = (10**8, -1)


def _bound_of(env, model, fname):
    """The documented bound of ``model.fname``, following a related field
    to the field it edits (settings -> company, user -> partner)."""
    field = env[model]._fields[fname]
    bound = bounds.lookup(model, fname)
    if bound is None and field.related:
        target = field.related_field
        bound = bounds.lookup(target.model_name, target.name)
    return bound


@tagged("post_install", "-at_install")
class TestContractBounds(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            user=cls.env.ref("base.user_admin"), context={"lang": "en_US"}
        )

    def test_every_number_has_documented_bounds(self):
        fields = suite_numeric_fields(self.env)
        self.assertIn(("res.partner", "client_update_period_months"), fields)
        self.assertIn(("res.config.settings", "client_abc_a"), fields)
        missing = [
            f"no documented bound for {model}.{fname} (client_base/tools/bounds.py)"
            for model, fname in fields
            if _bound_of(self.env, model, fname) is None
        ]
        self.assertFalse(missing, "\n".join(missing))

    def test_out_of_bounds_refused(self):
        failures = []
        for model, fname in suite_numeric_fields(self.env):
            bound = _bound_of(self.env, model, fname)
            if bound is None:
                continue  # test_every_number_has_documented_bounds says it
            for value in OUT_OF_BOUNDS:
                failure = self._try(model, fname, value, bound)
                if failure:
                    failures.append(failure)
                self.env.invalidate_all()
        self.assertFalse(failures, "\n".join(failures))

    def _try(self, model, fname, value, bound):
        name = f"{model}.{fname} = {value}"
        refused = None
        try:
            with self.env.cr.savepoint():
                record = _record(self.env, model)
                if record is None:
                    record = self.env[model].create({fname: value})
                elif not record:
                    return f"{name}: no record to try the value on"
                else:
                    record.write({fname: value})
                self.env.flush_all()
                # used: read back and ordered with its peers
                record.read([fname])
                self.env[model].search([], order=f"{fname} desc", limit=2)
                raise _Rollback()
        except ValidationError as error:
            refused = str(error)
        except _Rollback:
            refused = None
        except Exception as error:  # noqa: BLE001 - named in the failure
            return f"{name}: server error {error!r}"
        if bound.enforced and refused is None:
            return f"{name}: accepted, the bound is {bound.low}..{bound.high}"
        if not bound.enforced and refused is not None:
            return f"{name}: refused although documented as any: {refused}"
        return None

    def test_highest_values_used_without_crash(self):
        icp = self.env["ir.config_parameter"].sudo()
        settings = {
            fname: bounds.lookup("res.config.settings", fname).high
            for fname in bounds.fields_of("res.config.settings")
            if fname in self.env["res.config.settings"]._fields
        }
        self.env["res.config.settings"].create(settings).execute()
        self._use_client()
        # beyond the bounds, stored by hand where no form checks them
        for key in (
            "client_base.update_period_months",
            "client_base.update_period_client_months",
            "client_base_regulations.questionnaire_days",
        ):
            icp.set_param(key, "100000000")
        self._use_client()

    def _use_client(self):
        tag = self.env["res.partner.category"].create(
            {"name": "Rare", "client_update_period_months": 120}
        )
        partner = self.env["res.partner"].create(
            {
                "name": "Bounds Client",
                "is_company": True,
                "email": "bounds@example.com",
                "client_update_period_months": 120,
                "category_id": [Command.set(tag.ids)],
            }
        )
        partner._client_mark_verified("call")
        self.assertTrue(partner.client_next_verification)
        other = self.env["res.partner"].create(
            {"name": "Bounds Client 2", "email": "bounds2@example.com"}
        )
        other._client_mark_verified("call")
        self.assertTrue(other.client_next_verification)
        if hasattr(partner, "action_client_send_questionnaire"):
            partner.action_client_send_questionnaire()

    def test_settings_pair_validated_with_new_values(self):
        """Defect 7: A = 96 % / B = 98 % and X / Y moved together are valid."""
        if "client_abc_a" not in self.env["res.config.settings"]._fields:
            self.skipTest("client_base_analytics is not installed")
        self.env["res.config.settings"].create(
            {
                "client_abc_a": 96.0,
                "client_abc_b": 98.0,
                "client_xyz_preset": "custom",
                "client_xyz_x": 90.0,
                "client_xyz_y": 95.0,
            }
        ).execute()
        company = self.env.company
        self.assertEqual((company.client_abc_a, company.client_abc_b), (96.0, 98.0))
        self.assertEqual((company.client_xyz_x, company.client_xyz_y), (90.0, 95.0))
        # and back down, both at once
        self.env["res.config.settings"].create(
            {"client_abc_a": 50.0, "client_abc_b": 60.0}
        ).execute()
        self.assertEqual((company.client_abc_a, company.client_abc_b), (50.0, 60.0))
        # the final pair is still checked
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"client_abc_a": 70.0, "client_abc_b": 65.0}
            )


class _Rollback(Exception):
    """Leaves the savepoint of an accepted value (rolled back)."""
