from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireOrganisation(FireCommon):
    """FIRE-1: per project the fire-safety responsible person and manager, with duties and
    the history of appointments; a project without both is flagged."""

    def _appoint(self, project, role, employee, start, user=None):
        model = self.env["property.fire.appointment"].with_user(user or self.fire_manager)
        return model.create(
            {
                "project_id": project.id,
                "role": role,
                "employee_id": employee.id,
                "date_start": start,
            }
        )

    def test_project_without_both_persons_is_flagged(self):
        Project = self.env["property.project"].with_user(self.fire_manager)
        self.assertTrue(self.project.fire_organisation_missing)
        self._appoint(self.project, "responsible", self.employee_1, date(2025, 1, 1))
        self.project.invalidate_recordset()
        self.assertTrue(self.project.fire_organisation_missing)
        self.assertIn(self.project, Project.search([("fire_organisation_missing", "=", True)]))
        self._appoint(self.project, "manager", self.employee_2, date(2025, 1, 1))
        self.project.invalidate_recordset()
        self.assertFalse(self.project.fire_organisation_missing)
        self.assertEqual(self.project.fire_responsible_id, self.employee_1)
        self.assertEqual(self.project.fire_manager_id, self.employee_2)
        missing = Project.search([("fire_organisation_missing", "=", True)])
        self.assertNotIn(self.project, missing)
        self.assertIn(self.project_2, missing)
        self.assertIn(self.project, Project.search([("fire_organisation_missing", "=", False)]))

    def test_successor_ends_the_appointment_and_keeps_history(self):
        first = self._appoint(self.project, "manager", self.employee_2, date(2024, 1, 1))
        self.assertTrue(first.duties, "the regulation's duties by default")
        second = self._appoint(self.project, "manager", self.employee_3, date(2025, 7, 1))
        self.assertEqual(first.date_end, date(2025, 6, 30))
        self.assertFalse(second.date_end)
        self.project.invalidate_recordset()
        self.assertEqual(self.project.fire_manager_id, self.employee_3)
        self.assertEqual(len(self.project.fire_appointment_ids), 2)
        with self.assertRaisesText(ValidationError, "successor"):
            self._appoint(self.project, "manager", self.employee_2, date(2025, 6, 1))
        with self.assertRaisesText(UserError, "cannot be deleted"):
            first.with_user(self.fire_manager).unlink()

    def test_only_fire_managers_appoint(self):
        with self.assertRaises(AccessError):
            self._appoint(
                self.project, "manager", self.employee_2, date(2025, 1, 1), self.fire_officer
            )
        with self.assertRaises(AccessError):
            self._appoint(
                self.project, "manager", self.employee_2, date(2025, 1, 1), self.user_staff
            )

    def test_key_unit_flag_set_by_fire_manager(self):
        self.project.with_user(self.fire_manager).fire_key_unit = True
        self.assertTrue(self.project.fire_key_unit)
        with self.assertRaises(AccessError):
            self.project.with_user(self.fire_officer).fire_key_unit = False
