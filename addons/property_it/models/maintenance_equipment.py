from odoo import api, fields, models


class MaintenanceEquipment(models.Model):
    """A computer of the computer register (IT-1): equipment of a computer category."""

    _inherit = "maintenance.equipment"

    it_computer = fields.Boolean(
        related="category_id.it_computer", store=True, index=True, string="Is a Computer"
    )
    it_department_id = fields.Many2one(
        "hr.department",
        string="Using Department",
        compute="_compute_it_department_id",
        store=True,
        readonly=False,
        index=True,
    )
    it_software_ids = fields.One2many(
        "property.it.software", "computer_id", string="Installed Software"
    )
    it_software_count = fields.Integer(
        compute="_compute_it_software_count", string="Installed Software Count"
    )
    it_antivirus_product = fields.Char(string="Antivirus")
    it_antivirus_version = fields.Char(string="Antivirus Version")
    it_antivirus_updated = fields.Date(string="Antivirus Last Update")
    it_antivirus_expiry = fields.Date(string="Antivirus Expiry")
    it_antivirus_monitoring = fields.Boolean(string="Real-time Monitoring", default=True)
    it_antivirus_status = fields.Selection(
        [("ok", "Current"), ("expired", "Expired or Missing"), ("unmonitored", "Not Monitoring")],
        compute="_compute_it_antivirus_status",
        string="Antivirus Status",
    )
    it_last_audit_date = fields.Date(
        compute="_compute_it_last_audit_date",
        string="Last Inventory",
        help="Date of the last closed computer inventory that found this computer.",
    )

    @api.depends("employee_id.department_id", "department_id")
    def _compute_it_department_id(self):
        for computer in self:
            computer.it_department_id = (
                computer.employee_id.department_id or computer.department_id or False
            )

    @api.depends("it_software_ids")
    def _compute_it_software_count(self):
        for computer in self:
            computer.it_software_count = len(computer.it_software_ids)

    @api.depends("it_antivirus_expiry", "it_antivirus_monitoring", "it_antivirus_product")
    def _compute_it_antivirus_status(self):
        today = fields.Date.context_today(self)
        for computer in self:
            problems = computer._it_antivirus_problems(today)
            computer.it_antivirus_status = problems[0] if problems else "ok"

    def _compute_it_last_audit_date(self):
        groups = (
            self.env["property.it.audit.line"]
            .sudo()
            ._read_group(
                [
                    ("computer_id", "in", self.ids),
                    ("result", "=", "found"),
                    ("audit_state", "=", "done"),
                ],
                ["computer_id"],
                ["date:max"],
            )
        )
        dates = {computer.id: date for computer, date in groups}
        for computer in self:
            computer.it_last_audit_date = dates.get(computer.id, False)

    # Business

    def _it_antivirus_problems(self, today):
        """The antivirus problems of this computer (IT-4): expired (or none) and unmonitored."""
        self.ensure_one()
        problems = []
        if (
            not self.it_antivirus_product
            or not self.it_antivirus_expiry
            or (self.it_antivirus_expiry < today)
        ):
            problems.append("expired")
        if not self.it_antivirus_monitoring:
            problems.append("unmonitored")
        return problems

    @api.model
    def _it_antivirus_problem_domain(self, today):
        return [
            ("it_computer", "=", True),
            "|",
            "|",
            "|",
            ("it_antivirus_product", "=", False),
            ("it_antivirus_expiry", "=", False),
            ("it_antivirus_expiry", "<", today),
            ("it_antivirus_monitoring", "=", False),
        ]
