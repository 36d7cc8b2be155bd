import { registry } from "@web/core/registry";

// Smoke tour: open the application from the apps menu and see its first view.
registry.category("web_tour.tours").add("property_it_open_app", {
    url: "/odoo",
    steps: () => [
        { trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: '.o_app[data-menu-xmlid="property_it.menu_it_root"]', run: "click" },
        { trigger: '.o_menu_brand[data-menu-xmlid="property_it.menu_it_root"]' },
        { trigger: ".o_action_manager .o_view_controller" },
    ],
});
