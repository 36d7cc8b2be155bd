from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PropertyBaseCommon, ProtectedFieldsChecks


@tagged("post_install", "-at_install")
class TestTraining(PropertyBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_staff = Employee.create(
            {"name": "王芳", "user_id": cls.user_staff.id, "department_id": cls.department.id}
        )
        cls.emp_other = Employee.create({"name": "李强", "department_id": cls.department.id})
        cls.emp_b = Employee.create(
            {"name": "乙公司员工", "user_id": cls.user_staff_b.id, "company_id": cls.company_b.id}
        )
        cls.training = cls.env["property.training"].create(
            {
                "name": "新员工入职初期培训",
                "training_type": "initial",
                "date_start": "2024-03-01",
                "date_end": "2024-03-07",
                "hours": 40,
                "attendee_ids": [
                    Command.create({"employee_id": cls.emp_staff.id}),
                    Command.create({"employee_id": cls.emp_other.id}),
                ],
            }
        )

    def _new_training(self, user, **vals):
        return (
            self.env["property.training"]
            .with_user(user)
            .create({"name": "消防安全培训", "training_type": "fire_safety", **vals})
        )

    # Workflow

    def test_workflow_general_affairs(self):
        training = self._new_training(
            self.user_general_affairs,
            date_start="2024-05-01",
            attendee_ids=[Command.create({"employee_id": self.emp_staff.id})],
        )
        self.assertEqual(training.date_end, date(2024, 5, 1), "end date defaults to start date")
        training.action_plan()
        self.assertEqual(training.state, "planned")
        with self.assertRaisesRegex(UserError, "Record the attendance"):
            training.action_done()
        training.action_mark_all_present()
        training.action_done()
        self.assertEqual(training.state, "done")
        with self.assertRaises(UserError):
            training.action_cancel()
        with self.assertRaises(UserError):
            training.action_plan()

    def test_initial_training_lasts_a_week(self):
        training = self._new_training(
            self.user_general_affairs, training_type="initial", date_start="2024-05-06"
        )
        self.assertEqual(training.date_end, date(2024, 5, 12), "one week: start + 6 days")
        self.assertEqual(training.hours, 40)
        explicit = self._new_training(
            self.user_general_affairs,
            training_type="initial",
            date_start="2024-05-06",
            date_end="2024-05-08",
            hours=24,
        )
        self.assertEqual((explicit.date_end, explicit.hours), (date(2024, 5, 8), 24))
        other = self._new_training(self.user_general_affairs, date_start="2024-05-06")
        self.assertEqual((other.date_end, other.hours), (date(2024, 5, 6), 0))
        with Form(self.env["property.training"].with_user(self.user_general_affairs)) as form:
            form.name = "新员工入职初期培训"
            form.date_start = date(2024, 6, 3)
            form.date_end = date(2024, 6, 3)
            form.training_type = "initial"
            self.assertEqual(form.date_end, date(2024, 6, 9))
            self.assertEqual(form.hours, 40)
            form.date_start = date(2024, 6, 10)
            self.assertEqual(form.date_end, date(2024, 6, 16))
            form.hours = 36
        self.assertEqual(form.record.hours, 36, "the default hours can be changed")

    def test_cancel_and_reset(self):
        training = self._new_training(self.user_department_head)
        training.action_cancel()
        self.assertEqual(training.state, "cancelled")
        with self.assertRaises(UserError):
            training.action_done()
        training.action_draft()
        self.assertEqual(training.state, "draft")

    def test_done_without_attendees(self):
        training = self._new_training(self.user_general_affairs)
        training.action_plan()
        with self.assertRaisesRegex(UserError, "no attendees"):
            training.action_done()

    def test_end_before_start(self):
        with self.assertRaisesRegex(ValidationError, "cannot be before its start date"):
            self._new_training(
                self.user_general_affairs, date_start="2024-05-02", date_end="2024-05-01"
            )

    def test_absent_cannot_pass(self):
        line = self.training.attendee_ids[0].with_user(self.user_general_affairs)
        self.training.with_user(self.user_general_affairs).action_plan()
        line.action_mark_passed()
        self.assertEqual((line.attendance, line.result), ("present", "passed"))
        line.action_mark_absent()
        self.assertEqual((line.attendance, line.result), ("absent", "none"))
        with self.assertRaises(ValidationError):
            line._protected_write({"result": "passed"})

    @mute_logger("odoo.sql_db")
    def test_attendee_unique(self):
        with self.assertRaises(IntegrityError):
            self.training.attendee_ids = [Command.create({"employee_id": self.emp_staff.id})]
            self.env.flush_all()

    def test_unlink(self):
        training = self._new_training(self.user_general_affairs)
        training.unlink()
        training = self.training.with_user(self.user_general_affairs)
        training.action_plan()
        training.action_mark_all_present()
        training.action_done()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.training.with_user(self.user_general_affairs).unlink()

    # Access

    def test_access_staff(self):
        training = self.training.with_user(self.user_staff)
        self.assertEqual(training.name, "新员工入职初期培训")
        self.assertEqual(training.attendee_ids.employee_id, self.emp_staff, "only own line")
        with self.assertRaises(AccessError):
            training.write({"name": "x"})
        with self.assertRaises(AccessError):
            self._new_training(self.user_staff)
        with self.assertRaises(AccessError):
            training.action_plan()

    def test_access_managers(self):
        for user in (self.user_general_affairs, self.user_department_head):
            training = self.training.with_user(user)
            self.assertEqual(len(training.attendee_ids), 2)
            training.write({"location": "培训室"})

    def test_access_plain_user(self):
        with self.assertRaises(AccessError):
            self.training.with_user(self.user_plain).read(["name"])

    def test_multi_company(self):
        with self.assertRaises(AccessError):
            self.training.with_user(self.user_staff_b).read(["name"])
        self.assertFalse(
            self.env["property.training"].with_user(self.user_staff_b).search([]),
            "company B sees no training of company A",
        )
        with self.assertRaises(AccessError):
            self._new_training(self.user_general_affairs, company_id=self.company_b.id)
        with self.assertRaises(UserError):
            self.training.attendee_ids = [Command.create({"employee_id": self.emp_b.id})]

    def test_employee_button(self):
        action = self.emp_staff.action_open_property_trainings()
        self.assertEqual(action["res_model"], "property.training.attendee")
        self.assertEqual(
            self.env["property.training.attendee"].search(action["domain"]).training_id,
            self.training,
        )
        self.assertEqual(self.emp_staff.property_training_count, 1)


@tagged("post_install", "-at_install")
class TestTrainingDone(PropertyBaseCommon):
    """``hr.employee._property_training_done`` on a hand-made dataset with known answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.e1, cls.e2, cls.e3, cls.e4 = cls.env["hr.employee"].create(
            [{"name": name} for name in ("甲", "乙", "丙", "丁")]
        )
        cls.employees = cls.e1 | cls.e2 | cls.e3 | cls.e4
        cls._training("initial", "2024-03-01", "done", [
            (cls.e1, "present", "none"), (cls.e2, "present", "failed"), (cls.e3, "absent", "none"),
        ])  # fmt: skip
        cls._training("initial", "2024-04-01", "planned", [(cls.e4, "present", "passed")])
        cls._training("fire_safety", "2024-06-10", "done", [
            (cls.e1, "present", "passed"), (cls.e4, "present", "none"),
        ])  # fmt: skip
        cls._training("fire_safety", "2023-06-10", "done", [(cls.e2, "present", "passed")])
        cls._training("fire_safety", "2024-07-01", "cancelled", [(cls.e3, "present", "none")])

    @classmethod
    def _training(cls, training_type, day, state, lines):
        """A training taken to ``state`` through its workflow, as general affairs."""
        training = (
            cls.env["property.training"]
            .with_user(cls.user_general_affairs)
            .create(
                {
                    "name": f"{training_type} {day}",
                    "training_type": training_type,
                    "date_start": day,
                    "attendee_ids": [Command.create({"employee_id": emp.id}) for emp, *_r in lines],
                }
            )
        )
        training.action_plan()
        actions = {
            ("present", "none"): "action_mark_present",
            ("present", "passed"): "action_mark_passed",
            ("present", "failed"): "action_mark_failed",
            ("absent", "none"): "action_mark_absent",
        }
        for (emp, att, res), attendee in zip(
            lines, training.attendee_ids.sorted("id"), strict=True
        ):
            assert attendee.employee_id == emp
            getattr(attendee, actions[att, res])()
        if state == "done":
            training.action_done()
        elif state == "cancelled":
            training.action_cancel()
        return training

    def test_known_answers(self):
        done = self.employees._property_training_done
        none = self.env["hr.employee"]
        y2023, y2024 = (
            (date(2023, 1, 1), date(2023, 12, 31)),
            (date(2024, 1, 1), date(2024, 12, 31)),
        )
        self.assertEqual(done("initial"), self.e1)
        self.assertEqual(done("fire_safety"), self.e1 | self.e2 | self.e4)
        self.assertEqual(done("fire_safety", *y2024), self.e1 | self.e4)
        self.assertEqual(done("fire_safety", *y2023), self.e2)
        self.assertEqual(done("fire_safety", date_from=date(2024, 6, 11)), none)
        all_fire = self.e1 | self.e2 | self.e4
        self.assertEqual(done("fire_safety", date_to=date(2024, 6, 10)), all_fire)
        self.assertEqual((self.e2 | self.e3)._property_training_done("fire_safety"), self.e2)
        self.assertEqual(done("external"), none)
        self.assertEqual(none._property_training_done("initial"), none)

    @freeze_time("2024-08-01")
    def test_computed_fields(self):
        employees = self.employees.with_user(self.user_staff)
        self.assertEqual(employees.filtered("property_initial_training_done"), self.e1)
        self.assertEqual(employees.filtered("property_fire_training_this_year"), self.e1 | self.e4)
        hr_officer = new_test_user(self.env, login="hr_officer", groups="hr.group_hr_user")
        Employee = self.env["hr.employee"].with_user(hr_officer)
        scope = [("id", "in", self.employees.ids)]
        self.assertEqual(
            Employee.search(scope + [("property_initial_training_done", "=", False)]),
            self.e2 | self.e3 | self.e4,
        )
        self.assertEqual(
            Employee.search(scope + [("property_fire_training_this_year", "=", True)]),
            self.e1 | self.e4,
        )

    def test_query_count_constant(self):
        many = self.employees | self.env["hr.employee"].create(
            [{"name": f"员工{i}"} for i in range(40)]
        )
        for employees in (self.e1, self.employees, many):
            employees = employees.with_user(self.user_staff)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(1):
                employees._property_training_done("fire_safety", date(2024, 1, 1))


@tagged("post_install", "-at_install")
class TestTrainingProtectedFields(ProtectedFieldsChecks, PropertyBaseCommon):
    """SVC-9, issue 7: a training's state and its attendees' attendance and results (the source
    of the initial and fire-safety flags) change only through the workflow's buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create(
            {"name": "王芳", "user_id": cls.user_staff.id, "company_id": cls.company_a.id}
        )
        cls.training = (
            cls.env["property.training"]
            .with_user(cls.user_general_affairs)
            .create(
                {
                    "name": "初期培训",
                    "training_type": "initial",
                    "attendee_ids": [Command.create({"employee_id": cls.employee.id})],
                }
            )
        )
        cls.attendee = cls.training.attendee_ids

    def test_direct_writes_refused(self):
        writers = self.assertDirectWriteRefused(
            self.training, {"state": "done"}, self.role_users, allowed={"location": "培训室"}
        )
        self.assertGreaterEqual(writers, 5, "the managers reach the guard, not only ACLs")
        self.assertEqual(self.training.location, "培训室")
        writers = self.assertDirectWriteRefused(
            self.attendee,
            {"attendance": "present", "result": "passed", "state": "done"},
            self.role_users,
            allowed={"note": "准时"},
        )
        self.assertGreaterEqual(writers, 15)
        self.assertEqual(self.attendee.note, "准时")
        self.assertFalse(self.employee.property_initial_training_done)

    def test_create_with_protected_values_refused(self):
        Training = self.env["property.training"].with_user(self.user_general_affairs)
        with self.assertRaisesRegex(UserError, "workflow"):
            Training.create({"name": "x", "state": "done"})
        with self.assertRaisesRegex(UserError, "workflow"):
            Training.create(
                {
                    "name": "x",
                    "attendee_ids": [
                        Command.create({"employee_id": self.employee.id, "result": "passed"})
                    ],
                }
            )
        self.assertEqual(Training.create({"name": "x", "state": "draft"}).state, "draft")

    def test_workflow_writes_them(self):
        training = self.training.with_user(self.user_department_head)
        with self.assertRaisesRegex(UserError, "only while it is planned"):
            self.attendee.with_user(self.user_department_head).action_mark_passed()
        training.action_plan()
        with self.assertRaises(AccessError):
            self.attendee.with_user(self.user_staff).action_mark_passed()
        self.attendee.with_user(self.user_department_head).action_mark_passed()
        training.action_done()
        self.assertEqual(self.training.state, "done")
        self.assertTrue(self.employee.property_initial_training_done)
        with self.assertRaisesRegex(UserError, "only while it is planned"):
            self.attendee.with_user(self.user_department_head).action_mark_failed()

    def test_listing(self):
        self.assertProtectedListing(
            "property_base",
            {
                "property.training": {"state"},
                "property.training.attendee": {"state", "attendance", "result"},
                "property.evaluation": {
                    "state",
                    "score",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.evaluation.line": {"kind", "score", "no_data"},
                "property.approval.line": {
                    "state",
                    "done_user_id",
                    "done_date",
                    "approver_user_ids",
                    "participant_user_ids",
                    "requester_id",
                    "reason",
                },
                "property.unit": {"state"},
            },
        )
