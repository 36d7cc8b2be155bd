from lxml import etree

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.property_base.models.property_vehicle import normalize_plate, plate_kind

from .common import PropertyBaseCommon


@tagged("post_install", "-at_install")
class TestOwnerArchive(PropertyBaseCommon):
    """BASE-2, BASE-5: the owner archive form of its own (identity, units with roles, dates and
    property certificate numbers, household, vehicles and parking spaces, emergency contact),
    confidential fields kept from users without the owner-archive right; vehicles with
    mainland plate numbers (new-energy included) linked to their owner and a parking space."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        project = cls.env["property.project"].create({"name": "测试花园", "code": "TST"})
        building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": project.id, "floor_count": 2}
        )
        cls.unit, cls.unit2 = building.generate_units([(1, "0101"), (1, "0102")], 88.0)
        garage = cls.env["property.building"].create({"name": "停车场", "project_id": project.id})
        cls.parking = garage.generate_units([(-1, "P001")], 12.5, "parking")
        cls.owner = cls.env["res.partner"].create({"name": "王伟", "mobile": "13800138000"})
        cls.spouse = cls.env["res.partner"].create({"name": "李娜"})
        cls.tenant = cls.env["res.partner"].create({"name": "张磊"})
        Occupancy = cls.env["property.occupancy"]
        cls.ownership = Occupancy.create(
            {
                "unit_id": cls.unit.id,
                "partner_id": cls.owner.id,
                "date_from": "2020-01-01",
                "certificate_number": "粤(2020)深圳市不动产权第0012345号",
            }
        )
        Occupancy.create(
            [
                {
                    "unit_id": cls.unit.id,
                    "partner_id": cls.spouse.id,
                    "role": "family",
                    "date_from": "2020-01-01",
                },
                {
                    "unit_id": cls.unit2.id,
                    "partner_id": cls.tenant.id,
                    "role": "tenant",
                    "date_from": "2020-01-01",
                },
            ]
        )

    # Plates
    def test_mainland_plates(self):
        for plate, kind in (
            ("粤B12345", "ordinary"),
            ("京A·8K3Q2", "ordinary"),
            ("沪c 1234学", "ordinary"),
            ("粤BD12345", "small_nev"),
            ("粤BFA1234", "small_nev"),
            ("粤B12345D", "large_nev"),
        ):
            self.assertEqual(plate_kind(plate), kind, plate)
        for plate in ("粤I12345", "粤B1234", "AB12345", "粤BD1234A", "粤B123456", "港B12345", ""):
            self.assertIsNone(plate_kind(plate) or None, plate)
        self.assertEqual(normalize_plate("粤b·d1234 5"), "粤BD12345")

    def test_vehicle_registered_by_general_affairs(self):
        Vehicle = self.env["property.vehicle"].with_user(self.user_general_affairs)
        car = Vehicle.create(
            {"plate": "粤bd12345", "partner_id": self.owner.id, "parking_unit_id": self.parking.id}
        )
        self.assertEqual(car.plate, "粤BD12345")
        self.assertTrue(car.new_energy)
        petrol = Vehicle.create({"plate": "粤B12345", "partner_id": self.owner.id})
        self.assertFalse(petrol.new_energy)
        self.assertEqual(self.owner.with_user(self.user_staff).property_vehicle_count, 2)
        with self.assertRaisesText(ValidationError, "not a mainland China plate number"):
            Vehicle.create({"plate": "粤B1234", "partner_id": self.owner.id})
        with self.assertRaisesText(ValidationError, "is not a parking space"):
            car.parking_unit_id = self.unit2
        with self.assertRaisesText(ValidationError, "not a mainland China plate number"):
            car.plate = "ABC"

    def test_vehicle_access(self):
        Vehicle = self.env["property.vehicle"]
        car = Vehicle.create({"plate": "粤B12345", "partner_id": self.owner.id})
        self.assertEqual(car.with_user(self.user_staff).plate, "粤B12345", "guards read plates")
        with self.assertRaises(AccessError):
            self.env["property.vehicle"].with_user(self.user_staff).create(
                {"plate": "粤B54321", "partner_id": self.owner.id}
            )
        with self.assertRaises(AccessError):
            car.with_user(self.user_staff_b).read(["plate"])

    # Certificates
    def test_certificate_number_only_for_owners(self):
        occupancy = self.env["property.occupancy"].with_user(self.user_general_affairs)
        family = occupancy.search([("partner_id", "=", self.spouse.id)])
        with self.assertRaisesText(ValidationError, "Only an owner holds the property certificate"):
            family.certificate_number = "粤(2020)深圳市不动产权第0099999号"
        self.assertEqual(
            self.ownership.with_user(self.user_general_affairs).certificate_number,
            "粤(2020)深圳市不动产权第0012345号",
        )

    def test_certificate_number_confidential(self):
        with self.assertRaises(AccessError):
            self.ownership.with_user(self.user_staff).read(["certificate_number"])
        self.assertTrue(self.ownership.with_user(self.user_office_director).certificate_number)

    # Household
    def test_household(self):
        household = self.owner.with_user(self.user_staff).property_household_ids
        self.assertEqual(household.partner_id, self.spouse)
        self.assertEqual(household.role, "family")
        self.assertEqual(self.spouse.property_household_ids.partner_id, self.owner)
        self.assertFalse(self.tenant.property_household_ids)
        both = (self.owner | self.spouse).with_user(self.user_staff)
        self.assertEqual(both[0].property_household_ids.partner_id, self.spouse)
        self.assertEqual(both[1].property_household_ids.partner_id, self.owner)

    # The form
    def _archive_arch(self, user):
        view = self.env.ref("property_base.res_partner_view_form_owner_archive")
        views = self.env["res.partner"].with_user(user).get_views([(view.id, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_archive_form_sections(self):
        arch = self._archive_arch(self.user_general_affairs)
        fields = {node.get("name") for node in arch.iter("field")}
        for name in (
            "property_id_type",
            "property_id_number",
            "property_emergency_contact",
            "property_emergency_phone",
            "property_occupancy_ids",
            "certificate_number",
            "property_household_ids",
            "property_vehicle_ids",
            "parking_unit_id",
        ):
            self.assertIn(name, fields)
        for generic in ("vat", "website", "property_product_pricelist", "user_id"):
            self.assertNotIn(generic, fields, "not the generic contact form")
        self.assertNotIn("property_id_number_masked", fields)

    def test_archive_form_masked_for_staff(self):
        fields = {node.get("name") for node in self._archive_arch(self.user_staff).iter("field")}
        self.assertIn("property_id_number_masked", fields)
        self.assertIn("property_occupancy_ids", fields)
        for secret in (
            "property_id_number",
            "property_emergency_contact",
            "property_emergency_phone",
            "certificate_number",
        ):
            self.assertNotIn(secret, fields)

    def test_archive_action_lists_owners_and_residents(self):
        action = self.env.ref("property_base.res_partner_action_owner")
        found = self.env["res.partner"].with_user(self.user_staff).search(safe_eval(action.domain))
        self.assertLessEqual(self.owner | self.spouse | self.tenant, found)
        self.assertEqual(
            action.view_ids.filtered(lambda v: v.view_mode == "form").view_id,
            self.env.ref("property_base.res_partner_view_form_owner_archive"),
        )
