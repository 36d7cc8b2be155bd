from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

TRAINING_TYPES = [
    ("initial", "Initial Training"),
    ("periodic", "Periodic Training"),
    ("external", "External Course"),
    ("fire_safety", "Fire-Safety Training"),
    ("other", "Other"),
]
# An initial training lasts one week (SVC-9): seven days, forty hours by default.
INITIAL_TRAINING_DAYS = 7
INITIAL_TRAINING_HOURS = 40.0


class PropertyTraining(models.Model):
    _name = "property.training"
    _description = "Training Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state",)

    name = fields.Char(string="Topic", required=True, tracking=True)
    training_type = fields.Selection(
        TRAINING_TYPES,
        string="Type",
        required=True,
        default="periodic",
        tracking=True,
        index=True,
        help="An initial training of new employees lasts one week: its end date defaults to six "
        "days after its start and its hours to 40.",
    )
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(
        string="End Date",
        required=True,
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        help="Defaults to the start date; for an initial training, to one week after the start.",
    )
    hours = fields.Float(
        compute="_compute_hours",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Training hours; an initial training defaults to 40 hours.",
    )
    trainer_id = fields.Many2one(
        "res.partner",
        string="Trainer",
        help="Internal trainer (an employee's work contact) or an external trainer or institution.",
    )
    location = fields.Char()
    description = fields.Html()
    user_id = fields.Many2one(
        "res.users", string="Organiser", default=lambda self: self.env.user, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    attendee_ids = fields.One2many("property.training.attendee", "training_id", string="Attendees")
    attendee_count = fields.Integer(compute="_compute_attendee_count")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Planned"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )

    _sql_constraints = [
        ("hours_positive", "CHECK(hours >= 0)", "The training hours cannot be negative."),
    ]

    # Computes and constraints

    @api.depends("date_start", "training_type")
    def _compute_date_end(self):
        for training in self:
            if training.training_type == "initial" and training.date_start:
                training.date_end = training.date_start + timedelta(days=INITIAL_TRAINING_DAYS - 1)
            elif not training.date_end or training.date_end < training.date_start:
                training.date_end = training.date_start

    @api.depends("training_type")
    def _compute_hours(self):
        for training in self:
            if training.training_type == "initial" and not training.hours:
                training.hours = INITIAL_TRAINING_HOURS
            else:
                training.hours = training.hours or 0.0

    @api.depends("attendee_ids")
    def _compute_attendee_count(self):
        for training in self:
            training.attendee_count = len(training.attendee_ids)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for training in self:
            if training.date_end < training.date_start:
                raise ValidationError(
                    self.env._(
                        "The end date of training %(name)s cannot be before its start date.",
                        name=training.name,
                    )
                )

    # Actions

    def action_plan(self):
        self._check_state({"draft"}, self.env._("Only draft trainings can be planned."))
        self._protected_write({"state": "planned"})

    def action_done(self):
        self._check_state({"planned"}, self.env._("Only planned trainings can be marked done."))
        self._check_attendance_recorded()
        self._protected_write({"state": "done"})

    def action_cancel(self):
        self._check_state(
            {"draft", "planned"}, self.env._("Only draft or planned trainings can be cancelled.")
        )
        self._protected_write({"state": "cancelled"})

    def action_draft(self):
        self._check_state(
            {"cancelled"}, self.env._("Only cancelled trainings can be reset to draft.")
        )
        self._protected_write({"state": "draft"})

    def action_mark_all_present(self):
        self.attendee_ids.filtered(lambda a: a.attendance == "pending").action_mark_present()

    # Business

    def _check_state(self, allowed, message):
        self.check_access("write")
        if any(training.state not in allowed for training in self):
            raise UserError(message)

    def _check_attendance_recorded(self):
        for training in self:
            if not training.attendee_ids:
                raise UserError(
                    self.env._(
                        "Training %(name)s has no attendees: add them before marking it done.",
                        name=training.name,
                    )
                )
            pending = training.attendee_ids.filtered(lambda a: a.attendance == "pending")
            if pending:
                raise UserError(
                    self.env._(
                        "Record the attendance of %(names)s before marking training %(name)s done.",
                        names=", ".join(pending.employee_id.mapped("name")),
                        name=training.name,
                    )
                )

    # ORM overrides

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(training.state == "done" for training in self):
            raise UserError(
                self.env._("A training that is done cannot be deleted; it is a record.")
            )
