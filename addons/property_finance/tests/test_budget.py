from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks, RecordRuleAsserts

from .common import MANAGER, FinanceCommon


class BudgetCommon(FinanceCommon):
    """The test project's analytic account with a confirmed 2026 budget of 120,000 on one
    management expense account (10,000 a month), another expense account not budgeted, a
    department analytic account without budget, a supplier and the purchase journal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance_manager_2 = new_test_user(
            cls.env,
            login="t_fin_manager_2",
            groups=MANAGER,
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
        )
        Analytic = cls.env["account.analytic.account"]
        cls.analytic = Analytic.create(
            {
                "name": "测试花园项目",
                "plan_id": cls.env.ref("property_finance.analytic_plan_property_projects").id,
                "company_id": cls.company_a.id,
            }
        )
        cls.project.analytic_account_id = cls.analytic
        cls.analytic_department = Analytic.create(
            {
                "name": "客服部",
                "plan_id": cls.env.ref("property_finance.analytic_plan_property_departments").id,
                "company_id": cls.company_a.id,
            }
        )
        cls.department.analytic_account_id = cls.analytic_department
        Account = cls.env["account.account"]
        expenses = Account.search(
            [*Account._check_company_domain(cls.company_a), ("account_type", "=", "expense")],
            order="code",
            limit=2,
        )
        cls.account, cls.account_other = expenses[0], expenses[1]
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", cls.company_a.id)], limit=1
        )
        cls.supplier = cls.env["res.partner"].create({"name": "深圳洁美保洁服务有限公司"})
        cls.budget = cls._budget(120000.0)
        cls.budget.with_user(cls.finance_manager).action_confirm()

    @classmethod
    def _budget(cls, amount, name="2026年度成本费用预算", analytic=None, account=None):
        budget = (
            cls.env["mis.budget.by.account"]
            .with_user(cls.accountant)
            .create(
                {
                    "name": name,
                    "date_from": "2026-01-01",
                    "date_to": "2026-12-31",
                    "analytic_account_id": (analytic or cls.analytic).id,
                    "company_id": cls.company_a.id,
                }
            )
        )
        budget.action_open_split_wizard()
        wizard = (
            cls.env["property.budget.split.wizard"]
            .with_user(cls.accountant)
            .with_context(default_budget_id=budget.id)
            .create({"account_id": (account or cls.account).id, "amount": amount})
        )
        wizard.action_split()
        return budget

    def _bill(self, amount, date="2026-03-15", analytic=None, account=None, user=None):
        analytic = analytic if analytic is not None else self.analytic
        return (
            self.env["account.move"]
            .with_user(user or self.accountant)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.supplier.id,
                    "journal_id": self.journal.id,
                    "invoice_date": date,
                    "date": date,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "保洁服务费",
                                "account_id": (account or self.account).id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "analytic_distribution": analytic and {str(analytic.id): 100.0},
                            }
                        )
                    ],
                }
            )
        )

    def _overrun(self, bill, user=None, reason="三月份暴雨后加派保洁人员清理地库"):
        action = bill.with_user(user or self.accountant).action_property_request_budget_overrun()
        requests = self.env["property.budget.overrun"].search(action["domain"])
        requests.with_user(user or self.accountant).reason = reason
        return requests.with_user(user or self.accountant)


@tagged("post_install", "-at_install")
class TestBudgetPreparation(BudgetCommon):
    """FIN-3 (第八条, 第二十一条): the accountant prepares an annual budget of a project or
    department and splits it into months; only the finance manager confirms, reopens or
    cancels it, and the amounts of a confirmed budget are locked."""

    def test_monthly_split(self):
        budget = self._budget(100000.0, name="2026年度追加预算", account=self.account_other)
        items = budget.item_ids.sorted("date_from")
        self.assertEqual(len(items), 12)
        self.assertAlmostEqual(sum(items.mapped("balance")), 100000.0, places=2)
        self.assertEqual(items[0].balance, 8333.33)
        self.assertEqual(items[-1].balance, 8333.37)
        self.assertEqual(str(items[1].date_from), "2026-02-01")
        self.assertEqual(str(items[1].date_to), "2026-02-28")
        self.assertEqual(items[1].date_range_id.date_start, items[1].date_from)
        self.assertEqual(items[0].analytic_distribution, {str(self.analytic.id): 100.0})
        self.assertEqual(budget.amount_total, 100000.0)
        # the same project and account are not split twice into one budget
        wizard = (
            self.env["property.budget.split.wizard"]
            .with_user(self.accountant)
            .create({"budget_id": budget.id, "account_id": self.account_other.id, "amount": 1.0})
        )
        with self.assertRaisesText(UserError, "already has items"):
            wizard.action_split()

    def test_only_the_finance_manager_confirms(self):
        budget = self._budget(1000.0, name="2026年度追加预算", account=self.account_other)
        for user in (self.cashier, self.accountant):
            with self.assertRaises(AccessError):
                budget.with_user(user).action_confirm()
        self.assertEqual(budget.state, "draft")
        budget.with_user(self.finance_manager).action_confirm()
        self.assertEqual(budget.state, "confirmed")
        self.assertEqual(budget.confirm_user_id, self.finance_manager)
        for user in (self.cashier, self.accountant):
            with self.assertRaises(AccessError):
                budget.with_user(user).action_draft()
            with self.assertRaises(AccessError):
                budget.with_user(user).action_cancel()
        budget.with_user(self.finance_manager).action_draft()
        self.assertEqual(budget.state, "draft")
        self.assertFalse(budget.confirm_user_id)

    def test_confirmed_amounts_locked(self):
        item = self.budget.item_ids[:1]
        for user in (self.accountant, self.finance_manager):
            with self.assertRaisesText(UserError, "locked"):
                item.with_user(user).debit = 999999.0
            with self.assertRaisesText(UserError, "locked"):
                item.with_user(user).unlink()
            with self.assertRaisesText(UserError, "locked"):
                self.env["mis.budget.by.account.item"].with_user(user).create(
                    {
                        "budget_id": self.budget.id,
                        "account_id": self.account.id,
                        "date_from": "2026-03-01",
                        "date_to": "2026-03-31",
                        "debit": 1.0,
                    }
                )
        with self.assertRaises(AccessError):
            self.budget.with_user(self.accountant).unlink()
        with self.assertRaisesText(UserError, "kept"):
            self.budget.with_user(self.finance_manager).unlink()
        self.assertEqual(item.balance, 10000.0)
        self.assertEqual(self.budget.amount_total, 120000.0)
        with self.assertRaisesText(UserError, "locked"):
            self.budget.with_user(self.accountant).action_open_split_wizard()
            self.env["property.budget.split.wizard"].with_user(self.accountant).create(
                {"budget_id": self.budget.id, "account_id": self.account_other.id, "amount": 1.0}
            ).action_split()

    def test_confirmed_terms_locked(self):
        """Archiving a confirmed budget or moving its dates would end its control."""
        for user in (self.accountant, self.finance_manager):
            for vals in (
                {"active": False},
                {"date_from": "2027-01-01", "date_to": "2027-12-31"},
                {"analytic_account_id": self.analytic_department.id},
            ):
                with self.assertRaisesText(UserError, "reopens it first"):
                    self.budget.with_user(user).write(vals)
        self.assertTrue(self.budget.active)
        self.budget.with_user(self.accountant).description = "经总经理办公会审议"
        self.budget.with_user(self.finance_manager).action_draft()
        self.budget.with_user(self.accountant).write({"date_to": "2026-11-30"})

    def test_split_by_finance_only(self):
        budget = self._budget(1000.0, name="2026年度追加预算", account=self.account_other)
        for user in (self.cashier, self.user_staff):
            with self.assertRaises(AccessError):
                self.env["property.budget.split.wizard"].with_user(user).create(
                    {"budget_id": budget.id, "account_id": self.account.id, "amount": 1.0}
                ).action_split()
        self.assertEqual(len(budget.item_ids), 12)

    def test_views_open(self):
        for user in (self.accountant, self.finance_manager):
            for action in (
                "property_finance.mis_budget_by_account_action",
                "property_finance.property_budget_overrun_action",
                "property_finance.property_budget_report_action",
            ):
                values = self.env.ref(action).sudo().read(["res_model", "view_mode"])[0]
                views = [(False, mode) for mode in values["view_mode"].split(",")]
                result = self.env[values["res_model"]].with_user(user).get_views(views)
                self.assertEqual(set(result["views"]), set(values["view_mode"].split(",")))

    def test_copy_is_a_draft(self):
        copy = self.budget.with_user(self.finance_manager).copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.confirm_user_id)


@tagged("post_install", "-at_install")
class TestBudgetControl(BudgetCommon):
    """FIN-3 (第二十条, 第二十一条): a vendor bill or expense beyond the remaining budget
    (budget - posted actual) of its project or department, account and month is refused
    with a translated message, unless the finance manager approved a budget overrun request
    [超预算审批] for its excess."""

    def test_within_budget_posted(self):
        bill = self._bill(6000.0)
        bill.action_post()
        self.assertEqual(bill.state, "posted")
        second = self._bill(4000.0)
        second.action_post()
        self.assertEqual(second.state, "posted")
        # another month has its own budget
        self._bill(10000.0, date="2026-04-02").action_post()

    def test_over_budget_refused(self):
        self._bill(8000.0).action_post()
        bill = self._bill(3000.0)
        with self.assertRaisesText(UserError, "over budget by") as catcher:
            bill.action_post()
        message = str(catcher.exception)
        for text in (
            "深圳洁美保洁服务有限公司",
            "测试花园项目",
            self.account.code,
            "2026-03",
            "10,000.00",
            "8,000.00",
            "3,000.00",
            "1,000.00",
        ):
            self.assertIn(text, message)
        self.assertEqual(bill.state, "draft")

    def test_refused_message_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.accountant.lang = "zh_CN"
        bill = self._bill(12000.0)
        with self.assertRaisesText(UserError, "超出预算"):
            bill.with_context(lang="zh_CN").action_post()

    def test_expense_entry_controlled(self):
        """An expense entry (a journal entry on a cost account) is controlled like a bill."""
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company_a.id)], limit=1
        )
        bank = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company_a.id)], limit=1
        )

        def entry(amount):
            return (
                self.env["account.move"]
                .with_user(self.accountant)
                .create(
                    {
                        "move_type": "entry",
                        "journal_id": journal.id,
                        "date": "2026-05-20",
                        "line_ids": [
                            Command.create(
                                {
                                    "name": "计提五月保安服务费",
                                    "account_id": self.account.id,
                                    "debit": amount,
                                    "analytic_distribution": {str(self.analytic.id): 100.0},
                                }
                            ),
                            Command.create(
                                {
                                    "name": "计提五月保安服务费",
                                    "account_id": bank.default_account_id.id,
                                    "credit": amount,
                                }
                            ),
                        ],
                    }
                )
            )

        entry(9000.0).action_post()
        over = entry(1500.0)
        with self.assertRaisesText(UserError, "over budget by"):
            over.action_post()
        self.assertEqual(over.state, "draft")

    def test_account_without_budget_item_refused(self):
        """The project has a budget: an account it does not budget has a budget of zero."""
        bill = self._bill(100.0, account=self.account_other)
        with self.assertRaisesText(UserError, "over budget by"):
            bill.action_post()

    def test_not_controlled_without_budget(self):
        """A department without a confirmed budget, a draft budget, a line without
        analytic account: not controlled."""
        self._bill(50000.0, analytic=self.analytic_department).action_post()
        self._budget(
            1.0, name="草稿预算", analytic=self.analytic_department, account=self.account_other
        )
        self._bill(
            500.0, analytic=self.analytic_department, account=self.account_other
        ).action_post()
        self._bill(50000.0, analytic=False).action_post()
        # the budget covers 2026 only
        self._bill(50000.0, date="2027-01-10").action_post()

    def test_batch_refused_when_together_over(self):
        bills = self._bill(6000.0) | self._bill(6000.0)
        with self.assertRaisesText(UserError, "over budget by"):
            bills.action_post()
        self.assertEqual(set(bills.mapped("state")), {"draft"})

    def test_overrun_approved_then_posted(self):
        self._bill(8000.0).action_post()
        bill = self._bill(3000.0)
        request = self._overrun(bill)
        self.assertEqual(len(request), 1)
        self.assertEqual(request.amount, 1000.0)
        self.assertEqual(request.analytic_account_id, self.analytic)
        self.assertEqual(request.account_id, self.account)
        self.assertEqual(str(request.date), "2026-03-01")
        request.action_approval_submit()
        self.assertEqual(request.state, "to_approve")
        with self.assertRaisesText(UserError, "over budget by"):
            bill.action_post()
        request.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(request.state, "approved")
        bill.with_user(self.accountant).action_post()
        self.assertEqual(bill.state, "posted")

    def test_overrun_does_not_cover_more(self):
        self._bill(8000.0).action_post()
        bill = self._bill(3000.0)
        request = self._overrun(bill)
        request.amount = 500.0
        request.action_approval_submit()
        request.with_user(self.finance_manager).action_approval_approve()
        with self.assertRaisesText(UserError, "over budget by"):
            bill.action_post()
        # it covers this bill only
        other = self._bill(2500.0)
        with self.assertRaisesText(UserError, "over budget by"):
            other.action_post()

    def test_only_the_finance_manager_approves_overruns(self):
        bill = self._bill(12000.0)
        request = self._overrun(bill)
        request.action_approval_submit()
        for user in (self.accountant, self.cashier, self.user_general_manager):
            with self.assertRaises(UserError):
                request.with_user(user).action_approval_approve()
        self.assertEqual(request.state, "to_approve")
        with self.assertRaises(AccessError):
            self.env["property.budget.overrun"].with_user(self.cashier).create(
                {
                    "move_id": bill.id,
                    "analytic_account_id": self.analytic.id,
                    "account_id": self.account.id,
                    "date": "2026-03-01",
                    "amount": 1.0,
                }
            )

    def test_requester_cannot_approve_own_overrun(self):
        bill = self._bill(12000.0)
        request = self._overrun(bill, user=self.finance_manager)
        request.action_approval_submit()
        with self.assertRaisesText(UserError, "your own request"):
            request.action_approval_approve()
        request.with_user(self.finance_manager_2).action_approval_approve()
        self.assertEqual(request.state, "approved")

    def test_overrun_needs_reason_and_draft_bill(self):
        bill = self._bill(12000.0)
        request = self._overrun(bill, reason=" ")
        with self.assertRaisesText(UserError, "reason"):
            request.action_approval_submit()
        with self.assertRaisesText(UserError, "within their budgets"):
            self._bill(10.0).action_property_request_budget_overrun()

    def test_submitted_overrun_not_edited_nor_deleted(self):
        request = self._overrun(self._bill(12000.0))
        request.action_approval_submit()
        with self.assertRaisesText(UserError, "cannot be changed"):
            request.amount = 999999.0
        with self.assertRaisesText(UserError, "kept"):
            request.with_user(self.finance_manager).unlink()


@tagged("post_install", "-at_install")
class TestBudgetReport(BudgetCommon):
    """FIN-3 (第八条): the budget vs actual report shows per project/department, account and
    month the confirmed budget, the posted actual, the committed draft bills and the
    remaining amounts, equal to the sums of the items and lines."""

    def test_figures(self):
        self._bill(6000.0).action_post()
        self._bill(1500.0).action_post()
        self._bill(2500.0)  # committed
        self._bill(700.0, account=self.account_other)  # committed, not budgeted
        self.env.flush_all()
        Report = self.env["property.budget.report"].with_user(self.accountant)
        row = Report.search(
            [
                ("analytic_account_id", "=", self.analytic.id),
                ("account_id", "=", self.account.id),
                ("date", "=", "2026-03-01"),
            ]
        )
        self.assertEqual(len(row), 1)
        self.assertEqual(
            (row.budget, row.actual, row.committed, row.remaining, row.available),
            (10000.0, 7500.0, 2500.0, 2500.0, 0.0),
        )
        other = Report.search(
            [
                ("analytic_account_id", "=", self.analytic.id),
                ("account_id", "=", self.account_other.id),
            ]
        )
        self.assertEqual((other.budget, other.committed), (0.0, 700.0))
        totals = Report._read_group(
            [("analytic_account_id", "=", self.analytic.id), ("account_id", "=", self.account.id)],
            [],
            ["budget:sum", "actual:sum"],
        )
        self.assertEqual(totals, [(120000.0, 7500.0)])
        self.assertFalse(
            self.env["property.budget.report"].with_user(self.accountant_b).search_count([])
        )


@tagged("post_install", "-at_install")
class TestBudgetProtectedFields(BudgetCommon, ProtectedFieldsChecks, RecordRuleAsserts):
    """FIN-3 (house rule): a budget's state and confirmation and an overrun request's state
    and approval are written only by their actions, for every role; each company sees its
    own budgets and requests."""

    def _users(self):
        return [*self.role_users, *self.finance_users, self.finance_manager_2]

    def test_direct_writes_refused(self):
        budget = self._budget(1000.0, name="2026年度追加预算", account=self.account_other)
        self.assertTrue(
            self.assertDirectWriteRefused(
                budget,
                {
                    "state": "confirmed",
                    "confirm_user_id": self.accountant.id,
                    "confirm_date": "2026-01-01 00:00:00",
                },
                self._users(),
                {"description": "年度预算"},
            )
        )
        self.assertTrue(
            self.assertDirectWriteRefused(self.budget, {"state": "draft"}, self._users())
        )
        request = self._overrun(self._bill(12000.0))
        self.assertTrue(
            self.assertDirectWriteRefused(
                request,
                {"state": "approved", "approval_requester_id": self.cashier.id},
                self._users(),
                {"reason": "补充说明"},
            )
        )

    def test_create_confirmed_refused(self):
        for user in (self.accountant, self.finance_manager):
            with self.assertRaises(UserError):
                self.env["mis.budget.by.account"].with_user(user).create(
                    {
                        "name": "直接确认",
                        "date_from": "2026-01-01",
                        "date_to": "2026-12-31",
                        "state": "confirmed",
                    }
                )

    def test_multi_company(self):
        request = self._overrun(self._bill(12000.0))
        Overrun = self.env["property.budget.overrun"]
        self.assertVisible(self.accountant, request, request)
        self.assertVisible(self.accountant_b, request, Overrun)
        self.assertVisible(self.accountant_b, self.budget, self.env["mis.budget.by.account"])


@tagged("post_install", "-at_install")
class TestBudgetCheckQueries(BudgetCommon):
    """FIN-3 (performance): the budget check of a batch of bills runs a constant number of
    queries, whatever the number of bills (pinned for 5 and 50 bills)."""

    def _bills(self, count):
        return (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                [
                    {
                        "move_type": "in_invoice",
                        "partner_id": self.supplier.id,
                        "journal_id": self.journal.id,
                        "invoice_date": f"2026-{1 + index % 12:02d}-10",
                        "date": f"2026-{1 + index % 12:02d}-10",
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "维修材料",
                                    "account_id": self.account.id,
                                    "price_unit": 10.0,
                                    "tax_ids": [Command.clear()],
                                    "analytic_distribution": {str(self.analytic.id): 100.0},
                                }
                            )
                        ],
                    }
                    for index in range(count)
                ]
            )
        )

    def _count(self, bills):
        self.env.flush_all()
        self.env.invalidate_all()
        bills = bills.with_user(self.accountant)
        with self.assertQueryCount(10):
            bills._property_budget_check()

    def test_query_count_independent_of_bills(self):
        self._count(self._bills(5))
        self._count(self._bills(50))
        bills = self._bills(50)
        bills.action_post()
        self.assertEqual(set(bills.mapped("state")), {"posted"})
