import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * Unit status board (房态图): one building's floors, top floor first, each with its units as
 * cells coloured by status, the number of units per status above. A click on a status shows
 * only its units; a click on a cell opens the unit.
 */
export class UnitBoard extends Component {
    static template = "property_base.UnitBoard";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ buildings: [], board: null, buildingId: null, filter: null });
        useSetupAction();
        onWillStart(async () => {
            this.state.buildings = await this.orm.searchRead(
                "property.building",
                [],
                ["display_name", "project_id"],
                { order: "project_id, sequence, name" }
            );
            const params = this.props.action.params || {};
            const context = this.props.action.context || {};
            const wanted = params.building_id || context.active_id;
            const building =
                this.state.buildings.find((b) => b.id === wanted) || this.state.buildings[0];
            if (building) {
                await this.loadBoard(building.id);
            }
        });
    }

    get title() {
        return _t("Unit Status Board");
    }

    get projects() {
        const projects = [];
        for (const building of this.state.buildings) {
            let project = projects.find((p) => p.id === building.project_id[0]);
            if (!project) {
                project = { id: building.project_id[0], name: building.project_id[1], buildings: [] };
                projects.push(project);
            }
            project.buildings.push(building);
        }
        return projects;
    }

    async loadBoard(buildingId) {
        this.state.board = await this.orm.call("property.building", "get_unit_board", [
            [buildingId],
        ]);
        this.state.buildingId = buildingId;
        this.state.filter = null;
        this.props.updateActionState?.({ building_id: buildingId });
    }

    onBuildingChange(ev) {
        this.loadBoard(parseInt(ev.target.value));
    }

    toggleFilter(value) {
        this.state.filter = this.state.filter === value ? null : value;
    }

    countClass(value) {
        return `o_unit_state_${value}` + (this.state.filter === value ? " o_active" : "");
    }

    cellClass(unit) {
        const dimmed = this.state.filter && unit.state !== this.state.filter;
        return `o_unit_state_${unit.state}` + (dimmed ? " o_dimmed" : "");
    }

    stateLabel(value) {
        return this.state.board.states.find((s) => s.value === value)?.label || value;
    }

    floorLabel(floor) {
        return floor < 0 ? _t("B%(floor)s", { floor: -floor }) : _t("%(floor)sF", { floor });
    }

    cellTitle(unit) {
        const people = unit.people.length ? ` · ${unit.people.join("、")}` : "";
        return `${unit.name} · ${this.stateLabel(unit.state)} · ${unit.area} m²${people}`;
    }

    openUnit(unit) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "property.unit",
            res_id: unit.id,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("property_base.unit_board", UnitBoard);
