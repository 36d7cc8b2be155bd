from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyFireBrigadeMember(models.Model):
    """A member of a project's volunteer fire brigade (FIRE-2)."""

    _name = "property.fire.brigade.member"
    _description = "Volunteer Fire Brigade Member"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "project_id, role, id"
    _check_company_auto = True
    _rec_name = "employee_id"

    employee_id = fields.Many2one(
        "hr.employee", string="Employee", required=True, tracking=True, check_company=True
    )
    project_id = fields.Many2one(
        "property.project", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    role = fields.Selection(
        [
            ("captain", "Captain"),
            ("vice_captain", "Vice Captain"),
            ("member", "Member"),
        ],
        required=True,
        default="member",
        tracking=True,
    )
    task = fields.Char(
        string="Task in an Emergency", help="E.g. extinguishing, evacuation, communication."
    )
    date_joined = fields.Date(string="Joined On", default=fields.Date.context_today)
    active = fields.Boolean(default=True, tracking=True)
    issue_ids = fields.One2many(
        "property.fire.equipment.issue", "member_id", string="Equipment Issued"
    )
    issued_count = fields.Integer(string="Equipment Held", compute="_compute_issued_count")
    drill_ids = fields.Many2many(
        "property.fire.drill",
        string="Drills Attended",
        compute="_compute_drill_ids",
        help="Drills done of the member's project in which the member took part.",
    )
    drill_count = fields.Integer(string="Number of Drills", compute="_compute_drill_ids")

    _sql_constraints = [
        (
            "employee_project_uniq",
            "unique(employee_id, project_id)",
            "An employee is a member of a project's brigade only once.",
        ),
    ]

    def _compute_drill_ids(self):
        """Drills done in which the member took part, as a brigade member or as a
        participant (one search for the batch)."""
        drills = self.env["property.fire.drill"].search(
            [
                ("state", "=", "done"),
                ("project_id", "in", self.project_id.ids),
                "|",
                ("member_ids", "in", self.ids),
                ("employee_ids", "in", self.employee_id.ids),
            ]
        )
        for member in self:
            attended = drills.filtered(
                lambda d, m=member: d.project_id == m.project_id
                and (m in d.member_ids or m.employee_id in d.employee_ids)
            )
            member.drill_ids = attended
            member.drill_count = len(attended)

    @api.depends("issue_ids.state")
    def _compute_issued_count(self):
        counts = dict(
            self.env["property.fire.equipment.issue"]._read_group(
                [("member_id", "in", self.ids), ("state", "=", "issued")],
                ["member_id"],
                ["__count"],
            )
        )
        for member in self:
            member.issued_count = counts.get(member, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archive(self):
        raise UserError(
            self.env._(
                "Brigade members are kept in the fire archive: archive a member who leaves "
                "instead of deleting them."
            )
        )


class PropertyFireEquipmentIssue(models.Model):
    """Personal fire equipment issued to a brigade member and its return (FIRE-2)."""

    _name = "property.fire.equipment.issue"
    _description = "Fire Equipment Issued"
    _inherit = ["mail.thread", "property.protected.mixin"]
    _order = "date_issued desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "date_returned")

    member_id = fields.Many2one(
        "property.fire.brigade.member",
        string="Brigade Member",
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    name = fields.Char(string="Equipment", required=True, help="E.g. fire suit, helmet, mask.")
    quantity = fields.Integer(default=1, required=True)
    date_issued = fields.Date(
        string="Issued On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_returned = fields.Date(string="Returned On", readonly=True, tracking=True)
    state = fields.Selection(
        [("issued", "Issued"), ("returned", "Returned")],
        default="issued",
        required=True,
        readonly=True,
        tracking=True,
    )

    @api.constrains("quantity")
    def _check_quantity(self):
        for issue in self:
            if issue.quantity <= 0:
                raise ValidationError(self.env._("The quantity issued must be positive."))

    def action_return(self):
        for issue in self:
            if issue.state != "issued":
                raise UserError(
                    self.env._("%(equipment)s was already returned.", equipment=issue.name)
                )
        self._protected_write(
            {"state": "returned", "date_returned": fields.Date.context_today(self)}
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archive(self):
        raise UserError(
            self.env._(
                "Records of equipment issued are kept in the fire archive and cannot be deleted."
            )
        )
