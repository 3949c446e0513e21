# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models

from ..tools.interaction_rules import channel_for_activity

_logger = logging.getLogger(__name__)


class MailActivity(models.Model):
    _inherit = "mail.activity"

    client_interaction_group_id = fields.Many2one(
        "client.interaction.group",
        string="Interaction group",
        compute="_compute_client_interaction_group_id",
        store=True,
        readonly=False,
        help="Group of the interaction recorded in the client's history when "
        "this activity is marked done.",
    )

    @api.depends("activity_type_id")
    def _compute_client_interaction_group_id(self):
        for activity in self:
            activity.client_interaction_group_id = (
                activity.activity_type_id.client_interaction_group_id
            )

    def _action_done(self, feedback=False, attachment_ids=None):
        """Record each done activity in its client's history.

        Odoo posts one 'done' message per activity (in the order of
        ``_classify_by_model``) and then deletes the activity: the message
        is the lasting source document of the interaction, the one the
        backfill finds too.
        """
        Interaction = self.env["client.interaction"]
        snapshots = []
        if Interaction._client_interaction_enabled("activity"):
            for data in self._classify_by_model().values():
                for activity in data["activities"]:
                    snapshots.append(activity._client_interaction_snapshot(feedback))
        messages, next_activities = super()._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )
        if snapshots:
            if len(snapshots) == len(messages):
                Interaction._client_interaction_capture(
                    [
                        self._client_interaction_vals_from_done(snapshot, message)
                        for snapshot, message in zip(snapshots, messages, strict=True)
                    ],
                    "activity",
                )
            else:
                _logger.warning(
                    "Done activities and messages do not match (%s vs %s): "
                    "the backfill will record them",
                    len(snapshots),
                    len(messages),
                )
        return messages, next_activities

    def _client_interaction_snapshot(self, feedback):
        """What the interaction needs from an activity about to be deleted."""
        self.ensure_one()
        activity_type = self.activity_type_id
        Interaction = self.env["client.interaction"]
        group = (
            self.client_interaction_group_id
            or Interaction._client_interaction_default_group("activity")
        )
        note = Interaction._client_interaction_summary_text(self.note, limit=2000)
        outcome = "\n".join(
            text
            for text in (note, Interaction._client_interaction_summary_text(feedback))
            if text
        )
        return {
            "res_model": self.res_model,
            "res_id": self.res_id,
            "channel": channel_for_activity(
                activity_type.client_interaction_channel, activity_type.category
            ),
            "group_id": group.id,
            "user_id": (self.user_id or self.env.user).id,
            "summary": self.summary or activity_type.name,
            "outcome": outcome or False,
        }

    @api.model
    def _client_interaction_vals_from_done(self, snapshot, message):
        """Interaction values of a done activity (None without a client)."""
        Interaction = self.env["client.interaction"]
        document = self.env[snapshot["res_model"]].sudo().browse(snapshot["res_id"])
        partner = Interaction._client_interaction_document_partner(document.exists())
        if not partner:
            _logger.debug("Done activity on %s without client: skipped", document)
            return None
        return {
            "date": message.date or fields.Datetime.now(),
            "partner_id": partner.id,
            "channel": snapshot["channel"],
            "group_id": snapshot["group_id"] or False,
            "user_id": snapshot["user_id"],
            "summary": snapshot["summary"]
            or Interaction._client_interaction_summary_text(message.body)
            or self.env._("Done activity"),
            "outcome": snapshot["outcome"],
            "company_id": (partner.company_id or self.env.company).id,
            "origin": "activity",
            "res_model": "mail.message",
            "res_id": message.id,
        }
