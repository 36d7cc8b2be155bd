from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class PropertyFinancePortal(CustomerPortal):
    """The owner's balance confirmations [对账确认] and statement [对账单] in /my: their own
    only."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "property_statement_count" in counters:
            # the statement is offered to whoever has property bills: the open ones it lists
            values["property_statement_count"] = request.env["account.move"].search_count(
                [
                    ("property_billing_run_id", "!=", False),
                    ("state", "=", "posted"),
                    ("partner_id", "child_of", request.env.user.commercial_partner_id.id),
                ]
            )
        if "balance_confirmation_count" in counters:
            Confirmation = request.env["property.balance.confirmation"]
            values["balance_confirmation_count"] = (
                Confirmation.search_count(self._balance_confirmation_domain())
                if Confirmation.has_access("read")
                else 0
            )
        return values

    def _balance_confirmation_domain(self):
        return [("state", "!=", "draft")]

    def _balance_confirmation(self, confirmation_id):
        record = request.env["property.balance.confirmation"].browse(confirmation_id)
        try:
            record.check_access("read")
            if record.state == "draft":
                raise MissingError(record._name)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return record

    @http.route("/my/balance-confirmations", type="http", auth="user", website=True)
    def portal_my_balance_confirmations(self, **kw):
        confirmations = request.env["property.balance.confirmation"].search(
            self._balance_confirmation_domain()
        )
        values = self._prepare_portal_layout_values()
        values.update({"confirmations": confirmations, "page_name": "balance_confirmation"})
        return request.render("property_finance.portal_my_balance_confirmations", values)

    @http.route(
        "/my/balance-confirmations/<int:confirmation_id>", type="http", auth="user", website=True
    )
    def portal_balance_confirmation(self, confirmation_id, **kw):
        record = self._balance_confirmation(confirmation_id)
        values = self._prepare_portal_layout_values()
        values.update({"confirmation": record, "page_name": "balance_confirmation"})
        return request.render("property_finance.portal_balance_confirmation_page", values)

    @http.route(
        "/my/balance-confirmations/<int:confirmation_id>/confirm",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_balance_confirmation_confirm(self, confirmation_id, **kw):
        record = self._balance_confirmation(confirmation_id)
        return self._balance_answer(record, record.action_portal_confirm)

    @http.route(
        "/my/balance-confirmations/<int:confirmation_id>/dispute",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_balance_confirmation_dispute(self, confirmation_id, note="", **kw):
        record = self._balance_confirmation(confirmation_id)
        return self._balance_answer(record, lambda: record.action_portal_dispute(note))

    def _balance_answer(self, record, answer):
        try:
            answer()
        except UserError as error:
            values = self._prepare_portal_layout_values()
            values.update({"confirmation": record, "error": str(error)})
            return request.render("property_finance.portal_balance_confirmation_page", values)
        return request.redirect(record.access_url)

    @http.route("/my/statement", type="http", auth="user", website=True)
    def portal_my_statement(self, **kw):
        """The owner's statement [对账单] as a PDF: always the logged-in owner's own (no record
        in the address), the open bills per unit with their age, in the owner's language."""
        partner = request.env.user.commercial_partner_id
        content, report_type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("property_finance.action_report_owner_statement", partner.ids)
        )
        # (tests render HTML instead of PDF, as Odoo does for every report under test)
        mimetype = "application/pdf" if report_type == "pdf" else "text/html; charset=utf-8"
        return request.make_response(
            content, headers=[("Content-Type", mimetype), ("Content-Length", len(content))]
        )
