from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PropertyBaseCommon


@tagged("post_install", "-at_install")
class TestUnitBoard(PropertyBaseCommon):
    """BASE-5: the unit status board (房态图) of a building, floors × units by status with the
    counts; decoration (装修中) entered and left through its own actions; BASE-1: units named
    ``项目 楼栋-房号``, project cards with units, occupancy rate and managed area."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["property.project"].create(
            {"name": "测试花园", "code": "TST", "company_id": cls.company_a.id, "total_area": 5000}
        )
        cls.building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": cls.project.id, "floor_count": 3}
        )
        cls.units = cls.building.generate_units(
            [(f, f"{f:02d}{u:02d}") for f in range(1, 4) for u in range(1, 3)], 90.0
        )
        cls.u0101, cls.u0102, cls.u0201, cls.u0202, cls.u0301, cls.u0302 = cls.units
        cls.owner = cls.env["res.partner"].create({"name": "王伟"})
        cls.tenant = cls.env["res.partner"].create({"name": "李娜"})
        Occupancy = cls.env["property.occupancy"]
        Occupancy.create(
            [
                {"unit_id": cls.u0101.id, "partner_id": cls.owner.id, "date_from": "2020-01-01"},
                {"unit_id": cls.u0102.id, "partner_id": cls.owner.id, "date_from": "2020-01-01"},
                {
                    "unit_id": cls.u0102.id,
                    "partner_id": cls.tenant.id,
                    "role": "tenant",
                    "date_from": "2021-01-01",
                },
            ]
        )
        cls.u0302.write({"state": "unsold"})

    # Board
    def test_board_floors_units_and_counts(self):
        board = self.building.with_user(self.user_staff).get_unit_board()
        self.assertEqual(board["building"]["name"], "测试花园 / 1栋")
        self.assertEqual([f["floor"] for f in board["floors"]], [3, 2, 1], "top floor first")
        self.assertEqual(
            [u["name"] for f in board["floors"] for u in f["units"]],
            ["0301", "0302", "0201", "0202", "0101", "0102"],
        )
        counts = {s["value"]: s["count"] for s in board["states"]}
        self.assertEqual(
            counts, {"unsold": 1, "vacant": 3, "occupied": 1, "rented": 1, "decorating": 0}
        )
        self.assertEqual(board["total"], 6)
        cells = {u["name"]: u for f in board["floors"] for u in f["units"]}
        self.assertEqual(cells["0102"]["state"], "rented")
        self.assertCountEqual(cells["0102"]["people"], ["王伟", "李娜"])
        self.assertEqual(cells["0201"]["people"], [])

    def test_board_queries_do_not_grow_with_units(self):
        small = self.env["property.building"].create(
            {"name": "2栋", "project_id": self.project.id, "floor_count": 1}
        )
        unit = small.generate_units([(1, "0101")], 90.0)
        self.env["property.occupancy"].create(
            {"unit_id": unit.id, "partner_id": self.tenant.id, "date_from": "2020-01-01"}
        )
        building, small = self.building.with_user(self.user_staff), small.with_user(self.user_staff)
        self._board_queries(building), self._board_queries(small)  # warm up
        self.assertEqual(self._board_queries(small), self._board_queries(building))

    def _board_queries(self, building):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        building.get_unit_board()
        return self.env.cr.sql_log_count - before

    def test_board_respects_companies(self):
        with self.assertRaises(AccessError):
            self.building.with_user(self.user_staff_b).get_unit_board()

    def test_board_reached_from_building_and_menu(self):
        action = self.building.with_user(self.user_staff).action_open_unit_board()
        self.assertEqual(action["tag"], "property_base.unit_board")
        self.assertEqual(action["params"], {"building_id": self.building.id})
        menu_action = self.env.ref("property_base.menu_property_unit_board").action
        self.assertEqual(menu_action.tag, "property_base.unit_board")

    # Decoration
    def test_decoration_of_vacant_and_owner_occupied_units(self):
        units = (self.u0101 | self.u0201).with_user(self.user_general_affairs)
        units.action_start_decoration()
        self.assertEqual(units.mapped("state"), ["decorating", "decorating"])
        units.action_end_decoration()
        self.assertEqual(self.u0101.state, "occupied", "its owner is there: owner-occupied")
        self.assertEqual(self.u0201.state, "vacant", "nobody there: vacant")

    def test_decoration_refused_on_rented_unsold_or_for_staff(self):
        with self.assertRaisesText(UserError, "Only vacant or owner-occupied units"):
            self.u0102.with_user(self.user_general_affairs).action_start_decoration()
        with self.assertRaisesText(UserError, "Only vacant or owner-occupied units"):
            self.u0302.with_user(self.user_general_affairs).action_start_decoration()
        with self.assertRaisesText(UserError, "not being decorated"):
            self.u0201.with_user(self.user_general_affairs).action_end_decoration()
        with self.assertRaises(AccessError):
            self.u0201.with_user(self.user_staff).action_start_decoration()
        self.assertEqual(self.u0201.state, "vacant")

    def test_decoration_protected_from_direct_writes(self):
        # owner-occupied: only the action starts the decoration, not a write of the status
        with self.assertRaisesText(UserError, "can only be changed through the workflow"):
            self.u0101.with_user(self.user_general_affairs).write({"state": "decorating"})
        self.u0101.with_user(self.user_general_affairs).action_start_decoration()
        with self.assertRaisesText(UserError, "can only be changed through the workflow"):
            self.u0101.with_user(self.user_general_affairs).write({"state": "occupied"})
        self.assertEqual(self.u0101.state, "decorating")

    def test_tenant_moving_in_ends_decoration(self):
        self.u0201.with_user(self.user_general_affairs).action_start_decoration()
        self.env["property.occupancy"].with_user(self.user_general_affairs).create(
            {
                "unit_id": self.u0201.id,
                "partner_id": self.tenant.id,
                "role": "tenant",
                "date_from": "2024-01-01",
            }
        )
        self.assertEqual(self.u0201.state, "rented")

    # Names and project cards
    def test_unit_named_project_building_number(self):
        self.assertEqual(self.u0102.with_user(self.user_staff).display_name, "测试花园 1栋-0102")

    def test_project_units_occupancy_rate_and_area(self):
        project = self.project.with_user(self.user_staff)
        self.assertEqual(project.unit_count, 6)
        # occupied + rented among the five sold units
        self.assertAlmostEqual(project.occupancy_rate, 40.0)
        self.assertEqual(project.total_area, 5000)
        empty = self.env["property.project"].create({"name": "空项目", "code": "EMP"})
        self.assertEqual(empty.with_user(self.user_staff).occupancy_rate, 0.0)

    def test_project_stats_in_one_batch(self):
        many = self.project | self.env["property.project"].create(
            [{"name": f"项目{i}", "code": f"P{i}"} for i in range(5)]
        )
        self._stat_queries(many.with_user(self.user_staff))  # warm up
        self.assertEqual(
            self._stat_queries(self.project.with_user(self.user_staff)),
            self._stat_queries(many.with_user(self.user_staff)),
        )

    def _stat_queries(self, projects):
        self.env.flush_all()
        self.env.invalidate_all()
        projects.mapped("name")
        before = self.env.cr.sql_log_count
        projects.mapped("occupancy_rate")
        return self.env.cr.sql_log_count - before
