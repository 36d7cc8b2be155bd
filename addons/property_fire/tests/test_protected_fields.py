from datetime import date, datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import PNG, FireCommon


@tagged("post_install", "-at_install")
class TestFireProtectedFields(ProtectedFieldsChecks, FireCommon):
    """FIRE-1 to FIRE-7, FIRE-11 patrols (issue 11, items 3a, 12): states, signatures,
    verification, stamped dates and results are written only through their actions; direct
    writes are refused for every role."""

    def _refused(self, record, values, allowed=None):
        writers = self.assertDirectWriteRefused(record, values, self.all_users, allowed=allowed)
        self.assertTrue(writers, "at least one role may write the record, and is refused")

    def test_listing(self):
        self.assertProtectedListing(
            "property_fire",
            {
                "property.fire.appointment": {"date_end"},
                "property.fire.equipment.issue": {"state", "date_returned"},
                "maintenance.equipment": {
                    "fire_expiry_state",
                    "fire_last_check_date",
                    "fire_next_check_date",
                },
                "property.fire.hazard": {
                    "state",
                    "rectified_by_id",
                    "rectified_date",
                    "verified_by_id",
                    "verified_date",
                    "reported_date",
                    "escalated",
                    "committee_date",
                    "committee_reference",
                    "authority_date",
                    "authority_reference",
                },
                "property.fire.inspection": {
                    "state",
                    "inspector_signature",
                    "inspector_signed_by_id",
                    "inspector_signed_at",
                    "head_signature",
                    "head_signed_by_id",
                    "head_signed_at",
                    "date_done",
                },
                "property.fire.inspection.line": {"result"},
                "property.fire.drill": {"state"},
                "property.fire.violation": {
                    "state",
                    "rectified_date",
                    "closed_date",
                    "closed_by_id",
                    "escalated_date",
                    "authority_date",
                    "authority_reference",
                    "reporter_partner_id",
                    "report_state",
                    "report_verified_by_id",
                    "report_verified_date",
                },
                "property.fire.violation.action": {
                    "violation_id",
                    "kind",
                    "date",
                    "user_id",
                    "result",
                },
                "property.fire.patrol": {
                    "state",
                    "date_start",
                    "date_done",
                    "is_late",
                    "officer_id",
                    "deadline",
                },
                "property.fire.patrol.line": {"result", "scanned", "checked_at", "missed"},
                "property.fire.reward": {
                    "state",
                    "bill_id",
                    "approval_line_ids",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                },
                "property.fire.key.area.check": {
                    "result",
                    "date",
                    "checked_by_id",
                    "key_area_id",
                },
            },
        )

    def test_appointment(self):
        appointment = self.env["property.fire.appointment"].create(
            {
                "project_id": self.project.id,
                "role": "manager",
                "employee_id": self.employee_2.id,
                "date_start": date(2025, 1, 1),
            }
        )
        self._refused(appointment, {"date_end": date(2025, 2, 1)}, allowed={"duties": "职责"})

    def test_equipment_issue(self):
        member = self.env["property.fire.brigade.member"].create(
            {"employee_id": self.employee_1.id, "project_id": self.project.id}
        )
        issue = self.env["property.fire.equipment.issue"].create(
            {"member_id": member.id, "name": "头盔"}
        )
        self._refused(
            issue, {"state": "returned", "date_returned": date(2025, 1, 1)}, allowed={"quantity": 2}
        )

    def test_facility(self):
        facility = self._facility()
        self._refused(
            facility,
            {
                "fire_expiry_state": "expired",
                "fire_last_check_date": date(2025, 1, 1),
                "fire_next_check_date": date(2099, 1, 1),
            },
            allowed={"fire_spot": "门口"},
        )

    def test_hazard(self):
        hazard = self.env["property.fire.hazard"].create(
            {"project_id": self.project.id, "description": "隐患"}
        )
        self._refused(
            hazard,
            {
                "state": "closed",
                "verified_by_id": self.fire_manager.id,
                "verified_date": date(2025, 1, 1),
                "rectified_by_id": self.fire_officer.id,
                "escalated": True,
                "reported_date": date(2025, 1, 1),
            },
            allowed={"location": "北门"},
        )

    def test_drill(self):
        drill = self.env["property.fire.drill"].create(
            {"name": "演练", "project_id": self.project.id}
        )
        self._refused(drill, {"state": "done"}, allowed={"evaluation": "良好"})

    def test_key_area_check(self):
        area = self.env["property.fire.key.area"].create(
            {"name": "消防车通道", "project_id": self.project.id}
        )
        check = (
            self.env["property.fire.key.area.check"]
            .with_user(self.fire_officer)
            .create({"key_area_id": area.id, "result": "blocked"})
        )
        other = self.env["property.fire.key.area"].create(
            {"name": "屋顶", "project_id": self.project.id}
        )
        self._refused(
            check,
            {
                "result": "clear",
                "date": datetime(2025, 1, 1, 8, 0),
                "checked_by_id": self.fire_manager.id,
                "key_area_id": other.id,
            },
            allowed={"note": "已清理"},
        )

    def test_violation_and_actions(self):
        violation = self.env["property.fire.violation"].create(
            {
                "project_id": self.project.id,
                "location": "消防车通道",
                "description": "占用",
                "offender_type": "other",
                "offender_name": "刘先生",
            }
        )
        action = (
            self.env["property.fire.violation.action"]
            .with_user(self.fire_officer)
            .create({"violation_id": violation.id, "description": "劝阻", "result": "ignored"})
        )
        violation.write({"authority_date": date(2025, 1, 1), "authority_reference": "001"})
        violation.with_user(self.fire_officer).action_escalate()
        self._refused(
            violation,
            {
                "state": "closed",
                "rectified_date": date(2025, 1, 1),
                "closed_date": date(2025, 1, 1),
                "closed_by_id": self.fire_manager.id,
                "escalated_date": date(2025, 1, 2),
                "authority_date": date(2025, 1, 3),
                "authority_reference": "002",
                "reporter_partner_id": self.fire_officer.partner_id.id,
                "report_state": "confirmed",
                "report_verified_by_id": self.fire_manager.id,
                "report_verified_date": date(2025, 1, 1),
            },
            allowed={"location": "北门"},
        )
        other = violation.copy({"location": "南门"})
        self._refused(
            action,
            {
                "violation_id": other.id,
                "kind": "stop",
                "date": datetime(2025, 1, 1, 8, 0),
                "user_id": self.fire_manager.id,
                "result": "complied",
            },
            allowed={"description": "再次劝阻"},
        )

    def test_patrol_and_lines(self):
        area = self.env["property.fire.key.area"].create(
            {"name": "消防车通道", "project_id": self.project.id}
        )
        route = self.env["property.fire.patrol.route"].create(
            {
                "name": "路线",
                "project_id": self.project.id,
                "point_ids": [(0, 0, {"point_type": "key_area", "key_area_id": area.id})],
            }
        )
        patrol = self.env["property.fire.patrol"].create(
            {"route_id": route.id, "scheduled": datetime(2025, 1, 1)}
        )
        patrol.with_user(self.fire_officer).action_start()
        self._refused(
            patrol.line_ids,
            {
                "result": "ok",
                "scanned": True,
                "checked_at": datetime(2025, 1, 1, 8, 0),
                "missed": True,
            },
            allowed={"note": "正常"},
        )
        self._refused(
            patrol,
            {
                "state": "done",
                "date_start": datetime(2025, 1, 1, 8, 0),
                "date_done": datetime(2025, 1, 1, 9, 0),
                "is_late": True,
                "officer_id": self.fire_officer_2.id,
                "deadline": datetime(2099, 1, 1),
            },
            allowed={"scheduled": datetime(2025, 1, 2)},
        )

    def test_inspection_and_results(self):
        inspection = self.env["property.fire.inspection"].create(
            {
                "project_id": self.project.id,
                "department_id": self.department.id,
                "inspector_id": self.fire_officer.id,
                "checklist_id": self.env.ref("property_fire.checklist_general").id,
            }
        )
        inspection.with_user(self.fire_officer).action_start()
        self._refused(
            inspection,
            {
                "state": "done",
                "inspector_signature": PNG,
                "inspector_signed_by_id": self.fire_officer.id,
                "head_signature": PNG,
                "head_signed_by_id": self.user_department_head.id,
                "head_signed_at": fields.Datetime.now(),
                "date_done": fields.Datetime.now(),
            },
            allowed={"area": "车库"},
        )
        self._refused(inspection.line_ids[0], {"result": "ok"}, allowed={"note": "好"})
