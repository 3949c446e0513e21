/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

/**
 * Open Client Base › Workspaces › <role entry> and check the records shown.
 * Shared by the workspace tours of the three add-ons.
 */
export function clientWorkspaceSteps(menuXmlids, expected) {
    const steps = [...stepUtils.goToAppSteps("client_base.client_base_menu_root")];
    steps.push({
        content: "Open the workspaces",
        trigger: 'button[data-menu-xmlid="client_base.client_workspace_menu"]',
        run: "click",
    });
    for (const xmlid of menuXmlids) {
        steps.push({
            content: `Open ${xmlid}`,
            trigger: `a[data-menu-xmlid="${xmlid}"]`,
            run: "click",
        });
    }
    for (const text of expected) {
        steps.push({
            content: `The workspace shows ${text}`,
            trigger: `.o_content :contains("${text}")`,
        });
    }
    return steps;
}

registry.category("web_tour.tours").add("client_workspace_manager", {
    url: "/odoo",
    steps: () =>
        clientWorkspaceSteps(
            ["client_base.client_workspace_my_clients_menu"],
            ["Tour Client Ltd"]
        ),
});

registry.category("web_tour.tours").add("client_workspace_secretary", {
    url: "/odoo",
    steps: () =>
        clientWorkspaceSteps(
            ["client_base.client_workspace_secretary_menu"],
            ["Tour Birthday Person"]
        ),
});

// The secretary's landing page: the home action opens the greetings at login
registry.category("web_tour.tours").add("client_workspace_landing", {
    url: "/odoo",
    steps: () => [
        {
            content: "The greetings of the week are the landing page",
            trigger: '.o_list_view .o_data_row:contains("Tour Birthday Person")',
        },
    ],
});
