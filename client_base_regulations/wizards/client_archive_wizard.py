# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.client_base.models.row_lock import lock_rows_nowait


class ClientArchiveWizard(models.TransientModel):
    """Dry run of an archiving rule: the list first, then archive."""

    _name = "client.archive.wizard"
    _description = "Client archiving dry run"

    rule_id = fields.Many2one("client.archive.rule", required=True)
    line_ids = fields.One2many("client.archive.wizard.line", "wizard_id")
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("done", "Done")],
        default="draft",
    )
    result = fields.Text(readonly=True)

    def _check_manager(self):
        if not self.env.user.has_group("client_base.client_base_group_manager"):
            raise AccessError(
                self.env._("Only data-quality managers may archive clients.")
            )

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_compute(self):
        self.ensure_one()
        self._check_manager()
        candidates = self.rule_id._get_candidates()
        # the user archives only the clients it may change (company rules)
        allowed = set(
            self.env["res.partner"]
            .browse([partner.id for partner in candidates])
            ._filtered_access("write")
            .ids
        )
        candidates = {p: r for p, r in candidates.items() if p.id in allowed}
        self.line_ids.unlink()
        self.write(
            {
                "state": "computed",
                "line_ids": [
                    fields.Command.create(
                        {
                            "partner_id": partner.id,
                            "reason_data": reason,
                            "selected": True,
                        }
                    )
                    for partner, reason in candidates.items()
                ],
            }
        )
        return self._reopen()

    def action_archive(self):
        """Archive the selected clients once: row lock on the wizard, then its
        state (a second press shows the first one's result)."""
        self.ensure_one()
        self._check_manager()
        lock_rows_nowait(
            self,
            self.env._(
                "These clients are being archived already (another click or "
                "tab); the result shows in a moment."
            ),
        )
        if self.state == "done":
            return self._reopen()
        # clients archived meanwhile (another wizard) are not archived twice
        lines = self.line_ids.filtered(lambda line: line.selected)
        lines = lines.filtered(lambda line: line.partner_id.active)
        # archiving runs with the user's rights: the clients must be the
        # user's to change (company rules included)
        lines.partner_id.check_access("write")
        # one batch: the clients are archived together (see
        # res.partner._client_archive_checked)
        archived, skipped = lines.partner_id._client_archive_checked(
            "", reasons={line.partner_id: line.reason_data for line in lines}
        )
        result = self.env._(
            "%(archived)s client(s) archived, %(skipped)s skipped.",
            archived=len(archived),
            skipped=len(skipped),
        )
        for partner, reason in skipped.items():
            result += f"\n{partner.display_name}: {reason}"
        self.write({"state": "done", "result": result})
        return self._reopen()


class ClientArchiveWizardLine(models.TransientModel):
    _name = "client.archive.wizard.line"
    _description = "Client archiving dry-run line"

    wizard_id = fields.Many2one(
        "client.archive.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Client", required=True)
    # the reason as a code with parameters (tools/archive_reason.py), shown
    # in the reader's language
    reason_data = fields.Json(readonly=True)
    reason = fields.Char(compute="_compute_reason")
    selected = fields.Boolean(string="Archive", default=True)

    @api.depends("reason_data")
    @api.depends_context("lang")
    def _compute_reason(self):
        Partner = self.env["res.partner"]
        for line in self:
            line.reason = Partner._client_archive_reason_text(line.reason_data)
