# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.client_base.models.row_lock import lock_rows_nowait

OUTCOMES = [
    ("pending", "To call"),
    ("verified", "Verified"),
    ("updated", "Updated"),
    ("unreachable", "Unreachable"),
    ("refused", "Refused"),
]
# What an agency operator may write on its own calls (phone and e-mail are
# related to the client and go through the client's own checks)
AGENCY_LINE_FIELDS = frozenset({"outcome", "note", "phone", "email"})
# Which call a line is: fixed once created (re-pointing a call would hand its
# operator another client)
LINE_IDENTITY_FIELDS = frozenset({"campaign_id", "partner_id"})
# Outcome -> verification method recorded on the client, per campaign channel
CHANNEL_METHOD = {"phone": "call", "agency": "agency", "email": "email"}


class ClientVerificationCampaign(models.Model):
    """A telemarketing (in-house or agency) campaign verifying client data."""

    _name = "client.verification.campaign"
    _description = "Client verification campaign"
    _inherit = "mail.thread"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user
    )
    channel = fields.Selection(
        [("phone", "In-house calls"), ("agency", "Agency calls"), ("email", "E-mail")],
        default="phone",
        required=True,
    )
    state = fields.Selection(
        [("running", "Running"), ("done", "Done")],
        default="running",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "client.verification.campaign.line", "campaign_id", string="Clients"
    )
    operator_ids = fields.Many2many(
        "res.users", string="Operators", compute="_compute_counts"
    )
    line_count = fields.Integer(string="Number of clients", compute="_compute_counts")
    done_count = fields.Integer(string="Done", compute="_compute_counts")
    progress = fields.Float(compute="_compute_counts", string="Progress (%)")

    @api.depends("line_ids.outcome", "line_ids.operator_id")
    def _compute_counts(self):
        groups = (
            self.env["client.verification.campaign.line"]
            .sudo()
            ._read_group(
                [("campaign_id", "in", self.ids)],
                ["campaign_id", "outcome"],
                ["__count"],
            )
        )
        totals = {}
        dones = {}
        for campaign, outcome, count in groups:
            totals[campaign.id] = totals.get(campaign.id, 0) + count
            if outcome != "pending":
                dones[campaign.id] = dones.get(campaign.id, 0) + count
        for campaign in self:
            total = totals.get(campaign.id, 0)
            campaign.line_count = total
            campaign.done_count = dones.get(campaign.id, 0)
            campaign.progress = 100.0 * campaign.done_count / total if total else 0.0
            campaign.operator_ids = campaign.line_ids.operator_id

    def action_done(self):
        self.write({"state": "done"})

    def action_reopen(self):
        self.write({"state": "running"})

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_regulations.client_verification_campaign_line_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"search_default_group_operator": 1}
        return action

    def action_open_regulation(self):
        return self.env["document.page"]._client_regulation_action("verification")


class ClientVerificationCampaignLine(models.Model):
    _name = "client.verification.campaign.line"
    _description = "Client verification campaign call"
    _order = "campaign_id desc, operator_id, id"
    _rec_name = "partner_id"

    campaign_id = fields.Many2one(
        "client.verification.campaign",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    campaign_state = fields.Selection(related="campaign_id.state")
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    operator_id = fields.Many2one("res.users", required=True, index=True)
    outcome = fields.Selection(OUTCOMES, default="pending", required=True, index=True)
    note = fields.Text()
    done_on = fields.Datetime(readonly=True)
    # contact data shown to the operator (the partner's own fields, through
    # the record rules that limit operators to their clients)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)

    _sql_constraints = (
        (
            "campaign_partner_unique",
            "unique(campaign_id, partner_id)",
            "A client appears once per campaign.",
        ),
    )

    def write(self, vals):
        self._check_write_fields(vals)
        if vals.get("outcome") and vals["outcome"] != "pending":
            vals.setdefault("done_on", fields.Datetime.now())
        # a call whose outcome does not change records nothing again (a
        # second press of *Verified*, a form saved twice)
        changed = self.filtered(lambda line: line.outcome != vals.get("outcome"))
        res = super().write(vals)
        if vals.get("outcome") in ("verified", "updated"):
            for line in changed:
                method = CHANNEL_METHOD.get(line.campaign_id.channel, "call")
                # the operator may not write verification fields: sudo, after
                # the ACL/rule check of the write above
                line.partner_id.sudo()._client_mark_verified(
                    method,
                    note=self.env._(
                        "Campaign %(campaign)s, operator %(operator)s: %(outcome)s",
                        campaign=line.campaign_id.name,
                        operator=line.operator_id.name,
                        outcome=dict(OUTCOMES)[line.outcome],
                    ),
                )
        return res

    def _check_write_fields(self, vals):
        """A call stays about the same client in the same campaign; only
        data-quality managers hand it to another operator; an agency operator
        writes its outcome, note and the client's phone and e-mail."""
        if self.env.su:
            return
        user = self.env.user
        changed = {
            fname
            for fname in LINE_IDENTITY_FIELDS & set(vals)
            for line in self
            if line[fname].id != vals[fname]
        }
        if "operator_id" in vals and not user.has_group(
            "client_base.client_base_group_manager"
        ):
            changed.add("operator_id")
        if not user.has_group("client_base.client_base_group_user"):
            changed |= set(vals) - AGENCY_LINE_FIELDS
        if changed:
            raise AccessError(
                self.env._(
                    "You may not change these fields of a campaign call: %(fields)s",
                    fields=", ".join(sorted(changed)),
                )
            )

    def _set_outcome(self, outcome):
        """Record ``outcome`` once: row lock on the calls, then their state
        (a second press, or a press on a call recorded already, changes and
        posts nothing)."""
        self.check_access("write")
        lock_rows_nowait(
            self,
            self.env._(
                "This call's outcome is being recorded already (another click "
                "or tab); reload the page in a moment."
            ),
        )
        self.filtered(lambda line: line.outcome != outcome).write({"outcome": outcome})
        return True

    def action_verified(self):
        return self._set_outcome("verified")

    def action_updated(self):
        return self._set_outcome("updated")

    def action_unreachable(self):
        return self._set_outcome("unreachable")

    def action_refused(self):
        return self._set_outcome("refused")
