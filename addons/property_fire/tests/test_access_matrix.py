from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.property_base.tests.common import RecordRuleAsserts

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireAccessMatrix(RecordRuleAsserts, FireCommon):
    """FIRE-1 to FIRE-10, BASE-4: the role matrix of every model of the module (read, write,
    create, delete per role) and the multi-company record rules."""

    # model: {role: "rwcd" allowed}; roles: staff (no fire role), officer, manager
    MATRIX = {
        "property.fire.appointment": {"staff": "", "officer": "r", "manager": "rwcd"},
        "property.fire.brigade.member": {"staff": "", "officer": "r", "manager": "rwcd"},
        "property.fire.equipment.issue": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.hazard": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.checklist": {"staff": "", "officer": "r", "manager": "rwcd"},
        "property.fire.checklist.item": {"staff": "", "officer": "r", "manager": "rwcd"},
        "property.fire.inspection": {"staff": "", "officer": "rwcd", "manager": "rwcd"},
        "property.fire.inspection.line": {"staff": "", "officer": "rwcd", "manager": "rwcd"},
        "property.fire.drill": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.key.area": {"staff": "", "officer": "r", "manager": "rwcd"},
        "property.fire.key.area.check": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.violation": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.violation.action": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.patrol.route": {"staff": "", "officer": "r", "manager": "rwcd"},
        "property.fire.patrol.point": {"staff": "", "officer": "r", "manager": "rwcd"},
        "property.fire.patrol": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.patrol.line": {"staff": "", "officer": "rwc", "manager": "rwcd"},
        "property.fire.archive": {"staff": "", "officer": "rwcd", "manager": "rwcd"},
        "property.fire.compliance.wizard": {"staff": "", "officer": "rwcd", "manager": "rwcd"},
        "property.fire.reward": {"staff": "", "officer": "r", "manager": "rwc"},
        "property.fire.sign.wizard": {"staff": "", "officer": "rwcd", "manager": "rwcd"},
    }

    def test_matrix(self):
        users = {
            "staff": self.user_staff,
            "officer": self.fire_officer,
            "manager": self.fire_manager,
        }
        operations = {"r": "read", "w": "write", "c": "create", "d": "unlink"}
        for model, roles in self.MATRIX.items():
            for role, allowed in roles.items():
                for letter, operation in operations.items():
                    has = self.env[model].with_user(users[role]).has_access(operation)
                    self.assertEqual(has, letter in allowed, f"{model} {role} {operation}")

    def test_companies(self):
        hazard_a = self.env["property.fire.hazard"].create(
            {"project_id": self.project.id, "description": "甲"}
        )
        hazard_b = self.env["property.fire.hazard"].create(
            {"project_id": self.project_b.id, "description": "乙"}
        )
        both = hazard_a | hazard_b
        self.assertVisible(self.fire_officer, both, hazard_a)
        self.assertVisible(self.fire_officer_b, both, hazard_b)
        member_a = self.env["property.fire.brigade.member"].create(
            {"employee_id": self.employee_1.id, "project_id": self.project.id}
        )
        employee_b = self.env["hr.employee"].create(
            {"name": "乙队员", "company_id": self.company_b.id}
        )
        member_b = self.env["property.fire.brigade.member"].create(
            {"employee_id": employee_b.id, "project_id": self.project_b.id}
        )
        self.assertVisible(self.fire_officer, member_a | member_b, member_a)
        self.assertVisible(self.fire_officer_b, member_a | member_b, member_b)
        facility_a = self._facility()
        facility_b = self._facility(fire_project_id=self.project_b.id, company_id=self.company_b.id)
        self.assertVisible(self.fire_officer, facility_a | facility_b, facility_a)
        with self.assertRaises(AccessError):
            hazard_b.with_user(self.fire_officer).write({"location": "x"})
