/* Copyright 2026 Client Base
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {Component, onWillStart, useState} from "@odoo/owl";
import {ListRenderer} from "@web/views/list/list_renderer";
import {listView} from "@web/views/list/list_view";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * Counters above a workspace list: what needs action, at a glance. A counter
 * either applies a filter of the list's search view or opens an action.
 * The counters come from `client_workspace_counters()` of the list's model.
 */
export class ClientWorkspaceCounters extends Component {
    static template = "client_base.ClientWorkspaceCounters";
    static props = {resModel: String};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({counters: []});
        onWillStart(async () => {
            this.state.counters = await this.orm.call(
                this.props.resModel,
                "client_workspace_counters",
                []
            );
        });
    }

    async open(counter) {
        if (counter.action) {
            await this.action.doAction(counter.action);
            return;
        }
        const searchModel = this.env.searchModel;
        const items = counter.filter
            ? searchModel.getSearchItems((item) => item.name === counter.filter)
            : [];
        searchModel.query = [];
        for (const item of items) {
            searchModel.toggleSearchItem(item.id);
        }
        if (!items.length) {
            searchModel.search();
        }
    }
}

export class ClientWorkspaceListRenderer extends ListRenderer {
    static template = "client_base.ClientWorkspaceListRenderer";
    static components = {...ListRenderer.components, ClientWorkspaceCounters};
}

export const clientWorkspaceListView = {
    ...listView,
    Renderer: ClientWorkspaceListRenderer,
};

registry.category("views").add("client_workspace_list", clientWorkspaceListView);
