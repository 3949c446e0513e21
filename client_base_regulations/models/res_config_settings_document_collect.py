# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Own file per feature: several teams extend the same models in this add-on.
# pylint: disable=consider-merging-classes-inherited
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_collect_invoice = fields.Boolean(
        string="Signed invoice",
        config_parameter="client_base_regulations.collect_invoice",
        help="Expect the signed original of every posted customer invoice.",
    )
    client_collect_act = fields.Boolean(
        string="Delivery act",
        config_parameter="client_base_regulations.collect_act",
        help="Expect a signed delivery act for every posted customer invoice.",
    )
    client_collect_contract = fields.Boolean(
        string="Contract",
        config_parameter="client_base_regulations.collect_contract",
        help="Expect a signed contract for every posted customer invoice.",
    )
