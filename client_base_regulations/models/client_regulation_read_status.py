# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL


class ClientRegulationReadStatus(models.Model):
    """Who has (not) read the current version of each regulation.

    One row per active internal user and regulation: the page in the user's
    language (else English) and whether the user acknowledged its current
    version. A database view, because it is a cross product of users and
    pages that the ORM cannot express in one query.
    """

    _name = "client.regulation.read.status"
    _description = "Regulation read status"
    _auto = False
    _order = "user_id, regulation_key"

    user_id = fields.Many2one("res.users", readonly=True)
    # the reader's main company: a manager sees the readers of his companies
    # (multi-company rule on the reader's companies)
    company_id = fields.Many2one(related="user_id.company_id")
    page_id = fields.Many2one("document.page", string="Regulation", readonly=True)
    regulation_key = fields.Selection(
        related="page_id.client_regulation_key", string="Part", readonly=True
    )
    history_id = fields.Many2one(
        "document.page.history", string="Current version", readonly=True
    )
    state = fields.Selection(
        [
            ("read", "Read"),
            ("outdated", "Read an older version"),
            ("unread", "Not read"),
        ],
        readonly=True,
    )
    acknowledged_on = fields.Datetime(string="Last read on", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
            WITH pages AS (
                SELECT p.id, p.client_regulation_key AS key,
                       p.client_regulation_lang AS lang, p.history_head
                  FROM document_page p
                 WHERE p.active AND p.type = 'content'
                   AND p.client_regulation_key IS NOT NULL
            ), readers AS (
                SELECT u.id, COALESCE(rp.lang, 'en_US') AS lang
                  FROM res_users u
                  JOIN res_partner rp ON rp.id = u.partner_id
                 WHERE u.active AND NOT u.share
            ), required AS (
                SELECT r.id AS user_id, k.key, COALESCE(
                    (SELECT pg.id FROM pages pg WHERE pg.key = k.key
                        AND pg.lang = r.lang ORDER BY pg.id LIMIT 1),
                    (SELECT pg.id FROM pages pg WHERE pg.key = k.key
                        AND pg.lang = 'en_US' ORDER BY pg.id LIMIT 1),
                    (SELECT pg.id FROM pages pg WHERE pg.key = k.key
                        ORDER BY pg.id LIMIT 1)
                ) AS page_id
                  FROM readers r
                 CROSS JOIN (SELECT DISTINCT key FROM pages) k
            )
            SELECT ROW_NUMBER() OVER (ORDER BY q.user_id, q.page_id) AS id,
                   q.user_id, q.page_id, pg.history_head AS history_id,
                   CASE WHEN cur.id IS NOT NULL THEN 'read'
                        WHEN last.date IS NOT NULL THEN 'outdated'
                        ELSE 'unread' END AS state,
                   last.date AS acknowledged_on
              FROM required q
              JOIN pages pg ON pg.id = q.page_id
              LEFT JOIN client_regulation_acknowledgement cur
                     ON cur.user_id = q.user_id
                    AND cur.history_id = pg.history_head
              LEFT JOIN LATERAL (
                    SELECT MAX(a.date) AS date
                      FROM client_regulation_acknowledgement a
                     WHERE a.user_id = q.user_id AND a.page_id = q.page_id
              ) last ON TRUE
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
