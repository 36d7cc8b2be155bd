from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AGENT, MANAGER, ServiceCommon


@tagged("post_install", "-at_install")
class TestOwnerArchiveServiceRoles(ServiceCommon):
    """BASE-2 (issue 7 item 5; 篇1 §3.1: customer service keeps the owner archives complete and
    confidential): agents and customer-service managers read ID numbers and emergency contacts
    in full; a security guard or a fire-safety head does not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_1.write(
            {
                "property_id_type": "resident_id",
                "property_id_number": "11010519491231002X",
                "property_emergency_contact": "王明",
            }
        )
        export = cls.env.ref("base.group_allow_export")
        cls.head = new_test_user(
            cls.env, login="t_svc_other_head", groups="property_base.group_department_head"
        )
        (cls.agent | cls.service_manager | cls.head).groups_id = [Command.link(export.id)]

    def test_service_roles_read_in_full(self):
        for user in (self.agent, self.service_manager):
            with self.subTest(user=user.login):
                self.assertTrue(user.has_group(AGENT))
                owner = self.owner_1.with_user(user)
                [row] = owner.search_read(
                    [("id", "=", self.owner_1.id)],
                    ["property_id_number", "property_emergency_contact"],
                )
                self.assertEqual(row["property_id_number"], "11010519491231002X")
                self.assertEqual(row["property_emergency_contact"], "王明")
                rows = owner.export_data(["property_id_number"])["datas"]
                self.assertEqual(rows, [["11010519491231002X"]])
        self.assertTrue(self.service_manager.has_group(MANAGER))

    def test_other_department_head_masked(self):
        owner = self.owner_1.with_user(self.head)
        with self.assertRaises(AccessError):
            owner.search_read([("id", "=", self.owner_1.id)], ["property_id_number"])
        with self.assertRaises(AccessError):
            owner.export_data(["property_emergency_contact"])
        [row] = owner.read(["property_id_number_masked"])
        self.assertEqual(row["property_id_number_masked"], "1101**********002X")
