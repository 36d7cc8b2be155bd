from datetime import datetime, timedelta

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import PNG, FireCommon


class PatrolCommon(FireCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the cron plans the patrols of every route: only ours
        cls.env["property.fire.patrol.route"].search([]).active = False
        cls.lane = cls.env["property.fire.key.area"].create(
            {"name": "北侧消防车通道", "project_id": cls.project.id}
        )
        cls.exit = cls.env["property.fire.key.area"].create(
            {"name": "1栋安全出口", "area_type": "exit", "project_id": cls.project.id}
        )
        cls.extinguisher = cls._facility(name="1栋1层灭火器", fire_building_id=cls.building.id)
        cls.route = cls.env["property.fire.patrol.route"].create(
            {
                "name": "1栋巡查路线",
                "project_id": cls.project.id,
                "officer_id": cls.fire_officer.id,
                "point_ids": [
                    (0, 0, {"sequence": 1, "point_type": "key_area", "key_area_id": cls.lane.id}),
                    (
                        0,
                        0,
                        {
                            "sequence": 2,
                            "point_type": "facility",
                            "equipment_id": cls.extinguisher.id,
                        },
                    ),
                    (0, 0, {"sequence": 3, "point_type": "key_area", "key_area_id": cls.exit.id}),
                ],
            }
        )

    def _patrol(self, user=None, scheduled=None):
        patrol = self.env["property.fire.patrol"].create(
            {"route_id": self.route.id, "scheduled": scheduled or datetime(2026, 1, 5, 0, 0)}
        )
        patrol.with_user(user or self.fire_officer).action_start()
        return patrol


@tagged("post_install", "-at_install")
class TestFirePatrol(PatrolCommon):
    """FIRE-11 (issue 11 item 3a, 防火巡查): routes of ordered check points (facilities and
    key areas), daily or every two hours in a key fire-safety unit; a patrol per run with one
    line per point (result, note, photo); finishing flags missed points; the cron plans
    patrols and flags late and missed ones, and creates nothing twice; a point not OK opens a
    hazard."""

    def test_frequency_follows_the_key_unit_flag(self):
        self.assertEqual(self.route.frequency, "daily")
        self.project_2.fire_key_unit = True
        Route = self.env["property.fire.patrol.route"].with_user(self.fire_manager)
        route = Route.create({"name": "重点单位路线", "project_id": self.project_2.id})
        self.assertEqual(route.frequency, "two_hourly")
        with self.assertRaisesText(ValidationError, "runs every two hours"):
            route.frequency = "daily"
        with self.assertRaises(AccessError):
            Route.with_user(self.fire_officer).create({"name": "x", "project_id": self.project.id})

    def test_point_of_another_project_refused(self):
        area = self.env["property.fire.key.area"].create(
            {"name": "二期屋顶", "project_id": self.project_2.id}
        )
        with self.assertRaisesText(ValidationError, "not in the project"):
            self.route.point_ids = [(0, 0, {"point_type": "key_area", "key_area_id": area.id})]
        with self.assertRaisesText(ValidationError, "either a fire facility or a key area"):
            self.route.point_ids = [(0, 0, {"point_type": "facility"})]

    def test_walk_and_finish(self):
        patrol = self._patrol()
        self.assertEqual(patrol.officer_id, self.fire_officer)
        self.assertEqual(patrol.line_ids.mapped("name")[0], "北侧消防车通道")
        lane, extinguisher, _exit = patrol.line_ids
        lane.with_user(self.fire_officer).action_ok()
        self.assertEqual(lane.result, "ok")
        self.assertFalse(lane.hazard_ids)
        with self.assertRaisesText(UserError, "only they record"):
            extinguisher.with_user(self.fire_officer_2).action_not_ok()
        extinguisher.with_user(self.fire_officer).note = "压力表指针在红区"
        extinguisher.with_user(self.fire_officer).action_not_ok()
        hazard = extinguisher.hazard_ids
        self.assertEqual(hazard.source, "patrol")
        self.assertEqual(hazard.building_id, self.building)
        self.assertIn("压力表指针在红区", hazard.description)
        with self.assertRaisesText(UserError, "already recorded"):
            extinguisher.with_user(self.fire_officer).action_ok()
        with self.assertRaisesText(UserError, "only they can finish"):
            patrol.with_user(self.fire_officer_2).action_finish()
        patrol.with_user(self.fire_officer).action_finish()
        self.assertEqual(patrol.state, "done")
        self.assertEqual(patrol.line_ids.mapped("missed"), [False, False, True])
        self.assertEqual(patrol.missed_count, 1)
        self.assertTrue(patrol.is_late, "finished long after the slot of 5 January 2026")
        with self.assertRaisesText(UserError, "Start"):
            _exit.with_user(self.fire_officer).action_ok()

    def test_cron_plans_flags_and_creates_nothing_twice(self):
        Patrol = self.env["property.fire.patrol"]
        # 10:30 in Shanghai: the daily slot started at 00:00 Shanghai (16:00 UTC the day before)
        now = datetime(2026, 3, 2, 2, 30)
        planned = Patrol._cron_patrols(now=now)
        self.assertEqual(len(planned), 1)
        self.assertEqual(planned.scheduled, datetime(2026, 3, 1, 16, 0))
        self.assertEqual(len(planned.line_ids), 3)
        self.assertFalse(Patrol._cron_patrols(now=now))
        # a key fire-safety unit: every two hours
        self.project.fire_key_unit = True
        two_hourly = Patrol._cron_patrols(now=now + timedelta(hours=1))
        self.assertEqual(two_hourly.scheduled, datetime(2026, 3, 2, 2, 0))
        self.assertEqual(two_hourly.deadline, datetime(2026, 3, 2, 4, 0))
        two_hourly.with_user(self.fire_officer).action_start()
        # after both deadlines: the planned one is missed, the one in progress is late
        later = datetime(2026, 3, 2, 16, 30)
        with self.assertQueryCount(__system__=20):
            Patrol._cron_patrols(now=later)
        self.assertEqual(planned.state, "missed")
        self.assertEqual(two_hourly.state, "in_progress")
        self.assertTrue(two_hourly.is_late)
        self.assertEqual(len(Patrol.search([("route_id", "=", self.route.id)])), 3)
        self.assertFalse(Patrol._cron_patrols(now=later))

    def test_roles_and_companies(self):
        patrol = self._patrol()
        with self.assertRaises(AccessError):
            patrol.with_user(self.user_staff).check_access("read")
        with self.assertRaises(AccessError):
            patrol.with_user(self.fire_officer_b).check_access("read")
        with self.assertRaisesText(UserError, "cannot be deleted"):
            patrol.with_user(self.fire_manager).unlink()


@tagged("post_install", "-at_install")
class TestFirePatrolPhone(HttpCase, PatrolCommon):
    """FIRE-11, issue 11 item 3a: a patrol on a phone: scanning a point's QR code during the patrol
    opens the point's page, where the result, a note and a photo are recorded; not OK opens
    a hazard; the patrol is finished on the phone."""

    def test_scan_record_finish(self):
        patrol = self._patrol()
        self.authenticate("t_fire_officer", "t_fire_officer")
        page = self.url_open(f"/fire/patrol/{patrol.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("北侧消防车通道", page.text)
        line = patrol.line_ids[0]
        scan = self.url_open(f"/fire/key_area/{self.lane.id}", allow_redirects=False)
        self.assertEqual(scan.status_code, 303)
        self.assertIn(f"/fire/patrol/line/{line.id}?scanned=1", scan.headers["Location"])
        scan = self.url_open(f"/fire/facility/{self.extinguisher.id}", allow_redirects=False)
        self.assertIn(f"/fire/patrol/line/{patrol.line_ids[1].id}", scan.headers["Location"])
        form = self.url_open(f"/fire/patrol/line/{line.id}?scanned=1")
        self.assertEqual(form.status_code, 200)
        self.assertIn('name="result"', form.text)
        csrf = http.Request.csrf_token(self)
        response = self.url_open(
            f"/fire/patrol/line/{line.id}",
            data={"csrf_token": csrf, "result": "not_ok", "note": "车辆占用", "scanned": "1"},
            files={"photo": ("lane.png", PNG, "image/png")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        line.invalidate_recordset()
        self.assertEqual(line.result, "not_ok")
        self.assertTrue(line.scanned)
        self.assertEqual(line.note, "车辆占用")
        self.assertEqual(len(line.photo_ids), 1)
        self.assertEqual(line.hazard_ids.photo_ids, line.photo_ids)
        # recorded once; the page says so
        again = self.url_open(
            f"/fire/patrol/line/{line.id}", data={"csrf_token": csrf, "result": "ok"}
        )
        self.assertIn("already recorded", again.text)
        # once recorded, a scan opens the form again
        scan = self.url_open(f"/fire/key_area/{self.lane.id}", allow_redirects=False)
        self.assertIn("/odoo/action-property_fire.action_fire_key_area/", scan.headers["Location"])
        finish = self.url_open(
            f"/fire/patrol/{patrol.id}/finish", data={"csrf_token": csrf}, allow_redirects=False
        )
        self.assertEqual(finish.status_code, 303)
        patrol.invalidate_recordset()
        self.assertEqual(patrol.state, "done")
        self.assertEqual(patrol.missed_count, 2)

    def test_other_officer_cannot_record(self):
        patrol = self._patrol()
        self.authenticate("t_fire_officer2", "t_fire_officer2")
        line = patrol.line_ids[0]
        scan = self.url_open(f"/fire/key_area/{self.lane.id}", allow_redirects=False)
        self.assertNotIn("/fire/patrol/line/", scan.headers["Location"])
        response = self.url_open(
            f"/fire/patrol/line/{line.id}",
            data={"csrf_token": http.Request.csrf_token(self), "result": "ok"},
        )
        self.assertIn("only they record", response.text)
        line.invalidate_recordset()
        self.assertFalse(line.result)
        self.authenticate("t_fire_officer_b", "t_fire_officer_b")
        self.assertEqual(self.url_open(f"/fire/patrol/{patrol.id}").status_code, 404)
