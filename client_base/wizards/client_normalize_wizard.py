# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import AccessError

from ..models.row_lock import lock_rows_nowait

# Examples shown per field in the preview.
EXAMPLES = 3


class ClientNormalizeWizard(models.TransientModel):
    """Preview of the clean-up of contact data, then its start."""

    _name = "client.normalize.wizard"
    _description = "Clean-up of contact data: preview"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
    )
    state = fields.Selection(
        [("draft", "Draft"), ("preview", "Preview")], default="draft", required=True
    )
    partner_count = fields.Integer(string="Partners read", readonly=True)
    changed_count = fields.Integer(string="Partners to change", readonly=True)
    line_ids = fields.One2many(
        "client.normalize.wizard.line", "wizard_id", string="Changes", readonly=True
    )
    run_id = fields.Many2one(
        "client.normalize.run", string="Clean-up", readonly=True, copy=False
    )

    def action_preview(self):
        """Count what the clean-up would change, per field, with examples."""
        self.ensure_one()
        self.env["res.partner"].check_access("write")
        self.env["client.normalize.run"].check_access("create")
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You cannot clean up the data of %(company)s.",
                    company=self.company_id.name,
                )
            )
        Run = self.env["client.normalize.run"]
        rows = Run.sudo()._client_fetch(self.company_id)
        plan = Run.sudo()._client_plan(self.company_id, rows)
        labels = self.env["res.partner"]._client_key_labels()
        per_field = {}
        for changes in plan.values():
            for fname, (old, new) in changes.items():
                count, examples = per_field.get(fname, (0, []))
                if len(examples) < EXAMPLES:
                    examples.append(f"{old} → {new or ''}")
                per_field[fname] = (count + 1, examples)
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "field_name": fname,
                    "label": labels.get(fname, fname),
                    "count": count,
                    "examples": "\n".join(examples),
                }
            )
            for fname, (count, examples) in sorted(
                per_field.items(), key=lambda item: -item[1][0]
            )
        ]
        self.write(
            {
                "state": "preview",
                "partner_count": len(rows),
                "changed_count": len(plan),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Clean-up of contact data"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_apply(self):
        """Queue the clean-up job of the company and show its progress.

        Pressed twice: one run (row lock on the wizard, then its state)."""
        self.ensure_one()
        lock_rows_nowait(
            self,
            self.env._(
                "This clean-up is being started already (another click or tab); "
                "its progress shows in a moment."
            ),
        )
        run = self.run_id
        if not run:
            run = self.env["client.normalize.run"]._client_start(self.company_id)
            self.run_id = run
        return {
            "type": "ir.actions.act_window",
            "res_model": "client.normalize.run",
            "res_id": run.id,
            "view_mode": "form",
            "target": "current",
        }


class ClientNormalizeWizardLine(models.TransientModel):
    _name = "client.normalize.wizard.line"
    _description = "Clean-up of contact data: preview line"
    _order = "count desc, id"

    wizard_id = fields.Many2one(
        "client.normalize.wizard", required=True, ondelete="cascade"
    )
    # the company of the preview: what the multi-company rule filters on
    company_id = fields.Many2one(related="wizard_id.company_id")
    field_name = fields.Char(readonly=True)
    label = fields.Char(string="Field", readonly=True)
    count = fields.Integer(string="Values to change", readonly=True)
    examples = fields.Text(string="Examples (old → new)", readonly=True)
