import { registry } from "@web/core/registry";

// An owner's /my once its counters are loaded: the service requests card, no empty invoices card.
registry.category("web_tour.tours").add("property_service_portal_home", {
    url: "/my",
    steps: () => [
        { trigger: ".o_portal_my_home:not(:has(.o_portal_doc_spinner))" },
        {
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/tickets']",
            run: "click",
        },
        { trigger: "a[href='/my/tickets/new']" },
    ],
});

registry.category("web_tour.tours").add("property_service_portal_home_no_empty_cards", {
    url: "/my",
    steps: () => [
        { trigger: ".o_portal_my_home:not(:has(.o_portal_doc_spinner))" },
        {
            trigger:
                ".o_portal_my_home:not(:has(.o_portal_index_card:not(.d-none) [data-placeholder_count]:contains('0')))",
        },
    ],
});
