# Copyright 2026 Client Base
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Client Base Regulations",
    "summary": "Client base regulations in the knowledge base, enforced: "
    "re-verification, campaigns, self-service and safe archiving",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base",
    "maintainers": ["client-base"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["client_base", "document_page", "account"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "security/account_move_document_collect_security.xml",
        "data/account_move_document_collect_data.xml",
        "views/account_move_document_collect_views.xml",
        "views/client_base_regulations_menus.xml",
        "views/account_move_document_collect_menus.xml",
    ],
}
