/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The first load of a view can take several seconds on a busy test machine
const slow = (steps) => steps.map((step) => ({timeout: 30000, ...step}));

// The accountant's button: Client Base › Workspaces › Accountant
registry.category("web_tour.tours").add("client_workspace_accountant", {
    url: "/odoo",
    steps: () => slow([
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
            content: "Grouped by currency first: no total adds two currencies",
            trigger: '.o_group_header:contains("USD")',
            run: "click",
        },
        {
            content: "The manager's group is listed",
            trigger: '.o_group_header:contains("Tour Account Manager")',
            run: "click",
        },
        {
            content: "One row per invoice, with its missing originals",
            trigger:
                '.o_data_row:contains("Tour Invoiced Ltd"):contains("Signed invoice, Delivery act")',
        },
        {
            content: "Only one row for the invoice",
            trigger: ".o_list_table:not(:has(.o_data_row ~ .o_data_row))",
        },
    ]),
});
