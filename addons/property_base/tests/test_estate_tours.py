from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestEstateTours(HttpCase):
    """BASE-5, BASE-2: in the browser, as zh_CN demo users, the unit status board (from the
    building form and the menu, cells and counts checked against the database, a cell opening
    its unit) and the owner archive (its sections in full, masked for staff)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.building = cls.env.ref("property_base.project_jinxiu_b5", raise_if_not_found=False)
        cls.owner = cls.env.ref("property_base.owner_01", raise_if_not_found=False)

    def setUp(self):
        super().setUp()
        if not self.building:
            self.skipTest("needs the demo data of property_base")

    def test_unit_board_tour(self):
        self.assertEqual(self.env.ref("property_base.user_general_manager").lang, "zh_CN")
        self.start_tour(
            f"/odoo/action-property_base.property_building_action/{self.building.id}",
            "property_base_unit_board",
            login="gm",
            timeout=120,
        )

    def test_owner_archive_tour(self):
        self.start_tour("/odoo", "property_base_owner_archive", login="gm", timeout=120)

    def test_owner_archive_masked_tour(self):
        new_test_user(
            self.env,
            login="t_archive_staff",
            groups="property_base.group_property_user",
            lang=self.env.ref("property_base.user_general_manager").lang,
            name="前台员工",
        )
        self.start_tour(
            f"/odoo/action-property_base.res_partner_action_owner/{self.owner.id}",
            "property_base_owner_archive_masked",
            login="t_archive_staff",
            timeout=120,
        )
