from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

AUTHORITY_FIELDS = ("authority_date", "authority_reference")


class PropertyFireViolation(models.Model):
    """A violation of the fire-safety rules (FIRE-7): the offender (an owner or the unit, or
    another person), where and what; the dissuasion and stop actions taken, each logged with
    who, when, what and its result; rectified and closed, or escalated to the fire authority
    with a date and reference once a logged action was ignored."""

    _name = "property.fire.violation"
    _description = "Fire-Safety Violation"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = (
        "state",
        "rectified_date",
        "closed_date",
        "closed_by_id",
        "escalated_date",
        "reporter_partner_id",
        "report_state",
        "report_verified_by_id",
        "report_verified_date",
        *AUTHORITY_FIELDS,
    )

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        default=lambda s: s.env._("New"),
    )
    violation_type = fields.Selection(
        [
            ("fire_lane", "Parking or Piling on a Fire Lane"),
            ("evacuation", "Blocking an Evacuation Route or Exit"),
            ("ebike", "Charging an E-Bike Indoors"),
            ("open_fire", "Unauthorised Use of Fire or Hot Work"),
            ("facility", "Damaging or Misusing Fire Facilities"),
            ("storage", "Storing Flammable Goods"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="fire_lane",
        tracking=True,
    )
    date = fields.Datetime(string="Found On", required=True, default=fields.Datetime.now)
    reported_by_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda s: s.env.user, readonly=True
    )
    project_id = fields.Many2one(
        "property.project", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    building_id = fields.Many2one(
        "property.building", string="Building", domain="[('project_id', '=', project_id)]"
    )
    location = fields.Char(required=True, tracking=True)
    description = fields.Text(required=True)
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_fire_violation_photo_rel",
        "violation_id",
        "attachment_id",
        string="Photos",
    )
    # the offender: an owner (or the unit's owners) through property_base, or another person
    offender_type = fields.Selection(
        [("owner", "Owner or Unit"), ("other", "Other Person")],
        required=True,
        default="owner",
    )
    unit_id = fields.Many2one(
        "property.unit", string="Unit", domain="[('project_id', '=', project_id)]", index=True
    )
    partner_id = fields.Many2one("res.partner", string="Owner", index=True)
    offender_name = fields.Char(string="Offender")
    offender_phone = fields.Char(string="Offender's Phone")
    action_ids = fields.One2many(
        "property.fire.violation.action",
        "violation_id",
        string="Dissuasion and Stop Actions",
        copy=False,
    )
    action_count = fields.Integer(compute="_compute_action_count")
    state = fields.Selection(
        [
            ("reported", "Reported"),
            ("dissuaded", "Dissuaded or Stopped"),
            ("escalated", "Escalated to Fire Authority"),
            ("rectified", "Rectified"),
            ("closed", "Closed"),
        ],
        default="reported",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand=True,
    )
    rectification_note = fields.Text(string="Rectification")
    rectified_date = fields.Date(string="Rectified On", readonly=True, copy=False)
    closed_date = fields.Date(string="Closed On", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", string="Closed By", readonly=True, copy=False)
    authority_date = fields.Date(string="Reported to Fire Authority On", tracking=True, copy=False)
    authority_reference = fields.Char(string="Fire Authority Reference", tracking=True, copy=False)
    escalated_date = fields.Date(string="Escalated On", readonly=True, copy=False)
    # a report by an owner (FIRE-10), also through the portal, verified by someone else
    reporter_partner_id = fields.Many2one(
        "res.partner", string="Reported By (Owner)", readonly=True, index=True, copy=False
    )
    report_state = fields.Selection(
        [("to_verify", "To Verify"), ("confirmed", "Confirmed"), ("rejected", "Not Confirmed")],
        string="Report Verification",
        readonly=True,
        copy=False,
        tracking=True,
    )
    report_verified_by_id = fields.Many2one(
        "res.users", string="Report Verified By", readonly=True, copy=False
    )
    report_verified_date = fields.Date(string="Report Verified On", readonly=True, copy=False)

    @api.depends("action_ids")
    def _compute_action_count(self):
        for violation in self:
            violation.action_count = len(violation.action_ids)

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id and not self.partner_id:
            self.partner_id = self.unit_id.owner_ids[:1]

    @api.constrains("offender_type", "unit_id", "partner_id", "offender_name")
    def _check_offender(self):
        for violation in self:
            if violation.offender_type == "owner" and not (
                violation.unit_id or violation.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Name the offending owner or unit of %(violation)s.",
                        violation=violation.name,
                    )
                )
            if violation.offender_type == "other" and not violation.offender_name:
                raise ValidationError(
                    self.env._(
                        "Give the name of the offender of %(violation)s.", violation=violation.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("property.fire.violation")
        violations = super().create(vals_list)
        violations.filtered(
            lambda v: v.reporter_partner_id and not v.report_state
        )._protected_write({"report_state": "to_verify"})
        return violations

    def _protected_create_allowed(self, fname, vals):
        # an officer records the report of an owner (by phone, at the desk)
        return fname == "reporter_partner_id"

    def _report_portal_create(self, partner, unit, location, description, photos=()):
        """A violation reported by an owner through the portal (created as superuser: the
        reporter is the portal user's own person, never a value of the form)."""
        violation = self.sudo().create(
            {
                "project_id": unit.project_id.id,
                "building_id": unit.building_id.id,
                "location": location,
                "description": description,
                "violation_type": "other",
                "offender_type": "other",
                "offender_name": self.env._("Unknown (reported by an owner)"),
                "reporter_partner_id": partner.id,
                "reported_by_id": False,
            }
        )
        if photos:
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "datas": data,
                            "res_model": self._name,
                            "res_id": violation.id,
                        }
                        for name, data in photos
                    ]
                )
            )
            violation.photo_ids = attachments
        return violation

    def _check_report_verifier(self):
        for violation in self:
            if violation.report_state != "to_verify":
                raise UserError(
                    self.env._(
                        "%(violation)s is not a report waiting for verification.",
                        violation=violation.name,
                    )
                )
            if violation.reporter_partner_id == self.env.user.partner_id:
                raise UserError(
                    self.env._(
                        "You reported %(violation)s: someone else must verify the report.",
                        violation=violation.name,
                    )
                )

    def action_confirm_report(self):
        """The report is verified true on the spot (by someone other than the reporter)."""
        self._check_report_verifier()
        self._protected_write(
            {
                "report_state": "confirmed",
                "report_verified_by_id": self.env.user.id,
                "report_verified_date": fields.Date.context_today(self),
            }
        )

    def action_reject_report(self):
        self._check_report_verifier()
        self._protected_write(
            {
                "report_state": "rejected",
                "report_verified_by_id": self.env.user.id,
                "report_verified_date": fields.Date.context_today(self),
            }
        )

    def _protected_write_allowed(self, fname, value):
        # the fire authority's date and reference are filled in before the escalation
        if fname in AUTHORITY_FIELDS:
            return self.filtered(lambda v: v.state in ("reported", "dissuaded"))
        return super()._protected_write_allowed(fname, value)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archive(self):
        raise UserError(
            self.env._("Fire-safety violations are kept in the fire archive and cannot be deleted.")
        )

    # Actions

    def action_escalate(self):
        """Escalate to the fire authority: only after a logged dissuasion or stop action that
        the offender ignored, with the authority's date and reference."""
        today = fields.Date.context_today(self)
        for violation in self:
            if violation.state != "dissuaded":
                raise UserError(
                    self.env._(
                        "%(violation)s can be escalated only after a dissuasion or stop action.",
                        violation=violation.name,
                    )
                )
            if not violation.action_ids.filtered(lambda a: a.result == "ignored"):
                raise UserError(
                    self.env._(
                        "No logged dissuasion or stop action of %(violation)s was ignored: "
                        "it cannot be escalated to the fire authority.",
                        violation=violation.name,
                    )
                )
            if not violation.authority_date or not violation.authority_reference:
                raise UserError(
                    self.env._(
                        "Fill in the date and the reference of the report to the fire "
                        "authority before escalating %(violation)s.",
                        violation=violation.name,
                    )
                )
            if violation.authority_date > today:
                raise UserError(
                    self.env._(
                        "The date of the report of %(violation)s to the fire authority cannot "
                        "be in the future.",
                        violation=violation.name,
                    )
                )
        self._protected_write({"state": "escalated", "escalated_date": today})

    def action_rectify(self):
        for violation in self:
            if violation.state not in ("reported", "dissuaded", "escalated"):
                raise UserError(
                    self.env._(
                        "%(violation)s cannot be rectified in its current state.",
                        violation=violation.name,
                    )
                )
            if not violation.rectification_note:
                raise UserError(
                    self.env._(
                        "Describe how %(violation)s was rectified first.",
                        violation=violation.name,
                    )
                )
        self._protected_write(
            {"state": "rectified", "rectified_date": fields.Date.context_today(self)}
        )

    def action_close(self):
        for violation in self:
            if violation.state != "rectified":
                raise UserError(
                    self.env._(
                        "Only a rectified violation can be closed: %(violation)s is not.",
                        violation=violation.name,
                    )
                )
        self._protected_write(
            {
                "state": "closed",
                "closed_date": fields.Date.context_today(self),
                "closed_by_id": self.env.user.id,
            }
        )

    def action_log_action(self):
        """A new dissuasion or stop action of this violation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dissuasion or Stop Action"),
            "res_model": "property.fire.violation.action",
            "view_mode": "form",
            "target": "new",
            "context": {"default_violation_id": self.id},
        }


class PropertyFireViolationAction(models.Model):
    """A dissuasion or stop action taken against a violation (FIRE-7): who, when, what and
    its result, logged once and kept."""

    _name = "property.fire.violation.action"
    _description = "Dissuasion or Stop Action"
    _inherit = ["property.protected.mixin"]
    _order = "date, id"
    _check_company_auto = True
    _protected_fields = ("violation_id", "kind", "date", "user_id", "result")

    violation_id = fields.Many2one(
        "property.fire.violation",
        string="Violation",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="violation_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [("dissuasion", "Dissuasion"), ("stop", "Order to Stop")],
        string="Action",
        required=True,
        default="dissuasion",
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="Taken By", required=True, readonly=True, default=lambda s: s.env.user
    )
    description = fields.Text(string="What Was Done", required=True)
    result = fields.Selection(
        [
            ("complied", "Complied"),
            ("promised", "Promised to Rectify"),
            ("ignored", "Ignored"),
        ],
        required=True,
    )

    def _protected_create_allowed(self, fname, vals):
        # what was done and its result are the actor's to log, once; the actor is the user
        if fname in ("violation_id", "kind", "result"):
            return True
        if fname == "user_id":
            return vals[fname] == self.env.uid
        return False

    @api.model_create_multi
    def create(self, vals_list):
        violations = self.env["property.fire.violation"].browse(
            {vals["violation_id"] for vals in vals_list if vals.get("violation_id")}
        )
        closed = violations.filtered(lambda v: v.state in ("rectified", "closed"))
        if closed:
            raise UserError(
                self.env._(
                    "%(violation)s is already rectified: no more actions can be logged.",
                    violation=closed[0].name,
                )
            )
        actions = super().create(vals_list)
        actions.violation_id.filtered(lambda v: v.state == "reported")._protected_write(
            {"state": "dissuaded"}
        )
        return actions

    @api.ondelete(at_uninstall=False)
    def _unlink_except_log(self):
        raise UserError(
            self.env._("Dissuasion and stop actions are kept in the log and cannot be deleted.")
        )
