from datetime import date, datetime, time

from odoo import api, fields, models

COUNT_FIELDS = (
    "building_count",
    "facility_count",
    "key_area_count",
    "inspection_count",
    "inspection_done_count",
    "maintenance_count",
    "maintenance_done_count",
    "hazard_count",
    "hazard_major_count",
    "hazard_closed_count",
    "training_count",
    "trained_count",
    "drill_count",
    "drill_done_count",
    "patrol_count",
    "patrol_missed_count",
    "key_area_check_count",
    "key_area_not_clear_count",
    "violation_count",
    "violation_escalated_count",
)


class PropertyFireArchive(models.TransientModel):
    """The fire archive of a project and a year (FIRE-9): basic data, the organisation's
    appointments, inspections, facility maintenance, hazards, training, drills, patrols, key
    area checks and violations with their counts, on one screen and in one PDF. Each count
    is one grouped query, whatever the number of records."""

    _name = "property.fire.archive"
    _description = "Fire Archive"

    project_id = fields.Many2one("property.project", required=True)
    company_id = fields.Many2one(related="project_id.company_id")
    year = fields.Integer(required=True, default=lambda s: fields.Date.context_today(s).year)
    fire_key_unit = fields.Boolean(related="project_id.fire_key_unit")
    appointment_ids = fields.Many2many(
        "property.fire.appointment", compute="_compute_archive", string="Appointments"
    )
    drill_ids = fields.Many2many("property.fire.drill", compute="_compute_archive", string="Drills")
    hazard_ids = fields.Many2many(
        "property.fire.hazard", compute="_compute_archive", string="Hazards"
    )
    building_count = fields.Integer(string="Buildings", compute="_compute_archive")
    facility_count = fields.Integer(string="Fire Facilities", compute="_compute_archive")
    key_area_count = fields.Integer(string="Key Areas", compute="_compute_archive")
    inspection_count = fields.Integer(string="Inspections", compute="_compute_archive")
    inspection_done_count = fields.Integer(string="Inspections Done", compute="_compute_archive")
    maintenance_count = fields.Integer(
        string="Facility Maintenance Requests", compute="_compute_archive"
    )
    maintenance_done_count = fields.Integer(
        string="Facility Maintenance Done", compute="_compute_archive"
    )
    hazard_count = fields.Integer(string="Hazards Found", compute="_compute_archive")
    hazard_major_count = fields.Integer(string="Major Hazards", compute="_compute_archive")
    hazard_closed_count = fields.Integer(string="Hazards Closed", compute="_compute_archive")
    training_count = fields.Integer(string="Fire-Safety Trainings", compute="_compute_archive")
    trained_count = fields.Integer(string="Employees Trained", compute="_compute_archive")
    drill_count = fields.Integer(string="Drills Planned", compute="_compute_archive")
    drill_done_count = fields.Integer(string="Drills Done", compute="_compute_archive")
    patrol_count = fields.Integer(string="Patrols", compute="_compute_archive")
    patrol_missed_count = fields.Integer(string="Patrols Missed", compute="_compute_archive")
    key_area_check_count = fields.Integer(string="Key Area Checks", compute="_compute_archive")
    key_area_not_clear_count = fields.Integer(
        string="Key Area Checks Not Clear", compute="_compute_archive"
    )
    violation_count = fields.Integer(string="Violations", compute="_compute_archive")
    violation_escalated_count = fields.Integer(
        string="Violations Escalated", compute="_compute_archive"
    )

    def _count(self, model, domain, split=None):
        """{(project id, value of ``split``): count} of ``model`` over ``domain``: one query."""
        groupby = ["project_id", split] if split else ["project_id"]
        rows = self.env[model]._read_group(domain, groupby, ["__count"])
        counts = {}
        for row in rows:
            project, *rest = row[:-1]
            key = (project.id, rest[0] if rest else None)
            counts[key] = counts.get(key, 0) + row[-1]
            counts[(project.id, None)] = counts.get((project.id, None), 0) + (
                row[-1] if rest else 0
            )
        return counts

    @api.depends("project_id", "year")
    def _compute_archive(self):
        for archive in self:
            for fname in COUNT_FIELDS:
                archive[fname] = 0
            archive.appointment_ids = archive.drill_ids = archive.hazard_ids = False
        archives = self.filtered(lambda a: a.project_id and a.year)
        if not archives:
            return
        # one year at a time (usually a single archive is shown)
        for year in set(archives.mapped("year")):
            archives.filtered(lambda a, y=year: a.year == y)._compute_archive_year(year)

    def _compute_archive_year(self, year):
        projects = self.project_id
        start, end = date(year, 1, 1), date(year, 12, 31)
        start_dt, end_dt = datetime.combine(start, time.min), datetime.combine(end, time.max)
        in_projects = [("project_id", "in", projects.ids)]
        Facility = self.env["maintenance.equipment"]
        buildings = dict(
            self.env["property.building"]._read_group(in_projects, ["project_id"], ["__count"])
        )
        facilities = dict(
            Facility._read_group(
                [("fire_facility", "=", True), ("fire_project_id", "in", projects.ids)],
                ["fire_project_id"],
                ["__count"],
            )
        )
        maintenance = {}
        for equipment, stage, count in self.env["maintenance.request"]._read_group(
            [
                ("equipment_id.fire_facility", "=", True),
                ("equipment_id.fire_project_id", "in", projects.ids),
                ("request_date", ">=", start),
                ("request_date", "<=", end),
            ],
            ["equipment_id", "stage_id"],
            ["__count"],
        ):
            key = (equipment.fire_project_id.id, bool(stage.done))
            maintenance[key] = maintenance.get(key, 0) + count
        key_areas = dict(
            self.env["property.fire.key.area"]._read_group(in_projects, ["project_id"], ["__count"])
        )
        inspections = self._count(
            "property.fire.inspection",
            [*in_projects, ("date", ">=", start), ("date", "<=", end)],
            "state",
        )
        hazards = self.env["property.fire.hazard"].search(
            [*in_projects, ("create_date", ">=", start_dt), ("create_date", "<=", end_dt)]
        )
        drills = self.env["property.fire.drill"].search(
            [*in_projects, ("date", ">=", start), ("date", "<=", end)]
        )
        patrols = self._count(
            "property.fire.patrol",
            [*in_projects, ("scheduled", ">=", start_dt), ("scheduled", "<=", end_dt)],
            "state",
        )
        checks = self._count(
            "property.fire.key.area.check",
            [*in_projects, ("date", ">=", start_dt), ("date", "<=", end_dt)],
            "result",
        )
        violation_domain = [*in_projects, ("date", ">=", start_dt), ("date", "<=", end_dt)]
        violations = self._count("property.fire.violation", violation_domain, "state")
        escalated = dict(
            self.env["property.fire.violation"]._read_group(
                [*violation_domain, ("escalated_date", "!=", False)], ["project_id"], ["__count"]
            )
        )
        appointments = self.env["property.fire.appointment"].search(
            [
                *in_projects,
                ("date_start", "<=", end),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", start),
            ]
        )
        # training is the company's: fire-safety trainings done in the year and who attended
        training_domain = [
            ("training_type", "=", "fire_safety"),
            ("state", "=", "done"),
            ("date_end", ">=", start),
            ("date_end", "<=", end),
            ("company_id", "in", projects.company_id.ids),
        ]
        trainings = dict(
            self.env["property.training"]
            .sudo()
            ._read_group(training_domain, ["company_id"], ["__count"])
        )
        trained = dict(
            self.env["property.training.attendee"]
            .sudo()
            ._read_group(
                [
                    ("training_id", "any", training_domain),
                    ("attendance", "=", "present"),
                ],
                ["company_id"],
                ["employee_id:count_distinct"],
            )
        )
        for archive in self:
            project = archive.project_id
            pid = project.id
            archive.building_count = buildings.get(project, 0)
            archive.facility_count = facilities.get(project, 0)
            archive.key_area_count = key_areas.get(project, 0)
            archive.inspection_count = inspections.get((pid, None), 0)
            archive.inspection_done_count = inspections.get((pid, "done"), 0)
            archive.maintenance_count = maintenance.get((pid, True), 0) + maintenance.get(
                (pid, False), 0
            )
            archive.maintenance_done_count = maintenance.get((pid, True), 0)
            project_hazards = hazards.filtered(lambda h, p=project: h.project_id == p)
            archive.hazard_ids = project_hazards
            archive.hazard_count = len(project_hazards)
            archive.hazard_major_count = len(
                project_hazards.filtered(lambda h: h.severity == "major")
            )
            archive.hazard_closed_count = len(
                project_hazards.filtered(lambda h: h.state == "closed")
            )
            project_drills = drills.filtered(lambda d, p=project: d.project_id == p)
            archive.drill_ids = project_drills
            archive.drill_count = len(project_drills)
            archive.drill_done_count = len(project_drills.filtered(lambda d: d.state == "done"))
            archive.appointment_ids = appointments.filtered(lambda a, p=project: a.project_id == p)
            archive.patrol_count = patrols.get((pid, None), 0)
            archive.patrol_missed_count = patrols.get((pid, "missed"), 0)
            archive.key_area_check_count = checks.get((pid, None), 0)
            archive.key_area_not_clear_count = archive.key_area_check_count - checks.get(
                (pid, "clear"), 0
            )
            archive.violation_count = violations.get((pid, None), 0)
            archive.violation_escalated_count = escalated.get(project, 0)
            archive.training_count = trainings.get(project.company_id, 0)
            archive.trained_count = trained.get(project.company_id, 0)

    def action_print(self):
        self.ensure_one()
        return self.env.ref("property_fire.action_report_fire_archive").report_action(self)
