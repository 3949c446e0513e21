# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Refresh the duplicate flags of the survivor and of its former
        cluster at once, not at the next scheduled refresh."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        partners = Partner.browse(partner_ids).exists()
        clusters = partners.client_duplicate_cluster_id
        affected = partners | (
            Partner.search([("client_duplicate_cluster_id", "in", clusters.ids)])
            if clusters
            else Partner
        )
        res = super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        affected.exists()._client_refresh_own_flags()
        return res
