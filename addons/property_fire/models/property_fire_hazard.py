from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.property_base.tools import person_lang

REPORT_FIELDS = (
    "committee_date",
    "committee_reference",
    "authority_date",
    "authority_reference",
)


class PropertyFireHazard(models.Model):
    """A fire hazard (FIRE-5): rectified at once with evidence, or reported to the owners'
    committee and the fire authority and tracked to closure; closure verified by someone
    other than the rectifier."""

    _name = "property.fire.hazard"
    _description = "Fire Hazard"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _protected_fields = (
        "state",
        "rectified_by_id",
        "rectified_date",
        "verified_by_id",
        "verified_date",
        "reported_date",
        "escalated",
        *REPORT_FIELDS,
    )

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        default=lambda s: s.env._("New"),
    )
    description = fields.Text(required=True, tracking=True)
    source = fields.Selection(
        [
            ("inspection", "Inspection"),
            ("patrol", "Patrol"),
            ("key_area", "Key Area Check"),
            ("report", "Report"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    inspection_id = fields.Many2one(
        "property.fire.inspection", string="Inspection", index=True, readonly=True, copy=False
    )
    key_area_check_id = fields.Many2one(
        "property.fire.key.area.check",
        string="Key Area Check",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    patrol_line_id = fields.Many2one(
        "property.fire.patrol.line",
        string="Patrol Check Point",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    key_area_id = fields.Many2one(
        related="key_area_check_id.key_area_id", store=True, string="Key Area"
    )
    project_id = fields.Many2one(
        "property.project", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    building_id = fields.Many2one(
        "property.building", string="Building", domain="[('project_id', '=', project_id)]"
    )
    location = fields.Char(tracking=True)
    severity = fields.Selection(
        [("general", "General"), ("major", "Major")],
        required=True,
        default="general",
        tracking=True,
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_fire_hazard_photo_rel",
        "hazard_id",
        "attachment_id",
        string="Photos",
    )
    responsible_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, default=lambda s: s.env.user
    )
    deadline = fields.Date(string="Rectification Deadline", tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("reported", "Reported"),
            ("rectified", "Rectified"),
            ("closed", "Closed"),
        ],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        group_expand=True,
    )
    # report to the owners' committee and the fire authority
    committee_date = fields.Date(string="Reported to Owners' Committee On", tracking=True)
    committee_reference = fields.Char(string="Owners' Committee Reference", tracking=True)
    authority_date = fields.Date(string="Reported to Fire Authority On", tracking=True)
    authority_reference = fields.Char(string="Fire Authority Reference", tracking=True)
    reported_date = fields.Date(string="Reported On", readonly=True)
    # rectification and its verification
    rectification_note = fields.Text(string="Rectification")
    evidence_ids = fields.Many2many(
        "ir.attachment",
        "property_fire_hazard_evidence_rel",
        "hazard_id",
        "attachment_id",
        string="Rectification Evidence",
    )
    rectified_by_id = fields.Many2one("res.users", string="Rectified By", readonly=True)
    rectified_date = fields.Date(string="Rectified On", readonly=True)
    verified_by_id = fields.Many2one("res.users", string="Verified By", readonly=True)
    verified_date = fields.Date(string="Verified On", readonly=True)
    escalated = fields.Boolean(readonly=True, help="The overdue hazard was escalated.")
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for hazard in self:
            hazard.is_overdue = bool(
                hazard.deadline and hazard.deadline < today and hazard.state != "closed"
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            ("deadline", "<", fields.Date.context_today(self)),
            ("state", "!=", "closed"),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("property.fire.hazard")
        return super().create(vals_list)

    def _protected_write_allowed(self, fname, value):
        # the report's dates and references are filled in before the report is made
        if fname in REPORT_FIELDS:
            return self.filtered(lambda h: h.state == "open")
        return super()._protected_write_allowed(fname, value)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archive(self):
        raise UserError(
            self.env._("Fire hazards are kept in the fire archive and cannot be deleted.")
        )

    # Actions

    def action_rectify(self):
        """Rectified (at once, or after the report) with the rectification and its evidence."""
        for hazard in self:
            if hazard.state not in ("open", "reported"):
                raise UserError(
                    self.env._(
                        "%(hazard)s cannot be rectified in its current state.",
                        hazard=hazard.name,
                    )
                )
            if not hazard.rectification_note or not hazard.evidence_ids:
                raise UserError(
                    self.env._(
                        "Describe the rectification of %(hazard)s and attach its evidence "
                        "(photos or documents) first.",
                        hazard=hazard.name,
                    )
                )
        self._protected_write(
            {
                "state": "rectified",
                "rectified_by_id": self.env.user.id,
                "rectified_date": fields.Date.context_today(self),
            }
        )

    def action_report(self):
        """Report a hazard that cannot be rectified at once to the owners' committee and the
        fire authority (dates and references required)."""
        for hazard in self:
            if hazard.state != "open":
                raise UserError(
                    self.env._("%(hazard)s is not open: it cannot be reported.", hazard=hazard.name)
                )
            missing = [
                hazard._fields[fname]._description_string(self.env)
                for fname in REPORT_FIELDS
                if not hazard[fname]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fill in %(fields)s before reporting %(hazard)s.",
                        fields="、".join(missing),
                        hazard=hazard.name,
                    )
                )
            today = fields.Date.context_today(self)
            if hazard.committee_date > today or hazard.authority_date > today:
                raise UserError(
                    self.env._(
                        "The report dates of %(hazard)s cannot be in the future.",
                        hazard=hazard.name,
                    )
                )
        self._protected_write(
            {"state": "reported", "reported_date": fields.Date.context_today(self)}
        )

    def action_verify(self):
        """Closure, verified by someone other than the rectifier."""
        for hazard in self:
            if hazard.state != "rectified":
                raise UserError(
                    self.env._(
                        "Only a rectified hazard can be verified: %(hazard)s is not.",
                        hazard=hazard.name,
                    )
                )
            if hazard.rectified_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "%(hazard)s was rectified by you: someone else must verify its closure.",
                        hazard=hazard.name,
                    )
                )
            if not hazard.evidence_ids:
                raise UserError(
                    self.env._(
                        "%(hazard)s has no rectification evidence: it cannot be closed.",
                        hazard=hazard.name,
                    )
                )
        self._protected_write(
            {
                "state": "closed",
                "verified_by_id": self.env.user.id,
                "verified_date": fields.Date.context_today(self),
            }
        )

    def action_refuse_rectification(self):
        """The verifier finds the rectification insufficient: back to rectify."""
        for hazard in self:
            if hazard.state != "rectified":
                raise UserError(
                    self.env._("%(hazard)s is not waiting for verification.", hazard=hazard.name)
                )
            if hazard.rectified_by_id == self.env.user:
                raise UserError(
                    self.env._(
                        "%(hazard)s was rectified by you: someone else must verify its closure.",
                        hazard=hazard.name,
                    )
                )
        for hazard in self:
            hazard._protected_write(
                {
                    "state": "reported" if hazard.reported_date else "open",
                    "rectified_by_id": False,
                    "rectified_date": False,
                }
            )

    def action_print_notice(self):
        self.ensure_one()
        if self.state == "open" or not self.reported_date:
            raise UserError(self.env._("Only a reported hazard has a notice to print."))
        return self.env.ref("property_fire.action_report_fire_hazard_notice").report_action(self)

    @api.model
    def _cron_escalate_overdue(self):
        """Overdue hazards are escalated once to the project's fire-safety manager (else the
        project manager) with a to-do; run twice, it creates nothing twice."""
        hazards = self.search([("is_overdue", "=", True), ("escalated", "=", False)])
        if not hazards:
            return
        managers = hazards.project_id._fire_current_appointments()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for hazard in hazards:
            employee = managers.get((hazard.project_id.id, "manager"))
            user = employee.user_id if employee else hazard.project_id.manager_id
            user = user or hazard.responsible_id
            if not user:
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": hazard.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": hazard.with_context(lang=person_lang(user)).env._(
                        "Overdue fire hazard %(hazard)s: deadline %(deadline)s passed.",
                        hazard=hazard.name,
                        deadline=hazard.deadline,
                    ),
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)
        hazards._protected_write({"escalated": True})
