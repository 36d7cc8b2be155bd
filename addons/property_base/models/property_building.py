from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyBuilding(models.Model):
    _name = "property.building"
    _description = "Building"
    _inherit = ["mail.thread"]
    _order = "project_id, sequence, name"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    project_id = fields.Many2one(
        "property.project", string="Project", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    floor_count = fields.Integer(string="Floors", default=1)
    unit_ids = fields.One2many("property.unit", "building_id", string="Units")
    unit_count = fields.Integer(compute="_compute_unit_stats")
    unit_area = fields.Float(string="Floor Area (m²)", compute="_compute_unit_stats")

    _sql_constraints = [
        (
            "name_project_uniq",
            "unique(project_id, name)",
            "A building name must be unique in its project.",
        ),
    ]

    @api.depends("unit_ids.area")
    def _compute_unit_stats(self):
        stats = {
            building.id: (count, area)
            for building, count, area in self.env["property.unit"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count", "area:sum"]
            )
        }
        for building in self:
            building.unit_count, building.unit_area = stats.get(building.id, (0, 0.0))

    @api.constrains("floor_count")
    def _check_floor_count(self):
        if any(building.floor_count < 1 for building in self):
            raise ValidationError(self.env._("A building has at least one floor."))

    @api.depends("project_id")
    @api.depends_context("short_name")
    def _compute_display_name(self):
        for building in self:
            building.display_name = (
                f"{building.project_id.name} / {building.name}"
                if building.project_id and not self.env.context.get("short_name")
                else building.name
            )

    # Business
    def generate_units(self, numbers, area, usage="residential"):
        """Create the units ``numbers`` [(floor, number), ...] of this building in one batch."""
        self.ensure_one()
        if area <= 0:
            raise ValidationError(self.env._("The floor area of a unit must be positive."))
        vals_list = [
            {"building_id": self.id, "floor": floor, "name": number, "area": area, "usage": usage}
            for floor, number in numbers
        ]
        quiet = {
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_create_nosubscribe": True,
        }
        return self.env["property.unit"].with_context(**quiet).create(vals_list)

    def get_unit_board(self):
        """The unit status board (房态图) of this building: its floors from the top down, each
        with its units, and the number of units per status. Three queries whatever the size."""
        self.ensure_one()
        Unit = self.env["property.unit"]
        units = Unit.search_read(
            [("building_id", "=", self.id)],
            ["name", "floor", "state", "area", "usage"],
            order="floor desc, name",
        )
        people = {}
        for occupancy in self.env["property.occupancy"].search_read(
            [("building_id", "=", self.id), ("is_current", "=", True)],
            ["unit_id", "partner_id", "role"],
            order="role, date_from",
        ):
            people.setdefault(occupancy["unit_id"][0], []).append(occupancy["partner_id"][1])
        floors = {}
        for unit in units:
            unit["people"] = people.get(unit["id"], [])
            floors.setdefault(unit["floor"], []).append(unit)
        counts = Counter(unit["state"] for unit in units)
        return {
            "building": {"id": self.id, "name": self.display_name, "floor_count": self.floor_count},
            "states": [
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in Unit._fields["state"]._description_selection(self.env)
            ],
            "floors": [{"floor": floor, "units": units} for floor, units in floors.items()],
            "total": len(units),
        }

    # Actions
    def action_open_unit_board(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "property_base.unit_board",
            "name": self.env._("Unit Status Board"),
            "params": {"building_id": self.id},
        }

    def action_generate_units(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Units"),
            "res_model": "property.unit.generate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_building_id": self.id},
        }

    def action_open_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.property_unit_action")
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"default_building_id": self.id}
        return action
