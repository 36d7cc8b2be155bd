from odoo import api, fields, models
from odoo.exceptions import UserError

RESULTS = [("ok", "OK"), ("not_ok", "Not OK"), ("na", "N/A")]


class PropertyFireChecklist(models.Model):
    _name = "property.fire.checklist"
    _description = "Fire-Safety Inspection Checklist"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda s: s.env.company)
    item_ids = fields.One2many("property.fire.checklist.item", "checklist_id", string="Items")


class PropertyFireChecklistItem(models.Model):
    _name = "property.fire.checklist.item"
    _description = "Fire-Safety Checklist Item"
    _order = "checklist_id, sequence, id"

    checklist_id = fields.Many2one(
        "property.fire.checklist", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True, translate=True)


class PropertyFireInspection(models.Model):
    """A fire-safety inspection of an area or a department (FIRE-4): results per checklist
    item, findings opening hazards, signed by the inspector and by the inspected
    department's head before it is done."""

    _name = "property.fire.inspection"
    _description = "Fire-Safety Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = (
        "state",
        "inspector_signature",
        "inspector_signed_by_id",
        "inspector_signed_at",
        "head_signature",
        "head_signed_by_id",
        "head_signed_at",
        "date_done",
    )

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        default=lambda s: s.env._("New"),
    )
    project_id = fields.Many2one(
        "property.project", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    inspection_type = fields.Selection(
        [("scheduled", "Scheduled"), ("adhoc", "Ad Hoc")],
        string="Type",
        required=True,
        default="scheduled",
    )
    area = fields.Char(string="Inspected Area", tracking=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Inspected Department",
        required=True,
        tracking=True,
        check_company=True,
    )
    head_user_id = fields.Many2one(
        "res.users",
        string="Department Head",
        compute="_compute_head_user_id",
        help="The manager of the inspected department, who signs the inspection.",
    )
    inspector_id = fields.Many2one(
        "res.users", string="Inspector", required=True, default=lambda s: s.env.user, tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    checklist_id = fields.Many2one("property.fire.checklist", string="Checklist")
    line_ids = fields.One2many("property.fire.inspection.line", "inspection_id", string="Results")
    hazard_ids = fields.One2many("property.fire.hazard", "inspection_id", string="Hazards")
    hazard_count = fields.Integer(compute="_compute_hazard_count")
    note = fields.Text(string="Findings")
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    inspector_signature = fields.Binary(string="Inspector's Signature", readonly=True, copy=False)
    inspector_signed_by_id = fields.Many2one(
        "res.users", string="Signed by Inspector", readonly=True
    )
    inspector_signed_at = fields.Datetime(string="Inspector Signed On", readonly=True)
    head_signature = fields.Binary(string="Department Head's Signature", readonly=True, copy=False)
    head_signed_by_id = fields.Many2one(
        "res.users", string="Signed by Department Head", readonly=True
    )
    head_signed_at = fields.Datetime(string="Department Head Signed On", readonly=True)
    date_done = fields.Datetime(string="Done On", readonly=True)

    @api.depends("department_id.manager_id.user_id")
    def _compute_head_user_id(self):
        for inspection in self:
            inspection.head_user_id = inspection.department_id.sudo().manager_id.user_id

    def _compute_hazard_count(self):
        counts = dict(
            self.env["property.fire.hazard"]._read_group(
                [("inspection_id", "in", self.ids)], ["inspection_id"], ["__count"]
            )
        )
        for inspection in self:
            inspection.hazard_count = counts.get(inspection, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("property.fire.inspection")
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda i: i.state == "done") and set(vals) - {
            "message_main_attachment_id",
            "activity_ids",
        }:
            if not self.env.su:
                raise UserError(self.env._("A finished inspection cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda i: i.state != "draft"):
            raise UserError(
                self.env._(
                    "Started inspections are kept in the fire archive and cannot be deleted."
                )
            )

    # Actions

    def action_start(self):
        """Start: the checklist's items become the inspection's results to record."""
        for inspection in self:
            if inspection.state != "draft":
                raise UserError(
                    self.env._("%(inspection)s is already started.", inspection=inspection.name)
                )
        vals_list = [
            {"inspection_id": inspection.id, "sequence": item.sequence, "name": item.name}
            for inspection in self
            if not inspection.line_ids
            for item in inspection.checklist_id.item_ids
        ]
        self.env["property.fire.inspection.line"].create(vals_list)
        self._protected_write({"state": "in_progress"})

    def action_open_sign(self):
        self.ensure_one()
        role = self.env.context.get("fire_sign_role", "inspector")
        self._check_signer(role)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign the Inspection"),
            "res_model": "property.fire.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_inspection_id": self.id, "default_role": role},
        }

    def _check_signer(self, role):
        self.ensure_one()
        if self.state != "in_progress":
            raise UserError(
                self.env._(
                    "%(inspection)s can only be signed while it is in progress.",
                    inspection=self.name,
                )
            )
        if role == "inspector" and self.env.user != self.inspector_id:
            raise UserError(
                self.env._(
                    "Only the inspector %(inspector)s can sign %(inspection)s as inspector.",
                    inspector=self.inspector_id.name,
                    inspection=self.name,
                )
            )
        if role == "head" and (not self.head_user_id or self.env.user != self.head_user_id):
            raise UserError(
                self.env._(
                    "Only the head of %(department)s can sign %(inspection)s for the inspected "
                    "department.",
                    department=self.department_id.name,
                    inspection=self.name,
                )
            )

    def _sign(self, role, signature):
        """Record the signature of the current user in ``role`` (inspector or head)."""
        self._check_signer(role)
        if not signature:
            raise UserError(self.env._("Draw the signature first."))
        prefix = "inspector" if role == "inspector" else "head"
        self._protected_write(
            {
                f"{prefix}_signature": signature,
                f"{prefix}_signed_by_id": self.env.user.id,
                f"{prefix}_signed_at": fields.Datetime.now(),
            }
        )

    def action_done(self):
        """Finish: every item has a result, both signatures are there and are the inspector's
        and the department head's; the items not OK open hazards."""
        for inspection in self:
            if inspection.state != "in_progress":
                raise UserError(
                    self.env._(
                        "%(inspection)s must be in progress to be finished.",
                        inspection=inspection.name,
                    )
                )
            if inspection.line_ids.filtered(lambda line: not line.result):
                raise UserError(
                    self.env._(
                        "Record a result for every item of %(inspection)s first.",
                        inspection=inspection.name,
                    )
                )
            if not (inspection.inspector_signature and inspection.head_signature):
                raise UserError(
                    self.env._(
                        "%(inspection)s needs the signatures of the inspector and of the "
                        "inspected department's head before it is finished.",
                        inspection=inspection.name,
                    )
                )
            if (
                inspection.inspector_signed_by_id != inspection.inspector_id
                or inspection.head_signed_by_id != inspection.head_user_id
            ):
                raise UserError(
                    self.env._(
                        "%(inspection)s was signed by someone who is not its inspector or the "
                        "inspected department's head: sign it again.",
                        inspection=inspection.name,
                    )
                )
        findings = self.line_ids.filtered(lambda line: line.result == "not_ok")
        self.env["property.fire.hazard"].create(
            [
                {
                    "source": "inspection",
                    "inspection_id": line.inspection_id.id,
                    "project_id": line.inspection_id.project_id.id,
                    "location": line.inspection_id.area,
                    "description": f"{line.name}: {line.note}" if line.note else line.name,
                    "responsible_id": line.inspection_id.head_user_id.id,
                    "photo_ids": [(6, 0, line.photo_ids.ids)],
                }
                for line in findings
            ]
        )
        self._protected_write({"state": "done", "date_done": fields.Datetime.now()})

    def action_open_hazards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("property_fire.action_fire_hazard")
        action["domain"] = [("inspection_id", "=", self.id)]
        action["context"] = {"create": False}
        return action


class PropertyFireInspectionLine(models.Model):
    _name = "property.fire.inspection.line"
    _description = "Fire-Safety Inspection Result"
    _inherit = ["property.protected.mixin"]
    _order = "inspection_id, sequence, id"
    _protected_fields = ("result",)

    inspection_id = fields.Many2one(
        "property.fire.inspection", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="inspection_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    result = fields.Selection(RESULTS, readonly=True)
    note = fields.Char()
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_fire_inspection_line_photo_rel",
        "line_id",
        "attachment_id",
        string="Photos",
    )

    def write(self, vals):
        if not self.env.su and self.inspection_id.filtered(lambda i: i.state == "done"):
            raise UserError(self.env._("A finished inspection cannot be changed."))
        return super().write(vals)

    def _set_result(self, result):
        for line in self:
            if line.inspection_id.state != "in_progress":
                raise UserError(
                    self.env._("Results are recorded only while the inspection is in progress.")
                )
            if self.env.user != line.inspection_id.inspector_id:
                raise UserError(
                    self.env._(
                        "Only the inspector %(inspector)s records the results.",
                        inspector=line.inspection_id.inspector_id.name,
                    )
                )
            if line.inspection_id.inspector_signature:
                raise UserError(self.env._("The inspection is signed: its results are final."))
        self._protected_write({"result": result})

    def action_set_ok(self):
        self._set_result("ok")

    def action_set_not_ok(self):
        self._set_result("not_ok")

    def action_set_na(self):
        self._set_result("na")
