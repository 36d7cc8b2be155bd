from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.property_base.tests.common import RecordRuleAsserts

from .common import FireCommon


class KeyAreaCommon(FireCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lane = cls.env["property.fire.key.area"].create(
            {
                "name": "北侧消防车通道",
                "area_type": "fire_lane",
                "project_id": cls.project.id,
                "location": "北门至1栋",
            }
        )
        cls.exit = cls.env["property.fire.key.area"].create(
            {
                "name": "1栋安全出口",
                "area_type": "exit",
                "project_id": cls.project.id,
                "building_id": cls.building.id,
            }
        )
        cls.area_b = cls.env["property.fire.key.area"].create(
            {"name": "乙公司通道", "project_id": cls.project_b.id}
        )


@tagged("post_install", "-at_install")
class TestFireKeyArea(RecordRuleAsserts, KeyAreaCommon):
    """FIRE-6 (issue 11, item 6): the register of key areas per project and building; checks
    record clear, blocked, occupied or locked with a note and a photo; anything but clear
    opens a hazard linked back to the check; who checked and the result are the checker's."""

    def _check(self, area, result, user=None, **vals):
        Check = self.env["property.fire.key.area.check"].with_user(user or self.fire_officer)
        return Check.create({"key_area_id": area.id, "result": result, **vals})

    def test_clear_opens_no_hazard(self):
        check = self._check(self.lane, "clear")
        self.assertFalse(check.hazard_ids)
        self.assertEqual(check.checked_by_id, self.fire_officer)
        self.assertEqual(check.project_id, self.project)
        self.assertEqual(self.lane.last_result, "clear")
        self.assertEqual(self.lane.check_count, 1)

    def test_not_clear_opens_a_hazard_linked_back(self):
        photo = self._attachment("lane.png")
        for result in ("blocked", "occupied", "locked"):
            with self.subTest(result=result):
                check = self._check(
                    self.exit, result, note="纸箱堆放", photo_ids=[(6, 0, photo.ids)]
                )
                hazard = check.hazard_ids
                self.assertEqual(len(hazard), 1)
                self.assertEqual(hazard.source, "key_area")
                self.assertEqual(hazard.key_area_id, self.exit)
                self.assertEqual(hazard.project_id, self.project)
                self.assertEqual(hazard.building_id, self.building)
                self.assertEqual(hazard.state, "open")
                self.assertEqual(hazard.photo_ids, photo)
                self.assertIn("纸箱堆放", hazard.description)
                self.assertEqual(hazard.responsible_id, self.fire_officer)
        self.assertEqual(self.exit.last_result, "locked")

    def test_batch_of_checks_opens_hazards_in_one_create(self):
        Check = self.env["property.fire.key.area.check"].with_user(self.fire_officer)
        vals = [{"key_area_id": self.lane.id, "result": "occupied"} for _i in range(5)]
        vals += [{"key_area_id": self.exit.id, "result": "clear"} for _i in range(5)]
        checks = Check.create(vals)
        self.assertEqual(len(checks.hazard_ids), 5)
        self.assertEqual(checks.hazard_ids.key_area_check_id, checks[:5])

    def test_checker_is_the_current_user(self):
        with self.assertRaisesText(UserError, "Checked By"):
            self._check(self.lane, "clear", checked_by_id=self.fire_officer_2.id)
        check = self._check(self.lane, "clear", checked_by_id=self.fire_officer.id)
        self.assertEqual(check.checked_by_id, self.fire_officer)

    def test_checks_are_kept(self):
        check = self._check(self.lane, "clear")
        with self.assertRaisesText(UserError, "cannot be deleted"):
            check.with_user(self.fire_manager).unlink()

    def test_register_roles(self):
        Area = self.env["property.fire.key.area"]
        with self.assertRaises(AccessError):
            Area.with_user(self.fire_officer).create(
                {"name": "屋顶", "project_id": self.project.id}
            )
        with self.assertRaises(AccessError):
            self._check(self.lane, "clear", user=self.user_staff)
        roof = Area.with_user(self.fire_manager).create(
            {"name": "屋顶", "area_type": "roof", "project_id": self.project.id}
        )
        self.assertTrue(roof.check_url.endswith(f"/fire/key_area/{roof.id}"))
        self.assertEqual(roof.action_record_check()["context"]["default_key_area_id"], roof.id)

    def test_companies(self):
        areas = self.lane | self.area_b
        self.assertVisible(self.fire_officer, areas, self.lane)
        self.assertVisible(self.fire_officer_b, areas, self.area_b)
        check_a = self._check(self.lane, "clear")
        check_b = self._check(self.area_b, "clear", user=self.fire_officer_b)
        self.assertVisible(self.fire_officer, check_a | check_b, check_a)
        with self.assertRaises(AccessError):
            self._check(self.area_b, "clear")

    def test_label(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            "property_fire.report_fire_key_area_label", self.lane.ids
        )[0]
        self.assertIn("北侧消防车通道", html.decode())


@tagged("post_install", "-at_install")
class TestFireQrControllers(HttpCase, KeyAreaCommon):
    """FIRE-3, FIRE-6: the address of a QR label of a facility or a key area opens its form
    for the logged-in user, and nothing for a user of another company or without a fire
    role."""

    def test_key_area_address(self):
        self.authenticate("t_fire_officer", "t_fire_officer")
        response = self.url_open(f"/fire/key_area/{self.lane.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(
            f"/odoo/action-property_fire.action_fire_key_area/{self.lane.id}",
            response.headers["Location"],
        )
        response = self.url_open(f"/fire/key_area/{self.area_b.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        response = self.url_open("/fire/key_area/999999999", allow_redirects=False)
        self.assertEqual(response.status_code, 404)

    def test_facility_address(self):
        facility = self._facility()
        facility_b = self._facility(fire_project_id=self.project_b.id, company_id=self.company_b.id)
        self.authenticate("t_fire_officer", "t_fire_officer")
        response = self.url_open(f"/fire/facility/{facility.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn(
            f"/odoo/action-property_fire.action_fire_facility/{facility.id}",
            response.headers["Location"],
        )
        response = self.url_open(f"/fire/facility/{facility_b.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        self.authenticate("t_staff", "t_staff")
        response = self.url_open(f"/fire/key_area/{self.lane.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open(f"/fire/key_area/{self.lane.id}", allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))
