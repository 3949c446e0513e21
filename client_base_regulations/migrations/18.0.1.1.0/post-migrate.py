# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Archive reasons become codes with parameters.

Earlier versions stored a sentence in ``res_partner.client_archive_reason``,
in the language of whoever (or whichever job) archived. The known sentences
(English and Russian) become their code and parameters
(``tools/archive_reason.py``); any other text is kept as a free text reason.
The column is then dropped: the field is now computed in the reader's
language.
"""

import json
import logging
from collections import defaultdict

from odoo.tools import SQL

from odoo.addons.client_base_regulations.tools import archive_reason

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_name = 'res_partner'"
            " AND column_name = 'client_archive_reason'"
        )
    )
    if not cr.fetchone():
        return
    cr.execute(
        SQL(
            "SELECT id, client_archive_reason FROM res_partner"
            " WHERE COALESCE(client_archive_reason, '') != ''"
        )
    )
    groups = defaultdict(list)
    for partner_id, text in cr.fetchall():
        code, params = archive_reason.split(archive_reason.from_text(text))
        if code:
            groups[code, json.dumps(params or None)].append(partner_id)
    for (code, params), ids in groups.items():
        cr.execute(
            SQL(
                "UPDATE res_partner SET client_archive_reason_code = %s,"
                " client_archive_reason_params = %s::jsonb WHERE id IN %s",
                code,
                None if params == "null" else params,
                tuple(ids),
            )
        )
    _logger.info(
        "Archive reasons of %s partner(s) stored as codes",
        sum(len(ids) for ids in groups.values()),
    )
    cr.execute(SQL("ALTER TABLE res_partner DROP COLUMN client_archive_reason"))
