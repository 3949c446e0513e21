# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

REGULATION_KEYS = [
    ("contact_info", "Contact information"),
    ("analytics", "Client analytics"),
    ("history", "Relationship history"),
    ("verification", "Verification and archiving"),
]
FALLBACK_LANG = "en_US"


class DocumentPage(models.Model):
    _inherit = "document.page"

    client_regulation_key = fields.Selection(
        REGULATION_KEYS,
        string="Regulation",
        index=True,
        copy=False,
        help="The part of the client base this page regulates. Several pages "
        "may share a key, one per language.",
    )
    client_regulation_lang = fields.Char(
        string="Regulation language",
        default=FALLBACK_LANG,
        help="Language code of this page (e.g. en_US, ru_RU). Users read the "
        "page in their language, or the English one when there is none.",
    )
    client_ack_ids = fields.One2many(
        "client.regulation.acknowledgement", "page_id", string="Acknowledgements"
    )
    client_ack_current = fields.Boolean(
        string="Read by me",
        compute="_compute_client_ack_current",
        help="You acknowledged having read the current version of this page.",
    )
    client_ack_count = fields.Integer(
        string="Read (current version)", compute="_compute_client_ack_count"
    )

    @api.depends_context("uid")
    @api.depends("history_head", "client_ack_ids")
    def _compute_client_ack_current(self):
        acks = self.env["client.regulation.acknowledgement"].search(
            [
                ("user_id", "=", self.env.uid),
                ("history_id", "in", self.history_head.ids),
            ]
        )
        done = set(acks.history_id.ids)
        for page in self:
            page.client_ack_current = bool(
                page.history_head and page.history_head.id in done
            )

    @api.depends("history_head", "client_ack_ids")
    def _compute_client_ack_count(self):
        groups = self.env["client.regulation.acknowledgement"]._read_group(
            [("history_id", "in", self.history_head.ids)],
            ["history_id"],
            ["__count"],
        )
        counts = {history.id: count for history, count in groups}
        for page in self:
            page.client_ack_count = counts.get(page.history_head.id, 0)

    def action_client_acknowledge(self):
        """The current user has read the current version of the page(s)."""
        Ack = self.env["client.regulation.acknowledgement"]
        for page in self.filtered(lambda p: p.history_head and p.client_regulation_key):
            if not page.client_ack_current:
                Ack.create({"page_id": page.id, "history_id": page.history_head.id})
        self.invalidate_recordset(["client_ack_current", "client_ack_count"])
        return True

    def action_client_open_read_status(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_regulations.client_regulation_read_status_action"
        )
        action["domain"] = [("page_id", "=", self.id)]
        return action

    @api.model
    def _client_regulation_page(self, key, lang=None):
        """The page of regulation ``key`` in ``lang`` (the user's language by
        default), else in English, else any page with that key."""
        pages = self.search(
            [("client_regulation_key", "=", key), ("type", "=", "content")],
            order="id",
        )
        lang = lang or self.env.lang or FALLBACK_LANG
        for wanted in (lang, FALLBACK_LANG):
            found = pages.filtered(lambda p, w=wanted: p.client_regulation_lang == w)
            if found:
                return found[0]
        return pages[:1]

    @api.model
    def _client_regulation_action(self, key):
        """Window action opening regulation ``key`` for the current user."""
        page = self._client_regulation_page(key)
        return {
            "type": "ir.actions.act_window",
            "name": page.name or self.env._("Regulation"),
            "res_model": "document.page",
            "res_id": page.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("document_page.view_wiki_form").id,
                    "form",
                )
            ],
            "target": "current",
        }

    def _client_regulation_url(self):
        """Absolute link to the page, for activity notes and e-mails."""
        self.ensure_one()
        base = self.get_base_url()
        return f"{base}/odoo/action-document_page.action_page/{self.id}"
