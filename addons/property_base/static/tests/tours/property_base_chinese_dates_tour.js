import { registry } from "@web/core/registry";

const { DateTime } = luxon;

// As a Chinese user: the date filter's facet reads 2026年12月, a month group 2026年12月.
registry.category("web_tour.tours").add("property_base_chinese_dates", {
    steps: () => {
        const now = DateTime.local();
        const month = `${now.year}年${now.month}月`;
        return [
            { trigger: ".o_list_view, .o_kanban_view" },
            { trigger: ".o_searchview_dropdown_toggler", run: "click" },
            { trigger: ".o_accordion_toggle:contains('日期')", run: "click" },
            { trigger: ".o_accordion_values .o_item_option:first", run: "click" },
            { trigger: `.o_searchview_facet:contains('${month}')` },
            { trigger: ".o_group_by_menu .o_accordion_toggle:contains('月份')", run: "click" },
            { trigger: ".o_group_by_menu .o_item_option:contains('月')", run: "click" },
            { trigger: `.o_group_name:contains('${month}')` },
        ];
    },
});
