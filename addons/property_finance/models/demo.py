from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class PropertyBillingRunDemo(models.Model):
    _inherit = "property.billing.run"

    @api.model
    def _property_demo_finance(self):
        """Demo: taxes on the fee items (6 % VAT on property services, 9 % on water, found in
        the company's chart or created), approved standards, meters, a year of monthly
        billing of both demo projects, payments of most bills, a prepayment and a few owners
        in arrears. Everything is done by the demo finance staff through the workflow."""
        ref = self.env.ref
        company = ref("base.main_company")
        cashier = ref("property_finance.user_cashier")
        accountant = ref("property_finance.user_accountant")
        manager = ref("property_finance.user_finance_manager")
        general_manager = ref("property_base.user_general_manager")

        def as_user(model, user):
            return (
                self.env[model]
                .with_user(user)
                .with_company(company)
                .with_context(lang=user.lang, tracking_disable=False)
            )

        vat_6 = self._demo_sale_tax(company, 6.0, "增值税 6%（物业服务）")
        vat_9 = self._demo_sale_tax(company, 9.0, "增值税 9%（水费）")
        ref("property_finance.product_property_fee").taxes_id = vat_6
        ref("property_finance.product_parking_fee").taxes_id = vat_6
        ref("property_finance.product_late_fee").taxes_id = False
        ref("property_finance.product_water_fee").taxes_id = vat_9

        today = fields.Date.context_today(self)
        first = today.replace(day=1) - relativedelta(months=11)
        projects = ref("property_base.project_jinxiu") | ref("property_base.project_cuihu")
        Standard = as_user("property.fee.standard", accountant)
        standards = Standard.create(
            [
                {
                    "name": "住宅物业服务费",
                    "fee_item_id": ref("property_finance.fee_item_property").id,
                    "price": 2.8,
                    "usage": "residential",
                    "project_ids": [Command.set(projects.ids)],
                    "date_from": first - relativedelta(years=2),
                    "approval_document": "深发改〔2023〕112号",
                },
                {
                    "name": "商铺物业服务费",
                    "fee_item_id": ref("property_finance.fee_item_property").id,
                    "price": 6.5,
                    "usage": "commercial",
                    "date_from": first - relativedelta(years=2),
                    "approval_document": "深发改〔2023〕112号",
                },
                {
                    "name": "地下车位管理费",
                    "fee_item_id": ref("property_finance.fee_item_parking").id,
                    "price": 150.0,
                    "usage": "parking",
                    "date_from": first - relativedelta(years=2),
                    "approval_document": "业主大会决议〔2023〕3号",
                },
                {
                    "name": "居民用水",
                    "fee_item_id": ref("property_finance.fee_item_water").id,
                    "price": 4.2,
                    "usage": "residential",
                    "date_from": first - relativedelta(years=2),
                },
            ]
        )
        standards.action_approval_submit()
        standards.with_user(manager).with_context(lang=manager.lang).action_approval_approve()
        standards.with_user(general_manager).with_context(
            lang=general_manager.lang
        ).action_approval_approve()
        # a new residential standard waiting for approval (the finance manager's to-do)
        Standard.create(
            {
                "name": "住宅物业服务费（调价）",
                "fee_item_id": ref("property_finance.fee_item_property").id,
                "price": 3.0,
                "usage": "residential",
                "project_ids": [Command.set(projects.ids)],
                "date_from": today.replace(day=1) + relativedelta(months=2),
                "approval_document": "业主大会决议〔2026〕1号",
            }
        ).action_approval_submit()

        # water meters of the first owner-occupied units of 锦绣花园, read every month
        units = (
            self.env["property.occupancy"]
            .sudo()
            .search(
                [("project_id", "=", projects[0].id), ("role", "=", "owner")],
                order="id",
                limit=8,
            )
            .unit_id.filtered(lambda u: u.usage == "residential")
        )
        meters = as_user("property.meter", accountant).create(
            [
                {
                    "name": f"W-{unit.building_id.name}-{unit.name}",
                    "unit_id": unit.id,
                    "fee_item_id": ref("property_finance.fee_item_water").id,
                    "date_installed": first - relativedelta(months=1),
                    "initial_reading": 100.0 + index * 10,
                }
                for index, unit in enumerate(units)
            ]
        )
        as_user("property.meter.reading", accountant).create(
            [
                {
                    "meter_id": meter.id,
                    "date": first + relativedelta(months=month, days=24),
                    "value": meter.initial_reading + (month + 1) * (8 + index % 5),
                }
                for index, meter in enumerate(meters)
                for month in range(12)
            ]
        )
        # a vacant-unit reduction [减免] approved by the finance manager
        vacant = units[-1:]
        reduction = as_user("property.fee.reduction", accountant).create(
            {
                "unit_id": vacant.id,
                "fee_item_id": ref("property_finance.fee_item_property").id,
                "reason": "vacant",
                "rate": 30.0,
                "date_from": first,
                "date_to": first + relativedelta(months=12, days=-1),
                "note": "业主长期在外地工作，房屋空置，按合同约定空置期减收30%物业服务费。",
            }
        )
        reduction.action_approval_submit()
        reduction.with_user(manager).with_context(lang=manager.lang).action_approval_approve()

        # a year of billing, paid by most owners soon after the bill; the last owners of each
        # project pay nothing for the last four months (arrears)
        Run = as_user("property.billing.run", accountant)
        Payment = as_user("account.payment", cashier)
        late_payers = set()
        for month in range(12):
            start = first + relativedelta(months=month)
            runs = Run.create(
                [{"project_id": project.id, "period_start": start} for project in projects]
            )
            runs.action_run()
            bills = runs.move_ids
            if not late_payers:
                late_payers = set(bills.partner_id.sorted("id")[-4:].ids)
            to_pay = bills.filtered(
                lambda b, m=month, lp=late_payers: b.amount_residual
                and not (m >= 8 and b.partner_id.id in lp)
            )
            paid_on = start + relativedelta(days=10)
            if to_pay and paid_on <= today:
                payments = Payment.create(
                    [
                        {
                            "payment_type": "inbound",
                            "partner_type": "customer",
                            "partner_id": bill.partner_id.id,
                            "amount": bill.amount_residual,
                            "date": paid_on,
                            "memo": bill.name,
                        }
                        for bill in to_pay
                    ]
                )
                payments.action_post()
                # the cashier's receipts pay the open bills (as a prepayment would)
                to_pay._property_reconcile_prepayments()
        # an owner pays the next half year ahead [预存款]: the next billing run uses it
        prepaying = bills.filtered(lambda b: b.partner_id.id not in late_payers)[:1]
        if prepaying:
            Payment.create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": prepaying.partner_id.id,
                    "amount": round(prepaying.amount_total * 6, 2),
                    "date": today,
                    "memo": "预存物业费",
                }
            ).action_post()
        self._demo_receivables(company, cashier, accountant, late_payers, today)
        return True

    @api.model
    def _demo_receivables(self, company, cashier, accountant, late_payers, today):
        """Demo: the dunning of the owners in arrears as it went over the last two months
        (reminder e-mail, letter, phone call by the cashier, one result logged), and balance
        confirmations sent to them at the end of last month."""
        levels = self.env["property.dunning.level"].search([("company_id", "=", company.id)])
        levels.filtered(lambda lv: lv.channel != "email").user_id = cashier
        Record = self.env["property.dunning.record"].with_company(company)
        for days_ago in (60, 30, 0):
            Record.with_context(lang=cashier.lang).sudo()._run_dunning(
                today=today - relativedelta(days=days_ago)
            )
        call = Record.search([("channel", "=", "phone"), ("state", "=", "todo")], limit=1)
        if call:
            call = call.with_user(cashier).with_context(lang=cashier.lang)
            call.note = "业主表示近期资金紧张，承诺本月底前缴清欠费。"
            call.with_context(dunning_result="promised").action_log_result()
        partners = self.env["res.partner"].browse(sorted(late_payers))
        confirmations = (
            self.env["property.balance.confirmation"]
            .with_user(accountant)
            .with_company(company)
            .with_context(lang=accountant.lang)
            .action_create_for_date(today.replace(day=1) - relativedelta(days=1), partners)
        )
        confirmations.action_send()

    @api.model
    def _demo_sale_tax(self, company, amount, name):
        tax = self.env["account.tax"].search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", amount),
                ("price_include", "=", False),
            ],
            limit=1,
        )
        return tax or self.env["account.tax"].create(
            {
                "name": name,
                "amount": amount,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": company.id,
            }
        )
