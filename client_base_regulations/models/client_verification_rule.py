# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.client_base.models.bounded import check_bounds
from odoo.addons.client_base.tools import bounds


class ClientVerificationRule(models.Model):
    """Who verifies which clients, how often (the verification regulation)."""

    _name = "client.verification.rule"
    _inherit = "client.regulated.rule.mixin"
    _description = "Client verification rule"
    _order = "sequence, id"
    _check_company_auto = True

    period_months = fields.Integer(
        string="Round (months)",
        default=6,
        required=True,
        help="Length of a verification round. At most one verification "
        "activity per client and round is created.",
    )
    only_without_orders = fields.Boolean(
        string="Only clients without orders",
        default=True,
        help="Verify only the clients who placed no order and received no "
        "invoice during the round: a client who orders keeps its data current.",
    )
    assign_to = fields.Selection(
        [("salesperson", "Salesperson"), ("team", "Data-quality team")],
        default="salesperson",
        required=True,
        help="Salesperson: the client's salesperson, else the team. Team: the "
        "team members in turn.",
    )
    team_user_ids = fields.Many2many(
        "res.users",
        string="Data-quality team",
        domain=[("share", "=", False)],
    )
    fallback_user_id = fields.Many2one(
        "res.users",
        string="Fallback assignee",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Receives the activities when neither a salesperson nor a team "
        "member is available.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        default=lambda self: self._default_activity_type_id(),
    )
    deadline_days = fields.Integer(string="Deadline (days)", default=14)

    @api.constrains(*bounds.fields_of("client.verification.rule"))
    def _check_client_bounds(self):
        """The bounds of tools/bounds.py, checked on save."""
        check_bounds(self, bounds.fields_of("client.verification.rule"))

    def _default_activity_type_id(self):
        return self.env.ref(
            "client_base_regulations.mail_activity_type_client_verification",
            raise_if_not_found=False,
        )

    @api.constrains("period_months", "deadline_days")
    def _check_positive(self):
        for rule in self:
            if rule.period_months <= 0:
                raise ValidationError(
                    self.env._("A verification round lasts at least one month.")
                )
            if rule.deadline_days < 0:
                raise ValidationError(self.env._("The deadline cannot be negative."))

    @api.model
    def _get_rule(self, company):
        return self.sudo().search([("company_id", "in", [False, company.id])], limit=1)

    def _pick_assignee(self, partner, turn):
        """Salesperson or team member in turn, else the fallback user."""
        self.ensure_one()
        salesperson = partner.user_id
        if (
            self.assign_to == "salesperson"
            and salesperson
            and salesperson.active
            and not salesperson.share
        ):
            return salesperson
        team = self.team_user_ids.filtered("active")
        if team:
            return team[turn % len(team)]
        return self.fallback_user_id or self.env.ref("base.user_admin")
