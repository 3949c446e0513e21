# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models

FALLBACK_LANG = "en_US"


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _client_lang(self, *candidates):
        """The language a job writes in for a reader: the first of
        ``candidates`` (the client's or the assignee's language) that is an
        active language of the database, else the job's own language.

        The one rule for every text a job writes in its reader's language.
        Legacy data holds language codes the database does not have (an
        imported ``lang``, a language deactivated later), and an environment
        in such a language raises "Invalid language code": a job must never
        stop on it.
        """
        active = {code for code, _name in self.get_installed()}
        for lang in (*candidates, self.env.lang):
            if lang and lang in active:
                return lang
        return FALLBACK_LANG if FALLBACK_LANG in active else next(iter(active))
