from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireFacility(FireCommon):
    """FIRE-3: fire facilities as maintenance equipment of a fire category, with type, agent,
    capacity, dates, location and check interval; preventive plans (monthly check, yearly full
    test by a qualified firm with its report); the expiry check; QR labels."""

    def setUp(self):
        super().setUp()
        self.yearly = self.env.ref("property_fire.maintenance_kind_fire_yearly")
        self.today = fields.Date.context_today(self.env["maintenance.equipment"])

    def test_bad_input(self):
        Equipment = self.env["maintenance.equipment"].with_user(self.fire_officer)
        vals = {
            "name": "灭火器",
            "category_id": self.category.id,
            "fire_type": "extinguisher",
            "fire_project_id": self.project.id,
        }
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            Equipment.create({**vals, "fire_capacity": -1})
        with self.assertRaisesText(ValidationError, "before it was manufactured"):
            Equipment.create(
                {
                    **vals,
                    "fire_manufacture_date": self.today,
                    "fire_expiry_date": self.today - timedelta(days=1),
                }
            )
        facility = Equipment.create({**vals, "fire_capacity": 4, "fire_agent": "abc_powder"})
        self.assertTrue(facility.fire_facility)
        self.assertEqual(facility.fire_expiry_state, "ok")

    def _facilities(self, n, delta):
        return self.env["maintenance.equipment"].create(
            [
                {
                    "name": f"灭火器{i}",
                    "category_id": self.category.id,
                    "fire_type": "extinguisher",
                    "fire_project_id": self.project.id,
                    "fire_expiry_date": self.today + timedelta(days=delta),
                }
                for i in range(n)
            ]
        )

    def test_expiry_cron_flags_and_creates_nothing_twice(self):
        self.env["property.fire.appointment"].create(
            {
                "project_id": self.project.id,
                "role": "manager",
                "employee_id": self.env["hr.employee"]
                .create({"name": "管理人", "user_id": self.fire_manager.id})
                .id,
            }
        )
        expired = self._facilities(3, -1)
        expiring = self._facilities(2, 10)
        valid = self._facilities(2, 200)
        Equipment = self.env["maintenance.equipment"]
        Equipment._cron_fire_expiry()
        self.assertEqual(set(expired.mapped("fire_expiry_state")), {"expired"})
        self.assertEqual(set(expiring.mapped("fire_expiry_state")), {"expiring"})
        self.assertEqual(set(valid.mapped("fire_expiry_state")), {"ok"})
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "property.project"), ("res_id", "=", self.project.id)]
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.fire_manager)
        self.assertIn("3", activities.summary)
        Equipment._cron_fire_expiry()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "property.project"), ("res_id", "=", self.project.id)]
            ),
            1,
        )
        # a refilled extinguisher is valid again at the next run
        expired[0].fire_expiry_date = self.today + timedelta(days=365)
        Equipment._cron_fire_expiry()
        self.assertEqual(expired[0].fire_expiry_state, "ok")

    def _cron_queries(self, n):
        self._facilities(n, -1)
        self._facilities(n, 5)
        self.env.flush_all()
        self.env.invalidate_all()
        self.env.registry.clear_cache()

    def test_expiry_cron_query_count_independent_of_n(self):
        Equipment = self.env["maintenance.equipment"]
        Equipment._cron_fire_expiry()  # the database's own facilities first
        self.project.manager_id = self.fire_manager  # a to-do for the project each run
        counts = []
        # the first round warms the caches of the to-do's creation; 250 is above the ORM's
        # batch of a hundred rows per UPDATE
        for n in (2, 5, 250):
            self._cron_queries(n)
            before = self.env.cr.sql_log_count
            Equipment._cron_fire_expiry()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1:], [EXPIRY_CRON_QUERIES] * 2)
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "property.project"), ("res_id", "=", self.project.id)]
            ),
            3,
        )

    def test_preventive_plans(self):
        facility = self._facility()
        plans = facility.with_user(self.fire_officer).action_fire_create_plans()
        self.assertEqual(len(plans), 2)
        self.assertEqual(
            set(plans.mapped("interval_step")), {"month", "year"}, "monthly check, yearly test"
        )
        self.assertFalse(facility.action_fire_create_plans(), "created once")

    def test_yearly_test_needs_firm_and_report(self):
        facility = self._facility()
        request = self.env["maintenance.request"].create(
            {
                "name": "年度检测",
                "equipment_id": facility.id,
                "maintenance_type": "preventive",
                "maintenance_kind_id": self.env.ref(
                    "property_fire.maintenance_kind_fire_yearly"
                ).id,
            }
        )
        self.assertTrue(request.fire_yearly_test)
        done = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        with self.assertRaisesText(ValidationError, "qualified firm"):
            request.with_user(self.fire_officer).stage_id = done
        request.write(
            {
                "fire_firm_id": self.env["res.partner"].create({"name": "深圳消防检测公司"}).id,
                "fire_report_attachment_ids": [(6, 0, self._attachment("report.pdf").ids)],
            }
        )
        request.with_user(self.fire_officer).stage_id = done
        request.close_date = self.today
        self.assertEqual(facility.fire_last_check_date, self.today)
        self.assertEqual(facility.fire_next_check_date, self.today + timedelta(days=30))

    def test_qr_label(self):
        facility = self._facility()
        self.assertTrue(facility.fire_check_url.endswith(f"/fire/facility/{facility.id}"))
        report = self.env.ref("property_fire.action_report_fire_facility_label")
        html, _ = report._render_qweb_html(report.report_name, facility.ids)
        self.assertIn(facility.name, html.decode())
        self.assertIn("data:image/png;base64", html.decode())
        action = facility.with_user(self.fire_officer).action_fire_record_check()
        self.assertEqual(action["context"]["default_equipment_id"], facility.id)


EXPIRY_CRON_QUERIES = 67
