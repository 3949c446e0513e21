# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The accountant's documents to collect and the agency operator's calls as
landing pages (see client_base's res_users_workspace.py for the order of the
roles)."""

from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _client_workspace_roles(self):
        return super()._client_workspace_roles() + [
            (
                40,
                "account.group_account_invoice",
                "client_base_regulations.account_move_action_document_collect",
                False,
            ),
            (
                60,
                "client_base_regulations.client_base_regulations_group_agency_operator",
                "client_base_regulations.client_verification_campaign_line_action",
                False,
            ),
        ]
