from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EvaluationRouteIsolation, PropertyBaseCommon, RecordRuleAsserts

USERS = ("plain", "staff", "head", "ga", "office", "gma", "gm", "admin")


def rights(*letters):
    """One "rwcu" string per user of USERS (read, write, create, unlink)."""
    return dict(zip(USERS, letters, strict=True))


#  plain  staff  head  general-affairs  office-director  gm-assistant  general-manager  admin
MATRIX = {
    "property.project": rights("", "r", "r", "rwc", "r", "r", "rwc", "rwcu"),
    "property.building": rights("", "r", "r", "rwcu", "r", "r", "rwcu", "rwcu"),
    "property.unit": rights("", "r", "r", "rwcu", "r", "r", "rwcu", "rwcu"),
    "property.occupancy": rights("", "r", "r", "rwc", "r", "r", "rwc", "rwcu"),
    "property.vehicle": rights("", "r", "r", "rwcu", "r", "r", "rwcu", "rwcu"),
    "property.unit.generate.wizard": rights("", "", "", "rwcu", "", "", "rwcu", "rwcu"),
    "property.training": rights("", "r", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.training.attendee": rights("", "r", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.evaluation.template": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.evaluation.template.line": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.evaluation": rights("", "r", "rwcu", "r", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.evaluation.line": rights("", "r", "rwcu", "r", "rwcu", "rwcu", "rwcu", "rwcu"),
    "property.approval.route": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.approval.route.step": rights("", "r", "r", "r", "r", "r", "r", "rwcu"),
    "property.approval.line": rights("r", "r", "r", "r", "r", "r", "r", "r"),
    "property.approval.reject.wizard": rights(*["rwc"] * 8),
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccessMatrix(PropertyBaseCommon):
    """Every model of property_base, every role, every operation, asserted both ways."""

    def test_matrix_covers_every_model(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "property_base"), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        ours = {
            m.model
            for m in models
            if not m.model.startswith(("res.", "hr.")) and not self.env[m.model]._abstract
        }
        self.assertEqual(ours, set(MATRIX))

    def test_access_matrix(self):
        users = {
            "plain": self.user_plain,
            "staff": self.user_staff,
            "head": self.user_department_head,
            "ga": self.user_general_affairs,
            "office": self.user_office_director,
            "gma": self.user_gm_assistant,
            "gm": self.user_general_manager,
            "admin": self.user_admin,
        }
        for model, expected in MATRIX.items():
            for key, allowed in expected.items():
                records = self.env[model].with_user(users[key])
                for letter, operation in OPERATIONS.items():
                    with self.subTest(model=model, user=key, operation=operation):
                        self.assertEqual(
                            records.has_access(operation),
                            letter in allowed,
                            f"{key} may{'' if letter in allowed else ' not'} {operation} {model}",
                        )


@tagged("post_install", "-at_install")
class TestRecordRules(EvaluationRouteIsolation, RecordRuleAsserts, PropertyBaseCommon):
    """BASE-3, BASE-4: record rules checked on real records, role by role (search and
    check_access); another company's records stay invisible (multi-company)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._archive_evaluation_routes()
        Employee = cls.env["hr.employee"]
        cls.emp_head = cls.department.manager_id
        cls.emp_staff = Employee.create(
            {"name": "王芳", "user_id": cls.user_staff.id, "department_id": cls.department.id}
        )
        cls.emp_other = Employee.create({"name": "李强", "department_id": cls.department.id})
        cls.emp_b = Employee.create(
            {"name": "乙公司员工", "user_id": cls.user_staff_b.id, "company_id": cls.company_b.id}
        )
        cls.route = cls.env["property.approval.route"].create(
            {
                "name": "Evaluation approval",
                "model_id": cls.env["ir.model"]._get_id("property.evaluation"),
                "step_ids": [
                    Command.create(
                        {
                            "name": "General manager",
                            "approver_type": "group",
                            "group_id": cls.env.ref("property_base.group_general_manager").id,
                        }
                    )
                ],
            }
        )
        cls.route_a = cls.route.copy({"name": "甲公司路线", "company_id": cls.company_a.id})
        cls.route_a.active = False
        template = cls.env.ref("property_base.evaluation_template_customer_service")

        def evaluation(user, employee):
            return (
                cls.env["property.evaluation"]
                .with_user(user)
                .create(
                    {
                        "employee_id": employee.id,
                        "date_from": "2024-01-01",
                        "date_to": "2024-03-31",
                        "template_id": template.id,
                    }
                )
            )

        eval_own = evaluation(cls.user_department_head, cls.emp_staff)
        eval_own.action_approval_submit()
        eval_own.with_user(cls.user_general_manager).action_approval_approve()
        cls.eval_own = eval_own.with_env(cls.env)
        cls.eval_other = evaluation(cls.user_department_head, cls.emp_other).with_env(cls.env)
        cls.eval_b = evaluation(cls.user_admin_b, cls.emp_b).with_env(cls.env)
        cls.evaluations = cls.eval_own | cls.eval_other | cls.eval_b
        cls.approval_lines = cls.eval_own.approval_line_ids
        Training = cls.env["property.training"]
        cls.training = Training.create(
            {
                "name": "消防安全培训",
                "training_type": "fire_safety",
                "date_start": "2024-05-01",
                "attendee_ids": [
                    Command.create({"employee_id": cls.emp_staff.id}),
                    Command.create({"employee_id": cls.emp_other.id}),
                ],
            }
        )
        cls.training_b = Training.create(
            {
                "name": "乙公司培训",
                "date_start": "2024-05-01",
                "company_id": cls.company_b.id,
                "attendee_ids": [Command.create({"employee_id": cls.emp_b.id})],
            }
        )
        cls.attendee_own, cls.attendee_other = cls.training.attendee_ids.sorted(
            lambda a: a.employee_id != cls.emp_staff
        )

    def test_evaluations(self):
        own, other, other_company = self.eval_own, self.eval_other, self.eval_b
        Evaluation = self.env["property.evaluation"]
        for user, expected in (
            (self.user_staff, own),  # their own approved evaluation only
            (self.user_department_head, own | other),  # the employees of their department
            (self.user_office_director, Evaluation),  # heads another department
            (self.user_general_affairs, Evaluation),
            (self.user_general_manager, own | other),  # the whole company
            (self.user_admin, own | other),
            (self.user_admin_b, other_company),
            (self.user_staff_b, Evaluation),  # their own evaluation is not approved yet
        ):
            with self.subTest(user=user.login):
                self.assertVisible(user, self.evaluations, expected)
                self.assertVisible(user, self.evaluations.line_ids, expected.line_ids)

    def test_training_attendees(self):
        attendees = self.training.attendee_ids | self.training_b.attendee_ids
        Attendee = self.env["property.training.attendee"]
        for user, expected in (
            (self.user_staff, self.attendee_own),
            (self.user_department_head, self.training.attendee_ids),
            (self.user_general_affairs, self.training.attendee_ids),
            (self.user_plain, Attendee),
            (self.user_staff_b, self.training_b.attendee_ids),
            (self.user_admin_b, self.training_b.attendee_ids),
        ):
            with self.subTest(user=user.login):
                if user == self.user_plain:  # no ACL at all
                    with self.assertRaises(AccessError):
                        self.attendee_own.with_user(user).check_access("read")
                    continue
                self.assertVisible(user, attendees, expected)
        with self.assertRaises(AccessError):
            self.attendee_other.with_user(self.user_staff).write({"note": "x"})

    def test_approval_lines(self):
        lines = self.approval_lines
        self.assertTrue(lines)
        Line = self.env["property.approval.line"]
        for user, expected in (
            (self.user_department_head, lines),  # requester
            (self.user_general_manager, lines),  # approver
            (self.user_admin, lines),  # approver and administrator
            (self.user_staff, Line),  # the evaluated employee takes no part in the approval
            (self.user_office_director, Line),
            (self.user_plain, Line),
            (self.user_admin_b, Line),  # another company
        ):
            with self.subTest(user=user.login):
                self.assertVisible(user, lines, expected)

    def test_other_company_isolation(self):
        user = self.user_admin_b
        for records in (
            self.training,
            self.training.attendee_ids,
            self.eval_own,
            self.eval_own.line_ids,
            self.route_a.with_context(active_test=False),
            self.approval_lines,
        ):
            with self.subTest(model=records._name), self.assertRaises(AccessError):
                records.with_user(user).check_access("read")
        self.assertFalse(
            self.env["property.training"].with_user(user).search([("id", "=", self.training.id)])
        )
        self.route.with_user(user).check_access("read")  # a route of every company
        self.training_b.with_user(user).check_access("read")
        with self.assertRaises(AccessError):
            self.training_b.with_user(self.user_admin).check_access("read")
