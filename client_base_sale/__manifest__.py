# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Base - Sales",
    "summary": "Record confirmed sales orders in the client's relationship history",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base",
    "maintainers": ["client-base"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["client_base", "sale"],
    "data": [
        "views/res_config_settings_views.xml",
    ],
}
