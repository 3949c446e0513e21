# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from .common import ClientBaseCommon

HOSTILE_SQL = "'); DROP TABLE res_partner;--"
HOSTILE_HTML = "<img src=x onerror=alert(1)>"


class ContactCommon(ClientBaseCommon):
    """Fixtures of the contact-information tests: countries and a helper."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ru = cls.env.ref("base.ru")
        cls.be = cls.env.ref("base.be")
        cls.Partner = cls.env["res.partner"]
        cls.icp = cls.env["ir.config_parameter"].sudo()
        cls.icp.set_param("client_base.update_period_months", "6")
        cls.icp.set_param("client_base.vip_limit", "50")

    @classmethod
    def _company(cls, **vals):
        values = {"name": "ACME", "is_company": True, "country_id": cls.ru.id}
        values.update(vals)
        return cls.env["res.partner"].create(values)
