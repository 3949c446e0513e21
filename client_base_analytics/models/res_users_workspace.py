# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The director's overview as a landing page (see client_base's
res_users_workspace.py for the order of the roles)."""

from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _client_workspace_roles(self):
        return super()._client_workspace_roles() + [
            (
                10,
                "client_base.client_base_group_director",
                "client_base_analytics.client_workspace_dashboard_action",
                False,
            )
        ]
