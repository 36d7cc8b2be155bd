import base64

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class FireReportPortal(CustomerPortal):
    """Owners report fire-safety violations through the portal (FIRE-10) and follow their
    own reports only (record rule)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "fire_report_count" in counters:
            Violation = request.env["property.fire.violation"]
            values["fire_report_count"] = (
                Violation.search_count([]) if Violation.has_access("read") else 0
            )
        return values

    def _fire_units(self):
        partner = request.env.user.partner_id
        return request.env["property.unit"].sudo().search([("owner_ids", "in", partner.ids)])

    @http.route(["/my/fire-reports"], type="http", auth="user", website=True)
    def portal_my_fire_reports(self, **kw):
        reports = request.env["property.fire.violation"].search([], order="date desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update(
            reports=reports.sudo(),
            page_name="fire_report",
            can_submit=bool(self._fire_units()),
        )
        return request.render("property_fire.portal_my_fire_reports", values)

    @http.route(
        ["/my/fire-reports/new"], type="http", auth="user", website=True, methods=["GET", "POST"]
    )
    def portal_fire_report_new(self, **post):
        units = self._fire_units()
        values = self._prepare_portal_layout_values()
        values.update(units=units, post=post, page_name="fire_report_new", error=None)
        if request.httprequest.method == "POST":
            unit = units.filtered(lambda u: str(u.id) == post.get("unit_id"))
            location = (post.get("location") or "").strip()
            description = (post.get("description") or "").strip()
            if not unit or not location or not description:
                values["error"] = request.env._(
                    "Choose your unit and describe where and what you saw."
                )
                return request.render("property_fire.portal_fire_report_new", values)
            photos = [
                (upload.filename, base64.b64encode(upload.read()))
                for upload in request.httprequest.files.getlist("photos")
                if upload and upload.filename
            ][:5]
            request.env["property.fire.violation"]._report_portal_create(
                request.env.user.partner_id, unit, location, description, photos
            )
            return request.redirect("/my/fire-reports")
        return request.render("property_fire.portal_fire_report_new", values)
