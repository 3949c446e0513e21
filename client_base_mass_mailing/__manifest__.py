# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Base - Email Marketing",
    "summary": "Record mass mailings sent to clients in their relationship history",
    "version": "18.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base",
    "maintainers": ["client-base"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["client_base", "mass_mailing"],
    "data": [
        "views/res_config_settings_views.xml",
    ],
}
