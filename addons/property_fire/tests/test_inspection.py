from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PNG, FireCommon


@tagged("post_install", "-at_install")
class TestFireInspection(FireCommon):
    """FIRE-4: inspections of an area or department from checklist templates, results per
    item, findings opening hazards, signatures of the inspector and of the inspected
    department's head required to finish; printable record."""

    def setUp(self):
        super().setUp()
        self.inspection = (
            self.env["property.fire.inspection"]
            .with_user(self.fire_officer)
            .create(
                {
                    "project_id": self.project.id,
                    "department_id": self.department.id,
                    "area": "地下车库",
                    "checklist_id": self.env.ref("property_fire.checklist_general").id,
                }
            )
        )

    def _sign(self, user, role):
        inspection = self.inspection.with_user(user)
        action = inspection.with_context(fire_sign_role=role).action_open_sign()
        wizard = (
            self.env["property.fire.sign.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"signature": PNG})
        )
        wizard.action_sign()

    def test_workflow(self):
        inspection = self.inspection
        self.assertEqual(inspection.head_user_id, self.user_department_head)
        inspection.action_start()
        self.assertEqual(len(inspection.line_ids), 5)
        first, second, *others = inspection.line_ids
        with self.assertRaisesText(UserError, "Only the inspector"):
            first.with_user(self.fire_officer_2).action_set_ok()
        first.action_set_ok()
        second.write({"note": "灭火器压力不足"})
        second.action_set_not_ok()
        with self.assertRaisesText(UserError, "every item"):
            inspection.action_done()
        for line in others:
            line.action_set_na()
        with self.assertRaisesText(UserError, "signatures"):
            inspection.action_done()
        # signed by someone who is neither the inspector nor the department head
        with self.assertRaisesText(UserError, "Only the inspector"):
            self._sign(self.fire_officer_2, "inspector")
        with self.assertRaisesText(UserError, "Only the head"):
            self._sign(self.fire_officer, "head")
        self._sign(self.fire_officer, "inspector")
        with self.assertRaisesText(UserError, "signatures"):
            inspection.action_done()
        with self.assertRaisesText(UserError, "final"):
            first.action_set_not_ok()
        self._sign(self.user_department_head, "head")
        self.assertEqual(inspection.head_signed_by_id, self.user_department_head)
        inspection.action_done()
        self.assertEqual(inspection.state, "done")
        self.assertEqual(len(inspection.hazard_ids), 1)
        self.assertEqual(inspection.hazard_ids.source, "inspection")
        self.assertIn("灭火器压力不足", inspection.hazard_ids.description)
        self.assertEqual(inspection.hazard_ids.responsible_id, self.user_department_head)
        with self.assertRaisesText(UserError, "cannot be changed"):
            inspection.write({"area": "改"})
        with self.assertRaisesText(UserError, "cannot be changed"):
            first.write({"note": "改"})
        with self.assertRaisesText(UserError, "cannot be deleted"):
            inspection.unlink()
        report = self.env.ref("property_fire.action_report_fire_inspection")
        html, _ = report._render_qweb_html(report.report_name, inspection.ids)
        self.assertIn(inspection.name, html.decode())
        self.assertIn(inspection.hazard_ids.name, html.decode())

    def test_department_head_sees_only_own_departments(self):
        other = self.env["hr.department"].create({"name": "工程部"})
        theirs = self.inspection
        not_theirs = self.env["property.fire.inspection"].create(
            {"project_id": self.project.id, "department_id": other.id}
        )
        Inspection = self.env["property.fire.inspection"].with_user(self.user_department_head)
        found = Inspection.search([("id", "in", (theirs | not_theirs).ids)])
        self.assertEqual(found, theirs)
        with self.assertRaises(AccessError):
            Inspection.create({"project_id": self.project.id, "department_id": self.department.id})
