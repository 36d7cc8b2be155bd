from odoo import api, fields, models


class PropertyStaffLoanSettleWizard(models.TransientModel):
    """Record a repayment or an expense settlement of a paid staff loan."""

    _name = "property.staff.loan.settle.wizard"
    _description = "Settle a Staff Loan"

    loan_id = fields.Many2one("property.staff.loan", required=True, readonly=True)
    company_id = fields.Many2one(related="loan_id.company_id")
    currency_id = fields.Many2one(related="loan_id.currency_id")
    balance = fields.Monetary(related="loan_id.balance")
    kind = fields.Selection(
        [("repayment", "Repayment"), ("expense", "Expense Settlement")],
        required=True,
        default="repayment",
    )
    amount = fields.Monetary(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        string="Bank or Cash Journal",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
    )
    account_id = fields.Many2one(
        "account.account",
        string="Expense Account",
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
    )

    @api.onchange("loan_id")
    def _onchange_loan_id(self):
        self.amount = self.loan_id.balance
        self.journal_id = self.loan_id.journal_id

    def action_confirm(self):
        self.ensure_one()
        self.loan_id.action_settle(
            self.kind, self.amount, journal=self.journal_id, account=self.account_id, date=self.date
        )
        return {"type": "ir.actions.act_window_close"}
