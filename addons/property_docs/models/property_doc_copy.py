from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyDocCopy(models.Model):
    """An entry of the copy register QR-WD01-02-05 (5.7.1): copies only with the office
    director's approval; the requester signs for the name and number of copies made. Kept one
    year."""

    _name = "property.doc.copy"
    _description = "Copy Register Entry"
    _inherit = [
        "property.approval.mixin",
        "property.doc.register.mixin",
        "property.protected.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _form_number = "QR-WD01-02-05"
    _register_date_field = "date"
    _protected_fields = ("state", "signed_by_id", "signed_date", "retention_expired")

    document_id = fields.Many2one(
        "property.doc.document", required=True, index=True, check_company=True, tracking=True
    )
    quantity = fields.Integer(required=True, default=1, tracking=True)
    purpose = fields.Char(required=True)
    date = fields.Date(string="Requested On", required=True, default=fields.Date.context_today)
    requester_id = fields.Many2one(
        "res.users", string="Applicant", required=True, default=lambda self: self.env.user
    )
    signed_by_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False)
    signed_date = fields.Datetime(string="Signed On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Copied and Signed"),
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

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
    ]

    @api.depends("document_id", "quantity")
    def _compute_display_name(self):
        for entry in self:
            # no words: the name is frozen into notices in the language of whoever made them
            entry.display_name = f"{entry.document_id.display_name} × {entry.quantity}"

    def write(self, vals):
        fixed = {"document_id", "quantity", "requester_id"}
        if not self.env.su and fixed & set(vals) and any(e.state != "draft" for e in self):
            raise UserError(self.env._("The copy request can be changed only in a draft."))
        return super().write(vals)

    # Actions

    def action_sign(self):
        """The requester signs the register for the approved copies (5.7.1)."""
        for entry in self:
            if entry.state != "approved":
                raise UserError(
                    self.env._(
                        "%(entry)s is not approved by the office director yet.",
                        entry=entry.display_name,
                    )
                )
            if entry.requester_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only the requester %(user)s signs for %(entry)s.",
                        user=entry.requester_id.name,
                        entry=entry.display_name,
                    )
                )
        self._protected_write(
            {"state": "done", "signed_by_id": self.env.uid, "signed_date": fields.Datetime.now()}
        )
        return True

    def _approval_check_can_submit(self):
        result = super()._approval_check_can_submit()
        self.document_id._check_issuable("print")
        return result
