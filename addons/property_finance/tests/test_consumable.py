from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks, RecordRuleAsserts

from .test_budget import BudgetCommon


class ConsumableCommon(BudgetCommon):
    """A category of low-value consumables on the budgeted expense account, three products
    counted into the company's stock, a staff member of the customer service department
    (客服部, whose head approves) and a confirmed budget of the department of 12,000 for the
    current year on that account (1,000 a month)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_employee = cls.env["hr.employee"].create(
            {
                "name": "李明",
                "user_id": cls.user_staff.id,
                "department_id": cls.department.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.category = cls.env["product.category"].create(
            {"name": "低值易耗品", "property_consumable": True}
        )
        cls.category.with_company(cls.company_a).property_expense_account_id = cls.account
        cls.broom, cls.mop, cls.bags = cls.env["product.product"].create(
            [
                {
                    "name": name,
                    "is_storable": True,
                    "categ_id": cls.category.id,
                    "standard_price": cost,
                }
                for name, cost in (("扫帚", 25.0), ("拖把", 40.0), ("垃圾袋", 12.5))
            ]
        )
        cls.warehouse = cls.company_a._property_consumable_warehouse()
        cls.stock = cls.warehouse.lot_stock_id
        cls.issue_location = cls.company_a._property_consumable_location()
        cls._count(cls.broom | cls.mop | cls.bags, [50, 20, 200])
        year = fields.Date.context_today(cls.env["res.users"]).year
        cls.department_budget = cls._year_budget(12000.0, year)

    @classmethod
    def _count(cls, products, quantities, user=None):
        Quant = cls.env["stock.quant"].with_context(inventory_mode=True)
        if user:
            Quant = Quant.with_user(user)
        quants = Quant.create(
            [
                {
                    "product_id": product.id,
                    "location_id": cls.stock.id,
                    "inventory_quantity": quantity,
                }
                for product, quantity in zip(products, quantities, strict=True)
            ]
        )
        quants.action_apply_inventory()
        return quants

    @classmethod
    def _year_budget(cls, amount, year):
        budget = (
            cls.env["mis.budget.by.account"]
            .with_user(cls.accountant)
            .create(
                {
                    "name": f"{year}年客服部低值易耗品预算",
                    "date_from": f"{year}-01-01",
                    "date_to": f"{year}-12-31",
                    "analytic_account_id": cls.analytic_department.id,
                    "company_id": cls.company_a.id,
                }
            )
        )
        wizard = (
            cls.env["property.budget.split.wizard"]
            .with_user(cls.accountant)
            .with_context(default_budget_id=budget.id)
            .create({"account_id": cls.account.id, "amount": amount})
        )
        wizard.action_split()
        budget.with_user(cls.finance_manager).action_confirm()
        return budget

    def make_request(self, lines, user=None, department=None):
        return (
            self.env["property.consumable.request"]
            .with_user(user or self.user_staff)
            .create(
                {
                    "department_id": (department or self.department).id,
                    "reason": "楼道保洁用品补充",
                    "line_ids": [
                        Command.create({"product_id": product.id, "quantity": quantity})
                        for product, quantity in lines
                    ],
                }
            )
        )

    def approved_request(self, lines, **kw):
        request = self.make_request(lines, **kw)
        request.action_approval_submit()
        request.with_user(self.user_department_head).action_approval_approve()
        return request

    def on_hand(self, product):
        return product.with_context(location=self.stock.id).qty_available


@tagged("post_install", "-at_install")
class TestConsumableRequest(ConsumableCommon):
    """FIN-5 (篇3 第十二条): low-value consumables [低值易耗品] are requested by a department
    [领用申请], approved by its head, then issued out of stock by the accountant at their
    cost; never without approval nor beyond the stock."""

    def test_request_approval_issue_moves_stock_out(self):
        request = self.make_request([(self.broom, 10), (self.bags, 40)])
        self.assertTrue(request.name.startswith("LY"))
        request.action_approval_submit()
        self.assertEqual(request.state, "to_approve")
        request.with_user(self.user_department_head).action_approval_approve()
        self.assertEqual(request.state, "approved")
        request.with_user(self.accountant).action_issue()
        self.assertEqual(request.state, "issued")
        self.assertEqual(request.issue_user_id, self.accountant)
        self.assertEqual(request.issue_date, fields.Date.context_today(request))
        picking = request.picking_id
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.location_id, self.stock)
        self.assertTrue(picking.location_dest_id.property_consumable_location)
        self.assertEqual(picking.location_dest_id.company_id, self.company_a)
        self.assertEqual(len(picking.move_ids), 2)
        self.assertEqual(self.on_hand(self.broom), 40)
        self.assertEqual(self.on_hand(self.bags), 160)
        broom_line = request.line_ids.filtered(lambda line: line.product_id == self.broom)
        self.assertEqual(broom_line.unit_cost, 25.0)
        self.assertEqual(broom_line.account_id, self.account)
        self.assertEqual(broom_line.move_id.product_id, self.broom)
        self.assertEqual(request.total_value, 10 * 25.0 + 40 * 12.5)
        # later cost changes do not change the stamped cost
        self.broom.standard_price = 30.0
        self.assertEqual(broom_line.unit_cost, 25.0)

    def test_issue_without_approval_refused(self):
        request = self.make_request([(self.broom, 1)])
        with self.assertRaisesText(UserError, "not approved"):
            request.with_user(self.accountant).action_issue()
        request.action_approval_submit()
        with self.assertRaisesText(UserError, "not approved"):
            request.with_user(self.accountant).action_issue()
        # only the department head approves, not the requester nor the accountant
        for user in (self.user_staff, self.accountant):
            with self.assertRaises(UserError):
                request.with_user(user).action_approval_approve()
        request.with_user(self.user_department_head).action_approval_approve()
        for user in (self.user_staff, self.user_department_head, self.cashier):
            with self.assertRaisesText(AccessError, "accountant"):
                request.with_user(user).action_issue()
        self.assertEqual(request.state, "approved")
        self.assertEqual(self.on_hand(self.broom), 50)

    def test_over_stock_refused(self):
        request = self.approved_request([(self.mop, 15), (self.broom, 5)])
        other = self.approved_request([(self.mop, 10)])
        with self.assertRaisesText(UserError, r"拖把.*15\.0.*20\.0|Not enough 拖把.*25\.0.*20\.0"):
            (request | other).with_user(self.accountant).action_issue()
        self.assertEqual(request.state, "approved")
        self.assertEqual(self.on_hand(self.mop), 20)
        request.with_user(self.accountant).action_issue()
        with self.assertRaisesText(UserError, r"Not enough 拖把.*10\.0.*5\.0"):
            other.with_user(self.accountant).action_issue()
        self.assertEqual(other.state, "approved")

    def test_stock_reserved_elsewhere_is_not_available(self):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.mop.name,
                            "product_id": self.mop.id,
                            "product_uom_qty": 15,
                            "product_uom": self.mop.uom_id.id,
                            "location_id": self.stock.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        request = self.approved_request([(self.mop, 10)])
        with self.assertRaisesText(UserError, r"Not enough 拖把.*10\.0.*5\.0"):
            request.with_user(self.accountant).action_issue()

    def test_empty_request_and_other_products_refused(self):
        request = self.make_request([])
        with self.assertRaisesText(UserError, "no line"):
            request.action_approval_submit()
        service = self.env["product.product"].create({"name": "保洁服务", "type": "service"})
        with self.assertRaisesText(UserError, "not a low-value consumable"):
            self.make_request([(service, 1)])

    def test_submitted_request_is_kept_and_frozen(self):
        request = self.approved_request([(self.broom, 2)])
        with self.assertRaisesText(UserError, "cannot change"):
            request.line_ids.with_user(self.user_staff).write({"quantity": 20})
        with self.assertRaisesText(UserError, "cannot change"):
            request.with_user(self.user_staff).write(
                {"line_ids": [Command.create({"product_id": self.mop.id, "quantity": 1})]}
            )
        with self.assertRaisesText(UserError, "cannot change"):
            request.with_user(self.user_staff).write({"department_id": self.department.id})
        with self.assertRaisesText(UserError, "kept"):
            request.with_user(self.accountant).unlink()
        draft = self.make_request([(self.broom, 1)])
        draft.unlink()
        self.assertFalse(draft.exists())


@tagged("post_install", "-at_install")
class TestConsumableScrapCount(ConsumableCommon):
    """FIN-5 (篇3 第十二条): consumables are scrapped [报废] only with a reason and the
    department, and periodic counts [盘点] adjust the stock."""

    def _scrap(self, **vals):
        return (
            self.env["stock.scrap"]
            .with_user(self.accountant)
            .create({"product_id": self.mop.id, "scrap_qty": 2, **vals})
        )

    def test_scrap_without_reason_refused(self):
        scrap = self._scrap(property_department_id=self.department.id)
        with self.assertRaisesText(UserError, "needs a reason"):
            scrap.action_validate()
        scrap.property_scrap_reason = "  "
        with self.assertRaisesText(UserError, "needs a reason"):
            scrap.action_validate()
        self.assertEqual(scrap.state, "draft")
        self.assertEqual(self.on_hand(self.mop), 20)

    def test_scrap_without_department_refused(self):
        scrap = self._scrap(property_scrap_reason="拖把头断裂")
        with self.assertRaisesText(UserError, "department"):
            scrap.action_validate()

    def test_scrap_with_reason(self):
        scrap = self._scrap(
            property_department_id=self.department.id, property_scrap_reason="拖把头断裂"
        )
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")
        self.assertEqual(scrap.property_unit_cost, 40.0)
        self.assertEqual(scrap.property_account_id, self.account)
        self.assertEqual(self.on_hand(self.mop), 18)

    def test_other_products_scrap_without_reason(self):
        other = self.env["product.product"].create({"name": "办公桌", "is_storable": True})
        self._count(other, [3])
        scrap = self._scrap(product_id=other.id, scrap_qty=1)
        scrap.action_validate()
        self.assertEqual(scrap.state, "done")

    def test_count_adjusts_stock_and_shows_in_report(self):
        Report = self.env["property.consumable.consumption"]
        before = sum(Report.search([("product_id", "=", self.bags.id)]).mapped("count_qty"))
        self._count(self.bags, [188], user=self.accountant)
        self.assertEqual(self.on_hand(self.bags), 188)
        self.env.flush_all()
        self.env.invalidate_all()
        rows = Report.with_user(self.accountant).search([("product_id", "=", self.bags.id)])
        self.assertEqual(sum(rows.mapped("count_qty")) - before, -12)
        self.assertAlmostEqual(sum(rows.mapped("count_value")), (200 - 12) * 12.5)


@tagged("post_install", "-at_install")
class TestConsumableConsumption(ConsumableCommon):
    """FIN-5 (篇3 第十二条, cost control): the consumption per department and month equals
    the values issued and scrapped, against the department's budget of the consumables
    account, with the remaining budget."""

    def test_consumption_against_budget(self):
        request = self.approved_request([(self.broom, 10), (self.mop, 5)])
        request.with_user(self.accountant).action_issue()
        scrap = (
            self.env["stock.scrap"]
            .with_user(self.accountant)
            .create(
                {
                    "product_id": self.bags.id,
                    "scrap_qty": 4,
                    "property_department_id": self.department.id,
                    "property_scrap_reason": "受潮破损",
                }
            )
        )
        scrap.action_validate()
        self.env.flush_all()
        self.env.invalidate_all()
        month = request.issue_date.replace(day=1)
        rows = (
            self.env["property.consumable.consumption"]
            .with_user(self.accountant)
            .search([("department_id", "=", self.department.id), ("date", "=", month)])
        )
        issued = 10 * 25.0 + 5 * 40.0
        self.assertAlmostEqual(sum(rows.mapped("issued_value")), issued)
        self.assertAlmostEqual(sum(rows.mapped("issued_qty")), 15)
        self.assertAlmostEqual(sum(rows.mapped("scrapped_value")), 4 * 12.5)
        self.assertAlmostEqual(sum(rows.mapped("consumption")), issued + 50.0)
        self.assertAlmostEqual(sum(rows.mapped("budget")), 1000.0)
        self.assertAlmostEqual(sum(rows.mapped("remaining")), 1000.0 - issued - 50.0)
        self.assertEqual(set(rows.categ_id.ids), set(self.category.ids))
        # grouped per department and month as the pivot does
        groups = (
            self.env["property.consumable.consumption"]
            .with_user(self.accountant)
            ._read_group(
                [("department_id", "=", self.department.id)],
                ["date:month"],
                ["remaining:sum"],
            )
        )
        remaining = {date.replace(day=1): value for date, value in groups}
        self.assertAlmostEqual(remaining[month], 1000.0 - issued - 50.0)


@tagged("post_install", "-at_install")
class TestConsumableBatch(ConsumableCommon):
    """FIN-5: issuing a batch of requests costs the same number of queries whatever the
    number of requests (one transfer per company, one move per product)."""

    def _batch(self, count):
        requests = self.env["property.consumable.request"]
        for _index in range(count):
            requests |= self.make_request([(self.broom, 1), (self.bags, 2)])
        requests.action_approval_submit()
        requests.with_user(self.user_department_head).action_approval_approve()
        self.env.invalidate_all()
        return requests.with_user(self.accountant)

    def _issue_batch(self, count):
        # a first issue warms the caches (sequences, picking type, stock rules)
        self._batch(1).action_issue()
        requests = self._batch(count)
        # one read of the stock per product, one transfer with one move per product and one
        # write of the requests: the same count for 2 and 10 requests
        with self.assertQueryCount(ISSUE_QUERIES):
            requests.action_issue()
        self.assertEqual(set(requests.mapped("state")), {"issued"})
        self.assertEqual(len(requests.picking_id), 1)
        self.assertEqual(len(requests.picking_id.move_ids), 2)
        self.assertEqual(self.on_hand(self.broom), 50 - 1 - count)
        self.assertEqual(self.on_hand(self.bags), 200 - 2 - 2 * count)

    def test_batch_issue_2_requests(self):
        self._issue_batch(2)

    def test_batch_issue_10_requests(self):
        self._issue_batch(10)


ISSUE_QUERIES = 92


@tagged("post_install", "-at_install")
class TestConsumableSecurity(ConsumableCommon, ProtectedFieldsChecks, RecordRuleAsserts):
    """FIN-5 (house rule): the states, issue stamps and costs of requests and scraps are
    written only by their actions, for every role; each company and department sees its own
    requests."""

    def test_direct_writes_refused(self):
        users = self.role_users + self.finance_users
        request = self.make_request([(self.broom, 1)])
        self.assertTrue(
            self.assertDirectWriteRefused(
                request,
                {"state": "issued", "issue_date": "2026-01-01", "issue_user_id": self.cashier.id},
                users,
                {"reason": "改"},
            )
        )
        self.assertTrue(
            self.assertDirectWriteRefused(
                request.line_ids, {"unit_cost": 1.0, "account_id": self.account_other.id}, users
            )
        )
        picking = self.env["stock.picking"].search([], limit=1)
        issued = self.approved_request([(self.broom, 1)])
        issued.with_user(self.accountant).action_issue()
        self.assertTrue(self.assertDirectWriteRefused(issued, {"picking_id": picking.id}, users))
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.mop.id,
                "scrap_qty": 1,
                "property_department_id": self.department.id,
                "property_scrap_reason": "损坏",
            }
        )
        scrap.action_validate()
        self.assertTrue(
            self.assertDirectWriteRefused(
                scrap, {"property_unit_cost": 1.0, "property_account_id": False}, users
            )
        )

    def test_multi_company_and_department(self):
        request = self.make_request([(self.broom, 1)])
        Request = self.env["property.consumable.request"]
        other_department = self.env["hr.department"].create(
            {"name": "工程部", "company_id": self.company_a.id}
        )
        engineer = new_test_user(
            self.env,
            login="t_engineer",
            groups="property_base.group_property_user",
            company_id=self.company_a.id,
            company_ids=[Command.set(self.company_a.ids)],
        )
        self.env["hr.employee"].create(
            {"name": "工程师", "user_id": engineer.id, "department_id": other_department.id}
        )
        self.assertVisible(self.user_staff, request, request)
        self.assertVisible(self.user_department_head, request, request)
        self.assertVisible(self.accountant, request, request)
        self.assertVisible(engineer, request, Request)
        self.assertVisible(self.accountant_b, request, Request)
        self.assertVisible(self.user_staff_b, request, Request)
        self.assertVisible(self.accountant, request.line_ids, request.line_ids)
        self.assertVisible(self.accountant_b, request.line_ids, request.line_ids.browse())
        request.with_user(self.accountant).action_approval_submit()
        request.with_user(self.user_department_head).action_approval_approve()
        request.with_user(self.accountant).action_issue()
        self.env.flush_all()
        Report = self.env["property.consumable.consumption"]
        rows = Report.search([("department_id", "=", self.department.id)])
        self.assertTrue(rows)
        self.assertVisible(self.accountant_b, rows, Report)
        with self.assertRaises(AccessError):
            Report.with_user(self.user_staff).search([])


@tagged("post_install", "-at_install")
class TestConsumableViews(ConsumableCommon):
    """FIN-5: staff open their requests from the Property app; the accountant opens the
    consumables menus (requests, scraps, counts, consumption)."""

    def test_views_open(self):
        Request = self.env["property.consumable.request"]
        views = [(False, "list"), (False, "form"), (False, "kanban"), (False, "search")]
        Request.with_user(self.user_staff).get_views(views)
        menu = self.env.ref("property_finance.menu_my_consumable_request")
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.user_staff)._visible_menu_ids()
        )
        visible = self.env["ir.ui.menu"].with_user(self.accountant)._visible_menu_ids()
        for xmlid in (
            "menu_consumable_request",
            "menu_consumable_scrap",
            "menu_consumable_count",
            "menu_consumable_consumption",
        ):
            menu = self.env.ref(f"property_finance.{xmlid}")
            self.assertIn(menu.id, visible, xmlid)
            action = menu.action.sudo()
            model = self.env[action.res_model].with_user(self.accountant)
            modes = [(False, mode) for mode in action.view_mode.split(",")]
            model.get_views(modes)
            model.search(safe_eval(action.domain or "[]"), limit=1)
        self.assertNotIn(
            self.env.ref("property_finance.menu_finance_consumables").id,
            self.env["ir.ui.menu"].with_user(self.user_staff)._visible_menu_ids(),
        )


@tagged("post_install", "-at_install")
class TestConsumableOtherCompany(ConsumableCommon):
    """FIN-5 (multi-company): each company issues its requests from its own warehouse to its
    own issue location; the other company's accountant neither sees nor issues them."""

    def test_company_b_issues_from_its_own_stock(self):
        company = self.company_b
        head_b = new_test_user(
            self.env,
            login="t_head_b",
            groups="property_base.group_department_head",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        department_b = self.env["hr.department"].create(
            {"name": "乙公司客服部", "company_id": company.id}
        )
        department_b.manager_id = self.env["hr.employee"].create(
            {"name": "乙负责人", "user_id": head_b.id, "company_id": company.id}
        )
        warehouse_b = company._property_consumable_warehouse()
        self.assertNotEqual(warehouse_b, self.warehouse)
        self.env["stock.quant"].with_company(company).with_context(inventory_mode=True).create(
            {
                "product_id": self.broom.id,
                "location_id": warehouse_b.lot_stock_id.id,
                "inventory_quantity": 7,
            }
        ).action_apply_inventory()
        request = self.make_request(
            [(self.broom, 8)], user=self.user_staff_b, department=department_b
        )
        self.assertEqual(request.company_id, company)
        request.action_approval_submit()
        request.with_user(head_b).action_approval_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.accountant).action_issue()
        # the stock of company A does not count for company B
        with self.assertRaisesText(UserError, r"Not enough 扫帚.*8\.0.*7\.0"):
            request.with_user(self.accountant_b).action_issue()
        self.assertEqual(self.on_hand(self.broom), 50)
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.broom.id), ("location_id", "=", warehouse_b.lot_stock_id.id)]
        )
        quant.with_context(inventory_mode=True).inventory_quantity = 10
        quant.action_apply_inventory()
        request.with_user(self.accountant_b).action_issue()
        self.assertEqual(request.state, "issued")
        self.assertEqual(request.picking_id.company_id, company)
        self.assertEqual(request.picking_id.location_id, warehouse_b.lot_stock_id)
        self.assertEqual(request.picking_id.location_dest_id.company_id, company)
        self.assertEqual(quant.quantity, 2)
        self.assertEqual(self.on_hand(self.broom), 50)
