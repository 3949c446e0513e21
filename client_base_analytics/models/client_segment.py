# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class ClientSegment(models.Model):
    """A saved combination of analytics, e.g. "AX regular" or "VIP candidates"."""

    _name = "client.segment"
    _description = "Client segment"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    color = fields.Integer()
    company_id = fields.Many2one("res.company", index=True)
    domain = fields.Char(
        string="Filter",
        required=True,
        default="[]",
        help="Filter on clients (analytics fields of the current company, "
        "simple analytics, any client field).",
    )
    client_count = fields.Integer(compute="_compute_client_count", string="Clients")
    mailing_available = fields.Boolean(compute="_compute_mailing_available")

    @api.depends("domain")
    @api.depends_context("company", "allowed_company_ids")
    def _compute_client_count(self):
        Partner = self.env["res.partner"]
        for segment in self:
            try:
                segment.client_count = Partner.search_count(segment._get_domain())
            except (ValueError, TypeError, ValidationError):
                segment.client_count = 0

    def _compute_mailing_available(self):
        available = self._mailing_list_model() is not None
        for segment in self:
            segment.mailing_available = available

    @api.constrains("domain")
    def _check_domain(self):
        for segment in self:
            try:
                self.env["res.partner"].search_count(segment._get_domain(), limit=1)
            except (ValueError, TypeError, SyntaxError, KeyError) as exc:
                raise ValidationError(
                    self.env._(
                        "The filter of segment %(name)s is not valid: %(error)s",
                        name=segment.name,
                        error=exc,
                    )
                ) from exc

    def _get_domain(self):
        """The segment's clients as a domain on res.partner.

        The stored text is parsed with ``ast.literal_eval``, never evaluated.
        """
        self.ensure_one()
        domain = ast.literal_eval(self.domain or "[]")
        if not isinstance(domain, list | tuple):
            raise TypeError(self.env._("A filter must be a list of conditions."))
        return expression.AND([self.env["res.partner"]._client_domain(), list(domain)])

    def _get_partners(self):
        self.ensure_one()
        return self.env["res.partner"].search(self._get_domain())

    def action_view_clients(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.res_partner_action_client"
        )
        action["domain"] = self._get_domain()
        action["name"] = self.name
        return action

    def action_schedule_activity(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "client.segment.activity.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_segment_id": self.id},
            "name": self.env._("Schedule an activity"),
        }

    def action_add_to_mailing_list(self):
        self.ensure_one()
        if self._mailing_list_model() is None:
            raise ValidationError(
                self.env._("Install Email Marketing to use mailing lists.")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "client.segment.mailing.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_segment_id": self.id},
            "name": self.env._("Add to a mailing list"),
        }

    # Mailing hook: works only when Email Marketing (mass_mailing) is installed;
    # this add-on does not depend on it.

    @api.model
    def _mailing_list_model(self):
        """The mailing list model, or None when Email Marketing is absent."""
        return self.env.get("mailing.list", None)

    def _add_to_mailing_list(self, mailing_list):
        """Add the segment's clients having an email to ``mailing_list``.

        Returns the number of contacts added. Override to change the mapping.
        """
        self.ensure_one()
        Contact = self.env["mailing.contact"]
        partners = self._get_partners().filtered("email")
        known = set(
            Contact.search([("list_ids", "in", mailing_list.ids)]).mapped("email")
        )
        vals = [
            {
                "name": partner.name,
                "email": partner.email,
                "list_ids": [fields.Command.link(mailing_list.id)],
            }
            for partner in partners
            if partner.email not in known
        ]
        Contact.create(vals)
        return len(vals)
