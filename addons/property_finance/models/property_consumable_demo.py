from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class PropertyConsumableRequestDemo(models.Model):
    _inherit = "property.consumable.request"

    @api.model
    def _property_demo_consumables(self):
        """Demo (FIN-5): the category 低值易耗品 with six products counted into stock, a
        request of the customer service centre approved by its head and issued by the
        accountant, a request of the engineering department waiting for its head, and a
        scrap of broken walkie-talkie batteries with its reason."""
        ref = self.env.ref
        company = ref("base.main_company")
        accountant = ref("property_finance.user_accountant")
        requester = ref("property_base.user_general_affairs")
        service_head = ref("property_base.user_service_head")
        Account = self.env["account.account"]
        expense = Account.search(
            [*Account._check_company_domain(company), ("account_type", "=", "expense")],
            order="code",
            limit=1,
        )
        category = self.env["product.category"].create(
            {"name": "低值易耗品", "property_consumable": True}
        )
        category.with_company(company).property_expense_account_id = expense
        products = self.env["product.product"].create(
            [
                {
                    "name": name,
                    "is_storable": True,
                    "type": "consu",
                    "categ_id": category.id,
                    "standard_price": cost,
                }
                for name, cost in (
                    ("扫帚", 25.0),
                    ("拖把", 38.0),
                    ("垃圾袋（卷）", 12.5),
                    ("LED灯管", 45.0),
                    ("工具套装", 260.0),
                    ("对讲机电池", 85.0),
                )
            ]
        )
        warehouse = company._property_consumable_warehouse()
        Quant = self.env["stock.quant"].with_company(company).with_context(inventory_mode=True)
        quants = Quant.create(
            [
                {
                    "product_id": product.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "inventory_quantity": quantity,
                }
                for product, quantity in zip(products, (60, 40, 300, 120, 10, 30), strict=True)
            ]
        )
        quants.action_apply_inventory()

        def as_user(user, records):
            return records.with_user(user).with_company(company).with_context(lang=user.lang)

        today = fields.Date.context_today(self)
        Request = as_user(requester, self)
        service, engineering = Request.create(
            [
                {
                    "department_id": ref("property_base.demo_department_service").id,
                    "date": today - relativedelta(days=5),
                    "reason": "锦绣花园大堂及楼道日常保洁用品补充",
                    "line_ids": [
                        Command.create({"product_id": products[0].id, "quantity": 10}),
                        Command.create({"product_id": products[1].id, "quantity": 8}),
                        Command.create({"product_id": products[2].id, "quantity": 50}),
                    ],
                },
                {
                    "department_id": ref("property_base.dept_engineering").id,
                    "date": today - relativedelta(days=1),
                    "reason": "地下车库照明维修更换灯管",
                    "line_ids": [
                        Command.create({"product_id": products[3].id, "quantity": 24}),
                        Command.create({"product_id": products[4].id, "quantity": 1}),
                    ],
                },
            ]
        )
        (service | engineering).action_approval_submit()
        as_user(service_head, service).action_approval_approve()
        as_user(accountant, service).action_issue()
        scrap = as_user(accountant, self.env["stock.scrap"]).create(
            {
                "product_id": products[5].id,
                "scrap_qty": 3,
                "property_department_id": ref("property_base.demo_department_service").id,
                "property_scrap_reason": "电池鼓包无法充电，按规定报废",
                "company_id": company.id,
            }
        )
        scrap.action_validate()
