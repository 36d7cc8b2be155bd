from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireHazard(FireCommon):
    """FIRE-5: hazards rectified at once with evidence, or reported to the owners' committee
    and the fire authority (dates, references, printable notice) and tracked to closure;
    closure verified by someone other than the rectifier; overdue escalation."""

    def setUp(self):
        super().setUp()
        self.hazard = (
            self.env["property.fire.hazard"]
            .with_user(self.fire_officer)
            .create(
                {
                    "project_id": self.project.id,
                    "description": "消防通道堆放杂物",
                    "deadline": fields.Date.today() + timedelta(days=7),
                }
            )
        )

        # the officer's own today (their time zone), as the actions see it
        self.today = fields.Date.context_today(self.hazard)

    def test_rectified_at_once_then_verified_by_someone_else(self):
        hazard = self.hazard
        self.assertTrue(hazard.name.startswith("YH"))
        with self.assertRaisesText(UserError, "evidence"):
            hazard.action_rectify()
        hazard.write(
            {"rectification_note": "已清理", "evidence_ids": [(6, 0, self._attachment().ids)]}
        )
        hazard.action_rectify()
        self.assertEqual(hazard.state, "rectified")
        self.assertEqual(hazard.rectified_by_id, self.fire_officer)
        with self.assertRaisesText(UserError, "someone else"):
            hazard.action_verify()
        hazard.with_user(self.fire_officer_2).action_verify()
        self.assertEqual(hazard.state, "closed")
        self.assertEqual(hazard.verified_by_id, self.fire_officer_2)
        with self.assertRaisesText(UserError, "cannot be deleted"):
            hazard.with_user(self.fire_manager).unlink()

    def test_report_needs_dates_and_references(self):
        hazard = self.hazard
        hazard.write({"authority_date": self.today, "committee_date": self.today})
        with self.assertRaisesText(UserError, "Fire Authority Reference"):
            hazard.action_report()
        with self.assertRaisesText(UserError, "Only a reported hazard"):
            hazard.action_print_notice()
        hazard.write(
            {
                "authority_reference": "南山消救〔2026〕1号",
                "committee_reference": "业委会〔2026〕2号",
            }
        )
        hazard.write({"authority_date": self.today + timedelta(days=1)})
        with self.assertRaisesText(UserError, "future"):
            hazard.action_report()
        hazard.write({"authority_date": self.today})
        hazard.action_report()
        self.assertEqual(hazard.state, "reported")
        self.assertEqual(hazard.reported_date, self.today)
        with self.assertRaisesText(UserError, "workflow"):
            hazard.write({"authority_reference": "改号"})
        report = self.env.ref("property_fire.action_report_fire_hazard_notice")
        html, _ = report._render_qweb_html(report.report_name, hazard.ids)
        self.assertIn("南山消救〔2026〕1号", html.decode())
        self.assertEqual(hazard.action_print_notice()["report_name"], report.report_name)
        # tracked to closure; an insufficient rectification goes back to the reported state
        hazard.write(
            {"rectification_note": "已整改", "evidence_ids": [(6, 0, self._attachment().ids)]}
        )
        hazard.action_rectify()
        hazard.with_user(self.fire_manager).action_refuse_rectification()
        self.assertEqual(hazard.state, "reported")
        self.assertFalse(hazard.rectified_by_id)
        hazard.action_rectify()
        hazard.with_user(self.fire_manager).action_verify()
        self.assertEqual(hazard.state, "closed")

    def test_overdue_escalation_once(self):
        self.hazard.sudo().deadline = self.today - timedelta(days=1)
        self.project.manager_id = self.fire_manager
        Hazard = self.env["property.fire.hazard"]
        self.assertIn(self.hazard, Hazard.search([("is_overdue", "=", True)]))
        Hazard._cron_escalate_overdue()
        self.assertTrue(self.hazard.escalated)
        domain = [("res_model", "=", "property.fire.hazard"), ("res_id", "=", self.hazard.id)]
        self.assertEqual(self.env["mail.activity"].search_count(domain), 1)
        Hazard._cron_escalate_overdue()
        self.assertEqual(self.env["mail.activity"].search_count(domain), 1)
