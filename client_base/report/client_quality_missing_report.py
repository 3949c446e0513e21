# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Missing primary data per field: which field, how many clients.

One row per client and per primary field it lacks (the keys of
``res.partner.client_missing_fields``, computed from the field rules), so
the pivot says "Additional work phone: 1,999" rather than "missing: 100 %",
and the list of the clients lacking one field opens from its row to be
filled in bulk.
"""

from odoo import fields, models
from odoo.tools import SQL

from ..models.client_field_rule import CLIENT_STATE_SELECTION, FIELD_KEY_SELECTION

# Row id: partner id * ID_FACTOR + position of the key (fewer than 64 keys)
ID_FACTOR = 64


class ClientQualityMissingReport(models.Model):
    _name = "client.quality.missing.report"
    _description = "Missing primary data per field"
    _auto = False
    _order = "field_key, partner_id"
    _rec_name = "field_key"

    field_key = fields.Selection(
        FIELD_KEY_SELECTION, string="Missing field", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    client_state = fields.Selection(CLIENT_STATE_SELECTION, readonly=True)
    is_company = fields.Boolean(readonly=True)

    @property
    def _table_query(self):
        # the clients of the one definition (res.partner._client_domain),
        # one row per missing primary field key
        Partner = self.env["res.partner"]
        query = Partner._where_calc(
            Partner._client_domain() + [("client_missing_fields", "!=", False)]
        )
        clients = query.select(
            SQL(
                """res_partner.id, res_partner.user_id, res_partner.company_id,
                   res_partner.client_state, res_partner.is_company,
                   res_partner.client_missing_fields"""
            )
        )
        return SQL(
            """
            SELECT c.id::bigint * %(factor)s + m.position AS id,
                   m.field_key AS field_key,
                   c.id AS partner_id,
                   c.user_id AS user_id,
                   c.company_id AS company_id,
                   c.client_state AS client_state,
                   c.is_company AS is_company
              FROM (%(clients)s) c
        CROSS JOIN LATERAL unnest(string_to_array(c.client_missing_fields, ', '))
                   WITH ORDINALITY AS m(field_key, position)
            """,
            factor=ID_FACTOR,
            clients=clients,
        )

    def action_open_clients(self):
        """The clients of the selected rows, in a list whose contact fields
        can be filled in bulk (select the rows, edit a cell)."""
        partners = self.mapped("partner_id")
        action = self.env["ir.actions.actions"]._for_xml_id(
            "client_base.res_partner_action_missing_primary"
        )
        action["domain"] = [("id", "in", partners.ids)]
        keys = self.mapped("field_key")
        if len(keys) == 1:
            labels = dict(self._fields["field_key"]._description_selection(self.env))
            action["display_name"] = self.env._(
                "Clients without %(field)s", field=labels[keys[0]]
            )
        return action
