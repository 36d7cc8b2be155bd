from odoo import fields
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

    def test_drills_attended(self):
        """FIRE-2: the drills a member attended, as a brigade member or as a participant."""
        Drill = self.env["property.fire.drill"].with_user(self.fire_officer)
        today = fields.Date.context_today(Drill)
        as_member = Drill.create(
            {
                "name": "消防车通道演练",
                "project_id": self.project.id,
                "date": today,
                "member_ids": [(6, 0, self.member.ids)],
            }
        )
        as_participant = Drill.create(
            {
                "name": "疏散演练",
                "project_id": self.project.id,
                "date": today,
                "employee_ids": [(6, 0, self.employee_1.ids)],
            }
        )
        other_project = Drill.create(
            {
                "name": "二期演练",
                "project_id": self.project_2.id,
                "date": today,
                "employee_ids": [(6, 0, self.employee_1.ids)],
            }
        )
        planned = Drill.create(
            {
                "name": "计划中",
                "project_id": self.project.id,
                "date": today,
                "member_ids": [(6, 0, self.member.ids)],
            }
        )
        (as_member | as_participant | other_project).action_done()
        member = self.member.with_user(self.fire_officer)
        self.assertEqual(member.drill_ids, as_member | as_participant)
        self.assertEqual(member.drill_count, 2)
        self.assertNotIn(planned, member.drill_ids)
