from odoo import api, fields, models
from odoo.exceptions import UserError

from .tools import check_no_password


class PropertyItViolation(models.Model):
    """A violation of the computer regulation (IT-3, IT-7, 第七条, 第八条), kept as a record."""

    _name = "property.it.violation"
    _description = "Computer Regulation Violation"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = ("audit_id",)

    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True, tracking=True)
    account_id = fields.Many2one(
        "property.it.account", string="Account", index="btree_not_null", check_company=True
    )
    computer_id = fields.Many2one(
        "maintenance.equipment",
        string="Computer",
        check_company=True,
        domain="[('it_computer', '=', True)]",
    )
    department_id = fields.Many2one("hr.department", check_company=True)
    violation_type = fields.Selection(
        [
            ("password_sharing", "Password Shared"),
            ("foreign_account", "Someone Else's Account Used"),
            ("unregistered_software", "Software Not in the Register"),
            ("outsider", "Outsider Use Without Approval"),
            ("unrelated_use", "Use Unrelated to Work"),
            ("other", "Other"),
        ],
        string="Violation",
        required=True,
        tracking=True,
    )
    description = fields.Text(required=True)
    audit_id = fields.Many2one("property.it.audit", string="Inventory", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.constrains("description")
    def _check_no_password(self):
        check_no_password(self, ["description"])

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        raise UserError(self.env._("Violations of the computer regulation are kept as records."))
