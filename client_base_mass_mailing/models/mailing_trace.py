# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import email_normalize

from odoo.addons.client_base.models.client_interaction import CAPTURE_CONTEXT

# Traces of a message that reached its recipient: they are history.
REACHED_STATUSES = ("sent", "open", "reply")
# Later news of a recorded trace, written as the interaction's outcome.
OUTCOME_STATUSES = ("open", "reply", "bounce")
# Mass mailings by e-mail, and by SMS when mass_mailing_sms is installed.
CAPTURED_TYPES = ("mail", "sms")


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    @api.model_create_multi
    def create(self, vals_list):
        traces = super().create(vals_list)
        # traces created already sent: imports, tests, other senders
        traces._client_interaction_sync()
        return traces

    def write(self, vals):
        res = super().write(vals)
        # set_sent() (mail.mail._postprocess_sent_message), set_opened(),
        # set_replied(), set_bounced() all write trace_status
        status = vals.get("trace_status")
        if status in REACHED_STATUSES or status in OUTCOME_STATUSES:
            self._client_interaction_sync()
        return res

    def _client_interaction_sync(self):
        """Record the reached traces, then their outcome; idempotent."""
        Interaction = self.env["client.interaction"]
        traces = self.sudo().filtered(lambda t: t.trace_type in CAPTURED_TYPES)
        if not traces or not Interaction._client_interaction_enabled("mailing"):
            return
        traces.filtered(
            lambda t: t.trace_status in REACHED_STATUSES
        )._client_interaction_capture_traces()
        traces.filtered(
            lambda t: t.trace_status in OUTCOME_STATUSES
        )._client_interaction_update_outcome()

    def _client_interaction_capture_traces(self):
        """Record these traces in their clients' history (see the hook).

        The trace has no client field: its client is the recipient
        document's, resolved for the whole batch at once, so the values are
        built here rather than by ``_client_interaction_prepare_document_vals``
        (same keys).
        """
        Interaction = self.env["client.interaction"]
        clients = self._client_interaction_clients()
        group = Interaction._client_interaction_default_group("mailing")
        vals_list = []
        for trace in self:
            partner = clients.get(trace.id)
            if not partner:
                continue
            mailing = trace.mass_mailing_id
            vals_list.append(
                {
                    "date": trace.sent_datetime
                    or trace.open_datetime
                    or trace.reply_datetime
                    or fields.Datetime.now(),
                    "partner_id": partner.id,
                    "channel": "mailing",
                    "group_id": group.id or False,
                    "user_id": mailing.user_id.id,
                    "summary": mailing.subject
                    or mailing.name
                    or self.env._("Mass mailing"),
                    "company_id": (partner.company_id or self.env.company).id,
                    "origin": "mailing",
                    "res_model": trace._name,
                    "res_id": trace.id,
                }
            )
        return Interaction._client_interaction_capture(vals_list, "mailing")

    def _client_interaction_clients(self):
        """{trace id: partner} of the traces whose recipient is a client.

        The recipient document's client (see
        ``client.interaction._client_interaction_document_partner_field``);
        for a mailing-list contact, which has no partner, the partner of its
        e-mail when that e-mail designates exactly one client.
        """
        Interaction = self.env["client.interaction"]
        clients = {}
        for model_name, traces in self.grouped("model").items():
            fname = Interaction._client_interaction_document_partner_field(model_name)
            if fname:
                docs = self.env[model_name].sudo().browse(traces.mapped("res_id"))
                docs = docs.exists()
                partner_of = {
                    doc.id: doc if fname == "id" else doc[fname] for doc in docs
                }
                for trace in traces:
                    partner = partner_of.get(trace.res_id)
                    if partner:
                        clients[trace.id] = partner
            elif model_name == "mailing.contact":
                emails = {trace.id: email_normalize(trace.email) for trace in traces}
                by_email = self.env[
                    "res.partner"
                ]._client_interaction_partners_by_email(emails.values())
                for trace_id, email in emails.items():
                    if email in by_email:
                        clients[trace_id] = by_email[email]
        return clients

    def _client_interaction_update_outcome(self):
        """Write the status of these traces as their interactions' outcome.

        The label is in the language of the interaction's responsible; an
        outcome typed by a user (not a status label) is kept. Only the
        interactions whose outcome changes are written.
        """
        interactions = (
            self.env["client.interaction"]
            .sudo()
            .with_context(**CAPTURE_CONTEXT)
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        if not interactions:
            return
        status_of = {trace.id: trace.trace_status for trace in self}
        status_field = self._fields["trace_status"]
        todo = defaultdict(lambda: interactions.browse())
        for lang, group in interactions.grouped(
            lambda i: self.env["res.lang"]._client_lang(i.user_id.lang)
        ).items():
            labels = dict(
                status_field._description_selection(self.with_context(lang=lang).env)
            )
            known = set(labels.values())
            for interaction in group:
                label = labels.get(status_of[interaction.res_id])
                outcome = interaction.outcome
                if label and outcome != label and (not outcome or outcome in known):
                    todo[label] |= interaction
        for label, changed in todo.items():
            changed.write({"outcome": label})
