from datetime import date

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PNG, FireCommon


@tagged("post_install", "-at_install")
class TestFireReportPortal(HttpCase, FireCommon):
    """FIRE-10 (issue 11, item 10): owners report violations through the portal and see
    only their own reports (isolation over HTTP with two portal owners); the report is
    verified by someone other than the reporter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portals = []
        for i, name in enumerate(("汪强", "李娜"), start=1):
            user = new_test_user(
                cls.env,
                login=f"t_fire_portal_{i}",
                password=f"t_fire_portal_{i}",
                groups="base.group_portal",
                name=name,
            )
            unit = cls.env["property.unit"].create(
                {"name": f"060{i}", "building_id": cls.building.id, "floor": 6, "area": 89.5}
            )
            cls.env["property.occupancy"].create(
                {
                    "unit_id": unit.id,
                    "partner_id": user.partner_id.id,
                    "role": "owner",
                    "date_from": date(2020, 1, 1),
                }
            )
            cls.portals.append((user, unit))

    def _report(self, i, location, description="楼道堆放杂物", files=None):
        user, unit = self.portals[i]
        self.authenticate(user.login, user.login)
        return self.url_open(
            "/my/fire-reports/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "unit_id": str(unit.id),
                "location": location,
                "description": description,
            },
            files=files,
            allow_redirects=False,
        )

    def test_report_and_isolation(self):
        response = self._report(0, "6楼楼梯间", files={"photos": ("a.png", PNG, "image/png")})
        self.assertEqual(response.status_code, 303)
        self._report(1, "车库B区电动车充电")
        Violation = self.env["property.fire.violation"]
        mine = Violation.search([("reporter_partner_id", "=", self.portals[0][0].partner_id.id)])
        theirs = Violation.search([("reporter_partner_id", "=", self.portals[1][0].partner_id.id)])
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.report_state, "to_verify")
        self.assertEqual(mine.project_id, self.project)
        self.assertEqual(len(mine.photo_ids), 1)
        # the second owner's list shows only their own report
        page = self.url_open("/my/fire-reports")
        self.assertEqual(page.status_code, 200)
        self.assertIn("车库B区电动车充电", page.text)
        self.assertNotIn("6楼楼梯间", page.text)
        self.authenticate("t_fire_portal_1", "t_fire_portal_1")
        page = self.url_open("/my/fire-reports")
        self.assertIn("6楼楼梯间", page.text)
        self.assertNotIn("车库B区电动车充电", page.text)
        portal_1 = self.portals[0][0]
        with self.assertRaises(AccessError):
            theirs.with_user(portal_1).check_access("read")
        with self.assertRaises(AccessError):
            Violation.with_user(portal_1).create(
                {
                    "project_id": self.project.id,
                    "location": "x",
                    "description": "x",
                    "offender_type": "other",
                    "offender_name": "x",
                }
            )

    def test_unit_of_another_owner_refused(self):
        user, _unit = self.portals[0]
        self.authenticate(user.login, user.login)
        response = self.url_open(
            "/my/fire-reports/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "unit_id": str(self.portals[1][1].id),
                "location": "别人家门口",
                "description": "x",
            },
        )
        self.assertIn("o_fire_report_error", response.text)
        self.assertFalse(
            self.env["property.fire.violation"].search([("location", "=", "别人家门口")])
        )

    def test_verification_by_someone_else(self):
        self._report(0, "6楼楼梯间")
        report = self.env["property.fire.violation"].search([("location", "=", "6楼楼梯间")])
        # an employee who is also the reporter's person cannot verify his own report
        reporter_employee = new_test_user(
            self.env, login="t_fire_reporter_emp", groups="property_fire.group_fire_user"
        )
        report.sudo()._protected_write({"reporter_partner_id": reporter_employee.partner_id.id})
        with self.assertRaisesText(UserError, "someone else must verify"):
            report.with_user(reporter_employee).action_confirm_report()
        report.with_user(self.fire_officer).action_confirm_report()
        self.assertEqual(report.report_state, "confirmed")
        self.assertEqual(report.report_verified_by_id, self.fire_officer)
        with self.assertRaisesText(UserError, "not a report waiting"):
            report.with_user(self.fire_manager).action_reject_report()
