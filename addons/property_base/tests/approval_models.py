"""Models used by the approval tests only, loaded with ``FakeModelLoader``."""

from odoo import fields, models


class PropertyApprovalTester(models.Model):
    _name = "property.approval.tester"
    _description = "Approval Tester"
    _inherit = ["property.approval.mixin"]

    name = fields.Char(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    amount = fields.Float()
    confidentiality = fields.Selection([("A", "A"), ("B", "B"), ("C", "C")], default="C")
    reviewer_id = fields.Many2one("res.users")
    approved_hook_count = fields.Integer()
    rejected_hook_count = fields.Integer()

    def _approval_on_approved(self):
        for record in self:
            record.approved_hook_count += 1

    def _approval_on_rejected(self):
        for record in self:
            record.rejected_hook_count += 1


class PropertyApprovalTesterDirect(models.Model):
    _name = "property.approval.tester.direct"
    _description = "Approval Tester Approved Without Route"
    _inherit = ["property.approval.tester"]
    _approval_allow_without_route = True
