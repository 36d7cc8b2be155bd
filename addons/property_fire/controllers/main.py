import base64

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request


class FireFacilityController(http.Controller):
    def _patrol_line(self, field, record):
        """The unrecorded check point of ``record`` on a patrol the user is walking."""
        return request.env["property.fire.patrol.line"].search(
            [
                (field, "=", record.id),
                ("result", "=", False),
                ("patrol_id.state", "=", "in_progress"),
                ("patrol_id.officer_id", "=", request.env.uid),
            ],
            limit=1,
        )

    @http.route("/fire/facility/<int:equipment_id>", type="http", auth="user")
    def fire_facility_check(self, equipment_id):
        """The address of a facility's QR label: the patrol page of the point when the user is
        walking a patrol through it, else the facility's form, where the check is recorded
        (the user's access rights and record rules apply as in the web client)."""
        equipment = request.env["maintenance.equipment"].browse(equipment_id).exists()
        if not equipment or not equipment.has_access("read"):
            return request.not_found()
        line = self._patrol_line("point_id.equipment_id", equipment)
        if line:
            return request.redirect(f"/fire/patrol/line/{line.id}?scanned=1")
        return request.redirect(f"/odoo/action-property_fire.action_fire_facility/{equipment.id}")

    @http.route("/fire/key_area/<int:area_id>", type="http", auth="user")
    def fire_key_area_check(self, area_id):
        """The address of a key area's QR label: the patrol page of the point when the user is
        walking a patrol through it, else the area's form, whose first button records a
        check."""
        area = request.env["property.fire.key.area"].browse(area_id).exists()
        if not area or not area.has_access("read"):
            return request.not_found()
        line = self._patrol_line("point_id.key_area_id", area)
        if line:
            return request.redirect(f"/fire/patrol/line/{line.id}?scanned=1")
        return request.redirect(f"/odoo/action-property_fire.action_fire_key_area/{area.id}")

    # the phone pages of a patrol

    def _patrol(self, patrol_id):
        patrol = request.env["property.fire.patrol"].browse(patrol_id).exists()
        if not patrol or not patrol.has_access("read"):
            return None
        return patrol

    @http.route("/fire/patrol/<int:patrol_id>", type="http", auth="user", methods=["GET"])
    def fire_patrol(self, patrol_id, error=None):
        patrol = self._patrol(patrol_id)
        if not patrol:
            return request.not_found()
        return request.render("property_fire.patrol_page", {"patrol": patrol, "error": error})

    @http.route("/fire/patrol/<int:patrol_id>/finish", type="http", auth="user", methods=["POST"])
    def fire_patrol_finish(self, patrol_id, **post):
        patrol = self._patrol(patrol_id)
        if not patrol:
            return request.not_found()
        try:
            if patrol.state == "planned":
                patrol.action_start()
            else:
                patrol.action_finish()
        except UserError as error:
            return self.fire_patrol(patrol_id, error=str(error))
        return request.redirect(f"/fire/patrol/{patrol.id}")

    @http.route(
        "/fire/patrol/line/<int:line_id>", type="http", auth="user", methods=["GET", "POST"]
    )
    def fire_patrol_line(self, line_id, **post):
        line = request.env["property.fire.patrol.line"].browse(line_id).exists()
        if not line or not line.has_access("read"):
            return request.not_found()
        error = None
        if request.httprequest.method == "POST":
            if post.get("result") not in ("ok", "not_ok"):
                error = request.env._("Choose OK or Not OK.")
            else:
                upload = request.httprequest.files.get("photo")
                try:
                    with request.env.cr.savepoint():
                        self._record_line(line, post, upload)
                except UserError as exc:
                    error = str(exc)
                else:
                    return request.redirect(f"/fire/patrol/{line.patrol_id.id}")
        return request.render(
            "property_fire.patrol_line_page",
            {"line": line, "error": error, "scanned": post.get("scanned") == "1"},
        )

    def _record_line(self, line, post, upload):
        photos = request.env["ir.attachment"]
        if upload and upload.filename:
            photos = photos.create(
                {
                    "name": upload.filename,
                    "datas": base64.b64encode(upload.read()),
                    "res_model": line._name,
                    "res_id": line.id,
                }
            )
        line._record(
            post["result"],
            note=post.get("note") or None,
            photos=photos,
            scanned=post.get("scanned") == "1",
        )
