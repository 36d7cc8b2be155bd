from datetime import date

from odoo import fields
from odoo.tests import tagged

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireArchive(FireCommon):
    """FIRE-9: the fire archive of a project and a year on one screen and in one PDF: basic
    data, organisation (appointments), inspections, facility maintenance, hazards, training,
    drills, patrols, key area checks and violations with their counts; the query count does
    not depend on the number of records."""

    def setUp(self):
        super().setUp()
        self.year = fields.Date.context_today(self.env["property.fire.archive"]).year
        self.env["property.fire.appointment"].create(
            {
                "project_id": self.project.id,
                "role": "manager",
                "employee_id": self.employee_2.id,
                "date_start": date(self.year - 1, 3, 1),
            }
        )

    def _records(self, n):
        Hazard = self.env["property.fire.hazard"]
        Hazard.create(
            [
                {
                    "project_id": self.project.id,
                    "description": f"隐患{i}",
                    "severity": "major" if i % 2 else "general",
                }
                for i in range(n)
            ]
        )
        self.env["property.fire.drill"].create(
            [
                {"name": f"演练{i}", "project_id": self.project.id, "date": date(self.year, 1, 1)}
                for i in range(n)
            ]
        )
        area = self.env["property.fire.key.area"].create(
            {"name": "消防车通道", "project_id": self.project.id}
        )
        self.env["property.fire.key.area.check"].create(
            [{"key_area_id": area.id, "result": "clear" if i % 2 else "blocked"} for i in range(n)]
        )
        self.env["property.fire.violation"].create(
            [
                {
                    "project_id": self.project.id,
                    "location": "北门",
                    "description": "占用",
                    "offender_type": "other",
                    "offender_name": "刘先生",
                }
                for _i in range(n)
            ]
        )
        self._facility()

    def _archive(self, project=None):
        return (
            self.env["property.fire.archive"]
            .with_user(self.fire_manager)
            .create({"project_id": (project or self.project).id, "year": self.year})
        )

    def test_counts(self):
        self._records(4)
        archive = self._archive()
        self.assertEqual(archive.building_count, 1)
        self.assertEqual(archive.facility_count, 1)
        self.assertEqual(archive.key_area_count, 1)
        self.assertEqual(archive.hazard_count, 4 + 2, "two hazards from the blocked checks")
        self.assertEqual(archive.hazard_major_count, 2)
        self.assertEqual(archive.drill_count, 4)
        self.assertEqual(archive.drill_done_count, 0)
        self.assertEqual(archive.key_area_check_count, 4)
        self.assertEqual(archive.key_area_not_clear_count, 2)
        self.assertEqual(archive.violation_count, 4)
        self.assertEqual(len(archive.appointment_ids), 1)
        other = self._archive(self.project_2)
        self.assertEqual((other.hazard_count, other.drill_count, other.building_count), (0, 0, 0))
        last_year = self.env["property.fire.archive"].create(
            {"project_id": self.project.id, "year": self.year - 2}
        )
        self.assertEqual((last_year.hazard_count, last_year.drill_count), (0, 0))
        self.assertFalse(last_year.appointment_ids, "appointed after that year")

    def test_query_count_independent_of_n(self):
        counts = []
        for n in (2, 3, 25):
            self._records(n)
            archive = self._archive()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.assertTrue(archive.hazard_count)  # computes every count
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1:], [ARCHIVE_QUERIES] * 2, counts)

    def test_pdf(self):
        self._records(2)
        archive = self._archive()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_fire.report_fire_archive", archive.ids)[0]
            .decode()
        )
        self.assertIn("消防测试小区", html)
        self.assertIn("隐患1", html)
        self.assertEqual(archive.action_print()["report_name"], "property_fire.report_fire_archive")
        pdf = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf("property_fire.report_fire_archive", archive.ids)[0]
        )
        self.assertTrue(pdf.startswith(b"%PDF"))


ARCHIVE_QUERIES = 19
