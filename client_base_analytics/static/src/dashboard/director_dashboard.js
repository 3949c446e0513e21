/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {Component, onWillStart, useState} from "@odoo/owl";
import {Layout} from "@web/search/layout";
import {registry} from "@web/core/registry";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {formatFloat} from "@web/core/utils/numbers";
import {useService} from "@web/core/utils/hooks";

/** Growth in percent, signed, or an em dash without a base. */
function formatGrowth(value) {
    if (value === null || value === undefined) {
        return "—";
    }
    return `${value > 0 ? "+" : ""}${formatPercent(value)}`;
}

/** A percentage in the user's number format: "46,3 %" in Russian. */
function formatPercent(value) {
    return `${formatFloat(value, {digits: [16, 1]})} %`;
}

/** The ABC-XYZ matrix of one company: count, revenue share, treatment. */
export class ClientAbcXyzMatrix extends Component {
    static template = "client_base_analytics.AbcXyzMatrix";
    static props = {rows: Array, open: Function};
    formatPercent = formatPercent;
}

class DashboardBase extends Component {
    static components = {Layout, ClientAbcXyzMatrix};
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({data: null});
        this.formatGrowth = formatGrowth;
        onWillStart(async () => {
            this.state.data = await this.orm.call(
                "client.workspace.dashboard",
                this.constructor.method,
                []
            );
        });
    }

    open(action) {
        if (action) {
            this.actionService.doAction(action);
        }
    }

    growthClass(value) {
        if (value === null || value === undefined) {
            return "text-muted";
        }
        return value >= 0 ? "text-success" : "text-danger";
    }
}

export class ClientDirectorDashboard extends DashboardBase {
    static template = "client_base_analytics.DirectorDashboard";
    static method = "get_director_dashboard";
}

export class ClientAbcXyzMatrixAction extends DashboardBase {
    static template = "client_base_analytics.AbcXyzMatrixAction";
    static method = "get_abc_xyz_matrix";
}

registry.category("actions").add("client_base_director_dashboard", ClientDirectorDashboard);
registry.category("actions").add("client_base_abc_xyz_matrix", ClientAbcXyzMatrixAction);
