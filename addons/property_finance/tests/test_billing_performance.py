from odoo import Command
from odoo.tests import tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestBillingQueryCount(FinanceCommon):
    """FIN-7 (performance): the queries of a billing run beyond Odoo's own creation and
    posting of the same invoices do not grow with the number of units."""

    def _project(self, size, code):
        project = self.env["property.project"].create(
            {"name": f"批量{code}", "code": code, "company_id": self.company_a.id}
        )
        building = self.env["property.building"].create(
            {"name": "1栋", "project_id": project.id, "floor_count": 30}
        )
        units = self.env["property.unit"].create(
            [{"name": f"{i:04d}", "building_id": building.id, "area": 90.0} for i in range(size)]
        )
        owners = self.env["res.partner"].create([{"name": f"业主{i}"} for i in range(size)])
        self.env["property.occupancy"].create(
            [
                {"unit_id": u.id, "partner_id": o.id, "date_from": "2020-01-01"}
                for u, o in zip(units, owners, strict=True)
            ]
        )
        return project

    def _count(self, project):
        run = (
            self.env["property.billing.run"]
            .with_user(self.accountant)
            .create({"project_id": project.id, "period_start": "2026-03-01"})
        )
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        plan = run._compute_plan()
        run._existing_keys([k for lines in plan["lines"].values() for k in lines])
        self.env.flush_all()
        return self.cr.sql_log_count - start, plan

    def test_plan_queries_independent_of_units(self):
        # std_property applies to the test project only; give it the new projects too
        self.std_property.sudo().write({"project_ids": [Command.set([])]})
        self._count(self._project(3, "Q3"))  # warm the caches (rules, fields)
        small, plan_small = self._count(self._project(10, "Q10"))
        large, plan_large = self._count(self._project(40, "Q40"))
        self.assertEqual(len(plan_small["lines"]), 10)
        self.assertEqual(len(plan_large["lines"]), 40)
        self.assertEqual(small, large)
