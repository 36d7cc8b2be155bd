import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

async function searchRead(model, domain, fields) {
    return rpc(`/web/dataset/call_kw/${model}/search_read`, {
        model,
        method: "search_read",
        args: [domain, fields],
        kwargs: {},
    });
}

/** The board shows every unit of the building once, in its status, and the right counts. */
async function checkBoardAgainstDatabase() {
    const buildingId = parseInt(document.querySelector(".o_property_unit_board_building").value);
    const units = await searchRead("property.unit", [["building_id", "=", buildingId]], ["state"]);
    const expected = {};
    for (const unit of units) {
        expected[unit.state] = (expected[unit.state] || 0) + 1;
    }
    const cells = document.querySelectorAll(".o_property_unit_cell");
    if (cells.length !== units.length) {
        throw new Error(`The board shows ${cells.length} units, the building has ${units.length}.`);
    }
    for (const unit of units) {
        const cell = document.querySelector(`.o_property_unit_cell[data-unit-id="${unit.id}"]`);
        if (!cell || cell.dataset.state !== unit.state) {
            throw new Error(`Unit ${unit.id} is not shown in its status ${unit.state}.`);
        }
    }
    for (const badge of document.querySelectorAll(".o_property_unit_board_count")) {
        const count = parseInt(badge.querySelector(".o_count").textContent);
        if (count !== (expected[badge.dataset.state] || 0)) {
            throw new Error(`Count of ${badge.dataset.state}: ${count}, expected ${expected[badge.dataset.state] || 0}.`);
        }
    }
    const total = parseInt(document.querySelector(".o_property_unit_board_total b").textContent);
    if (total !== units.length) {
        throw new Error(`Total ${total}, expected ${units.length}.`);
    }
}

// Building form → 房态图 button → the board of that building, checked against the database;
// a status filters the cells, a cell opens its unit; the menu opens the board too.
registry.category("web_tour.tours").add("property_base_unit_board", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_open_unit_board]", run: "click" },
        { trigger: ".o_property_unit_board .o_property_unit_board_title:contains(5栋)" },
        { trigger: ".o_property_unit_board_grid tr[data-floor='11'] .o_property_unit_cell" },
        { trigger: ".o_property_unit_board_grid:has(.o_property_unit_cell)", run: checkBoardAgainstDatabase },
        { trigger: ".o_property_unit_board_count[data-state=decorating]", run: "click" },
        { trigger: ".o_property_unit_board_count.o_active[data-state=decorating]" },
        { trigger: ".o_property_unit_cell.o_dimmed[data-state=vacant]" },
        {
            trigger: ".o_property_unit_cell[data-state=decorating]:not(.o_dimmed):contains(0201)",
            run: "click",
        },
        { trigger: ".o_last_breadcrumb_item:contains(锦绣花园 5栋-0201)" },
        { trigger: ".o_form_view button[name=action_end_decoration]" },
        { trigger: ".o_breadcrumb li.o_back_button", run: "click" },
        { trigger: ".o_property_unit_board_title:contains(5栋)" },
        { trigger: ".o_property_unit_board_building", run: "selectByLabel A座" },
        { trigger: ".o_property_unit_board_title:contains(翠湖苑 / A座)" },
        { trigger: ".o_property_unit_board_grid:has(.o_property_unit_cell)", run: checkBoardAgainstDatabase },
        { trigger: '.o_menu_sections [data-menu-xmlid="property_base.menu_property_estate"]', run: "click" },
        { trigger: '.dropdown-item[data-menu-xmlid="property_base.menu_property_unit_board"]', run: "click" },
        { trigger: ".o_property_unit_board .o_property_unit_cell" },
        { trigger: ".o_property_unit_board_grid:has(.o_property_unit_cell)", run: checkBoardAgainstDatabase },
    ],
});
