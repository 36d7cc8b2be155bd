from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class PropertyFinancialStatementDemo(models.Model):
    _inherit = "property.financial.statement"

    @api.model
    def _property_demo_financial_statements(self):
        """Demo (FIN-11): the income statements of the last three months and the balance sheet
        of last month, prepared by the accountant, reviewed by the second accountant and
        approved by the finance manager; the cash flow statement of last month waiting for its
        review."""
        ref = self.env.ref
        company = ref("base.main_company")
        if self.sudo().search_count([("company_id", "=", company.id)]):
            return
        preparer = ref("property_finance.user_accountant")
        last_month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        months = [last_month - relativedelta(months=n) for n in (2, 1, 0)]
        vals_list = [
            {
                "kind": "income_statement",
                "period_type": "month",
                "year": m.year,
                "month": str(m.month),
            }
            for m in months
        ] + [
            {
                "kind": kind,
                "period_type": "month",
                "year": last_month.year,
                "month": str(last_month.month),
            }
            for kind in ("balance_sheet", "cash_flow")
        ]
        statements = (
            self.with_user(preparer)
            .with_company(company)
            .with_context(lang="zh_CN")
            .create(vals_list)
        )
        for statement in statements:
            statement.action_approval_submit()
            if statement.kind == "cash_flow":
                continue
            statement._approval_demo_act("property_finance.user_accountant_reviewer", "approve")
            statement._approval_demo_act("property_finance.user_finance_manager", "approve")
