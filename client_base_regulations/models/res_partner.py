# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The regulation's partner: what the other jobs share (the clients, their
recent orders, the regulation page) and the agency operators' write checks.

The jobs of the same model live in their own files: verification
(``res_partner_verification.py``), archiving (``res_partner_archiving.py``,
its reason in ``res_partner_archive_reason.py``).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError

# Contact data an agency operator may change on the clients assigned to them
# (and on their contact persons). Everything else is refused.
AGENCY_WRITABLE_FIELDS = frozenset(
    {
        "name",
        "phone",
        "mobile",
        "email",
        "website",
        "street",
        "street2",
        "zip",
        "city",
        "state_id",
        "country_id",
        "function",
        "title",
        "lang",
        "comment",
        "type",
        "client_phone_extra",
        "client_email_personal",
        "client_preferred_channel",
        "client_best_contact_time",
        "client_decision_role",
    }
)
# Technical fields the web client writes along with any change ("active" only
# to keep a record active; "child_ids" only to add or edit contact persons,
# each command going through create/write and their own checks).
AGENCY_ALWAYS_ALLOWED = frozenset({"active", "child_ids"})
# On a new contact person an operator also sets these (never a company).
AGENCY_CREATE_FIELDS = AGENCY_WRITABLE_FIELDS | {"parent_id", "is_company", "active"}
AGENCY_GROUP = "client_base_regulations.client_base_regulations_group_agency_operator"


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_agency_operator_ids = fields.Many2many(
        "res.users",
        "client_partner_agency_operator_rel",
        "partner_id",
        "user_id",
        string="Assigned operators",
        compute="_compute_client_agency_operator_ids",
        store=True,
        help="Operators of running verification campaigns this client is "
        "assigned to; used by the record rule of the agency operators.",
    )

    @api.depends(
        "client_campaign_line_ids.operator_id",
        "client_campaign_line_ids.campaign_id.state",
    )
    def _compute_client_agency_operator_ids(self):
        for partner in self:
            lines = partner.client_campaign_line_ids.filtered(
                lambda line: line.campaign_id.state == "running"
            )
            partner.client_agency_operator_ids = lines.operator_id

    # ------------------------------------------------------- agency access

    @api.model_create_multi
    def create(self, vals_list):
        self._client_check_agency_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._client_check_agency_write(vals)
        return super().write(vals)

    def _client_is_agency_only(self):
        """True for a data agency operator that is not a Client Base user
        (the only role the agency checks below apply to)."""
        user = self.env.user
        return (
            not self.env.su
            and user.has_group(AGENCY_GROUP)
            and not user.has_group("client_base.client_base_group_user")
        )

    def _client_agency_assigned(self, partners):
        """The partners among ``partners`` (or their commercial partner)
        assigned to the current user in a running campaign: computed from the
        campaign calls themselves, not from a rule the operator could widen."""
        if not partners:
            return partners
        lines = (
            self.env["client.verification.campaign.line"]
            .sudo()
            .search(
                [
                    ("operator_id", "=", self.env.uid),
                    ("campaign_id.state", "=", "running"),
                    (
                        "partner_id",
                        "in",
                        (partners | partners.sudo().commercial_partner_id).ids,
                    ),
                ]
            )
        )
        assigned = set(lines.partner_id.ids)
        return partners.filtered(
            lambda p: p.id in assigned or p.sudo().commercial_partner_id.id in assigned
        )

    def _client_agency_refuse(self, fields_):
        raise AccessError(
            self.env._(
                "As a data agency operator you may only update contact "
                "data; not allowed: %(fields)s",
                fields=", ".join(sorted(fields_)),
            )
        )

    def _client_check_agency_create(self, vals_list):
        """Agency operators create contact persons of their assigned clients,
        with contact data only: never a company, never a client of its own."""
        if not self._client_is_agency_only():
            return
        for vals in vals_list:
            forbidden = set(vals) - AGENCY_CREATE_FIELDS
            if vals.get("is_company"):
                forbidden.add("is_company")
            if vals.get("active") is False:
                forbidden.add("active")
            if forbidden:
                self._client_agency_refuse(forbidden)
            parent = self.browse(vals.get("parent_id") or [])
            if not parent or not self._client_agency_assigned(parent):
                raise AccessError(
                    self.env._(
                        "As a data agency operator you may only add contact "
                        "persons to the clients assigned to you."
                    )
                )

    def _client_check_agency_write(self, vals):
        """Agency operators change contact data only, of the clients assigned
        to them in a running campaign (and their contact persons): the record
        rule lets them also see their own user's partner and company, which
        they must not change through this role."""
        if not self._client_is_agency_only():
            return
        forbidden = set(vals) - AGENCY_WRITABLE_FIELDS - AGENCY_ALWAYS_ALLOWED
        if "active" in vals and not vals["active"]:
            forbidden.add("active")
        for command in vals.get("child_ids") or ():
            # create (0) and update (1) go through create/write and their
            # checks; linking or unlinking other partners re-points them
            if not (isinstance(command, (list, tuple)) and command[0] in (0, 1)):
                forbidden.add("child_ids")
        if forbidden:
            self._client_agency_refuse(forbidden)
        if self - self._client_agency_assigned(self):
            raise AccessError(
                self.env._(
                    "As a data agency operator you may only update the clients "
                    "assigned to you in a running campaign."
                )
            )

    # ------------------------------------------------------------- shared

    def action_client_open_regulation(self):
        """Open the regulation given in the context (``client_regulation_key``)."""
        key = self.env.context.get("client_regulation_key") or "contact_info"
        return self.env["document.page"]._client_regulation_action(key)

    @api.model
    def _client_base_domain(self):
        """Active clients, the one definition of the suite
        (``res.partner._client_domain``, client_base/tools/clients.py)."""
        return [("active", "=", True), *self._client_domain()]

    @api.model
    def _client_partners_with_orders(self, partner_ids, since):
        """Ids of the commercial partners that ordered or were invoiced since
        ``since``; among ``partner_ids`` only, unless it is ``None`` (then one
        aggregate over the recent documents, whatever the number of clients).
        Here the invoices; the sales orders come from client_base_sale (hook
        of client_base, res_partner_regulation.py)."""
        found = super()._client_partners_with_orders(partner_ids, since)
        if partner_ids is not None and not partner_ids:
            return found
        domain = [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("invoice_date", ">=", since),
        ]
        if partner_ids is not None:
            domain.append(("commercial_partner_id", "in", list(partner_ids)))
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(domain, ["commercial_partner_id"])
        )
        found.update(partner.id for (partner,) in groups)
        return found
