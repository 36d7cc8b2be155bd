from odoo import api, fields, models


class PropertyProject(models.Model):
    _inherit = "property.project"

    fire_appointment_ids = fields.One2many(
        "property.fire.appointment", "project_id", string="Fire-Safety Appointments"
    )
    fire_responsible_id = fields.Many2one(
        "hr.employee",
        string="Fire-Safety Responsible Person",
        compute="_compute_fire_organisation",
    )
    fire_manager_id = fields.Many2one(
        "hr.employee", string="Fire-Safety Manager", compute="_compute_fire_organisation"
    )
    fire_organisation_missing = fields.Boolean(
        string="Fire Organisation Incomplete",
        compute="_compute_fire_organisation",
        search="_search_fire_organisation_missing",
        help="The project has no current fire-safety responsible person or manager.",
    )
    fire_key_unit = fields.Boolean(
        string="Key Fire-Safety Unit",
        tracking=True,
        help="Designated a key fire-safety unit: patrols every two hours and a drill every half "
        "year.",
    )

    @api.depends("fire_appointment_ids.date_end", "fire_appointment_ids.employee_id")
    def _compute_fire_organisation(self):
        current = self._fire_current_appointments()
        for project in self:
            project.fire_responsible_id = current.get((project.id, "responsible"), False)
            project.fire_manager_id = current.get((project.id, "manager"), False)
            project.fire_organisation_missing = not (
                project.fire_responsible_id and project.fire_manager_id
            )

    def _fire_current_appointments(self):
        """{(project id, role): employee} of the current appointments (one query)."""
        today = fields.Date.context_today(self)
        appointments = (
            self.env["property.fire.appointment"]
            .sudo()
            .search(
                [
                    ("project_id", "in", self.ids),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ],
                order="date_start",
            )
        )
        return {(a.project_id.id, a.role): a.employee_id for a in appointments}

    def _search_fire_organisation_missing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        complete = [
            project.id
            for project, roles in self.env["property.fire.appointment"]
            .sudo()
            ._read_group(
                [
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ],
                ["project_id"],
                ["role:array_agg"],
            )
            if {"responsible", "manager"} <= set(roles)
        ]
        missing = (operator == "=") == value
        return [("id", "not in" if missing else "in", complete)]

    def action_open_fire_appointments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_fire.action_fire_appointment"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action
