from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero

CASHIER = "property_finance.group_finance_cashier"
ACCOUNTANT = "property_finance.group_finance_accountant"


class PropertyStaffLoan(models.Model):
    """借款 (FIN-8): money lent to an employee (travel, purchases), paid by the cashier only
    after the department head and the finance manager approve it, then settled by repayment
    [还款] or by expenses [报销冲账] until its balance is zero."""

    _name = "property.staff.loan"
    _description = "Staff Loan"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True
    _protected_fields = (
        "state",
        "paid_amount",
        "settled_amount",
        "balance",
        "is_overdue",
        "payment_move_id",
        "paid_date",
        "settlement_ids",
    )

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.employee_ids.filtered(
            lambda e: e.company_id == self.env.company
        )[:1],
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, index=True, string="Department"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    purpose = fields.Char(required=True, tracking=True)
    request_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    due_date = fields.Date(required=True, tracking=True, help="Date by which the loan is settled.")
    journal_id = fields.Many2one(
        "account.journal",
        string="Payment Journal",
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="The bank or cash journal the cashier pays the loan from.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting for Approval"),
            ("approved", "Approved"),
            ("paid", "Paid"),
            ("settled", "Settled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    paid_date = fields.Date(readonly=True, copy=False)
    paid_amount = fields.Monetary(readonly=True, copy=False)
    payment_move_id = fields.Many2one(
        "account.move", string="Payment Entry", readonly=True, copy=False
    )
    settlement_ids = fields.One2many(
        "property.staff.loan.settlement", "loan_id", string="Settlements", readonly=True
    )
    settled_amount = fields.Monetary(
        compute="_compute_settled_amount", store=True, string="Settled"
    )
    balance = fields.Monetary(compute="_compute_balance", store=True)
    is_overdue = fields.Boolean(
        string="Overdue",
        readonly=True,
        copy=False,
        index=True,
        help="Not settled after its due date; set by the daily check.",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A loan's amount is more than zero."),
        ("balance_not_negative", "CHECK(balance >= 0)", "A loan's balance cannot be negative."),
    ]

    @api.depends("employee_id", "purpose")
    def _compute_display_name(self):
        for loan in self:
            loan.display_name = f"{loan.employee_id.name or ''} {loan.purpose or ''}".strip()

    @api.depends("settlement_ids.amount")
    def _compute_settled_amount(self):
        for loan in self:
            loan.settled_amount = sum(loan.settlement_ids.mapped("amount"))

    @api.depends("paid_amount", "settled_amount")
    def _compute_balance(self):
        for loan in self:
            loan.balance = loan.paid_amount - loan.settled_amount

    # ORM overrides

    def write(self, vals):
        terms = {"employee_id", "amount", "company_id", "request_date"}
        if (
            not self.env.su
            and terms.intersection(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._("A submitted loan's employee, amount and date cannot be changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Submitted loans are kept; they cannot be deleted."))

    # Approval

    def _approval_get_department(self):
        """The department head of the borrowing employee (its parent when the requester
        heads it)."""
        self.ensure_one()
        department = self.sudo().employee_id.department_id
        while department and department.manager_id.user_id == self.env.user:
            department = department.parent_id
        return department

    # Actions

    def action_pay(self):
        """The cashier pays approved loans from their payment journal (出纳付款)."""
        self._check_can_pay()
        self._do_pay()
        return True

    def action_open_settle_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.staff.loan.settle.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_loan_id": self.id},
        }

    def action_settle(self, kind, amount, journal=None, account=None, date=None):
        """Record a repayment (``kind`` "repayment", cash back to ``journal``) or an expense
        settlement (``kind`` "expense", booked to expense ``account``) of ``amount``."""
        self.ensure_one()
        self._check_can_settle(kind, amount, journal, account)
        return self._do_settle(kind, amount, journal, account, date)

    # Checks

    def _check_finance_group(self, group, message):
        if not self.env.su and not self.env.user.has_group(group):
            raise AccessError(message)

    def _check_can_pay(self):
        self._check_finance_group(CASHIER, self.env._("Only a cashier pays staff loans."))
        self.check_access("write")
        for loan in self:
            if loan.state != "approved":
                raise UserError(
                    self.env._(
                        "Loan %(loan)s cannot be paid: it is not approved.",
                        loan=loan.display_name,
                    )
                )
            if not loan.journal_id:
                raise UserError(
                    self.env._(
                        "Choose the bank or cash journal that pays loan %(loan)s.",
                        loan=loan.display_name,
                    )
                )
            if not loan.journal_id.default_account_id:
                raise UserError(
                    self.env._(
                        "Journal %(journal)s has no default account.",
                        journal=loan.journal_id.display_name,
                    )
                )

    def _check_can_settle(self, kind, amount, journal, account):
        if kind == "repayment":
            message = self.env._("Only a cashier records repayments of staff loans.")
        else:
            message = self.env._("Only an accountant records expense settlements of staff loans.")
        self._check_finance_group(CASHIER if kind == "repayment" else ACCOUNTANT, message)
        self.check_access("write")
        if self.state != "paid":
            raise UserError(
                self.env._(
                    "Only a paid loan with an open balance is settled; %(loan)s is not.",
                    loan=self.display_name,
                )
            )
        rounding = self.currency_id.rounding
        if float_compare(amount, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(self.env._("A settlement's amount is more than zero."))
        if float_compare(amount, self.balance, precision_rounding=rounding) > 0:
            raise UserError(
                self.env._(
                    "The settlement of %(amount)s is more than the balance %(balance)s of "
                    "loan %(loan)s.",
                    amount=amount,
                    balance=self.balance,
                    loan=self.display_name,
                )
            )
        if kind == "repayment" and not (journal and journal.default_account_id):
            raise UserError(self.env._("A repayment needs a bank or cash journal."))
        if kind == "expense" and not account:
            raise UserError(self.env._("An expense settlement needs an expense account."))

    # Business

    def _do_pay(self):
        today = fields.Date.context_today(self)
        for loan in self:
            move = loan._create_move(
                loan.journal_id,
                today,
                debit=loan.company_id._property_staff_loan_account(),
                credit=loan.journal_id.default_account_id,
                amount=loan.amount,
                label=self.env._("Staff loan: %(loan)s", loan=loan.display_name),
            )
            loan._protected_write(
                {
                    "state": "paid",
                    "paid_amount": loan.amount,
                    "paid_date": today,
                    "payment_move_id": move.id,
                }
            )
            loan.message_post(
                body=self.env._("Paid %(amount)s: %(move)s", amount=loan.amount, move=move.name)
            )

    def _do_settle(self, kind, amount, journal, account, date):
        date = date or fields.Date.context_today(self)
        loan_account = self.company_id._property_staff_loan_account()
        if kind == "repayment":
            label = self.env._("Repayment of staff loan: %(loan)s", loan=self.display_name)
            move = self._create_move(
                journal, date, journal.default_account_id, loan_account, amount, label
            )
        else:
            label = self.env._("Expense settlement of staff loan: %(loan)s", loan=self.display_name)
            journal = self.company_id._property_staff_loan_expense_journal()
            move = self._create_move(journal, date, account, loan_account, amount, label)
        settlement = (
            self.env["property.staff.loan.settlement"]
            .sudo()
            .create(
                {
                    "loan_id": self.id,
                    "kind": kind,
                    "amount": amount,
                    "date": date,
                    "move_id": move.id,
                }
            )
        )
        if float_is_zero(self.balance, precision_rounding=self.currency_id.rounding):
            self._protected_write({"state": "settled", "is_overdue": False})
        self.message_post(body=label + f" {amount} ({move.name})")
        return settlement

    def _create_move(self, journal, date, debit, credit, amount, label):
        """A posted entry of ``amount`` from ``credit`` to ``debit`` for the employee."""
        partner = self.sudo().employee_id.work_contact_id
        line = {"name": label, "partner_id": partner.id}
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": date,
                    "ref": label,
                    "line_ids": [
                        Command.create(dict(line, account_id=debit.id, debit=amount)),
                        Command.create(dict(line, account_id=credit.id, credit=amount)),
                    ],
                }
            )
        )
        move.action_post()
        return move

    @api.model
    def _cron_overdue(self):
        """Daily: flag the paid loans past their due date with a balance, and unflag the
        others, in one search and one write per flag whatever the number of loans."""
        today = fields.Date.context_today(self)
        overdue = [("state", "=", "paid"), ("balance", ">", 0), ("due_date", "<", today)]
        changes = {
            True: [*overdue, ("is_overdue", "=", False)],
            False: ["&", ("is_overdue", "=", True), "!", "&", "&", *overdue],
        }
        for flag, domain in changes.items():
            loans = self.sudo().search(domain)
            if loans:
                loans._protected_write({"is_overdue": flag})
