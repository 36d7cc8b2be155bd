import base64

from odoo import Command, api, models


class PropertyProfitDistributionDemo(models.Model):
    _inherit = "property.profit.distribution"

    @api.model
    def _property_demo_profit_distribution(self):
        """Demo (FIN-10): the company, founded in 2019 with a registered capital of
        5,000,000, lost 360,000 in its first year and made 862,500 after tax in 2020; both
        years are closed. The accountant distributes 2020 per the board resolution (dividends
        300,000), the finance manager and the general manager approve, the entry is posted."""
        ref = self.env.ref
        company = ref("base.main_company")
        if self.sudo().search_count([("company_id", "=", company.id)]):
            return
        company.sudo().property_registered_capital = 5_000_000.0
        Account = self.env["account.account"].sudo().with_company(company)
        domain = Account._check_company_domain(company)

        def account(prefix):
            return Account.search([*domain, ("code", "=like", f"{prefix}%")], limit=1)

        bank, revenue, cost, admin, tax = (
            account(code) for code in ("1002", "6001", "6401", "6602", "6801")
        )
        journal = company._property_distribution_journal()
        summaries = [
            (
                "2019-12-31",
                "2019年度收支汇总（期初导入）",
                3_200_000.0,
                2_860_000.0,
                700_000.0,
                0.0,
            ),
            (
                "2020-12-31",
                "2020年度收支汇总（期初导入）",
                6_850_000.0,
                4_900_000.0,
                800_000.0,
                287_500.0,
            ),
        ]
        moves = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                [
                    {
                        "journal_id": journal.id,
                        "date": date,
                        "ref": ref_,
                        "line_ids": [
                            Command.create({"name": ref_, "account_id": bank.id, "debit": income}),
                            Command.create(
                                {"name": ref_, "account_id": revenue.id, "credit": income}
                            ),
                            Command.create({"name": ref_, "account_id": cost.id, "debit": costs}),
                            Command.create(
                                {"name": ref_, "account_id": admin.id, "debit": overhead}
                            ),
                            Command.create(
                                {
                                    "name": ref_,
                                    "account_id": bank.id,
                                    "credit": costs + overhead + income_tax,
                                }
                            ),
                            *(
                                [
                                    Command.create(
                                        {"name": ref_, "account_id": tax.id, "debit": income_tax}
                                    )
                                ]
                                if income_tax
                                else []
                            ),
                        ],
                    }
                    for date, ref_, income, costs, overhead, income_tax in summaries
                ]
            )
        )
        moves.action_post()
        company.sudo().fiscalyear_lock_date = "2020-12-31"
        accountant = ref("property_finance.user_accountant")
        wizard = (
            self.env["property.profit.distribution.wizard"]
            .with_user(accountant)
            .with_company(company)
            .with_context(lang="zh_CN")
            .create(
                {
                    "fiscal_year": 2020,
                    "board_resolution_ref": "锦华董字〔2021〕第2号",
                    "board_resolution_date": "2021-03-18",
                    "board_resolution_file": base64.b64encode(
                        "深圳锦华物业服务有限公司董事会决议：2020年度利润分配方案。".encode()
                    ),
                    "board_resolution_filename": "2020年度利润分配董事会决议.txt",
                    "dividend": 300_000.0,
                }
            )
        )
        distribution = self.browse(wizard.action_confirm()["res_id"])
        distribution._approval_demo_act("property_finance.user_finance_manager", "approve")
        distribution._approval_demo_act("property_base.user_general_manager", "approve")
