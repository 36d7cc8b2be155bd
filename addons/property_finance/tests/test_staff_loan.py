from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import FinanceCommon


class StaffLoanCommon(FinanceCommon):
    """A borrowing employee (the staff user) in the customer service department, whose head
    approves first; the finance manager approves second; the cashier pays from the bank."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create(
            {
                "name": "刘洋",
                "user_id": cls.user_staff.id,
                "department_id": cls.department.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.bank = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company_a.id)], limit=1
        )
        cls.loan_account = cls.company_a._property_staff_loan_account()
        cls.expense_account = cls.env["account.account"].search(
            [
                *cls.env["account.account"]._check_company_domain(cls.company_a),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )

    def _loan(self, amount=5000.0, due="2026-04-30", **vals):
        return (
            self.env["property.staff.loan"]
            .with_user(self.user_staff)
            .create(
                {
                    "employee_id": self.employee.id,
                    "amount": amount,
                    "purpose": "差旅借款：上海项目考察",
                    "request_date": "2026-03-01",
                    "due_date": due,
                    **vals,
                }
            )
        )

    def _approved(self, **kw):
        loan = self._loan(**kw)
        loan.action_approval_submit()
        loan.with_user(self.user_department_head).action_approval_approve()
        loan.with_user(self.finance_manager).action_approval_approve()
        return loan

    def _paid(self, **kw):
        loan = self._approved(**kw)
        loan.with_user(self.cashier).journal_id = self.bank
        loan.with_user(self.cashier).action_pay()
        return loan


@tagged("post_install", "-at_install")
class TestStaffLoanFlow(StaffLoanCommon):
    """FIN-8 (第十五条): a loan [借款] is approved by the borrower's department head and then
    the finance manager before the cashier pays it; repayments [还款] and expense settlements
    [报销冲账] bring its balance to zero, never below."""

    def test_allowed_path(self):
        loan = self._loan()
        self.assertEqual(loan.department_id, self.department)
        self.assertEqual(loan.currency_id, self.company_a.currency_id)
        loan.action_approval_submit()
        self.assertEqual(loan.state, "to_approve")
        self.assertEqual(
            loan.approval_current_line_ids.approver_user_ids, self.user_department_head
        )
        loan.with_user(self.user_department_head).action_approval_approve()
        self.assertEqual(loan.state, "to_approve")
        self.assertIn(self.finance_manager, loan.approval_current_line_ids.approver_user_ids)
        loan.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(loan.state, "approved")
        loan.with_user(self.cashier).journal_id = self.bank
        loan.with_user(self.cashier).action_pay()
        self.assertEqual(loan.state, "paid")
        self.assertEqual(loan.balance, 5000.0)
        loan.with_user(self.cashier).action_settle("repayment", 1000.0, journal=self.bank)
        loan.with_user(self.accountant).action_settle(
            "expense", 4000.0, account=self.expense_account
        )
        self.assertEqual(loan.settled_amount, 5000.0)
        self.assertEqual(loan.balance, 0.0)
        self.assertEqual(loan.state, "settled")
        # the employee reads their own loan and its settlements
        self.assertEqual(len(loan.with_user(self.user_staff).settlement_ids), 2)

    def test_payment_entry(self):
        loan = self._paid()
        move = loan.payment_move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(self.loan_account.code[:4], "1221")
        debit = move.line_ids.filtered("debit")
        credit = move.line_ids.filtered("credit")
        self.assertEqual((debit.account_id, debit.debit), (self.loan_account, 5000.0))
        self.assertEqual((credit.account_id, credit.credit), (self.bank.default_account_id, 5000.0))
        self.assertEqual(debit.partner_id, self.employee.work_contact_id)

    def test_settlement_entries(self):
        loan = self._paid()
        repayment = loan.with_user(self.cashier).action_settle(
            "repayment", 1200.0, journal=self.bank
        )
        expense = loan.with_user(self.accountant).action_settle(
            "expense", 800.0, account=self.expense_account
        )
        for settlement, debit_account, amount in (
            (repayment, self.bank.default_account_id, 1200.0),
            (expense, self.expense_account, 800.0),
        ):
            move = settlement.move_id
            self.assertEqual(move.state, "posted")
            debit = move.line_ids.filtered("debit")
            credit = move.line_ids.filtered("credit")
            self.assertEqual((debit.account_id, debit.debit), (debit_account, amount))
            self.assertEqual((credit.account_id, credit.credit), (self.loan_account, amount))
        self.assertEqual(loan.balance, 3000.0)
        self.assertEqual(loan.state, "paid")

    def test_settlement_above_balance_refused(self):
        loan = self._paid()
        loan.with_user(self.cashier).action_settle("repayment", 4000.0, journal=self.bank)
        with self.assertRaisesText(UserError, "more than the balance"):
            loan.with_user(self.cashier).action_settle("repayment", 1000.01, journal=self.bank)
        with self.assertRaisesText(UserError, "more than the balance"):
            loan.with_user(self.accountant).action_settle(
                "expense", 2000.0, account=self.expense_account
            )
        self.assertEqual(loan.balance, 1000.0)
        self.assertEqual(len(loan.settlement_ids), 1)

    def test_settle_wizard(self):
        loan = self._paid()
        wizard = (
            self.env["property.staff.loan.settle.wizard"]
            .with_user(self.cashier)
            .create({"loan_id": loan.id, "kind": "repayment", "amount": 5000.0})
        )
        wizard.journal_id = self.bank
        wizard.action_confirm()
        self.assertEqual(loan.state, "settled")

    def test_pay_before_approval_refused(self):
        loan = self._loan(journal_id=self.bank.id)
        with self.assertRaisesText(UserError, "not approved"):
            loan.with_user(self.cashier).action_pay()
        loan.action_approval_submit()
        with self.assertRaisesText(UserError, "not approved"):
            loan.with_user(self.cashier).action_pay()
        self.assertFalse(loan.payment_move_id)

    def test_only_cashier_pays(self):
        loan = self._approved(journal_id=self.bank.id)
        for user in (self.user_staff, self.accountant, self.finance_manager):
            with self.assertRaises(AccessError):
                loan.with_user(user).action_pay()
        loan.with_user(self.cashier).action_pay()
        self.assertEqual(loan.state, "paid")

    def test_settle_before_payment_refused(self):
        loan = self._approved()
        with self.assertRaisesText(UserError, "Only a paid loan"):
            loan.with_user(self.cashier).action_settle("repayment", 10.0, journal=self.bank)

    def test_cashier_cannot_approve(self):
        loan = self._loan()
        loan.action_approval_submit()
        loan.with_user(self.user_department_head).action_approval_approve()
        with self.assertRaises(UserError):
            loan.with_user(self.cashier).action_approval_approve()
        self.assertEqual(loan.state, "to_approve")
        loan.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(loan.state, "approved")

    def test_requester_cannot_approve_own_loan(self):
        loan = self._loan()
        loan.action_approval_submit()
        with self.assertRaises(UserError):
            loan.with_user(self.user_staff).action_approval_approve()
        self.assertEqual(loan.state, "to_approve")
        self.assertNotIn(self.user_staff, loan.approval_line_ids.approver_user_ids)
        loan.with_user(self.user_department_head).action_approval_approve()
        with self.assertRaises(UserError):
            loan.with_user(self.user_staff).action_approval_approve()
        self.assertEqual(loan.state, "to_approve")

    def test_employees_see_only_their_loans(self):
        loan = self._loan()
        Loan = self.env["property.staff.loan"]
        self.assertEqual(Loan.with_user(self.user_staff).search([]), loan)
        self.assertIn(loan, Loan.with_user(self.cashier).search([]))
        self.assertIn(loan, Loan.with_user(self.user_department_head).search([]))
        self.assertFalse(Loan.with_user(self.user_general_affairs).search([("id", "=", loan.id)]))
        self.assertFalse(Loan.with_user(self.accountant_b).search([("id", "=", loan.id)]))


@tagged("post_install", "-at_install")
class TestStaffLoanOverdue(StaffLoanCommon):
    """FIN-8: a paid loan with a balance after its due date is flagged overdue [逾期] by the
    daily check, in one batch whatever the number of loans; settling it clears the flag."""

    def test_overdue_cron(self):
        late = self._paid(due="2026-04-30")
        later = self._paid(due="2026-06-30")
        settled = self._paid(due="2026-04-30")
        settled.with_user(self.cashier).action_settle("repayment", 5000.0, journal=self.bank)
        with freeze_time("2026-05-10"):
            self.env["property.staff.loan"]._cron_overdue()
        self.assertTrue(late.is_overdue)
        self.assertFalse(later.is_overdue)
        self.assertFalse(settled.is_overdue)
        overdue = self.env["property.staff.loan"].search([("is_overdue", "=", True)])
        self.assertIn(late, overdue)
        late.with_user(self.cashier).action_settle("repayment", 5000.0, journal=self.bank)
        self.assertFalse(late.is_overdue)

    def test_overdue_flag_cleared_by_cron(self):
        loan = self._paid(due="2026-04-30")
        with freeze_time("2026-05-10"):
            self.env["property.staff.loan"]._cron_overdue()
        self.assertTrue(loan.is_overdue)
        loan.sudo().due_date = "2026-06-30"  # extended
        with freeze_time("2026-05-11"):
            self.env["property.staff.loan"]._cron_overdue()
        self.assertFalse(loan.is_overdue)

    def _count_cron_queries(self, loans):
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time("2026-05-10"), self.assertQueryCount(4):
            self.env["property.staff.loan"]._cron_overdue()
        self.assertTrue(all(loans.mapped("is_overdue")))

    def test_cron_query_count_independent_of_loans(self):
        self.env["property.staff.loan"].search([])._protected_write({"is_overdue": False})
        self._count_cron_queries(self._paid() | self._paid())
        self.env["property.staff.loan"].search([])._protected_write({"is_overdue": False})
        self._count_cron_queries(self._paid() | self._paid() | self._paid() | self._paid())


@tagged("post_install", "-at_install")
class TestStaffLoanProtectedFields(StaffLoanCommon, ProtectedFieldsChecks):
    """FIN-8 (house rule): a loan's state, approval fields, paid and settled amounts, balance,
    overdue flag and entries are written only by its actions, for every role."""

    def test_direct_writes_refused(self):
        loan = self._paid()
        users = [
            *self.role_users,
            self.cashier,
            self.accountant,
            self.finance_manager,
            self.accountant_b,
        ]
        values = {
            "state": "settled",
            "paid_amount": 1.0,
            "settled_amount": 5000.0,
            "balance": 0.0,
            "is_overdue": True,
            "payment_move_id": False,
            "paid_date": "2020-01-01",
            "approval_requester_id": self.cashier.id,
        }
        self.assertTrue(self.assertDirectWriteRefused(loan, values, users))
        # the positive control: an unprotected field is written by finance
        loan.with_user(self.accountant).due_date = "2026-05-31"
        self.assertEqual(str(loan.due_date), "2026-05-31")

    def test_create_with_protected_values_refused(self):
        vals = {
            "employee_id": self.employee.id,
            "amount": 100.0,
            "purpose": "差旅借款",
            "due_date": "2026-04-30",
        }
        Loan = self.env["property.staff.loan"]
        for user in (self.user_staff, self.cashier, self.finance_manager):
            for protected in ({"state": "paid"}, {"paid_amount": 100.0}, {"is_overdue": True}):
                with self.assertRaises(UserError, msg=f"{user.login}: {protected}"):
                    Loan.with_user(user).create(dict(vals, **protected))
            self.assertEqual(Loan.with_user(user).create(vals).state, "draft")

    def test_settlements_not_written_directly(self):
        loan = self._paid()
        settlement = loan.with_user(self.cashier).action_settle(
            "repayment", 100.0, journal=self.bank
        )
        for user in (self.user_staff, self.cashier, self.accountant, self.finance_manager):
            with self.assertRaises(AccessError):
                settlement.with_user(user).amount = 5000.0
            with self.assertRaises(AccessError):
                self.env["property.staff.loan.settlement"].with_user(user).create(
                    {"loan_id": loan.id, "kind": "expense", "amount": 5000.0, "date": "2026-03-01"}
                )
        self.assertEqual(loan.balance, 4900.0)
