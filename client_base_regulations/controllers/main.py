# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request

from odoo.addons.client_base.models.row_lock import RowLocked

from ..models.client_self_verification import QUESTIONNAIRE_FIELDS


class ClientSelfVerificationController(http.Controller):
    """Self-service verification page (the seed's website questionnaire).

    Public route: the personal token is the only credential. It is compared
    in constant time against the stored hash, works once and expires. The
    POST is CSRF-protected (http routes check the token by default)."""

    def _get_request(self, request_id, token):
        record = request.env["client.self.verification"].sudo().browse(request_id)
        if not record.exists() or not record._client_check_token(token):
            raise Forbidden()
        return record

    @http.route(
        "/client-base/verify/<int:request_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def client_verify_form(self, request_id, token=None, **kwargs):
        record = self._get_request(request_id, token)
        partner = record.partner_id
        return request.render(
            "client_base_regulations.client_self_verification_page",
            {
                "record": record,
                "token": token,
                "partner": partner,
                "fields": [
                    (
                        name,
                        partner._fields[name].get_description(request.env)["string"],
                        partner[name] or "",
                    )
                    for name in QUESTIONNAIRE_FIELDS
                ],
            },
        )

    @http.route(
        "/client-base/verify/<int:request_id>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def client_verify_submit(self, request_id, token=None, **post):
        record = self._get_request(request_id, token)
        values = {name: post[name] for name in QUESTIONNAIRE_FIELDS if name in post}
        try:
            submitted = record._client_submit(values)
        except RowLocked:
            # the same answer posted twice at once: the second one is
            # answered like any used link
            submitted = False
        if not submitted:
            raise Forbidden()
        return request.render(
            "client_base_regulations.client_self_verification_thanks",
            {"partner": record.partner_id},
        )
