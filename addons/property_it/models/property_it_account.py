from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyItAccount(models.Model):
    """IT-3: an employee's computer account and their acknowledgement of the account and
    password policy (own account only, no password sharing)."""

    _name = "property.it.account"
    _description = "Computer Account"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "employee_id"
    _check_company_auto = True
    _protected_fields = ("state", "acknowledged_date", "acknowledged_user_id")

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True, tracking=True
    )
    user_id = fields.Many2one(related="employee_id.user_id", store=True, string="User")
    department_id = fields.Many2one(related="employee_id.department_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    login = fields.Char(string="Account", required=True, help="The account name, never a password.")
    state = fields.Selection(
        [("pending", "Not Acknowledged"), ("acknowledged", "Acknowledged")],
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    acknowledged_date = fields.Datetime(readonly=True, string="Acknowledged On")
    acknowledged_user_id = fields.Many2one("res.users", readonly=True, string="Acknowledged By")
    violation_ids = fields.One2many("property.it.violation", "account_id", string="Violations")
    violation_count = fields.Integer(compute="_compute_violation_count")

    _sql_constraints = [
        (
            "employee_login_unique",
            "UNIQUE(employee_id, login)",
            "This employee already has this account.",
        ),
    ]

    @api.depends("violation_ids")
    def _compute_violation_count(self):
        for account in self:
            account.violation_count = len(account.violation_ids)

    def action_acknowledge(self):
        """The employee acknowledges the policy: only the employee's own user can."""
        for account in self:
            if account.sudo().user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only %(employee)s can acknowledge the account and password policy "
                        "for their own account.",
                        employee=account.employee_id.name,
                    )
                )
        self._protected_write(
            {
                "state": "acknowledged",
                "acknowledged_date": fields.Datetime.now(),
                "acknowledged_user_id": self.env.uid,
            }
        )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_acknowledged(self):
        if self.filtered(lambda a: a.state == "acknowledged" or a.violation_ids):
            raise UserError(
                self.env._(
                    "An acknowledged account or one with violations is kept as a record; "
                    "archive the employee instead."
                )
            )
