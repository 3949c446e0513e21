/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The first load of a view can take several seconds on a busy test machine
const slow = (steps) => steps.map((step) => ({timeout: 30000, ...step}));

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

const counter = (key, count) =>
    `.o_client_workspace_counter[data-counter="${key}"] .o_client_workspace_count:contains(${count})`;

// The account manager lands on "My clients": counters, then the clients
// that need action first
registry.category("web_tour.tours").add("client_workspace_manager", {
    url: "/odoo",
    steps: () => slow([
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root"),
        {content: "Two clients of mine", trigger: counter("my_clients", 2)},
        {content: "One verification overdue", trigger: counter("overdue_verifications", 1)},
        {content: "One task overdue", trigger: counter("overdue_tasks", 1)},
        {content: "Two without contact for 90 days", trigger: counter("no_contact", 2)},
        {
            content: "The overdue verification comes first",
            trigger: '.o_data_row:first-child:contains("Tour Overdue Ltd")',
        },
        {
            content: "The counter filters the list",
            trigger: '.o_client_workspace_counter[data-counter="overdue_verifications"]',
            run: "click",
        },
        {
            content: "Only the overdue client is left",
            trigger:
                '.o_list_table:not(:has(.o_data_row:contains("Tour Client Ltd"))) .o_data_row:contains("Tour Overdue Ltd")',
        },
        {
            content: "The tasks counter opens the overdue tasks",
            trigger: '.o_client_workspace_counter[data-counter="overdue_tasks"]',
            run: "click",
        },
        {
            content: "The overdue task is listed",
            trigger: '.o_data_row:contains("Tour overdue call")',
        },
    ]),
});

// The secretary lands on the greetings of the week; today's stands out
registry.category("web_tour.tours").add("client_workspace_secretary", {
    url: "/odoo",
    steps: () => slow([
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root"),
        {
            content: "Today's birthday is highlighted",
            trigger: '.o_data_row.text-warning:contains("Tour Birthday Person")',
        },
        {
            content: "A malformed e-mail: a letter",
            trigger: '.o_data_row:contains("Tour Birthday Person"):contains("Letter")',
        },
        {
            content: "Yesterday's greeting is set apart (past day, not sent)",
            trigger: '.o_data_row.fst-italic:contains("Tour Yesterday Person")',
        },
    ]),
});

// The secretary's landing page: the home action opens the greetings at login
registry.category("web_tour.tours").add("client_workspace_landing", {
    url: "/odoo",
    steps: () => slow([
        {
            content: "The greetings of the week are the landing page",
            trigger: '.o_list_view .o_data_row:contains("Tour Birthday Person")',
        },
    ]),
});
