from odoo import api, fields, models
from odoo.exceptions import UserError

KEY_AREA_TYPES = [
    ("fire_lane", "Fire Lane"),
    ("evacuation_route", "Evacuation Route"),
    ("exit", "Safety Exit"),
    ("roof", "Roof"),
    ("underground", "Underground Space"),
    ("other", "Other"),
]
CHECK_RESULTS = [
    ("clear", "Clear"),
    ("blocked", "Blocked"),
    ("occupied", "Occupied"),
    ("locked", "Locked"),
]


class PropertyFireKeyArea(models.Model):
    """A key fire-safety area of a project (FIRE-6): fire lanes, evacuation routes, exits,
    roofs and underground spaces, checked on patrols by scanning their QR code."""

    _name = "property.fire.key.area"
    _description = "Key Fire-Safety Area"
    _inherit = ["mail.thread"]
    _order = "project_id, area_type, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    area_type = fields.Selection(
        KEY_AREA_TYPES, string="Type", required=True, default="fire_lane", tracking=True
    )
    project_id = fields.Many2one(
        "property.project", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    building_id = fields.Many2one(
        "property.building", string="Building", domain="[('project_id', '=', project_id)]"
    )
    location = fields.Char(help="E.g. north side of building 1, from the gate to the garage.")
    description = fields.Text(string="Requirements", help="What must stay clear, and why.")
    active = fields.Boolean(default=True)
    check_ids = fields.One2many("property.fire.key.area.check", "key_area_id", string="Checks")
    check_count = fields.Integer(compute="_compute_last_check", string="Number of Checks")
    last_check_date = fields.Datetime(string="Last Checked On", compute="_compute_last_check")
    last_result = fields.Selection(CHECK_RESULTS, compute="_compute_last_check")
    check_url = fields.Char(string="Check Address", compute="_compute_check_url")

    def _compute_last_check(self):
        groups = self.env["property.fire.key.area.check"]._read_group(
            [("key_area_id", "in", self.ids)],
            ["key_area_id"],
            ["__count", "id:max"],
        )
        counts = {area: count for area, count, _last in groups}
        last = self.env["property.fire.key.area.check"].browse(
            [last_id for _area, _count, last_id in groups]
        )
        last_by_area = {check.key_area_id: check for check in last}
        for area in self:
            check = last_by_area.get(area)
            area.check_count = counts.get(area, 0)
            area.last_check_date = check.date if check else False
            area.last_result = check.result if check else False

    def _compute_check_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for area in self:
            area.check_url = area.id and f"{base}/fire/key_area/{area.id}"

    def action_record_check(self):
        """The check form of this area (also where its QR code leads)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Key Area Check"),
            "res_model": "property.fire.key.area.check",
            "view_mode": "form",
            "target": "current",
            "context": {"default_key_area_id": self.id},
        }

    def action_open_checks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_fire.action_fire_key_area_check"
        )
        action["domain"] = [("key_area_id", "=", self.id)]
        action["context"] = {"default_key_area_id": self.id}
        return action

    def action_print_label(self):
        return self.env.ref("property_fire.action_report_fire_key_area_label").report_action(self)


class PropertyFireKeyAreaCheck(models.Model):
    """A check of a key area (FIRE-6): clear, blocked, occupied or locked, with a note and a
    photo; anything but clear opens a hazard linked back to the check."""

    _name = "property.fire.key.area.check"
    _description = "Key Area Check"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = ("result", "date", "checked_by_id", "key_area_id")

    key_area_id = fields.Many2one(
        "property.fire.key.area",
        string="Key Area",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    area_type = fields.Selection(related="key_area_id.area_type", store=True)
    project_id = fields.Many2one(related="key_area_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="key_area_id.company_id", store=True, index=True)
    date = fields.Datetime(
        string="Checked On", required=True, readonly=True, default=fields.Datetime.now
    )
    checked_by_id = fields.Many2one(
        "res.users", string="Checked By", required=True, readonly=True, default=lambda s: s.env.user
    )
    result = fields.Selection(CHECK_RESULTS, required=True, tracking=True)
    note = fields.Text()
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_fire_key_area_check_photo_rel",
        "check_id",
        "attachment_id",
        string="Photos",
    )
    hazard_ids = fields.One2many("property.fire.hazard", "key_area_check_id", string="Hazards")

    @api.depends("key_area_id", "date")
    def _compute_display_name(self):
        for check in self:
            check.display_name = (
                f"{check.key_area_id.display_name} {fields.Datetime.to_string(check.date) or ''}"
            )

    def _protected_create_allowed(self, fname, vals):
        # the result and the area are the checker's to record, once, when the check is made;
        # who checked is always the current user
        if fname in ("result", "key_area_id"):
            return True
        if fname == "checked_by_id":
            return vals[fname] == self.env.uid
        return False

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        checks.filtered(lambda c: c.result != "clear")._open_hazards()
        return checks

    def _open_hazards(self):
        """One hazard per check not clear (one create for the batch)."""
        results = dict(self._fields["result"]._description_selection(self.env))
        vals_list = []
        for check in self:
            area = check.key_area_id
            description = self.env._(
                "%(area)s is %(result)s.", area=area.display_name, result=results[check.result]
            )
            if check.note:
                description = f"{description}\n{check.note}"
            vals_list.append(
                {
                    "source": "key_area",
                    "key_area_check_id": check.id,
                    "project_id": area.project_id.id,
                    "building_id": area.building_id.id,
                    "location": area.location or area.name,
                    "description": description,
                    "photo_ids": [fields.Command.set(check.photo_ids.ids)],
                }
            )
        return self.env["property.fire.hazard"].create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archive(self):
        raise UserError(
            self.env._("Key area checks are kept in the fire archive and cannot be deleted.")
        )
