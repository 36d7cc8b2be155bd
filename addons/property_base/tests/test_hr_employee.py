from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PropertyBaseCommon


@tagged("post_install", "-at_install")
class TestEmployeeTrainingFlags(PropertyBaseCommon):
    """SVC-9, BASE-3: the training flags are on the public employee profile, so any employee
    reads employees (Odoo's hr rule for fields on hr.employee only), while the training history
    stays on the private profile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create(
            {"name": "赵敏", "user_id": cls.user_staff.id, "company_id": cls.company_a.id}
        )
        cls.training = cls.env["property.training"].create(
            {
                "name": "初期培训",
                "training_type": "initial",
                "date_start": "2024-03-01",
                "attendee_ids": [Command.create({"employee_id": cls.employee.id})],
            }
        )
        training = cls.training.with_user(cls.user_general_affairs)
        training.action_plan()
        training.action_mark_all_present()
        training.action_done()
        cls.user_hr = new_test_user(cls.env, login="t_hr_officer", groups="hr.group_hr_user")

    def test_plain_employee_reads_employees(self):
        # Odoo's hr test: reading every field of the employees raises no AccessError
        employees = self.env["hr.employee"].with_user(self.user_plain).search([])
        self.assertIn(self.employee.id, employees.ids)
        employees.read([])
        [mine] = (
            self.env["hr.employee.public"]
            .with_user(self.user_plain)
            .browse(self.employee.id)
            .read(["property_initial_training_done", "property_fire_training_this_year"])
        )
        self.assertTrue(mine["property_initial_training_done"])
        self.assertFalse(mine["property_fire_training_this_year"])
        public = self.env["hr.employee.public"].with_user(self.user_plain).browse(self.employee.id)
        self.assertEqual(public.property_training_count, 1)
        found = (
            self.env["hr.employee"]
            .with_user(self.user_plain)
            .search([("property_initial_training_done", "=", True), ("id", "=", self.employee.id)])
        )
        self.assertEqual(found.id, self.employee.id)
        with self.assertRaises(AccessError):
            self.employee.with_user(self.user_plain).read(["property_training_attendee_ids"])

    def test_hr_officer_reads_the_training_history(self):
        employee = self.employee.with_user(self.user_hr)
        self.assertEqual(employee.property_training_attendee_ids.training_id, self.training)
        self.assertTrue(employee.property_initial_training_done)


@tagged("post_install", "-at_install")
class TestEmployeeReadByEveryRole(PropertyBaseCommon):
    """BASE-3 (issue 7 item 8): every role of the property modules reads employees (Odoo's hr
    test ``test_employee_fields_groups`` for each role, not only for a plain user)."""

    def test_every_property_group_reads_employees(self):
        groups = self.env["res.groups"].search(
            [("category_id", "=", self.env.ref("property_base.module_category_property").id)]
        )
        self.assertTrue(groups)
        for group in groups:
            with self.subTest(group=group.name):
                user = new_test_user(
                    self.env, login=f"t_emp_{group.id}", groups=group.get_external_id()[group.id]
                )
                employees = self.env["hr.employee"].with_user(user).search([])
                self.assertTrue(employees)
                employees.read([])
