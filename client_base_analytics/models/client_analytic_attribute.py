# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# Partners handled per statement when a rule is applied, and per call of the
# scheduled action.
RULE_BATCH_SIZE = 5000
# The last client id done by the scheduled action (0: next call starts over).
RULE_CURSOR_KEY = "client_base_analytics.rules_cursor"
# A batch that met a concurrent transaction: left for the next call.
CONCURRENCY_ERRORS = (
    pg_errors.LockNotAvailable,
    pg_errors.SerializationFailure,
    pg_errors.DeadlockDetected,
)


class ClientAnalyticAttribute(models.Model):
    """A simple analytic (region, industry, source, size...) and its regulation."""

    _name = "client.analytic.attribute"
    _description = "Client analytic"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    value_ids = fields.One2many(
        "client.analytic.value", "attribute_id", string="Values", copy=True
    )
    assignment = fields.Selection(
        [
            ("manual", "By hand"),
            ("state", "Rule: from the state"),
            ("country", "Rule: from the country"),
        ],
        required=True,
        default="manual",
        help="By hand: staff pick the value. Rules: the value whose states or "
        "countries contain the client's address is assigned by 'Apply rule'; "
        "a value chosen by hand is never overwritten by a rule.",
    )
    # Regulation (figure 2 of the source method): who, how, when
    responsible = fields.Char(
        string="Who assigns",
        translate=True,
        help="Role or department that assigns and maintains this analytic.",
    )
    method = fields.Text(
        string="How it is assigned",
        translate=True,
        help="Source of the value (public data, judgement of the manager, ...)",
    )
    update_rule = fields.Text(
        string="When it is updated",
        translate=True,
        help="Event or frequency that triggers a review of the value.",
    )
    assignment_count = fields.Integer(compute="_compute_assignment_count")

    def _compute_assignment_count(self):
        counts = dict(
            self.env["client.analytic.assignment"]._read_group(
                [("attribute_id", "in", self.ids)], ["attribute_id"], ["__count"]
            )
        )
        for attribute in self:
            attribute.assignment_count = counts.get(attribute, 0)

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_analytics.client_analytic_assignment_action"
        )
        action["domain"] = [("attribute_id", "=", self.id)]
        action["context"] = {"default_attribute_id": self.id}
        return action

    def action_apply_rule(self):
        """Assign the value matching each client's state or country."""
        self.check_access("write")
        total = 0
        for attribute in self:
            if attribute.assignment == "manual":
                raise UserError(
                    self.env._(
                        "The analytic %(name)s is assigned by hand; it has no rule.",
                        name=attribute.name,
                    )
                )
            total += attribute._apply_rule()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%(count)s clients updated.", count=total),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _rule_value_map(self):
        """{state or country id: value} for this rule attribute."""
        self.ensure_one()
        mapping = {}
        fname = "state_ids" if self.assignment == "state" else "country_ids"
        for value in self.value_ids:
            for target in value[fname]:
                mapping.setdefault(target.id, value)
        return mapping

    def _apply_rule(self, partners=None):
        """Create or update rule assignments; return the number changed."""
        self.ensure_one()
        mapping = self._rule_value_map()
        if not mapping:
            return 0
        field = "state_id" if self.assignment == "state" else "country_id"
        Partner = self.env["res.partner"].with_context(active_test=False)
        domain = [("parent_id", "=", False), (field, "in", list(mapping))]
        if partners is not None:
            domain.append(("id", "in", partners.ids))
        Assignment = self.env["client.analytic.assignment"]
        changed = 0
        clients = Partner.search(domain, order="id")
        for start in range(0, len(clients), RULE_BATCH_SIZE):
            chunk = clients[start : start + RULE_BATCH_SIZE]
            existing = {
                a.partner_id.id: a
                for a in Assignment.search(
                    [("attribute_id", "=", self.id), ("partner_id", "in", chunk.ids)]
                )
            }
            to_create = []
            per_value = {}
            for partner in chunk:
                value = mapping.get(partner[field].id)
                current = existing.get(partner.id)
                if not current:
                    to_create.append(
                        {
                            "partner_id": partner.id,
                            "attribute_id": self.id,
                            "value_id": value.id,
                            "origin": "rule",
                        }
                    )
                elif current.origin == "rule" and current.value_id != value:
                    per_value.setdefault(value, Assignment)
                    per_value[value] |= current
            Assignment.create(to_create)
            # grouped writes: one per value, not one per client
            for value, assignments in per_value.items():
                assignments.write({"value_id": value.id})
                changed += len(assignments)
            changed += len(to_create)
        return changed

    @api.model
    def _cron_apply_rules(self, batch_size=None):
        """One batch of clients per call, every rule applied to it (resumable:
        the last client id done is kept in a system parameter). A batch that
        meets a concurrent transaction is left for the next call."""
        batch_size = batch_size or RULE_BATCH_SIZE
        icp = self.env["ir.config_parameter"].sudo()
        cursor = int(icp.get_param(RULE_CURSOR_KEY, "0") or 0)
        Cron = self.env["ir.cron"]
        attributes = self.search([("assignment", "!=", "manual")])
        Partner = self.env["res.partner"].with_context(active_test=False)
        domain = [("parent_id", "=", False)]
        clients = Partner.browse()
        if attributes:
            clients = Partner.search(
                [*domain, ("id", ">", cursor)], order="id", limit=batch_size
            )
        try:
            with self.env.cr.savepoint():
                for attribute in attributes:
                    attribute._apply_rule(clients)
        except CONCURRENCY_ERRORS as error:
            _logger.warning("Analytic rules: batch postponed: %s", error)
            self.env.invalidate_all()
            Cron._client_notify_progress(done=0, remaining=len(clients) or 1)
            return
        remaining = 0
        if len(clients) == batch_size:
            remaining = Partner.search_count([*domain, ("id", ">", clients[-1].id)])
        # a finished pass starts over next time
        icp.set_param(RULE_CURSOR_KEY, str(clients[-1].id) if remaining else "0")
        self.env.invalidate_all()
        Cron._client_notify_progress(done=len(clients), remaining=remaining)
