from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

OUTCOMES = [
    ("none", "None"),
    ("commendation", "Commendation"),
    ("reward", "Reward"),
    ("warning", "Warning"),
]


class PropertyEvaluation(models.Model):
    _name = "property.evaluation"
    _description = "Employee Evaluation"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True
    # state and approval fields: guarded by the approval mixin
    _protected_fields = ("score",)

    _approval_state_field = "state"
    _approval_state_from = ["draft"]
    _approval_state_pending = "to_approve"
    _approval_state_to = "approved"
    _approval_state_rejected = "draft"
    _approval_allow_without_route = False

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True
    )
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    evaluator_id = fields.Many2one(
        "res.users", string="Evaluator", default=lambda self: self.env.user, tracking=True
    )
    date_from = fields.Date(string="Period Start", required=True, tracking=True)
    date_to = fields.Date(string="Period End", required=True, tracking=True)
    template_id = fields.Many2one(
        "property.evaluation.template",
        string="Template",
        check_company=True,
        help="Choosing a template replaces the criteria with the template's criteria.",
    )
    line_ids = fields.One2many(
        "property.evaluation.line", "evaluation_id", string="Criteria", copy=True
    )
    score = fields.Float(
        string="Composite Score",
        compute="_compute_score",
        store=True,
        digits=(5, 2),
        aggregator="avg",
        tracking=True,
        help="Weighted average of the criteria scores, from 0 to 100: the manual criteria and "
        "the KPI criteria, each with its weight; a KPI without data in the period is left out.",
    )
    outcome = fields.Selection(OUTCOMES, default="none", required=True, tracking=True)
    reward_amount = fields.Monetary(
        compute="_compute_reward_amount", store=True, readonly=False, precompute=True, tracking=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    note = fields.Html(string="Comments")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "To Approve"), ("approved", "Approved")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )

    # Computes and constraints

    @api.depends("employee_id.name", "date_from", "date_to")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = self.env._(
                "%(employee)s (%(date_from)s - %(date_to)s)",
                employee=evaluation.employee_id.name or "",
                date_from=evaluation.date_from or "",
                date_to=evaluation.date_to or "",
            )

    @api.depends("line_ids.weight", "line_ids.score", "line_ids.no_data")
    def _compute_score(self):
        for evaluation in self:
            lines = evaluation.line_ids.filtered(lambda line: not line.no_data)
            total = sum(lines.mapped("weight"))
            weighted = sum(line.weight * line.score for line in lines)
            evaluation.score = weighted / total if total > 0 else 0.0

    @api.depends("outcome")
    def _compute_reward_amount(self):
        for evaluation in self.filtered(lambda e: e.outcome != "reward"):
            evaluation.reward_amount = 0.0

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for evaluation in self:
            if evaluation.date_to < evaluation.date_from:
                raise ValidationError(
                    self.env._("The end of the evaluation period cannot be before its start.")
                )

    @api.constrains("outcome", "reward_amount")
    def _check_reward_amount(self):
        for evaluation in self:
            if evaluation.outcome == "reward" and evaluation.reward_amount <= 0:
                raise ValidationError(self.env._("A reward needs an amount greater than zero."))
            if evaluation.outcome != "reward" and evaluation.reward_amount:
                raise ValidationError(
                    self.env._("Only an evaluation with a reward outcome can have a reward amount.")
                )

    @api.constrains("employee_id", "evaluator_id", "approval_requester_id")
    def _check_not_self_evaluation(self):
        for evaluation in self:
            employee = evaluation.sudo().employee_id
            user = employee.user_id
            if not user:
                continue
            if user == evaluation.evaluator_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot be the evaluator of their own evaluation.",
                        employee=employee.name,
                    )
                )
            if user == evaluation.approval_requester_id:
                raise ValidationError(
                    self.env._(
                        "%(employee)s cannot submit their own evaluation for approval.",
                        employee=employee.name,
                    )
                )

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            self.line_ids = [Command.clear()] + self._template_line_commands(self.template_id)

    # Approval

    def _approval_check_can_submit(self):
        res = super()._approval_check_can_submit()
        for evaluation in self.filtered(lambda e: not e.line_ids):
            raise UserError(
                self.env._("Evaluation %(name)s has no criteria.", name=evaluation.name)
            )
        return res

    def _approval_filter_approvers(self, users):
        """Nobody approves their own evaluation either."""
        return super()._approval_filter_approvers(users) - self.sudo().employee_id.user_id

    def _approval_get_department(self):
        """The evaluated employee's department; its parent when the requester heads it."""
        self.ensure_one()
        user = self.approval_requester_id or self.env.user
        department = self.sudo().employee_id.department_id
        while department and department.manager_id.user_id == user:
            department = department.parent_id
        return department

    # Business

    @api.model
    def _template_line_commands(self, template):
        return [Command.create(vals) for vals in template._prepare_evaluation_lines()]

    def _locked_fields(self):
        """Fields that cannot change once the evaluation is submitted or approved."""
        return {
            "employee_id", "date_from", "date_to", "template_id", "line_ids", "outcome",
            "reward_amount", "company_id", "evaluator_id",
        }  # fmt: skip

    def _check_editable(self):
        locked = self.filtered(lambda e: e.state in ("to_approve", "approved"))
        if locked:
            raise UserError(
                self.env._(
                    "Evaluation %(name)s is submitted or approved and can no longer be changed.",
                    name=locked[0].name,
                )
            )

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("template_id") and not vals.get("line_ids"):
                template = self.env["property.evaluation.template"].browse(vals["template_id"])
                vals["line_ids"] = self._template_line_commands(template)
        return super().create(vals_list)

    def write(self, vals):
        if self._locked_fields() & set(vals):
            self._check_editable()
        if "state" in vals and not self.env.su:
            self._check_not_leaving_approved(vals["state"])
        return super().write(vals)

    def _check_not_leaving_approved(self, state):
        """An approved evaluation is a record: no direct change takes it back to a draft."""
        approved = self.filtered(lambda e: e.state == "approved" and state != "approved")
        if approved:
            raise UserError(
                self.env._(
                    "%(model)s %(name)s is approved: its state can no longer be changed.",
                    model=self._description,
                    name=approved[0].name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(evaluation.state != "draft" for evaluation in self):
            raise UserError(
                self.env._("Only draft evaluations can be deleted; approved ones are records.")
            )
