import { registry } from "@web/core/registry";

// Estate → Owner Archive → an owner's archive with its sections (identity, contact, emergency
// contact, units with certificate numbers, household, vehicles), not the generic contact form.
registry.category("web_tour.tours").add("property_base_owner_archive", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: '.o_app[data-menu-xmlid="property_base.menu_property_root"]', run: "click" },
        { trigger: '.o_menu_sections [data-menu-xmlid="property_base.menu_property_estate"]', run: "click" },
        { trigger: '.dropdown-item[data-menu-xmlid="property_base.menu_property_owner"]', run: "click" },
        { trigger: ".o_list_view .o_data_row" },
        { trigger: ".o_searchview_input", run: "edit 汪强" },
        { trigger: ".o_searchview_input", run: "press Enter" },
        { trigger: ".o_data_row td:contains(汪强)", run: "click" },
        { trigger: ".o_form_view.o_property_owner_archive" },
        { trigger: ".o_property_owner_archive:not(:has([name=vat])):not(:has([name=website]))" },
        { trigger: ".o_property_owner_archive div[name=property_id_number] input" },
        { trigger: ".o_property_owner_archive div[name=property_emergency_contact] input:value(贾洋)" },
        { trigger: ".o_property_owner_archive [name=property_occupancy_ids] td:contains(锦绣花园 6栋-0601)" },
        { trigger: ".o_property_owner_archive [name=property_occupancy_ids] td:contains(不动产权第0087312号)" },
        { trigger: ".o_notebook .nav-link[name=household]", run: "click" },
        { trigger: ".o_property_owner_archive [name=property_household_ids] td:contains(龚子涵)" },
        { trigger: ".o_notebook .nav-link[name=vehicles]", run: "click" },
        { trigger: ".o_property_owner_archive [name=property_vehicle_ids] td:contains(粤B6K8Q2)" },
        { trigger: ".o_property_owner_archive [name=property_vehicle_ids] td:contains(P001)" },
        { trigger: ".o-form-buttonbox button:has(.fa-car):contains(2)", run: "click" },
        { trigger: ".o_list_view .o_data_row td:contains(粤BD23619)" },
    ],
});

// A staff member without the owner-archive right sees the ID number masked and no emergency
// contact or certificate number.
registry.category("web_tour.tours").add("property_base_owner_archive_masked", {
    steps: () => [
        { trigger: ".o_form_view.o_property_owner_archive" },
        { trigger: ".o_property_owner_archive [name=property_id_number_masked]:contains(4301**********4239)" },
        { trigger: ".o_property_owner_archive:not(:has([name=property_emergency_contact])):not(:has([name=property_id_number]))" },
        { trigger: ".o_property_owner_archive [name=property_occupancy_ids] td:contains(锦绣花园 6栋-0601)" },
        { trigger: ".o_property_owner_archive:not(:has([name=certificate_number]))" },
    ],
});
