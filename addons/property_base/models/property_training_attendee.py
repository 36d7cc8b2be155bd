from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyTrainingAttendee(models.Model):
    _name = "property.training.attendee"
    _description = "Training Attendee"
    _order = "date_start desc, training_id desc, id"
    _rec_name = "employee_id"
    _check_company_auto = True
    _inherit = ["property.protected.mixin"]
    # attendance and result decide who completed a training (initial, fire-safety flags)
    _protected_fields = ("state", "attendance", "result")

    training_id = fields.Many2one(
        "property.training", required=True, ondelete="cascade", index=True, check_company=True
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", check_company=True
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    company_id = fields.Many2one(related="training_id.company_id", store=True, index=True)
    training_type = fields.Selection(related="training_id.training_type", store=True, index=True)
    date_start = fields.Date(related="training_id.date_start", store=True)
    date_end = fields.Date(related="training_id.date_end", store=True, index=True)
    hours = fields.Float(related="training_id.hours", store=True, aggregator="sum")
    state = fields.Selection(related="training_id.state", store=True, index=True)
    attendance = fields.Selection(
        [("pending", "Not Recorded"), ("present", "Present"), ("absent", "Absent")],
        default="pending",
        required=True,
        help="Recorded with the buttons of the attendee line while the training is planned.",
    )
    result = fields.Selection(
        [("none", "Not Assessed"), ("passed", "Passed"), ("failed", "Failed")],
        default="none",
        required=True,
        help="Recorded with the buttons of the attendee line while the training is planned.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "employee_training_uniq",
            "UNIQUE(training_id, employee_id)",
            "An employee can be registered only once per training.",
        ),
    ]

    # Constraints

    @api.constrains("attendance", "result")
    def _check_result_needs_presence(self):
        for attendee in self:
            if attendee.attendance == "absent" and attendee.result == "passed":
                raise ValidationError(
                    self.env._(
                        "%(employee)s was absent and cannot have passed the training.",
                        employee=attendee.employee_id.name,
                    )
                )

    # Actions

    def action_mark_present(self):
        self._record({"attendance": "present"})

    def action_mark_absent(self):
        self._record({"attendance": "absent", "result": "none"})

    def action_mark_passed(self):
        self._record({"attendance": "present", "result": "passed"})

    def action_mark_failed(self):
        self._record({"attendance": "present", "result": "failed"})

    def action_reset_attendance(self):
        self._record({"attendance": "pending", "result": "none"})

    # Business

    def _record(self, vals):
        """Record attendance or result: by those who manage the training, while it is planned."""
        self.check_access("write")
        self.training_id.check_access("write")
        closed = self.filtered(lambda a: a.training_id.state != "planned")
        if closed:
            raise UserError(
                self.env._(
                    "The attendance and results of training %(name)s can be recorded only while "
                    "it is planned.",
                    name=closed[0].training_id.name,
                )
            )
        self._protected_write(vals)
