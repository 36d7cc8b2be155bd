from collections import Counter

from odoo import api, fields, models


class PropertyProject(models.Model):
    _name = "property.project"
    _description = "Property Project"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True, copy=False)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one(
        "hr.department", string="Managing Department", check_company=True, tracking=True
    )
    manager_id = fields.Many2one(
        "res.users", string="Project Manager", tracking=True, check_company=True
    )
    street = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string="Province")
    country_id = fields.Many2one("res.country", default=lambda self: self.env.ref("base.cn", False))
    total_area = fields.Float(
        string="Total Floor Area (m²)", digits=(16, 2), help="Gross floor area under management."
    )
    building_ids = fields.One2many("property.building", "project_id", string="Buildings")
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    unit_area = fields.Float(string="Units' Floor Area (m²)", compute="_compute_counts")
    occupancy_rate = fields.Float(
        string="Occupancy Rate (%)",
        compute="_compute_counts",
        digits=(16, 1),
        help="Owner-occupied and rented units among the units sold (all units but unsold ones).",
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(company_id, code)",
            "A project code must be unique per company.",
        ),
        (
            "total_area_positive",
            "CHECK(total_area >= 0)",
            "The total floor area cannot be negative.",
        ),
    ]

    @api.depends("building_ids")
    def _compute_counts(self):
        units = dict.fromkeys(self.ids, (0, 0.0))
        sold, lived_in = Counter(), Counter()
        for project, state, count, area in self.env["property.unit"]._read_group(
            [("project_id", "in", self.ids)], ["project_id", "state"], ["__count", "area:sum"]
        ):
            total_count, total_area = units.get(project.id, (0, 0.0))
            units[project.id] = (total_count + count, total_area + area)
            sold[project.id] += count if state != "unsold" else 0
            lived_in[project.id] += count if state in ("occupied", "rented") else 0
        buildings = dict(
            self.env["property.building"]._read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["__count"]
            )
        )
        for project in self:
            project.building_count = buildings.get(project, 0)
            project.unit_count, project.unit_area = units.get(project.id, (0, 0.0))
            project.occupancy_rate = (
                100.0 * lived_in[project.id] / sold[project.id] if sold[project.id] else 0.0
            )

    # Actions
    def action_open_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.property_unit_action")
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id, "search_default_group_building": 1}
        return action

    def action_open_buildings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_building_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action
