"""PDF smoke test: a report rendered by the real wkhtmltopdf, inside an HttpCase.

wkhtmltopdf fetches the report's assets from the running test server, which a TransactionCase
does not have (it deadlocks there), hence HttpCase.
"""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPdfSmoke(HttpCase):
    def test_project_report_renders_to_pdf(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        project = self.env.ref("property_base.project_jinxiu")
        report = self.env.ref("property_base.action_report_property_project")
        html, _ = report._render_qweb_html(report.report_name, project.ids)
        html = html.decode()
        self.assertIn(project.name, html)
        for building in project.building_ids:
            self.assertIn(building.name, html)
        self.assertIn(f"{project.unit_count}", html)
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, project.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertGreater(len(pdf), 2000)
