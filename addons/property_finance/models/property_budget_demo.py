from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class PropertyBudgetOverrunDemo(models.Model):
    _inherit = "property.budget.overrun"

    @api.model
    def _property_demo_budgets(self):
        """Demo (FIN-3): the 锦绣花园 project's analytic account and its cost budget of this
        year, prepared by the accountant (management expenses 管理费用 and service costs
        劳务成本 split into months) and confirmed by the finance manager; cleaning bills of
        this month within the budget, and a repair bill beyond it posted after the finance
        manager approved its budget overrun request."""
        ref = self.env.ref
        company = ref("base.main_company")
        accountant = ref("property_finance.user_accountant")
        manager = ref("property_finance.user_finance_manager")

        def as_user(model, user):
            return (
                self.env[model].with_user(user).with_company(company).with_context(lang=user.lang)
            )

        Account = self.env["account.account"]
        accounts = {
            code: Account.search(
                [*Account._check_company_domain(company), ("code", "=like", f"{code}%")],
                order="code",
                limit=1,
            )
            for code in ("6602", "5201")
        }
        if not all(accounts.values()):
            return
        project = ref("property_base.project_jinxiu")
        analytic = self.env["account.analytic.account"].create(
            {
                "name": project.with_context(lang="zh_CN").name,
                "code": project.code,
                "plan_id": ref("property_finance.analytic_plan_property_projects").id,
                "company_id": company.id,
            }
        )
        project.analytic_account_id = analytic
        today = fields.Date.context_today(self)
        year_start = today.replace(month=1, day=1)
        budget = as_user("mis.budget.by.account", accountant).create(
            {
                "name": f"{project.with_context(lang='zh_CN').name}{today.year}年度成本费用预算",
                "date_from": year_start,
                "date_to": year_start + relativedelta(years=1, days=-1),
                "analytic_account_id": analytic.id,
                "company_id": company.id,
            }
        )
        Wizard = as_user("property.budget.split.wizard", accountant)
        for code, amount in (("6602", 360000.0), ("5201", 960000.0)):
            Wizard.create(
                {"budget_id": budget.id, "account_id": accounts[code].id, "amount": amount}
            ).action_split()
        budget.with_user(manager).action_confirm()

        supplier = self.env["res.partner"].create(
            {"name": "深圳洁美保洁服务有限公司", "is_company": True}
        )
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
        )
        distribution = {str(analytic.id): 100.0}

        def bill(amount, label, code):
            return as_user("account.move", accountant).create(
                {
                    "move_type": "in_invoice",
                    "partner_id": supplier.id,
                    "journal_id": journal.id,
                    "invoice_date": today,
                    "date": today,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": accounts[code].id,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "analytic_distribution": distribution,
                            }
                        )
                    ],
                }
            )

        bill(60000.0, "锦绣花园本月保洁外包服务费", "5201").action_post()
        bill(18000.0, "锦绣花园物业服务中心办公费", "6602").action_post()
        repair = bill(25000.0, "锦绣花园地下车库排水系统应急维修", "5201")
        action = repair.with_user(accountant).action_property_request_budget_overrun()
        requests = self.with_user(accountant).search(action["domain"])
        requests.write({"reason": "暴雨后地下车库积水，排水泵损坏，需立即抢修，无法等待预算调整。"})
        requests.action_approval_submit()
        requests.with_user(manager).action_approval_approve()
        repair.with_user(accountant).action_post()
        # a bill waiting for its request: committed in the budget report
        bill(8000.0, "锦绣花园绿化养护补种费", "5201")
