from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

FIRE_ROLES = [
    ("responsible", "Fire-Safety Responsible Person"),
    ("manager", "Fire-Safety Manager"),
]


class PropertyFireAppointment(models.Model):
    """An appointment of a project's fire-safety responsible person or manager (FIRE-1).

    A new appointment ends the current one of the same project and role the day before it
    starts, so the history of who answered for the project, and when, is kept."""

    _name = "property.fire.appointment"
    _description = "Fire-Safety Appointment"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "project_id, role, date_start desc, id desc"
    _check_company_auto = True
    _rec_name = "employee_id"
    _protected_fields = ("date_end",)

    project_id = fields.Many2one(
        "property.project", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    role = fields.Selection(FIRE_ROLES, required=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee", string="Person", required=True, tracking=True, check_company=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="User")
    duties = fields.Text(
        compute="_compute_duties",
        store=True,
        readonly=False,
        precompute=True,
        help="The duties of the appointment (the regulation's text by default).",
    )
    date_start = fields.Date(
        string="Appointed On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="Ended On", readonly=True, tracking=True)
    is_current = fields.Boolean(string="Current", compute="_compute_is_current")

    @api.depends("role")
    def _compute_duties(self):
        for appointment in self:
            if appointment.duties:
                continue
            if appointment.role == "responsible":
                appointment.duties = self.env._(
                    "Answers for the project's fire safety; decides the fire-safety plan and the "
                    "resources; chairs the fire-safety meetings."
                )
            elif appointment.role == "manager":
                appointment.duties = self.env._(
                    "Organises inspections, patrols, hazard rectification, drills, fire training "
                    "and the volunteer fire brigade; keeps the fire archive."
                )

    @api.depends("date_end")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for appointment in self:
            appointment.is_current = not appointment.date_end or appointment.date_end >= today

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for appointment in self:
            if appointment.date_end and appointment.date_end < appointment.date_start:
                raise ValidationError(
                    self.env._(
                        "The appointment of %(person)s cannot end before it starts.",
                        person=appointment.employee_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        appointments = super().create(vals_list)
        appointments._end_previous()
        return appointments

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archive(self):
        raise UserError(
            self.env._(
                "Fire-safety appointments are part of the fire archive and cannot be deleted; "
                "appoint a successor instead."
            )
        )

    def _end_previous(self):
        """End the open appointments of the same project and role the day before these
        start (one search for the batch)."""
        previous = self.search(
            [
                ("project_id", "in", self.project_id.ids),
                ("role", "in", list(set(self.mapped("role")))),
                ("date_end", "=", False),
                ("id", "not in", self.ids),
            ]
        )
        for appointment in self.sorted("date_start"):
            for old in previous.filtered(
                lambda o, a=appointment: o.project_id == a.project_id
                and o.role == a.role
                and not o.date_end
            ):
                if old.date_start >= appointment.date_start:
                    raise ValidationError(
                        self.env._(
                            "%(person)s is appointed from %(date)s; a successor must be "
                            "appointed after that date.",
                            person=old.employee_id.name,
                            date=old.date_start,
                        )
                    )
                old._protected_write({"date_end": appointment.date_start - timedelta(days=1)})
