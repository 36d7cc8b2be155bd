from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyDocReissue(models.Model):
    """A reissue request QR-WD01-02-06 (5.7.2): a copy seriously damaged or lost is replaced
    with the office director's approval; the damaged copy is recalled first and the new copy
    gets the next distribution number of the document. Kept one year."""

    _name = "property.doc.reissue"
    _description = "Reissue Request"
    _inherit = [
        "property.approval.mixin",
        "property.doc.register.mixin",
        "property.protected.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _form_number = "QR-WD01-02-06"
    _register_date_field = "date"
    _protected_fields = (
        "state",
        "damaged_recalled",
        "recalled_date",
        "new_number",
        "new_distribution_id",
        "retention_expired",
    )

    distribution_id = fields.Many2one(
        "property.doc.distribution",
        string="Original Distribution",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    document_id = fields.Many2one(
        related="distribution_id.document_id", store=True, index=True, string="Document"
    )
    damaged_number = fields.Integer(string="Distribution Number of the Copy", required=True)
    reason = fields.Selection(
        [("damaged", "Seriously Damaged"), ("lost", "Lost")],
        required=True,
        default="damaged",
        tracking=True,
    )
    note = fields.Text()
    date = fields.Date(string="Requested On", required=True, default=fields.Date.context_today)
    requester_id = fields.Many2one(
        "res.users", string="Applicant", required=True, default=lambda self: self.env.user
    )
    damaged_recalled = fields.Boolean(string="Damaged Copy Recalled", readonly=True, copy=False)
    recalled_date = fields.Datetime(string="Recalled On", readonly=True, copy=False)
    new_number = fields.Integer(string="New Distribution Number", readonly=True, copy=False)
    new_distribution_id = fields.Many2one(
        "property.doc.distribution", string="New Distribution", readonly=True, copy=False
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Reissued"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("distribution_id", "damaged_number")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "%(document)s No. %(number)03d",
                document=request.document_id.display_name or "",
                number=request.damaged_number,
            )

    @api.constrains("distribution_id", "damaged_number")
    def _check_damaged_number(self):
        for request in self:
            distribution = request.distribution_id
            if not distribution.number_first <= request.damaged_number <= distribution.number_last:
                raise ValidationError(
                    self.env._(
                        "Distribution number %(number)s is not one of the copies of "
                        "%(distribution)s.",
                        number=request.damaged_number,
                        distribution=distribution.display_name,
                    )
                )

    def write(self, vals):
        fixed = {"distribution_id", "damaged_number", "reason"}
        if not self.env.su and fixed & set(vals) and any(r.state != "draft" for r in self):
            raise UserError(self.env._("The reissue request can be changed only in a draft."))
        return super().write(vals)

    # Actions

    def action_recall_damaged(self):
        """The office takes the damaged copy back (5.7.2)."""
        self._check_office()
        for request in self:
            if request.reason != "damaged" or request.damaged_recalled or request.state == "done":
                raise UserError(
                    self.env._(
                        "%(request)s has no damaged copy to recall.", request=request.display_name
                    )
                )
        self._protected_write({"damaged_recalled": True, "recalled_date": fields.Datetime.now()})
        return True

    def action_reissue(self):
        """Issue the new copy: the next distribution number of the document (5.7.2)."""
        self._check_office()
        for request in self:
            if request.state != "approved":
                raise UserError(
                    self.env._(
                        "%(request)s is not approved by the office director yet.",
                        request=request.display_name,
                    )
                )
            if request.reason == "damaged" and not request.damaged_recalled:
                raise UserError(
                    self.env._(
                        "Recall the damaged copy No. %(number)03d before reissuing it.",
                        number=request.damaged_number,
                    )
                )
            original = request.distribution_id
            new = self.env["property.doc.distribution"].create(
                {
                    "document_id": original.document_id.id,
                    "department_id": original.department_id.id,
                    "recipient_user_id": original.recipient_user_id.id,
                    "quantity": 1,
                    "company_id": original.company_id.id,
                }
            )
            new._protected_write({"reissue_id": request.id})
            request._protected_write(
                {"state": "done", "new_number": new.number_first, "new_distribution_id": new.id}
            )
        return True

    def _check_office(self):
        if not self.env.user.has_group("property_docs.group_docs_clerk"):
            raise UserError(self.env._("Only the office recalls and reissues copies."))
