# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_interaction_ids = fields.One2many(
        "client.interaction",
        "partner_id",
        string="Interaction history",
        help="Interactions of the client, those of its contact persons included.",
    )
    # The three figures below are stored on the commercial partner and kept
    # up to date in SQL by client.interaction._client_refresh_partner_stats.
    # They count the interactions of every company (the archiving rule of
    # client_base_regulations, run as superuser: a shared client is idle only
    # when no company contacted it). A shared client's figures would tell a
    # user of one company how much the others deal with it: only
    # administrators read them; users, their filters and lists read the
    # figures of their own companies (client_interaction_visible_count,
    # client_visible_last_interaction_date, client_interaction_stat_ids).
    client_interaction_count = fields.Integer(
        string="Interactions",
        groups="base.group_system",
        readonly=True,
        copy=False,
        help="Interactions with the client, all companies together.",
    )
    client_interaction_count_12m = fields.Integer(
        string="Interactions (12 months)",
        groups="base.group_system",
        readonly=True,
        copy=False,
        help="Interactions with the client over the last 12 months, all "
        "companies together.",
    )
    client_last_interaction_date = fields.Date(
        string="Last interaction",
        groups="base.group_system",
        readonly=True,
        copy=False,
        index=True,
        help="Date of the last interaction with the client, whichever company had it.",
    )
    client_interaction_visible_count = fields.Integer(
        string="Interactions (my companies)",
        compute="_compute_client_interaction_visible",
        help="Interactions with the client that you can open: those of your "
        "current companies.",
    )
    client_visible_last_interaction_date = fields.Date(
        string="Last interaction (my companies)",
        compute="_compute_client_interaction_visible",
        search="_search_client_visible_last_interaction_date",
        help="Date of the last interaction with the client in your current companies.",
    )
    client_interaction_stat_ids = fields.One2many(
        "client.interaction.partner.stat",
        "partner_id",
        string="Interactions per group (12 months)",
        readonly=True,
    )
    client_interaction_manual_enabled = fields.Boolean(
        compute="_compute_client_interaction_manual_enabled"
    )

    @api.depends("client_interaction_ids")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_client_interaction_visible(self):
        """One read_group for all the clients, under the user's rules."""
        Interaction = self.env["client.interaction"]
        clients = self.commercial_partner_id._origin
        figures = {}
        if clients and Interaction.has_access("read"):
            figures = {
                partner.id: (count, last)
                for partner, count, last in Interaction._read_group(
                    [("partner_id", "in", clients.ids)],
                    ["partner_id"],
                    ["__count", "date:max"],
                )
            }
        for partner in self:
            count, last = figures.get(
                partner.commercial_partner_id._origin.id, (0, False)
            )
            partner.client_interaction_visible_count = count
            partner.client_visible_last_interaction_date = last and last.date()

    def _search_client_visible_last_interaction_date(self, operator, value):
        """Clients by their last interaction in the user's companies.

        Rewritten as (not) any interaction on or after a day: a subquery on
        client.interaction under the user's rules (index on partner, date).
        """
        day = None
        if value:
            try:
                day = fields.Date.to_date(value)
            except (TypeError, ValueError):
                day = None  # refused below
        supported = ("=", "!=", "<", "<=", ">", ">=") if day else ("=", "!=")
        if (value and not day) or operator not in supported:
            raise UserError(
                self.env._(
                    "Unsupported search on the last interaction: %(op)s %(value)s",
                    op=operator,
                    value=value,
                )
            )
        if not self.env["client.interaction"].has_access("read"):
            # the user may open no interaction: no client has a date for him
            matches = operator == ("!=" if day else "=")
            return expression.TRUE_DOMAIN if matches else expression.FALSE_DOMAIN
        if not day:
            any_op = "not any" if operator == "=" else "any"
            return [("client_interaction_ids", any_op, [])]

        def since(days=0):
            start = datetime.combine(day + timedelta(days=days), time.min)
            return [("client_interaction_ids", "any", [("date", ">=", start)])]

        def none_since(days=0):
            start = datetime.combine(day + timedelta(days=days), time.min)
            return [("client_interaction_ids", "not any", [("date", ">=", start)])]

        some = [("client_interaction_ids", "any", [])]
        if operator == ">=":
            return since()
        if operator == ">":
            return since(1)
        if operator == "<":
            return expression.AND([some, none_since()])
        if operator == "<=":
            return expression.AND([some, none_since(1)])
        on_day = expression.AND([since(), none_since(1)])
        if operator == "=":
            return on_day
        # "!=": no last interaction on that day (none at all included)
        return expression.OR([none_since(), since(1)])

    def _compute_client_interaction_manual_enabled(self):
        enabled = self.env["client.interaction"]._client_interaction_enabled("manual")
        self.client_interaction_manual_enabled = enabled

    def action_view_client_interactions(self):
        """Timeline of the client: its interactions and its contacts', by month."""
        self.ensure_one()
        client = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.client_interaction_action_partner"
        )
        action["domain"] = [("partner_id", "=", client.id)]
        action["context"] = {
            "default_partner_id": client.id,
            "search_default_group_by_month": 1,
        }
        action["display_name"] = self.env._(
            "History of %(client)s", client=client.display_name
        )
        return action

    def action_log_client_interaction(self):
        """Quick entry of an interaction with this client (or contact)."""
        self.ensure_one()
        context = {"default_partner_id": self.commercial_partner_id.id}
        if self != self.commercial_partner_id:
            context["default_contact_id"] = self.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log an interaction"),
            "res_model": "client.interaction",
            "view_mode": "form",
            "views": [
                (self.env.ref("client_base.client_interaction_view_form").id, "form")
            ],
            "target": "new",
            "context": context,
        }

    def _client_interaction_check_readable(self):
        """An interaction may only be recorded on a client one may read."""
        self.check_access("read")
