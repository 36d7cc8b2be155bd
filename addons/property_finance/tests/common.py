from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.property_base.tests.common import PropertyBaseCommon

CASHIER = "property_finance.group_finance_cashier"
ACCOUNTANT = "property_finance.group_finance_accountant"
MANAGER = "property_finance.group_finance_manager"


class FinanceCommon(PropertyBaseCommon):
    """Finance roles, an estate of 3 units with owners, fee items (6 % VAT by configuration on
    the product, whatever the chart), approved standards, made once per class.

    Unit 1 (100 m², owner 1), unit 2 (80 m², owner 2, let to a tenant who pays the fees),
    parking space P1 (owner 1), unit 3 (60 m², unsold, nobody).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_finance_people()
        cls._setup_finance_estate()
        cls._setup_fee_items()

    @classmethod
    def _setup_finance_people(cls):
        def user(login, groups, company=None):
            company = company or cls.company_a
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.cashier = user("t_fin_cashier", CASHIER)
        cls.accountant = user("t_fin_accountant", ACCOUNTANT)
        cls.finance_manager = user("t_fin_manager", MANAGER)
        cls.accountant_b = user("t_fin_accountant_b", ACCOUNTANT, cls.company_b)
        cls.finance_users = [cls.cashier, cls.accountant, cls.finance_manager, cls.accountant_b]
        cls.owner_1 = cls.env["res.partner"].create({"name": "王伟", "email": "ww@example.com"})
        cls.owner_2 = cls.env["res.partner"].create({"name": "李娜"})
        cls.tenant_2 = cls.env["res.partner"].create({"name": "张强"})

    @classmethod
    def _setup_finance_estate(cls):
        cls.project = cls.env["property.project"].create(
            {"name": "测试花园", "code": "T-FIN", "company_id": cls.company_a.id}
        )
        building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": cls.project.id, "floor_count": 10}
        )
        cls.building = building
        Unit = cls.env["property.unit"]
        cls.unit_1 = Unit.create({"name": "0101", "building_id": building.id, "area": 100.0})
        cls.unit_2 = Unit.create({"name": "0102", "building_id": building.id, "area": 80.0})
        cls.unit_3 = Unit.create(
            {"name": "0103", "building_id": building.id, "area": 60.0, "state": "unsold"}
        )
        cls.parking = Unit.create(
            {"name": "P1", "building_id": building.id, "area": 12.0, "usage": "parking"}
        )
        cls.env["property.occupancy"].create(
            [
                {"unit_id": cls.unit_1.id, "partner_id": cls.owner_1.id, "date_from": "2020-01-01"},
                {"unit_id": cls.unit_2.id, "partner_id": cls.owner_2.id, "date_from": "2020-01-01"},
                {
                    "unit_id": cls.unit_2.id,
                    "partner_id": cls.tenant_2.id,
                    "role": "tenant",
                    "pays_fees": True,
                    "date_from": "2024-01-01",
                },
                {
                    "unit_id": cls.parking.id,
                    "partner_id": cls.owner_1.id,
                    "date_from": "2020-01-01",
                },
            ]
        )

    @classmethod
    def _setup_fee_items(cls):
        # the database's own standards (e.g. the demo's) apply to no test unit
        cls.env["property.fee.standard"].search([])._protected_write({"state": "superseded"})
        cls.vat_6 = cls.env["account.tax"].create(
            {
                "name": "物业服务增值税 6%",
                "amount": 6.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": cls.company_a.id,
            }
        )
        cls.vat_9 = cls.env["account.tax"].create(
            {
                "name": "水费增值税 9%",
                "amount": 9.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": cls.company_a.id,
            }
        )

        def product(name, tax):
            return cls.env["product.product"].create(
                {"name": name, "type": "service", "taxes_id": [Command.set(tax.ids)]}
            )

        Item = cls.env["property.fee.item"]
        cls.item_property = Item.create(
            {
                "name": "物业服务费",
                "method": "area",
                "product_id": product("物业服务费", cls.vat_6).id,
            }
        )
        cls.item_parking = Item.create(
            {
                "name": "车位管理费",
                "method": "parking",
                "product_id": product("车位管理费", cls.vat_6).id,
            }
        )
        cls.item_water = Item.create(
            {"name": "水费", "method": "metered", "product_id": product("水费", cls.vat_9).id}
        )
        cls.std_property = cls.make_standard(cls.item_property, 2.5, usage="residential")
        cls.std_parking = cls.make_standard(cls.item_parking, 150.0, usage="parking")
        cls.std_water = cls.make_standard(cls.item_water, 4.0, usage="residential")

    @classmethod
    def make_standard(cls, item, price, approve=True, date_from="2025-01-01", **kw):
        standard = (
            cls.env["property.fee.standard"]
            .with_user(cls.accountant)
            .create(
                {
                    "name": f"{item.name} {price}",
                    "fee_item_id": item.id,
                    "price": price,
                    "date_from": date_from,
                    "project_ids": [Command.set(cls.project.ids)],
                    **kw,
                }
            )
        )
        if approve:
            cls.approve(standard)
        return standard.with_user(cls.env.user)

    @classmethod
    def approve(cls, record):
        record.with_user(cls.accountant).action_approval_submit()
        record.with_user(cls.finance_manager).action_approval_approve()
        if record._name == "property.fee.standard":
            record.with_user(cls.user_general_manager).action_approval_approve()

    def run_billing(self, month="2026-03-01", project=None, user=None):
        run = (
            self.env["property.billing.run"]
            .with_user(user or self.accountant)
            .create({"project_id": (project or self.project).id, "period_start": month})
        )
        run.action_run()
        return run
