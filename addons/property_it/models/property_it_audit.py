from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyItAudit(models.Model):
    """IT-11: the yearly inventory of a department's computers and their software."""

    _name = "property.it.audit"
    _description = "Computer Inventory"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "done_date", "done_user_id")

    name = fields.Char(compute="_compute_name", store=True)
    department_id = fields.Many2one("hr.department", required=True, check_company=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    auditor_id = fields.Many2one("res.users", string="Auditor", default=lambda s: s.env.user)
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("property.it.audit.line", "audit_id", string="Computers")
    violation_ids = fields.One2many("property.it.violation", "audit_id", string="Violations")
    missing_count = fields.Integer(compute="_compute_counts", string="Missing")
    unregistered_count = fields.Integer(compute="_compute_counts", string="With Unregistered")
    done_date = fields.Datetime(readonly=True, string="Closed On")
    done_user_id = fields.Many2one("res.users", readonly=True, string="Closed By")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("department_id.name", "date")
    def _compute_name(self):
        for audit in self:
            audit.name = self.env._(
                "%(department)s inventory %(date)s",
                department=audit.department_id.name or "",
                date=audit.date or "",
            )

    @api.depends("line_ids.result", "line_ids.unregistered_software")
    def _compute_counts(self):
        for audit in self:
            audit.missing_count = len(audit.line_ids.filtered(lambda ln: ln.result == "missing"))
            audit.unregistered_count = len(audit.line_ids.filtered("unregistered_software"))

    # Actions

    def action_start(self):
        """List the expected computers of the department, in one create."""
        self._check_state("draft")
        computers = self.env["maintenance.equipment"].search(
            [("it_computer", "=", True), ("it_department_id", "in", self.department_id.ids)]
        )
        self.env["property.it.audit.line"].create(
            [
                {"audit_id": audit.id, "computer_id": computer.id}
                for audit in self
                for computer in computers
                if computer.it_department_id == audit.department_id
            ]
        )
        self._protected_write({"state": "in_progress"})
        return True

    def action_done(self):
        """Close the inventory; software found but not registered becomes a violation."""
        self._check_state("in_progress")
        pending = self.line_ids.filtered(lambda ln: ln.result == "pending")
        if pending:
            raise UserError(
                self.env._(
                    "Mark every computer found or missing before closing the inventory "
                    "(still open: %(computers)s).",
                    computers=", ".join(pending.computer_id.mapped("name")),
                )
            )
        lines = self.line_ids.filtered("unregistered_software")
        self.env["property.it.violation"].sudo().create(
            [
                {
                    "violation_type": "unregistered_software",
                    "computer_id": line.computer_id.id,
                    "employee_id": line.computer_id.employee_id.id,
                    "department_id": line.audit_id.department_id.id,
                    "audit_id": line.audit_id.id,
                    "company_id": line.audit_id.company_id.id,
                    "date": line.audit_id.date,
                    "description": self.env._(
                        "Found in the inventory, not in the register: %(software)s",
                        software=line.unregistered_software,
                    ),
                }
                for line in lines
            ]
        )
        self._protected_write(
            {"state": "done", "done_date": fields.Datetime.now(), "done_user_id": self.env.uid}
        )
        return True

    def _check_state(self, state):
        wrong = self.filtered(lambda a: a.state != state)
        if wrong:
            raise UserError(
                self.env._(
                    "%(audits)s is not in the right state for this action.",
                    audits=", ".join(wrong.mapped("name")),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(self.env._("A started or closed inventory is kept as a record."))
