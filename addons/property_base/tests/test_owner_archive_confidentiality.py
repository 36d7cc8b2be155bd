from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PropertyBaseCommon

ID_NUMBER = "11010519491231002X"
MASKED = "1101**********002X"
CONFIDENTIAL = [
    "property_id_type",
    "property_id_number",
    "property_move_in_date",
    "property_emergency_contact",
    "property_emergency_phone",
]


@tagged("post_install", "-at_install")
class TestOwnerArchiveConfidentiality(PropertyBaseCommon):
    """BASE-2, BASE-3 (issue 7 item 5; 篇1 §3.1, 篇5 3.2, 5.2.1 f, 5.6.4 b): owner archives are
    B-level confidential. General affairs (who manage them), the office director (who approves
    their consultation), the general manager and the administrator read ID numbers and
    emergency contacts in full; department heads of other departments, the GM assistant and
    staff get the masked ID number only, over read, search_read and export alike. Contact data
    and occupancies stay readable by staff (the estate register); see readme/CONFIGURE.md."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        export = cls.env.ref("base.group_allow_export")
        cls.fire_head = new_test_user(
            cls.env, login="t_fire_head", groups="property_base.group_department_head"
        )
        cls.full_readers = [
            cls.user_general_affairs,
            cls.user_office_director,
            cls.user_general_manager,
            cls.user_admin,
        ]
        cls.masked_readers = [
            cls.user_department_head,
            cls.fire_head,
            cls.user_gm_assistant,
            cls.user_staff,
        ]
        for user in cls.full_readers + cls.masked_readers:
            user.groups_id = [Command.link(export.id)]
        cls.owner = cls.env["res.partner"].create(
            {
                "name": "陈静",
                "phone": "0755-86001234",
                "email": "chenjing@example.com",
                "property_id_type": "resident_id",
                "property_id_number": ID_NUMBER,
                "property_move_in_date": "2020-05-01",
                "property_emergency_contact": "陈明",
                "property_emergency_phone": "13800138000",
            }
        )
        project = cls.env["property.project"].create({"name": "测试花园", "code": "T-CONF"})
        building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": project.id, "floor_count": 10}
        )
        unit = cls.env["property.unit"].create(
            {"name": "0101", "building_id": building.id, "area": 90.0}
        )
        cls.occupancy = cls.env["property.occupancy"].create(
            {"unit_id": unit.id, "partner_id": cls.owner.id, "date_from": "2020-05-01"}
        )

    def test_full_readers(self):
        for user in self.full_readers:
            with self.subTest(user=user.login):
                owner = self.owner.with_user(user)
                [values] = owner.read(CONFIDENTIAL)
                self.assertEqual(values["property_id_number"], ID_NUMBER)
                self.assertEqual(values["property_emergency_phone"], "13800138000")
                [found] = owner.search_read(
                    [("id", "=", self.owner.id)], ["property_id_number_masked"]
                )
                self.assertEqual(found["property_id_number_masked"], ID_NUMBER)
                rows = owner.export_data(
                    ["name", "property_id_number", "property_emergency_contact"]
                )
                self.assertEqual(rows["datas"], [["陈静", ID_NUMBER, "陈明"]])

    def test_masked_readers(self):
        for user in self.masked_readers:
            with self.subTest(user=user.login):
                self.assertFalse(user.has_group("property_base.group_owner_archive"))
                owner = self.owner.with_user(user)
                for fname in CONFIDENTIAL:
                    with self.assertRaises(AccessError, msg=fname):
                        owner.read([fname])
                with self.assertRaises(AccessError):
                    owner.search_read([("id", "=", self.owner.id)], ["property_id_number"])
                with self.assertRaises(AccessError):
                    owner.export_data(["name", "property_id_number"])
                with self.assertRaises(AccessError):
                    owner.search([("property_id_number", "=", ID_NUMBER)])
                # positive controls: the masked number, contact data and the occupancy
                [found] = owner.search_read(
                    [("id", "=", self.owner.id)], ["name", "phone", "property_id_number_masked"]
                )
                self.assertEqual(found["property_id_number_masked"], MASKED)
                self.assertEqual(found["phone"], "0755-86001234")
                rows = owner.export_data(["name", "property_id_number_masked"])
                self.assertEqual(rows["datas"], [["陈静", MASKED]])
                [occupancy] = self.occupancy.with_user(user).read(["partner_id", "role"])
                self.assertEqual(occupancy["partner_id"][0], self.owner.id)

    def test_masked_readers_cannot_write_the_archive(self):
        self.owner.with_user(self.user_general_affairs).property_emergency_phone = "13900139000"
        self.assertEqual(self.owner.property_emergency_phone, "13900139000")
        with self.assertRaises(AccessError):
            self.owner.with_user(self.user_department_head).write(
                {"property_emergency_phone": "13700137000"}
            )
        self.assertEqual(self.owner.property_emergency_phone, "13900139000")

    def test_outsiders_see_no_occupancy(self):
        portal = new_test_user(self.env, login="t_conf_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.occupancy.with_user(portal).read(["partner_id"])
        other_company = self.occupancy.with_user(self.user_staff_b)
        with self.assertRaises(AccessError):
            other_company.read(["partner_id"])
        self.assertTrue(self.occupancy.with_user(self.user_staff).read(["partner_id"]))
