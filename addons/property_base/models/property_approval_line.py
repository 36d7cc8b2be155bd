from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import person_lang


class PropertyApprovalLine(models.Model):
    """One step of one approval round of one record: the audit trail of approvals."""

    _name = "property.approval.line"
    _inherit = ["property.protected.mixin"]
    _description = "Approval Line"
    _order = "res_model, res_id, approval_round desc, sequence, id"
    _check_company_auto = True
    _rec_name = "name"
    # the approval engine writes them (as superuser); nobody else
    _protected_fields = (
        "state", "done_user_id", "done_date", "approver_user_ids", "participant_user_ids",
        "requester_id", "reason",
    )  # fmt: skip

    res_model = fields.Char(string="Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, index=True, readonly=True
    )
    res_name = fields.Char(string="Record", readonly=True)
    model_description = fields.Char(compute="_compute_model_description", string="Document Type")
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    route_id = fields.Many2one(
        "property.approval.route", ondelete="restrict", readonly=True, check_company=True
    )
    step_id = fields.Many2one(
        "property.approval.route.step", string="Route Step", ondelete="set null", readonly=True
    )
    approval_round = fields.Integer(string="Round", readonly=True)
    sequence = fields.Integer(readonly=True)
    # the step's name when the round started, in every language of the step (see create)
    name = fields.Char(string="Step", required=True, readonly=True, translate=True)
    state = fields.Selection(
        [
            ("waiting", "Waiting"),
            ("pending", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="waiting",
        index=True,
        readonly=True,
    )
    requester_id = fields.Many2one("res.users", string="Requested By", index=True, readonly=True)
    request_date = fields.Datetime(string="Requested On", readonly=True)
    approver_user_ids = fields.Many2many(
        "res.users",
        "property_approval_line_approver_rel",
        "line_id",
        "user_id",
        string="Approvers",
        readonly=True,
    )
    participant_user_ids = fields.Many2many(
        "res.users",
        "property_approval_line_participant_rel",
        "line_id",
        "user_id",
        string="Participants",
        readonly=True,
        help="The requester and every approver of the round: who may read this line.",
    )
    done_user_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    done_date = fields.Datetime(string="Decided On", readonly=True)
    reason = fields.Text(readonly=True)
    is_current_approver = fields.Boolean(
        compute="_compute_is_current_approver",
        search="_search_is_current_approver",
        string="Waiting for Me",
    )

    @api.depends("res_model")
    def _compute_model_description(self):
        names = {m: self.env["ir.model"]._get(m).name for m in set(self.mapped("res_model"))}
        for line in self:
            line.model_description = names.get(line.res_model)

    @api.depends_context("uid")
    @api.depends("state", "approver_user_ids")
    def _compute_is_current_approver(self):
        for line in self:
            line.is_current_approver = (
                line.state == "pending" and self.env.user in line.approver_user_ids
            )

    def _search_is_current_approver(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Waiting for Me'."))
        domain = [("state", "=", "pending"), ("approver_user_ids", "in", self.env.uid)]
        return domain if (operator == "=") == value else ["!", *domain]

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._copy_step_names()
        return lines

    def _copy_step_names(self):
        """Store each line's step name in all the languages of the step, in one query: the
        name is kept as it was at submission (audit trail), yet reads in each reader's
        language."""
        lines = self.filtered("step_id")
        if not lines:
            return
        self.flush_recordset(["name", "step_id"])
        self.env["property.approval.route.step"].flush_model(["name"])
        self.env.cr.execute(
            """UPDATE property_approval_line line SET name = step.name
                 FROM property_approval_route_step step
                WHERE line.step_id = step.id AND line.id IN %s""",
            [tuple(lines.ids)],
        )
        lines.invalidate_recordset(["name"])

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audit_trail(self):
        raise UserError(
            self.env._("Approval lines are the audit trail of approvals and cannot be deleted.")
        )

    # Actions

    def _get_records(self):
        """Return ``{model name: records}`` of the documents of these lines."""
        result = {}
        for line in self:
            result.setdefault(line.res_model, []).append(line.res_id)
        return {model: self.env[model].browse(ids) for model, ids in result.items()}

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }

    def action_approve(self):
        for records in self._get_records().values():
            records.action_approval_approve()
        return True

    def action_reject(self):
        records_by_model = self._get_records()
        if len(records_by_model) != 1:
            raise UserError(self.env._("Reject the documents of one type at a time."))
        return next(iter(records_by_model.values())).action_approval_reject()

    # Business

    @api.model
    def _approval_activity_type(self):
        return self.env.ref(
            "property_base.mail_activity_type_approval", raise_if_not_found=False
        ) or self.env.ref("mail.mail_activity_data_todo")

    def _approval_schedule_activities(self):
        """Schedule one approval activity per approver of these lines, in one batch, each in
        its approver's language."""
        activity_type = self._approval_activity_type()
        model_ids = {m: self.env["ir.model"]._get_id(m) for m in set(self.mapped("res_model"))}
        vals_list = [
            {
                "res_model_id": model_ids[line.res_model],
                "res_id": line.res_id,
                "activity_type_id": activity_type.id,
                "summary": line.env._("Approve: %(step)s", step=line.name),
                "user_id": user.id,
                "date_deadline": fields.Date.context_today(self),
            }
            for approver_line in self
            for user in approver_line.approver_user_ids
            for line in approver_line.with_context(lang=person_lang(user))
        ]
        return self.env["mail.activity"].sudo().create(vals_list)
