/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The first load of a view can take several seconds on a busy test machine
const slow = (steps) => steps.map((step) => ({timeout: 30000, ...step}));

// The director opens Client Base and lands on the dashboard: this quarter's
// sales, growth, the ABC-XYZ matrix, new clients; a figure opens its records.
registry.category("web_tour.tours").add("client_workspace_director", {
    url: "/odoo",
    steps: () => slow([
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root"),
        {
            content: "The dashboard is the director's landing page",
            trigger: ".o_client_director_dashboard .o_client_dashboard_company",
        },
        {
            content: "This quarter's net sales, in the company's currency",
            trigger: '.o_client_dashboard_sales[data-period="current"]:contains("100.00")',
        },
        {
            content: "No base last year: no growth figure, an em dash",
            trigger: '.o_client_dashboard_sales[data-period="last_year"] .o_client_dashboard_growth:contains("—")',
        },
        {
            content: "The 3 x 3 matrix with its treatments",
            trigger: '.o_client_abc_xyz_matrix td[data-cell="AX"]:contains("key-account care")',
        },
        {
            content: "One new client this quarter",
            trigger: ".o_client_dashboard_new:contains(1)",
        },
        {
            content: "The top client is listed",
            trigger: '.o_client_dashboard_top:contains("Tour Sales Ltd")',
        },
        {
            content: "This quarter's figure opens the sales behind it",
            trigger: '.o_client_dashboard_sales[data-period="current"]',
            run: "click",
        },
        {
            content: "The sales of the quarter, by client",
            trigger: '.o_pivot:contains("Tour Sales Ltd")',
        },
    ]),
});

// The ABC-XYZ matrix: a cell opens its clients
registry.category("web_tour.tours").add("client_abc_xyz_matrix", {
    url: "/odoo/abc-xyz-matrix",
    steps: () => slow([
        {
            content: "The AX cell counts one client",
            trigger: '.o_client_abc_xyz_matrix td[data-cell="AX"] .o_client_matrix_count:contains(1)',
            run: "click",
        },
        {
            content: "The cell opens its clients",
            trigger: '.o_list_view .o_data_row:contains("Tour Sales Ltd")',
        },
    ]),
});
