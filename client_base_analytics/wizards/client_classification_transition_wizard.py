# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

DIMENSIONS = [("abc", "ABC"), ("xyz", "XYZ"), ("lifecycle", "Lifecycle class")]


class ClientClassificationTransition(models.TransientModel):
    """One cell of a transitions matrix: how many clients went from -> to."""

    _name = "client.classification.transition"
    _description = "Client class transition"
    _order = "from_class, to_class"

    wizard_id = fields.Many2one(
        "client.classification.transition.wizard", ondelete="cascade", index=True
    )
    # the company of the matrix: what the multi-company rule filters on
    company_id = fields.Many2one(related="wizard_id.company_id")
    from_class = fields.Char(string="From", required=True)
    to_class = fields.Char(string="To", required=True)
    client_count = fields.Integer(string="Clients")


class ClientClassificationTransitionWizard(models.TransientModel):
    """Transitions matrix between two runs of the same company."""

    _name = "client.classification.transition.wizard"
    _description = "Client class transitions between two runs"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    dimension = fields.Selection(DIMENSIONS, required=True, default="abc")
    run_from_id = fields.Many2one(
        "client.classification.run",
        string="From run",
        required=True,
        check_company=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'done')]",
    )
    run_to_id = fields.Many2one(
        "client.classification.run",
        string="To run",
        required=True,
        check_company=True,
        domain="[('company_id', '=', company_id), ('state', '=', 'done')]",
    )
    line_ids = fields.One2many("client.classification.transition", "wizard_id")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        runs = self.env["client.classification.run"].search(
            [("company_id", "=", self.env.company.id), ("state", "=", "done")],
            limit=2,
            order="id desc",
        )
        if runs:
            res.setdefault("run_to_id", runs[0].id)
            res.setdefault("run_from_id", runs[-1].id)
        return res

    def _compute_transitions(self):
        """[(from, to, count)] for every client classified up to run_to.

        The class of a client at a run is the new value of its latest history
        row up to that run (history records every change, including the
        first classification), or "none" when there is no such row.
        """
        self.ensure_one()
        # raw SQL below reads no record rule: the user must be allowed the
        # company and both runs (company rules of the runs)
        if self.company_id not in self.env.companies:
            raise AccessError(
                self.env._(
                    "You may not read the classification of %(company)s.",
                    company=self.company_id.display_name,
                )
            )
        (self.run_from_id | self.run_to_id).check_access("read")
        if (self.run_from_id | self.run_to_id).company_id != self.company_id:
            raise UserError(self.env._("Both runs must belong to the same company."))
        if self.run_from_id.company_id != self.run_to_id.company_id:
            raise UserError(self.env._("Both runs must belong to the same company."))
        self.env["client.classification.history"].flush_model()
        column = SQL.identifier("new_" + self.dimension)
        self.env.cr.execute(
            SQL(
                """
                WITH state_at AS (
                    SELECT DISTINCT ON (h.partner_id, r.run)
                           h.partner_id, r.run, %(column)s AS cls
                      FROM client_classification_history h
                      JOIN (VALUES (%(from)s, 'from'), (%(to)s, 'to'))
                           AS r(run_id, run) ON h.run_id <= r.run_id
                     WHERE h.company_id = %(company)s
                       AND h.origin = 'computed'
                  ORDER BY h.partner_id, r.run, h.run_id DESC, h.id DESC
                )
                SELECT COALESCE(f.cls, 'none'), COALESCE(t.cls, 'none'), count(*)
                  FROM (SELECT partner_id, cls FROM state_at WHERE run = 'to') t
             FULL JOIN (SELECT partner_id, cls FROM state_at WHERE run = 'from') f
                    ON f.partner_id = t.partner_id
              GROUP BY 1, 2
              ORDER BY 1, 2
                """,
                column=column,
                company=self.company_id.id,
                to=self.run_to_id.id,
                **{"from": self.run_from_id.id},
            )
        )
        return self.env.cr.fetchall()

    def action_compute(self):
        self.ensure_one()
        self.check_access("write")
        self.line_ids.unlink()
        self.env["client.classification.transition"].create(
            [
                {
                    "wizard_id": self.id,
                    "from_class": from_class,
                    "to_class": to_class,
                    "client_count": count,
                }
                for from_class, to_class, count in self._compute_transitions()
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transitions"),
            "res_model": "client.classification.transition",
            "view_mode": "pivot,list",
            "domain": [("wizard_id", "=", self.id)],
            "target": "current",
        }
