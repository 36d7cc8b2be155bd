from odoo import fields, models


class PropertyStaffLoanSettlement(models.Model):
    """A repayment [还款] or an expense settlement [报销冲账] of a staff loan, with its entry;
    made only by the loan's settle action."""

    _name = "property.staff.loan.settlement"
    _description = "Staff Loan Settlement"
    _order = "date desc, id desc"

    loan_id = fields.Many2one(
        "property.staff.loan", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="loan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="loan_id.currency_id")
    kind = fields.Selection(
        [("repayment", "Repayment"), ("expense", "Expense Settlement")],
        required=True,
        readonly=True,
    )
    amount = fields.Monetary(required=True, readonly=True)
    date = fields.Date(required=True, readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
