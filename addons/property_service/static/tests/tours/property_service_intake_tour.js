import { registry } from "@web/core/registry";

// SVC-1 fast intake as an agent: the caller's phone finds the resident and their unit; the
// buttons that need a saved ticket appear once it is saved.
registry.category("web_tour.tours").add("property_service_intake_ticket", {
    steps: () => [
        { trigger: ".o_form_view .oe_title h1 span:not(.o_field_widget)" }, // "New Ticket"
        { trigger: ".o_form_view:not(:has(.oe_title div[name='name']))" }, // not "/"
        { trigger: ".o_form_statusbar:not(:has(button[name='action_start']))" },
        { trigger: "div[name='subject'] input", run: "edit 卫生间漏水" },
        { trigger: "div[name='caller_phone'] input", run: "edit +86 139 8765 4321 && press Tab" },
        { trigger: "div[name='partner_id'] input:value(唐明)" },
        { trigger: "div[name='caller_name'] input:value(唐明)" },
        { trigger: "div[name='unit_id'] input:value(测试花园 1栋-0101)" },
        { trigger: "div[name='caller_phone'] input:value(13987654321)" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: ".oe_title div[name='name'] span:contains(SVC-)" },
        { trigger: ".o_form_statusbar button[name='action_start']" },
    ],
});

// A missed call: no "Create Ticket", a call-back activity for the agent in one click.
registry.category("web_tour.tours").add("property_service_intake_missed_call", {
    steps: () => [
        { trigger: "div[name='caller_number'] input", run: "edit 139-8765-4321 && press Tab" },
        { trigger: "div[name='partner_id'] input:value(唐明)" },
        { trigger: "div[name='caller_unit_ids'] .o_tag:contains(测试花园 1栋-0101)" },
        { trigger: "div[name='answered'] input", run: "click" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: ".o_form_statusbar:not(:has(button[name='action_open_ticket']))" },
        { trigger: "button[name='action_schedule_callback']", run: "click" },
        { trigger: ".o-mail-Activity" },
    ],
});

// An answered call without a ticket offers "Create Ticket", which opens the new ticket.
registry.category("web_tour.tours").add("property_service_intake_answered_call", {
    steps: () => [
        { trigger: "div[name='caller_number'] input", run: "edit 13987654321 && press Tab" },
        { trigger: "div[name='partner_id'] input:value(唐明)" },
        { trigger: ".o_form_view:not(:has(button[name='action_open_ticket']))" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: ".o_form_view:not(:has(button[name='action_schedule_callback']))" },
        { trigger: ".o_form_statusbar button[name='action_open_ticket'].btn-primary", run: "click" },
        { trigger: ".o_form_view div[name='unit_id'] input:value(测试花园 1栋-0101)" },
        { trigger: ".o_form_view div[name='partner_id'] input:value(唐明)" },
    ],
});
