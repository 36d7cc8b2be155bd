from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# the counter's signature on the demo report: a short stroke (PNG, 60×20)
DEMO_SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAADwAAAAUCAAAAAD0aAH1AAAAH0lEQVR4nGP4TwFgGNU8tD"
    "QzkA6GvGaKAmxU8xDQDAD3muBKKeqLXwAAAABJRU5ErkJggg=="
)


class PropertyAssetStocktakeDemo(models.Model):
    _inherit = "property.asset.stocktake"

    @api.model
    def _property_demo_asset_stocktakes(self):
        """Demo (FIN-4): the equipment of 锦绣花园 on a five-year profile, registered and
        confirmed by the accountant; a stocktake of building 1 approved by the finance
        manager (the fire pump missing and written off, the lift damaged and sent to repair)
        and a stocktake of 翠湖 being counted."""
        ref = self.env.ref
        company = ref("base.main_company")
        accountant = ref("property_finance.user_accountant")
        manager = ref("property_finance.user_finance_manager")

        def as_user(user, records):
            return records.with_user(user).with_company(company).with_context(lang=user.lang)

        today = fields.Date.context_today(self)
        start = today.replace(month=1, day=1)
        if start >= today:
            return
        profile = self._demo_asset_profile(company)
        b1, b2 = ref("property_base.project_jinxiu_b1"), ref("property_base.project_jinxiu_b2")
        cuihu = ref("property_base.project_cuihu")
        cuihu_b1 = cuihu.building_ids[:1]
        specs = [
            ("监控主机（海康威视 DS-9632）", 38000.0, b1, "demo_employee_li_qiang"),
            ("消防水泵（XBD 40-50）", 26000.0, b1, "demo_employee_li_qiang"),
            ("客梯（奥的斯 GeN2）", 320000.0, b1, "demo_employee_chen_jing"),
            ("办公电脑（联想 启天 M450）", 5600.0, b2, "demo_employee_wang_fang"),
            ("办公电脑（联想 启天 M450）", 5600.0, cuihu_b1, "demo_employee_zhang_min"),
            ("道闸系统（捷顺 JSKT）", 18000.0, cuihu_b1, "demo_employee_zhang_min"),
        ]
        assets = as_user(accountant, self.env["account.asset"]).create(
            [
                {
                    "name": name,
                    "profile_id": profile.id,
                    "purchase_value": value,
                    "date_start": start,
                    "property_project_id": building.project_id.id,
                    "building_id": building.id,
                    "custodian_id": ref(f"property_base.{employee}").id,
                }
                for name, value, building, employee in specs
            ]
        )
        as_user(accountant, assets).validate()
        cctv, pump, lift = assets[:3]
        Stocktake = as_user(accountant, self)
        done = Stocktake.create(
            {
                "property_project_id": ref("property_base.project_jinxiu").id,
                "building_id": b1.id,
                "date": today,
                "note": "年中固定资产清查：1栋设备房、监控室、电梯机房。",
            }
        )
        done.action_start()
        done.action_scan(cctv.code)
        lines = {line.asset_id: line for line in done.line_ids}
        lines[pump].write({"result": "missing", "note": "设备房未见该水泵，物业部称已外借未归还"})
        lines[lift].write(
            {"result": "damaged", "damage_action": "repair", "note": "轿厢门变形，需厂家维修"}
        )
        done.action_sign(DEMO_SIGNATURE)
        done.action_approval_submit()
        as_user(manager, done).action_approval_approve()
        counting = Stocktake.create(
            {"property_project_id": cuihu.id, "date": today - relativedelta(days=1)}
        )
        counting.action_start()
        counting.action_scan(assets[5].code)

    @api.model
    def _demo_asset_profile(self, company):
        Account = self.env["account.account"].with_company(company)

        def account(prefix):
            return Account.search(
                [*Account._check_company_domain(company), ("code", "=like", f"{prefix}%")],
                order="code",
                limit=1,
            )

        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        return self.env["account.asset.profile"].create(
            {
                "name": "物业设备及办公设备（5年直线法）",
                "company_id": company.id,
                "account_asset_id": account("1601").id,
                "account_depreciation_id": account("1602").id,
                "account_expense_depreciation_id": account("6602").id,
                "account_min_value_id": account("6711").id,
                "account_plus_value_id": account("6301").id or account("6711").id,
                "journal_id": journal.id,
                "method": "linear",
                "method_number": 5,
                "method_period": "year",
            }
        )
