from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PropertyBaseCommon


@tagged("post_install", "-at_install")
class TestEstate(PropertyBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["property.project"].create(
            {"name": "测试花园", "code": "TST", "company_id": cls.company_a.id}
        )
        cls.building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": cls.project.id, "floor_count": 30}
        )
        cls.unit = cls.env["property.unit"].create(
            {"name": "0101", "building_id": cls.building.id, "floor": 1, "area": 88.5}
        )
        cls.owner = cls.env["res.partner"].create({"name": "王伟"})
        cls.owner2 = cls.env["res.partner"].create({"name": "李娜"})

    def _occupy(self, partner, role="owner", date_from="2020-01-01", date_to=False, user=None):
        return (
            self.env["property.occupancy"]
            .with_user(user or self.user_general_affairs)
            .create(
                {
                    "unit_id": self.unit.id,
                    "partner_id": partner.id,
                    "role": role,
                    "date_from": date_from,
                    "date_to": date_to,
                }
            )
        )

    # Units
    def test_unit_area_must_be_positive(self):
        Unit = self.env["property.unit"].with_user(self.user_general_affairs)
        for area in (0, -12.5):
            with self.assertRaisesText(ValidationError, "floor area of a unit must be positive"):
                Unit.create({"name": f"X{area}", "building_id": self.building.id, "area": area})

    def test_unit_number_unique_in_building(self):
        Unit = self.env["property.unit"].with_user(self.user_general_affairs)
        with self.assertRaisesText(ValidationError, "0101 already exists in building"):
            Unit.create({"name": "0101", "building_id": self.building.id, "area": 70})
        other = self.env["property.building"].create({"name": "2栋", "project_id": self.project.id})
        self.assertTrue(Unit.create({"name": "0101", "building_id": other.id, "area": 70}))

    @mute_logger("odoo.sql_db")
    def test_unit_number_unique_in_database(self):
        with self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "INSERT INTO property_unit (name, building_id, area, usage, state, active) "
                "VALUES ('0101', %s, 10, 'residential', 'vacant', true)",
                [self.building.id],
            )

    def test_unit_with_occupancies_cannot_be_deleted(self):
        self._occupy(self.owner)
        with self.assertRaisesText(UserError, "cannot be deleted; archive them instead"):
            self.unit.with_user(self.user_general_affairs).unlink()

    def test_display_names(self):
        self.assertEqual(self.building.display_name, "测试花园 / 1栋")
        self.assertEqual(self.unit.display_name, "测试花园 1栋-0101")

    def test_project_counts(self):
        self.env["property.unit"].create(
            {"name": "0102", "building_id": self.building.id, "floor": 1, "area": 11.5}
        )
        project = self.project.with_user(self.user_staff)  # the estate register is staff's
        self.assertEqual(project.building_count, 1)
        self.assertEqual(project.unit_count, 2)
        self.assertAlmostEqual(project.unit_area, 100.0)
        self.assertEqual(self.building.with_user(self.user_staff).unit_count, 2)
        other_company = self.project.with_user(self.user_staff_b)
        self.assertFalse(other_company.search([("id", "=", project.id)]))

    # Occupancies
    def test_occupancy_end_before_start(self):
        with self.assertRaisesText(ValidationError, "end date .* is before its start"):
            self._occupy(self.owner, date_from="2024-05-01", date_to="2024-04-30")

    def test_overlapping_owner_occupancies_rejected(self):
        self._occupy(self.owner, date_from="2020-01-01", date_to="2022-12-31")
        with self.assertRaisesText(ValidationError, "already has the owner 王伟"):
            self._occupy(self.owner2, date_from="2022-06-01")
        # the next owner after the sale is fine, and so is a tenant at the same time
        self._occupy(self.owner2, date_from="2023-01-01")
        self._occupy(self.owner, role="tenant", date_from="2023-02-01")

    def test_same_person_twice_in_one_period_rejected(self):
        self._occupy(self.owner2, role="tenant", date_from="2021-01-01")
        with self.assertRaisesText(ValidationError, "李娜 already has an occupancy"):
            self._occupy(self.owner2, role="family", date_from="2021-03-01")

    def test_current_owner_and_residents(self):
        self._occupy(self.owner, date_from="2015-01-01", date_to="2019-12-31")
        self._occupy(self.owner2, date_from="2020-01-01")
        tenant = self.env["res.partner"].create({"name": "张敏"})
        self._occupy(tenant, role="tenant", date_from="2024-01-01")
        unit = self.unit.with_context(date=fields.Date.to_date("2024-06-01"))
        self.assertEqual(unit.owner_ids, self.owner2)
        self.assertEqual(unit.resident_ids, tenant)
        self.assertEqual(self.unit.with_context(date="2016-01-01").owner_ids, self.owner)
        self.assertEqual(
            self.env["property.unit"].search([("owner_ids", "in", self.owner2.ids)]), self.unit
        )
        self.assertTrue(self.owner2.property_is_owner)
        self.assertFalse(self.owner.property_is_owner)
        self.assertTrue(tenant.property_is_resident)
        self.assertEqual(self.unit.state, "rented")

    def test_lease_with_end_date_is_current(self):
        tenant = self.env["res.partner"].create({"name": "赵磊"})
        with freeze_time("2026-06-01"):
            self._occupy(tenant, role="tenant", date_from="2026-01-01", date_to="2026-12-31")
            self.assertTrue(tenant.property_is_resident)
            self.assertEqual(self.unit.state, "rented")

    def test_daily_cron_follows_start_and_end_dates(self):
        tenant = self.env["res.partner"].create({"name": "孙丽"})
        cron = self.env.ref("property_base.ir_cron_occupancy_sync")
        with freeze_time("2026-03-01"):
            self._occupy(self.owner, date_from="2026-04-01")
            self._occupy(tenant, role="tenant", date_from="2026-01-01", date_to="2026-03-31")
            self.assertEqual(self.unit.state, "rented")
            self.assertTrue(tenant.property_is_resident)
            self.assertFalse(self.owner.property_is_owner)
            cron.method_direct_trigger()
        with freeze_time("2026-04-01"):
            cron.method_direct_trigger()
            self.assertEqual(self.unit.state, "occupied")
            self.assertFalse(tenant.property_is_resident)
            self.assertTrue(self.owner.property_is_owner)
            self.assertEqual(self.unit.owner_ids, self.owner)

    def test_cross_company_person_rejected(self):
        stranger = self.env["res.partner"].create(
            {"name": "乙公司客户", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self._occupy(stranger)

    def test_unit_status_follows_occupancy(self):
        self.assertEqual(self.unit.state, "vacant")
        occupancy = self._occupy(self.owner, date_from="2020-01-01")
        self.assertEqual(self.unit.state, "occupied")
        occupancy.date_to = "2021-01-01"
        self.assertEqual(self.unit.state, "vacant")

    # Unit generation
    def test_generate_units_wizard(self):
        wizard = (
            self.env["property.unit.generate.wizard"]
            .with_user(self.user_general_affairs)
            .create(
                {
                    "building_id": self.building.id,
                    "floor_from": 2,
                    "floor_to": 4,
                    "units_per_floor": 3,
                    "area": 95.0,
                }
            )
        )
        self.assertEqual(wizard.unit_count, 9)
        self.assertEqual(wizard.preview, "0201, 0202, 0203 …")
        action = wizard.action_generate()
        units = self.env["property.unit"].search(action["domain"])
        self.assertEqual(len(units), 9)
        self.assertEqual(sorted(units.mapped("floor")), [2, 2, 2, 3, 3, 3, 4, 4, 4])
        self.assertEqual(set(units.mapped("area")), {95.0})

    def test_generate_units_rejects_bad_input(self):
        Wizard = self.env["property.unit.generate.wizard"].with_user(self.user_general_affairs)
        vals = {"building_id": self.building.id, "floor_from": 1, "floor_to": 1, "area": 50}
        with self.assertRaisesText(UserError, "numbering pattern .* is invalid"):
            Wizard.create({**vals, "pattern": "{room}"}).action_generate()
        with self.assertRaisesText(ValidationError, "from ≤ to"):
            Wizard.create({**vals, "floor_from": 5}).action_generate()
        with self.assertRaisesText(ValidationError, "0101 already exists in building"):
            Wizard.create({**vals, "units_per_floor": 2}).action_generate()
        with self.assertRaisesText(ValidationError, "must be positive"):
            Wizard.create({**vals, "floor_from": 9, "floor_to": 9, "area": 0}).action_generate()
        with self.assertRaises(AccessError):
            self.env["property.unit.generate.wizard"].with_user(self.user_staff).create(vals)

    def test_generate_units_limits(self):
        Wizard = self.env["property.unit.generate.wizard"].with_user(self.user_general_affairs)
        vals = {"building_id": self.building.id, "floor_from": 2, "floor_to": 2, "area": 50}
        for pattern in ("{floor.__class__}", "{floor[0]}", "{floor!r}", "0101", "{unit"):
            with self.assertRaisesText(UserError, "numbering pattern .* is invalid"):
                Wizard.create({**vals, "pattern": pattern}).action_generate()
        with self.assertRaisesText(ValidationError, "has 30 floors: .* up to floor 31"):
            Wizard.create({**vals, "floor_to": 31}).action_generate()
        with self.assertRaisesText(ValidationError, "6000 units at once is too many"):
            Wizard.create(
                {**vals, "floor_from": 1, "floor_to": 30, "units_per_floor": 200}
            )._numbers()
        basement = Wizard.create(
            {
                **vals,
                "floor_from": -2,
                "floor_to": -1,
                "units_per_floor": 3,
                "pattern": "B{floor}-{unit}",
            }
        )
        self.assertEqual(basement.preview, "B-2-1, B-2-2, B-2-3 …")

    def test_bulk_generation_query_count(self):
        """1,000 units cost the queries of 10 plus Odoo's own INSERT batches (100 rows each,
        ``models.INSERT_BATCH_SIZE``): no query per unit, no UPDATE after the INSERT."""
        building = self.building.with_user(self.user_general_affairs)
        counts = []
        for floors, name in ((1, "A{floor}-{unit}"), (100, "B{floor}-{unit}")):
            numbers = [
                (floor, name.format(floor=floor, unit=unit))
                for floor in range(1, floors + 1)
                for unit in range(1, 11)
            ]
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            units = building.generate_units(numbers, 80.0)
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(len(units), floors * 10)
        extra_insert_batches = 1000 // models.INSERT_BATCH_SIZE - 1
        self.assertLessEqual(counts[1], counts[0] + extra_insert_batches, counts)
        numbers = [(f, f"C{f}-{u}") for f in range(1, 101) for u in range(1, 11)]
        self.env.invalidate_all()
        with self.assertQueryCount(counts[1]):
            building.generate_units(numbers, 80.0)


@tagged("post_install", "-at_install")
class TestOwnerArchive(PropertyBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.env["res.partner"].create(
            {
                "name": "陈静",
                "property_id_type": "resident_id",
                "property_id_number": "11010519491231002X",
                "property_emergency_contact": "陈明",
                "property_emergency_phone": "13800138000",
            }
        )

    def test_archive_readers_see_full_id_number(self):
        for user in (
            self.user_general_affairs,
            self.user_office_director,
            self.user_general_manager,
        ):
            owner = self.owner.with_user(user)
            self.assertEqual(owner.property_id_number, "11010519491231002X")
            self.assertEqual(owner.property_id_number_masked, "11010519491231002X")
            self.assertEqual(owner.property_emergency_phone, "13800138000")

    def test_others_see_masked_id_number_only(self):
        for user in (self.user_staff, self.user_plain, self.user_department_head):
            owner = self.owner.with_user(user)
            self.assertEqual(owner.property_id_number_masked, "1101**********002X")
            with self.assertRaises(AccessError):
                owner.read(["property_id_number"])
            with self.assertRaises(AccessError):
                owner.read(["property_emergency_contact"])

    def test_exports_obey_the_same_rule(self):
        export = self.env.ref("base.group_allow_export")
        (self.user_staff | self.user_general_affairs).groups_id = [Command.link(export.id)]
        owner = self.owner.with_user(self.user_staff)
        rows = owner.export_data(["name", "property_id_number_masked"])["datas"]
        self.assertEqual(rows, [["陈静", "1101**********002X"]])
        with self.assertRaises(AccessError):
            owner.export_data(["name", "property_id_number"])
        rows = self.owner.with_user(self.user_general_affairs).export_data(["property_id_number"])
        self.assertEqual(rows["datas"], [["11010519491231002X"]])

    def test_invalid_resident_id_rejected(self):
        with self.assertRaisesText(ValidationError, "not a valid resident identity card"):
            self.owner.with_user(
                self.user_general_affairs
            ).property_id_number = "110105194912310021"
        # other document types are not checked against the resident-ID checksum
        self.owner.with_user(self.user_general_affairs).write(
            {"property_id_type": "passport", "property_id_number": "E12345678"}
        )
        self.assertEqual(
            self.owner.with_user(self.user_staff).property_id_number_masked, "E*******8"
        )


@tagged("post_install", "-at_install")
class TestEstateAccess(PropertyBaseCommon):
    def test_multi_company_isolation(self):
        project_b = self.env["property.project"].create(
            {"name": "乙项目", "code": "B1", "company_id": self.company_b.id}
        )
        Project = self.env["property.project"]
        self.assertNotIn(project_b, Project.with_user(self.user_staff).search([]))
        self.assertIn(project_b, Project.with_user(self.user_staff_b).search([]))
        with self.assertRaises(AccessError):
            project_b.with_user(self.user_staff).read(["name"])

    def test_cross_company_reference_rejected(self):
        department_b = self.env["hr.department"].create(
            {"name": "乙公司客服部", "company_id": self.company_b.id}
        )
        with self.assertRaises(UserError):
            self.env["property.project"].with_user(self.user_admin).create(
                {"name": "混合", "code": "MIX", "department_id": department_b.id}
            )
