/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The director's button: Client Base › Workspaces › Director › overview
registry.category("web_tour.tours").add("client_workspace_director", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("client_base.client_base_menu_root"),
        {
            content: "Open the workspaces",
            trigger: 'button[data-menu-xmlid="client_base.client_workspace_menu"]',
            run: "click",
        },
        {
            content: "Open the director's overview",
            trigger:
                'a[data-menu-xmlid="client_base_analytics.client_workspace_director_sales_menu"]',
            run: "click",
        },
        {
            content: "The sales growth chart is shown",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ],
});
