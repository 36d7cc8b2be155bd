from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.property_base.tools import person_lang


class PropertyFireDrill(models.Model):
    """A fire drill of a project (FIRE-8): scenario, participants, evaluation, photos; at least
    one a year per project, one every half year for a key fire-safety unit."""

    _name = "property.fire.drill"
    _description = "Fire Drill"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state",)

    name = fields.Char(string="Scenario", required=True, tracking=True)
    project_id = fields.Many2one(
        "property.project", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    organiser_id = fields.Many2one("res.users", string="Organiser", default=lambda s: s.env.user)
    employee_ids = fields.Many2many("hr.employee", string="Participants")
    member_ids = fields.Many2many("property.fire.brigade.member", string="Brigade Members")
    participant_count = fields.Integer(compute="_compute_participant_count")
    evaluation = fields.Text(string="Evaluation of the Drill")
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_fire_drill_photo_rel",
        "drill_id",
        "attachment_id",
        string="Photos",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )

    @api.depends("employee_ids", "member_ids")
    def _compute_participant_count(self):
        for drill in self:
            drill.participant_count = len(drill.employee_ids | drill.member_ids.employee_id)

    def action_done(self):
        today = fields.Date.context_today(self)
        for drill in self:
            if drill.state != "planned":
                raise UserError(self.env._("%(drill)s is already done.", drill=drill.name))
            if drill.date > today:
                raise UserError(
                    self.env._(
                        "%(drill)s takes place on %(date)s: a drill in the future cannot be "
                        "marked done.",
                        drill=drill.name,
                        date=drill.date,
                    )
                )
            if not drill.employee_ids and not drill.member_ids:
                raise UserError(
                    self.env._("Record the participants of %(drill)s first.", drill=drill.name)
                )
        self._protected_write({"state": "done"})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.filtered(lambda d: d.state == "done"):
            raise UserError(
                self.env._("Drills done are kept in the fire archive and cannot be deleted.")
            )


class PropertyProject(models.Model):
    _inherit = "property.project"

    fire_drill_missing = fields.Boolean(
        string="Drill Missing",
        compute="_compute_fire_drill_missing",
        search="_search_fire_drill_missing",
        help="No drill done this year (for a key fire-safety unit: in this half year).",
    )

    @api.model
    def _fire_compliance_year(self):
        return int(self.env.context.get("fire_year") or fields.Date.context_today(self).year)

    @api.model
    def _fire_drilled_project_ids(self):
        """Projects compliant for the year of the context: one query whatever their number."""
        year = self._fire_compliance_year()
        today = fields.Date.context_today(self)
        half_start = (
            date(year, 7, 1) if (year == today.year and today.month > 6) else date(year, 1, 1)
        )
        rows = (
            self.env["property.fire.drill"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "done"),
                    ("date", ">=", date(year, 1, 1)),
                    ("date", "<=", date(year, 12, 31)),
                ],
                ["project_id"],
                ["date:max"],
            )
        )
        return [
            project.id for project, last in rows if not project.fire_key_unit or last >= half_start
        ]

    def _compute_fire_drill_missing(self):
        drilled = set(self._fire_drilled_project_ids())
        for project in self:
            project.fire_drill_missing = project.id not in drilled

    def _search_fire_drill_missing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        missing = (operator == "=") == value
        return [("id", "not in" if missing else "in", self._fire_drilled_project_ids())]

    @api.model
    def _cron_fire_drill_reminder(self):
        """From the fourth quarter, the fire-safety manager (else the project manager) of each
        project without a drill this year gets one to-do; run twice, it creates nothing twice."""
        today = fields.Date.context_today(self)
        if today.month < 10:
            return
        projects = self.search([("fire_drill_missing", "=", True)])
        deadline = date(today.year, 12, 15)
        todo = self.env.ref("mail.mail_activity_data_todo")
        reminded = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "property.project"),
                    ("res_id", "in", projects.ids),
                    ("activity_type_id", "=", todo.id),
                    ("date_deadline", "=", deadline),
                ]
            )
            .mapped("res_id")
        )
        managers = projects._fire_current_appointments()
        model_id = self.env["ir.model"]._get_id("property.project")
        vals_list = []
        for project in projects.filtered(lambda p: p.id not in reminded):
            employee = managers.get((project.id, "manager"))
            user = employee.user_id if employee else project.manager_id
            if not user:
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": project.id,
                    "activity_type_id": todo.id,
                    "user_id": user.id,
                    "date_deadline": deadline,
                    "summary": project.with_context(lang=person_lang(user)).env._(
                        "No fire drill yet this year: organise one before the year ends."
                    ),
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    fire_training_missing = fields.Boolean(
        compute="_compute_fire_training_missing",
        search="_search_fire_training_missing",
        help="The employee attended no fire-safety training this year.",
    )

    @api.model
    def _fire_trained_employee_ids(self):
        year = self.env["property.project"]._fire_compliance_year()
        rows = (
            self.env["property.training.attendee"]
            .sudo()
            ._read_group(
                [
                    ("training_type", "=", "fire_safety"),
                    ("state", "=", "done"),
                    ("attendance", "=", "present"),
                    ("date_end", ">=", date(year, 1, 1)),
                    ("date_end", "<=", date(year, 12, 31)),
                ],
                ["employee_id"],
            )
        )
        return [employee.id for (employee,) in rows]

    def _compute_fire_training_missing(self):
        trained = set(self._fire_trained_employee_ids())
        for employee in self:
            employee.fire_training_missing = employee.id not in trained

    def _search_fire_training_missing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        missing = (operator == "=") == value
        return [("id", "not in" if missing else "in", self._fire_trained_employee_ids())]


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    fire_training_missing = fields.Boolean(
        compute="_compute_fire_training_missing",
        search="_search_fire_training_missing",
        help="The employee attended no fire-safety training this year.",
    )

    def _compute_fire_training_missing(self):
        trained = set(self.env["hr.employee"]._fire_trained_employee_ids())
        for employee in self:
            employee.fire_training_missing = employee.id not in trained

    def _search_fire_training_missing(self, operator, value):
        return self.env["hr.employee"]._search_fire_training_missing(operator, value)
