from odoo import http
from odoo.http import request


class FireFacilityController(http.Controller):
    @http.route("/fire/facility/<int:equipment_id>", type="http", auth="user")
    def fire_facility_check(self, equipment_id):
        """The address of a facility's QR label: opens its form, where the check is recorded
        (the user's access rights and record rules apply as in the web client)."""
        equipment = request.env["maintenance.equipment"].browse(equipment_id).exists()
        if not equipment or not equipment.has_access("read"):
            return request.not_found()
        return request.redirect(f"/odoo/action-property_fire.action_fire_facility/{equipment.id}")

    @http.route("/fire/key_area/<int:area_id>", type="http", auth="user")
    def fire_key_area_check(self, area_id):
        """The address of a key area's QR label: opens its form, whose first button records a
        check (the user's access rights and record rules apply as in the web client)."""
        area = request.env["property.fire.key.area"].browse(area_id).exists()
        if not area or not area.has_access("read"):
            return request.not_found()
        return request.redirect(f"/odoo/action-property_fire.action_fire_key_area/{area.id}")
