# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Archiving reasons of clients: stored as a code with parameters, shown in
the reader's language (the codes: ``tools/archive_reason.py``)."""

from odoo import api, fields, models
from odoo.tools.misc import format_date

from ..tools import archive_reason

ARCHIVE_REASON_SELECTION = [
    ("manual", "Archived by hand"),
    ("unanswered", "Unanswered verification rounds"),
    ("inactive", "Inactive"),
    ("text", "Other (typed)"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_archive_reason_code = fields.Selection(
        ARCHIVE_REASON_SELECTION,
        string="Archiving reason code",
        copy=False,
        readonly=True,
    )
    client_archive_reason_params = fields.Json(
        string="Archiving reason parameters", copy=False, readonly=True
    )
    client_archive_reason = fields.Char(
        string="Archiving reason",
        compute="_compute_client_archive_reason",
        inverse="_inverse_client_archive_reason",
        help="Why the client is (proposed to be) archived, in your language.",
    )

    @api.depends("client_archive_reason_code", "client_archive_reason_params")
    @api.depends_context("lang")
    def _compute_client_archive_reason(self):
        for partner in self:
            partner.client_archive_reason = partner._client_archive_reason_text(
                partner._client_archive_reason_get()
            )

    def _inverse_client_archive_reason(self):
        # a text written from code or by hand is kept as typed
        for partner in self:
            partner.write(
                self._client_archive_reason_vals(partner.client_archive_reason)
            )
        # the text read in other languages follows the new code
        self.invalidate_recordset(["client_archive_reason"])

    def _client_archive_reason_get(self):
        """The stored reason of one partner as a dict, or ``False``."""
        self.ensure_one()
        if not self.client_archive_reason_code:
            return False
        return {
            "code": self.client_archive_reason_code,
            **(self.client_archive_reason_params or {}),
        }

    @api.model
    def _client_archive_reason_vals(self, reason):
        """Values storing ``reason`` (a reason dict or a free text)."""
        code, params = archive_reason.split(reason)
        return {
            "client_archive_reason_code": code,
            "client_archive_reason_params": params,
        }

    @api.model
    def _client_archive_reason_text(self, reason):
        """``reason`` in the language of the environment (the reader's, or
        the one given with ``with_context(lang=...)``)."""
        reason = archive_reason.of(reason)
        if not reason:
            return False
        code = reason["code"]
        if code == "manual":
            return self.env._("Archived by hand by %(user)s", user=reason.get("user"))
        if code == "unanswered":
            return self.env._(
                "No answer to %(count)s verification rounds in a row",
                count=reason.get("count"),
            )
        if code == "inactive":
            date = reason.get("date")
            return self.env._(
                "Inactive for more than %(months)s months (no invoice, "
                "order, interaction or verification since %(date)s)",
                months=reason.get("months"),
                date=format_date(self.env, date) if date else "",
            )
        return reason.get("text") or ""
