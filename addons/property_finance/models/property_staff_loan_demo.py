from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class PropertyStaffLoanDemo(models.Model):
    _inherit = "property.staff.loan"

    @api.model
    def _property_demo_staff_loans(self):
        """Demo (FIN-8): three loans of the customer service centre, requested by the general
        affairs manager for the borrowers, approved by their department head and the finance
        manager, paid by the cashier: a travel loan settled by expenses and a repayment, a
        purchase loan overdue, a training loan waiting for the finance manager."""
        ref = self.env.ref
        company = ref("base.main_company")
        requester = ref("property_base.user_general_affairs")
        head = ref("property_base.user_service_head")
        manager = ref("property_finance.user_finance_manager")
        cashier = ref("property_finance.user_cashier")
        accountant = ref("property_finance.user_accountant")
        bank = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        expense = self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(company),
                ("account_type", "=", "expense"),
            ],
            order="code",
            limit=1,
        )

        def as_user(user, records=None):
            records = records if records is not None else self
            return records.with_user(user).with_company(company).with_context(lang=user.lang)

        today = fields.Date.context_today(self)
        loans = as_user(requester).create(
            [
                {
                    "employee_id": ref("property_base.demo_employee_wang_fang").id,
                    "amount": 3000.0,
                    "purpose": "差旅借款：赴广州参加物业服务标准化培训",
                    "request_date": today - relativedelta(days=40),
                    "due_date": today - relativedelta(days=10),
                },
                {
                    "employee_id": ref("property_base.demo_employee_li_qiang").id,
                    "amount": 1500.0,
                    "purpose": "备用金借款：客服中心办公用品采购",
                    "request_date": today - relativedelta(days=50),
                    "due_date": today - relativedelta(days=20),
                },
                {
                    "employee_id": ref("property_base.demo_employee_zhang_min").id,
                    "amount": 800.0,
                    "purpose": "培训费借款：物业管理员上岗证考试",
                    "request_date": today - relativedelta(days=2),
                    "due_date": today + relativedelta(days=28),
                },
            ]
        )
        loans.action_approval_submit()
        as_user(head, loans).action_approval_approve()
        paid = loans[:2]
        as_user(manager, paid).action_approval_approve()
        as_user(cashier, paid).write({"journal_id": bank.id})
        as_user(cashier, paid).action_pay()
        travel = paid[0]
        as_user(accountant, travel).action_settle("expense", 2680.0, account=expense)
        as_user(cashier, travel).action_settle("repayment", 320.0, journal=bank)
        self._cron_overdue()
