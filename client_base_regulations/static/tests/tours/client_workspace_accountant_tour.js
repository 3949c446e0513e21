/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The accountant's button: Client Base › Workspaces › Accountant
registry.category("web_tour.tours").add("client_workspace_accountant", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root"),
        {
            content: "Open the workspaces",
            trigger: 'button[data-menu-xmlid="client_base.client_workspace_menu"]',
            run: "click",
        },
        {
            content: "Open the accountant's workspace",
            trigger:
                'a[data-menu-xmlid="client_base_regulations.client_workspace_accountant_menu"]',
            run: "click",
        },
        {
            content: "Documents to collect, grouped by account manager",
            trigger: '.o_breadcrumb:contains("Documents to collect")',
        },
        {
            content: "The manager's group is listed",
            trigger: '.o_group_header:contains("Tour Account Manager")',
        },
    ],
});
