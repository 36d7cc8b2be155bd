/** @odoo-module */

import { PortalHomeCounters } from "@portal/js/portal";

/**
 * An owner's /my shows what they have: their service requests. Some modules keep their card
 * on the page even when it counts nothing (the invoices of `account`); once the counters are
 * loaded, such empty cards are hidden, whatever order the modules patched the widget in.
 */
PortalHomeCounters.include({
    async _updateCounters() {
        await this._super(...arguments);
        for (const counterEl of this.el.querySelectorAll("[data-placeholder_count]")) {
            if (counterEl.textContent.trim() === "0") {
                counterEl.closest(".o_portal_index_card").classList.add("d-none");
            }
        }
    },
});
