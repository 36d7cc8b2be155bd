from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EvaluationRouteIsolation, PropertyBaseCommon, ProtectedFieldsChecks


class ProtectedCommon(ProtectedFieldsChecks, PropertyBaseCommon):
    """Direct writes tried as ``role_users`` (PropertyBaseCommon)."""


@tagged("post_install", "-at_install")
class TestEvaluationProtectedFields(EvaluationRouteIsolation, ProtectedCommon):
    """SVC-10, issue 7: the composite score, the state, the approval fields and the approval
    lines change only through the evaluation's own actions and the approval engine; manual
    scores only while the evaluation is a draft."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._archive_evaluation_routes()
        cls.env["property.approval.route"].create(
            {
                "name": "Evaluation approval",
                "model_id": cls.env["ir.model"]._get_id("property.evaluation"),
                "step_ids": [
                    Command.create(
                        {
                            "name": "GM",
                            "approver_type": "group",
                            "group_id": cls.env.ref("property_base.group_general_manager").id,
                        }
                    )
                ],
            }
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "王芳", "user_id": cls.user_staff.id, "department_id": cls.department.id}
        )
        cls.evaluation = (
            cls.env["property.evaluation"]
            .with_user(cls.user_department_head)
            .create(
                {
                    "employee_id": cls.employee.id,
                    "date_from": "2024-01-01",
                    "date_to": "2024-03-31",
                    "line_ids": [
                        Command.create({"name": "态度", "weight": 1, "score": 90}),
                        Command.create({"name": "沟通", "weight": 3, "score": 70}),
                    ],
                }
            )
        )

    def test_score_and_state_refused_in_draft(self):
        self.assertAlmostEqual(self.evaluation.score, 75.0)
        writers = self.assertDirectWriteRefused(
            self.evaluation,
            {"score": 100.0, "state": "approved", "approval_round": 3},
            self.role_users,
            allowed={"note": "<p>良好</p>"},
        )
        self.assertGreaterEqual(writers, 12, "the evaluators reach the guard")
        self.assertIn("良好", self.evaluation.note)
        line = self.evaluation.line_ids[0]
        writers = self.assertDirectWriteRefused(
            line, {"no_data": True}, self.role_users, allowed={"score": 95.0}
        )
        self.assertGreaterEqual(writers, 1)
        self.assertEqual(line.score, 95.0, "the evaluator scores a manual criterion in draft")

    def test_scores_locked_once_submitted(self):
        evaluation = self.evaluation.with_user(self.user_department_head)
        evaluation.action_approval_submit()
        self.assertEqual(evaluation.state, "to_approve")
        for user in self.role_users:
            with self.assertRaises(UserError, msg=user.login):
                self.evaluation.line_ids[0].with_user(user).write({"score": 10.0})
        self.assertEqual(self.evaluation.line_ids[0].score, 90.0)
        lines = self.evaluation.approval_line_ids
        self.assertEqual(lines.mapped("state"), ["pending"])
        self.assertDirectWriteRefused(
            lines,
            {"state": "approved", "done_user_id": self.user_general_manager.id, "reason": "x"},
            self.role_users,
        )
        # positive control: the engine writes them when the approver approves
        self.evaluation.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(lines.state, "approved")
        self.assertEqual(lines.done_user_id, self.user_general_manager)
        self.assertEqual(self.evaluation.state, "approved")
        # an approved evaluation does not go back to draft by a direct write
        self.assertDirectWriteRefused(
            self.evaluation, {"state": "draft", "score": 10.0}, self.role_users
        )

    def test_create_with_protected_values_refused(self):
        Evaluation = self.env["property.evaluation"].with_user(self.user_department_head)
        vals = {"employee_id": self.employee.id, "date_from": "2024-04-01", "date_to": "2024-06-30"}
        with self.assertRaisesRegex(UserError, "workflow"):
            Evaluation.create(dict(vals, score=99.0))
        with self.assertRaisesRegex(UserError, "workflow"):
            Evaluation.create(dict(vals, line_ids=[Command.create({"name": "x", "no_data": True})]))
        self.assertTrue(Evaluation.create(vals))


@tagged("post_install", "-at_install")
class TestEstateProtectedFields(ProtectedCommon):
    """BASE-1, BASE-5, issue 7: owner-occupied and rented unit statuses and the partners'
    owner/resident flags follow the occupancies; nobody writes them directly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        project = cls.env["property.project"].create(
            {"name": "测试花园", "code": "TST", "company_id": cls.company_a.id}
        )
        building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": project.id, "floor_count": 30}
        )
        Unit = cls.env["property.unit"].with_user(cls.user_general_affairs)
        cls.unit = Unit.create({"name": "0101", "building_id": building.id, "area": 88.5})
        cls.unit_2 = Unit.create(
            {"name": "0102", "building_id": building.id, "area": 60.0, "state": "unsold"}
        )
        cls.owner = cls.env["res.partner"].create({"name": "王伟"})

    def _occupy(self, unit, role="owner"):
        return (
            self.env["property.occupancy"]
            .with_user(self.user_general_affairs)
            .create({"unit_id": unit.id, "partner_id": self.owner.id, "role": role})
        )

    def test_unit_status(self):
        self.assertEqual(self.unit_2.state, "unsold", "a manual status is given on creation")
        with self.assertRaisesRegex(UserError, "Status"):
            self.env["property.unit"].with_user(self.user_general_affairs).create(
                {"name": "0103", "building_id": self.unit.building_id.id, "area": 50,
                 "state": "rented"}
            )  # fmt: skip
        writers = self.assertDirectWriteRefused(
            self.unit, {"state": "occupied"}, self.role_users, allowed={"floor": 1}
        )
        self.assertGreaterEqual(writers, 3)
        # positive controls: manual statuses on an empty unit, derived ones from occupancies
        self.unit.with_user(self.user_general_affairs).state = "decorating"
        self.unit.with_user(self.user_general_affairs).state = "vacant"
        self._occupy(self.unit, "tenant")
        self.assertEqual(self.unit.state, "rented")
        writers = self.assertDirectWriteRefused(self.unit, {"state": "vacant"}, self.role_users)
        self.assertGreaterEqual(writers, 3, "an occupied unit is not declared vacant by hand")

    def test_partner_flags(self):
        self._occupy(self.unit)
        self.assertTrue(self.owner.property_is_owner)
        writers = self.assertDirectWriteRefused(
            self.owner,
            {"property_is_owner": False, "property_is_resident": True},
            self.role_users,
            allowed={"comment": "VIP"},
        )
        self.assertGreaterEqual(writers, 2, "contact managers reach the guard")
        self.assertTrue(self.owner.property_is_owner)
        self.assertFalse(self.owner.property_is_resident)
