# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import secrets

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import consteq

from odoo.addons.client_base.models.res_partner import people_edit
from odoo.addons.client_base.models.row_lock import lock_rows_nowait
from odoo.addons.client_base.tools import bounds

from ..tools import regulation_logic as logic

# Fields a client may confirm or correct on the self-service page.
QUESTIONNAIRE_FIELDS = (
    "name",
    "phone",
    "mobile",
    "email",
    "website",
    "street",
    "street2",
    "zip",
    "city",
    "vat",
)


def _hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class ClientSelfVerification(models.Model):
    """A personal, single-use, expiring link sent to a client to confirm or
    correct its contact data (the seed's website questionnaire).

    Only a hash of the token is stored: whoever reads the database cannot
    answer in the client's name."""

    _name = "client.self.verification"
    _description = "Client self-service verification"
    _inherit = "mail.thread"
    _order = "id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", related="partner_id.company_id", store=True
    )
    email = fields.Char(required=True)
    token_hash = fields.Char(copy=False, groups="base.group_system")
    expires_on = fields.Datetime(required=True)
    answered_on = fields.Datetime(readonly=True)
    state = fields.Selection(
        [
            ("sent", "Sent"),
            ("answered", "Answered, to review"),
            ("applied", "Applied"),
            ("rejected", "Rejected"),
            ("cancelled", "Replaced by a newer link"),
        ],
        default="sent",
        required=True,
        tracking=True,
    )
    proposal_ids = fields.One2many(
        "client.data.proposal", "request_id", string="Proposed changes"
    )

    # ---------------------------------------------------------------- send

    @api.model
    def _client_send_for(self, partners):
        """Create a fresh link per client (older open links are cancelled)
        and queue the e-mail. Returns the new requests."""
        icp = self.env["ir.config_parameter"].sudo()
        # within the bounds even if the parameter was edited by hand (never
        # an OverflowError when the link's expiry is computed)
        days = bounds.clamp(
            "res.config.settings",
            "client_regulations_questionnaire_days",
            icp.get_param("client_base_regulations.questionnaire_days", "30"),
            30,
        )
        template = self.env.ref(
            "client_base_regulations.mail_template_client_self_verification"
        )
        requests = self.browse()
        # two presses at once: one sends, the other is told so (row lock on
        # the clients); one after the other: a resend, the older link dies
        lock_rows_nowait(
            partners.filtered("email"),
            self.env._(
                "The questionnaire is being sent to this client already "
                "(another click or tab)."
            ),
        )
        for partner in partners.filtered("email"):
            self.sudo().search(
                [("partner_id", "=", partner.id), ("state", "=", "sent")]
            ).write({"state": "cancelled"})
            token = secrets.token_urlsafe(32)
            request = self.sudo().create(
                {
                    "partner_id": partner.id,
                    "email": partner.email,
                    "token_hash": _hash_token(token),
                    "expires_on": fields.Datetime.now() + relativedelta(days=days),
                }
            )
            template.sudo().with_context(
                client_verify_url=request._client_url(token)
            ).send_mail(request.id, force_send=False)
            partner.sudo().message_post(
                body=self.env._(
                    "Self-service verification link sent to %(email)s.",
                    email=partner.email,
                ),
                subtype_xmlid="mail.mt_note",
            )
            requests |= request
        return requests

    def _client_url(self, token):
        self.ensure_one()
        return f"{self.get_base_url()}/client-base/verify/{self.id}?token={token}"

    # --------------------------------------------------------------- check

    def _client_check_token(self, token):
        """True if ``token`` opens this request now: right token, not used,
        not expired. Constant-time comparison."""
        self.ensure_one()
        request = self.sudo()
        if not token or not request.token_hash:
            return False
        if not consteq(request.token_hash, _hash_token(token)):
            return False
        # an archived (or deleted) client's link is dead like any bad token
        return (
            request.state == "sent"
            and request.expires_on > fields.Datetime.now()
            and request.partner_id.active
        )

    def _client_submit(self, values):
        """Record the client's answer (already limited to QUESTIONNAIRE_FIELDS)
        as proposals; apply them directly when the setting says so."""
        self.ensure_one()
        request = self.sudo()
        # one answer per link: row lock, then the link's state again (a
        # second post, concurrent or not, records nothing; the controller
        # answers it like any used link)
        lock_rows_nowait(request)
        if request.state != "sent":
            return False
        partner = request.partner_id
        proposals = []
        for name in QUESTIONNAIRE_FIELDS:
            if name not in values:
                continue
            # no format characters (zero-width, bidi overrides), capped length
            new = logic.clean_answer(name, values[name])
            old = partner[name] or ""
            if name == "name" and not new:
                continue  # a client cannot blank its own name
            if new != old:
                proposals.append(
                    {
                        "request_id": request.id,
                        "partner_id": partner.id,
                        "field_name": name,
                        "old_value": old,
                        "new_value": new,
                    }
                )
        self.env["client.data.proposal"].sudo().create(proposals)
        request.write({"state": "answered", "answered_on": fields.Datetime.now()})
        mode = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("client_base_regulations.questionnaire_mode", "review")
        )
        if not proposals:
            # the client confirmed its data as is
            request._client_apply()
        elif mode == "direct":
            request._client_apply()
        else:
            assignee = partner.user_id or self.env.ref("base.user_admin")
            # in the assignee's language (the client's request writes it)
            partner.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.with_context(
                    lang=self.env["res.lang"]._client_lang(assignee.lang)
                ).env._("Review the client's questionnaire answer"),
                user_id=assignee.id,
            )
        return True

    def _client_apply(self):
        # applied once: a second press changes and posts nothing
        lock_rows_nowait(self.sudo())
        for request in self.sudo().filtered(lambda r: r.state in ("sent", "answered")):
            request.proposal_ids.filtered(lambda p: p.state == "proposed")._apply()
            request.write({"state": "applied"})
            partner = request.partner_id
            # the client's language: the note stays in the client's log
            lang_env = self.with_context(
                lang=self.env["res.lang"]._client_lang(partner.lang)
            ).env
            partner._client_mark_verified(
                "questionnaire",
                note=lang_env._("Answered the self-service questionnaire."),
            )

    def action_apply(self):
        self.check_access("write")
        self.env["client.data.proposal"].check_access("write")
        self._client_apply()

    def action_reject(self):
        self.check_access("write")
        self.env["client.data.proposal"].check_access("write")
        requests = lock_rows_nowait(self.sudo()).filtered(
            lambda r: r.state in ("sent", "answered")
        )
        requests.proposal_ids.filtered(lambda p: p.state == "proposed").write(
            {"state": "rejected"}
        )
        requests.write({"state": "rejected"})


class ClientDataProposal(models.Model):
    _name = "client.data.proposal"
    _description = "Proposed change of client data"
    _order = "id desc"
    _rec_name = "field_name"

    request_id = fields.Many2one(
        "client.self.verification", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
    field_name = fields.Selection(
        selection="_selection_field_name", string="Field", required=True
    )
    old_value = fields.Char(string="Current value")
    new_value = fields.Char(string="Proposed value")
    state = fields.Selection(
        [("proposed", "Proposed"), ("applied", "Applied"), ("rejected", "Rejected")],
        default="proposed",
        required=True,
    )

    @api.model
    def _selection_field_name(self):
        Partner = self.env["res.partner"]
        return [
            (name, Partner._fields[name].get_description(self.env)["string"])
            for name in QUESTIONNAIRE_FIELDS
        ]

    def _apply(self):
        for proposal in self:
            if proposal.field_name not in QUESTIONNAIRE_FIELDS:
                continue
            with people_edit():  # the client's own entry: normalised, rules apply
                proposal.partner_id.write(
                    {proposal.field_name: proposal.new_value or False}
                )
            proposal.state = "applied"

    def action_apply(self):
        self._apply()

    def action_reject(self):
        self.write({"state": "rejected"})
