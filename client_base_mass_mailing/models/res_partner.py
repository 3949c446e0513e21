# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL, create_index


class ResPartner(models.Model):
    _inherit = "res.partner"

    def init(self):
        res = super().init()
        # Mailing-list recipients are matched to clients by e-mail at every
        # mail sent and in the backfill: one index lookup instead of a scan
        # of all the partners (Odoo does not index this column).
        create_index(
            self.env.cr,
            "res_partner_email_normalized_index",
            self._table,
            ["email_normalized"],
            where="email_normalized IS NOT NULL",
        )
        return res

    @api.model
    def _client_interaction_partners_by_email(self, emails):
        """{normalized e-mail: partner} for the e-mails of exactly one client.

        An e-mail shared by active partners of different clients is
        ambiguous and left out. One partner: that partner (its client is
        its commercial partner, the partner its contact person); several
        partners of the same client: the client itself.
        """
        emails = sorted({email for email in emails if email})
        if not emails:
            return {}
        Partner = self.sudo().with_context(active_test=True)
        result = {}
        for email, ids, clients in Partner._read_group(
            [("email_normalized", "in", emails)],
            ["email_normalized"],
            ["id:array_agg", "commercial_partner_id:array_agg"],
        ):
            clients = set(clients)
            if len(clients) != 1:
                continue
            result[email] = Partner.browse(ids[0] if len(ids) == 1 else clients.pop())
        return result

    @api.model
    def _client_interaction_partner_by_email_sql(self, email_sql):
        """SQL of the partner of a normalized e-mail, NULL when ambiguous.

        Same rule as ``_client_interaction_partners_by_email``.
        """
        return SQL(
            """
            (SELECT CASE WHEN count(*) = 1 THEN min(ep.id)
                         ELSE min(ep.commercial_partner_id) END
               FROM res_partner ep
              WHERE ep.active AND ep.email_normalized = %s
             HAVING count(DISTINCT ep.commercial_partner_id) = 1)
            """,
            email_sql,
        )
