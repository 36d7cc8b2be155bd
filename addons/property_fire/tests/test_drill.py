from ast import literal_eval
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireDrill(FireCommon):
    """FIRE-8: drill records (scenario, participants, evaluation, photos), a drill in the
    future is not done; the yearly compliance view: projects without a drill (a key
    fire-safety unit every half year), employees without fire training; query counts
    independent of the number of drills; the compliance year is chosen in a wizard."""

    def _drill(self, project, day, done=True):
        drill = (
            self.env["property.fire.drill"]
            .with_user(self.fire_officer)
            .create(
                {
                    "name": "地下车库火灾疏散演练",
                    "project_id": project.id,
                    "date": day,
                    "employee_ids": [(6, 0, self.employee_1.ids)],
                }
            )
        )
        if done:
            drill.action_done()
        return drill

    def test_future_drill_cannot_be_done(self):
        today = fields.Date.context_today(
            self.env["property.fire.drill"].with_user(self.fire_officer)
        )
        drill = self._drill(self.project, today + timedelta(days=3), done=False)
        with self.assertRaisesText(UserError, "future"):
            drill.action_done()
        self.assertEqual(drill.state, "planned")
        drill = self._drill(self.project, today)
        self.assertEqual(drill.state, "done")
        with self.assertRaisesText(UserError, "cannot be deleted"):
            drill.with_user(self.fire_manager).unlink()

    def test_compliance_view(self):
        Project = self.env["property.project"].with_user(self.fire_manager)
        today = fields.Date.context_today(Project)
        self.assertIn(self.project, Project.search([("fire_drill_missing", "=", True)]))
        self._drill(self.project, today)
        missing = Project.search([("fire_drill_missing", "=", True)])
        self.assertNotIn(self.project, missing)
        self.assertIn(self.project_2, missing)
        last_year = Project.with_context(fire_year=today.year - 1)
        self.assertIn(self.project, last_year.search([("fire_drill_missing", "=", True)]))
        Employee = self.env["hr.employee"].with_user(self.fire_manager)
        self.assertIn(self.employee_1, Employee.search([("fire_training_missing", "=", True)]))
        training = self.env["property.training"].create(
            {
                "name": "消防培训",
                "training_type": "fire_safety",
                "date_start": today,
                "attendee_ids": [(0, 0, {"employee_id": self.employee_1.id})],
            }
        )
        training.sudo()._protected_write({"state": "done"})
        training.attendee_ids.sudo().write({"attendance": "present"})
        self.assertNotIn(self.employee_1, Employee.search([("fire_training_missing", "=", True)]))
        self.assertIn(self.employee_2, Employee.search([("fire_training_missing", "=", True)]))

    def test_year_selector(self):
        # the officer's today (Asia/Shanghai), the day the drill is checked against, not the
        # superuser's (UTC): between 16:00 and 24:00 UTC the two differ by a day
        today = fields.Date.context_today(
            self.env["property.fire.drill"].with_user(self.fire_officer)
        )
        self._drill(self.project, today)
        wizard = (
            self.env["property.fire.compliance.wizard"]
            .with_user(self.fire_manager)
            .create({"year": today.year - 1})
        )
        action = wizard.action_projects_without_drill()
        self.assertEqual(action["context"], {"fire_year": today.year - 1})
        self.assertIn(str(today.year - 1), action["name"])
        Project = self.env["property.project"].with_user(self.fire_manager)
        missing = Project.with_context(**action["context"]).search(literal_eval(action["domain"]))
        self.assertIn(self.project, missing, "no drill in the year before")
        wizard.year = today.year
        action = wizard.action_projects_without_drill()
        missing = Project.with_context(**action["context"]).search(literal_eval(action["domain"]))
        self.assertNotIn(self.project, missing)
        action = wizard.action_employees_without_training()
        self.assertEqual(action["res_model"], "hr.employee")

    def test_annual_evaluation_action(self):
        """FIRE-10: the annual fire-safety evaluation is property_base's evaluation on its
        fire-safety template."""
        template = self.env.ref("property_base.evaluation_template_fire_safety")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_fire.action_fire_evaluation"
        )
        self.assertEqual(action["res_model"], "property.evaluation")
        self.assertEqual(literal_eval(action["domain"]), [("template_id", "=", template.id)])
        self.assertIn(str(template.id), action["context"])
        self.assertTrue(template.line_ids)

    def test_half_year_rule_for_key_units(self):
        """FIRE-8: a key fire-safety unit needs a drill every half year, another project one
        a year."""
        today = fields.Date.context_today(
            self.env["property.fire.drill"].with_user(self.fire_officer)
        )
        self.project_2.fire_key_unit = True
        january = today.replace(month=1, day=1)
        self._drill(self.project, january)
        self._drill(self.project_2, january)
        Project = self.env["property.project"].with_user(self.fire_manager)
        both = self.project | self.project_2

        def missing():
            return Project.search([("fire_drill_missing", "=", True), ("id", "in", both.ids)])

        with patch.object(fields.Date, "context_today", lambda *a, **k: today.replace(month=3)):
            self.assertFalse(missing(), "first half year: the January drill counts for both")
        with patch.object(fields.Date, "context_today", lambda *a, **k: today.replace(month=8)):
            self.assertEqual(missing(), self.project_2, "second half: the key unit drills again")
            self.project_2.invalidate_recordset()
            self.assertTrue(self.project_2.fire_drill_missing)
            self._drill(self.project_2, today.replace(month=7, day=20))
            self.assertFalse(missing())

    def test_compliance_query_count_independent_of_n(self):
        today = fields.Date.context_today(self.env["property.project"])
        counts = []
        for n in (2, 3, 30):
            self.env["property.fire.drill"].create(
                [
                    {"name": f"演练{i}", "project_id": self.project.id, "date": today}
                    for i in range(n)
                ]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["property.project"].search([("fire_drill_missing", "=", True)])
            self.env["hr.employee"].search([("fire_training_missing", "=", True)])
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1:], [COMPLIANCE_QUERIES] * 2)


COMPLIANCE_QUERIES = 6


@tagged("post_install", "-at_install")
class TestFireDrillReminder(FireCommon):
    """FIRE-8: from the fourth quarter, one reminder per project without a drill this year;
    run twice, the reminder cron creates nothing twice."""

    def test_reminder_once(self):
        self.project.manager_id = self.fire_manager
        Project = self.env["property.project"]
        domain = [("res_model", "=", "property.project"), ("res_id", "=", self.project.id)]
        today = fields.Date.context_today(Project)
        with patch.object(fields.Date, "context_today", lambda *a, **k: today.replace(month=11)):
            Project._cron_fire_drill_reminder()
            self.assertEqual(self.env["mail.activity"].search_count(domain), 1)
            Project._cron_fire_drill_reminder()
            self.assertEqual(self.env["mail.activity"].search_count(domain), 1)
        with patch.object(fields.Date, "context_today", lambda *a, **k: today.replace(month=3)):
            self.project_2.manager_id = self.fire_manager
            Project._cron_fire_drill_reminder()
            domain_2 = [("res_model", "=", "property.project"), ("res_id", "=", self.project_2.id)]
            self.assertEqual(self.env["mail.activity"].search_count(domain_2), 0, "not before Q4")
