# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Verification of contacts: who checked the contact data, when, how,
and when it is due again (the update period of the client, its tags, its
segment, the general setting)."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import bounds, quality
from .res_partner_quality import FRESHNESS_DEPENDS


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Verification (shared contract, see the briefing)
    client_verified_on = fields.Date(
        string="Verified on", tracking=True, copy=False, readonly=True
    )
    client_verified_by_id = fields.Many2one(
        "res.users", string="Verified by", copy=False, readonly=True
    )
    client_verification_method = fields.Selection(
        [
            ("call", "Call"),
            ("email", "E-mail"),
            ("questionnaire", "Questionnaire"),
            ("visit", "Visit"),
            ("agency", "Agency"),
            ("import", "Import"),
        ],
        string="Verified how",
        copy=False,
        readonly=True,
    )
    client_update_period_months = fields.Integer(
        string="Own update period (months)",
        help="Overrides the update period of the client's tags, segment and "
        "the general setting; 0 means no override.",
    )
    client_next_verification = fields.Date(
        string="Next verification",
        compute="_compute_client_next_verification",
        store=True,
        index=True,
        copy=False,
    )

    @api.depends(*FRESHNESS_DEPENDS, "category_id.client_update_period_months")
    def _compute_client_next_verification(self):
        for partner in self:
            partner.client_next_verification = quality.next_verification(
                partner.client_verified_on,
                partner.create_date,
                partner._client_get_update_period_months(),
            )

    @api.constrains("client_update_period_months")
    def _check_client_update_period_months(self):
        for partner in self:
            if partner.client_update_period_months < 0:
                raise ValidationError(
                    self.env._("The update period cannot be negative.")
                )

    # Actions ------------------------------------------------------------------

    def action_client_mark_verified(self):
        """Open the "Mark as verified" wizard for the selected partners."""
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark as verified"),
            "res_model": "client.verify.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    # Shared contract -----------------------------------------------------

    def _client_mark_verified(self, method, note=None):
        """Record who verified the contact information, when and how.

        :param method: a key of ``client_verification_method``
        :param note: optional plain text, posted (escaped) in the chatter
        """
        methods = dict(
            self._fields["client_verification_method"]._description_selection(self.env)
        )
        if method not in methods:
            raise ValidationError(
                self.env._("Unknown verification method: %(method)s", method=method)
            )
        self.write(
            {
                "client_verified_on": fields.Date.context_today(self),
                "client_verified_by_id": self.env.uid,
                "client_verification_method": method,
            }
        )
        field = self._fields["client_verification_method"]
        for partner in self:
            # the note stays in the client's log: in the client's language
            env = partner.with_context(
                lang=self.env["res.lang"]._client_lang(partner.lang)
            ).env
            text = env._(
                "Contact information verified by %(user)s (%(method)s).",
                user=self.env.user.name,
                method=dict(field._description_selection(env))[method],
            )
            body = Markup("<p>%s</p>") % text
            if note:
                body += Markup("<p>%s</p>") % note
            partner.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def _client_get_update_period_months(self):
        """Update period in months that applies to this partner.

        Per-client override, then the shortest period of its tags, then the
        period of its segment (client state), then the general setting.
        Extension hook: override and call ``super()``.
        """
        self.ensure_one()
        icp = self.env["ir.config_parameter"].sudo()
        general = self._client_int_param(icp, "client_base.update_period_months", 6)
        segment = 0
        if self.client_state:
            segment = self._client_int_param(
                icp, f"client_base.update_period_{self.client_state}_months", 0
            )
        months = quality.resolve_period(
            self.client_update_period_months,
            self.category_id.mapped("client_update_period_months"),
            segment,
            general,
        )
        # a system parameter edited by hand is used within the bounds: a due
        # date is always a date (never "year 10360 is out of range")
        return bounds.clamp("res.partner", "client_update_period_months", months)
