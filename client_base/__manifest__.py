# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Base",
    "summary": "One unified, current and trustworthy client base: contact "
    "information, relationship history and data quality",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base",
    "maintainers": ["client-base"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["contacts", "mail", "phone_validation"],
    "external_dependencies": {"python": ["pandas", "phonenumbers"]},
    "data": [
        "security/client_base_groups.xml",
        "security/ir.model.access.csv",
        "security/client_interaction_security.xml",
        "data/client_interaction_group_data.xml",
        "data/client_interaction_cron_data.xml",
        "views/res_config_settings_views.xml",
        "views/res_config_settings_interaction_views.xml",
        "views/client_interaction_views.xml",
        "views/res_partner_interaction_views.xml",
        "views/mail_activity_interaction_views.xml",
        "views/client_base_menus.xml",
        "views/client_interaction_menus.xml",
    ],
}
