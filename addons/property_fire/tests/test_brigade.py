from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireBrigade(FireCommon):
    """FIRE-2: volunteer fire brigade members, roles, equipment issued and returned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = (
            cls.env["property.fire.brigade.member"]
            .with_user(cls.fire_manager)
            .create(
                {"employee_id": cls.employee_1.id, "project_id": cls.project.id, "role": "captain"}
            )
        )

    def test_issue_and_return(self):
        issue = (
            self.env["property.fire.equipment.issue"]
            .with_user(self.fire_officer)
            .create({"member_id": self.member.id, "name": "消防战斗服", "quantity": 1})
        )
        self.assertEqual(self.member.issued_count, 1)
        issue.action_return()
        self.assertEqual(issue.state, "returned")
        self.assertTrue(issue.date_returned)
        self.member.invalidate_recordset()
        self.assertEqual(self.member.issued_count, 0)
        with self.assertRaisesText(UserError, "already returned"):
            issue.action_return()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            issue.with_user(self.fire_manager).unlink()

    def test_bad_input(self):
        Issue = self.env["property.fire.equipment.issue"].with_user(self.fire_officer)
        with self.assertRaisesText(ValidationError, "positive"):
            Issue.create({"member_id": self.member.id, "name": "头盔", "quantity": 0})
        with self.assertRaisesText(UserError, "archive a member"):
            self.member.with_user(self.fire_manager).unlink()

    def test_only_managers_enrol(self):
        with self.assertRaises(AccessError):
            self.env["property.fire.brigade.member"].with_user(self.fire_officer).create(
                {"employee_id": self.employee_2.id, "project_id": self.project.id}
            )
