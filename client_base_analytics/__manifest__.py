# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Base Analytics",
    "summary": "Simple and expert client analytics: region, industry, "
    "lifecycle classes, ABC and XYZ from sales, segments and reports",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base",
    "maintainers": ["client-base"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["client_base", "account"],
    "external_dependencies": {"python": ["pandas"]},
    "data": [
        "security/ir.model.access.csv",
        "views/client_base_analytics_menus.xml",
    ],
}
