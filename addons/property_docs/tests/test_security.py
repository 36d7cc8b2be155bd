from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestPropertyDocsSecurity(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_user = new_test_user(
            cls.env, login="docs_role", groups="property_docs.group_docs_clerk"
        )
        cls.staff = new_test_user(
            cls.env, login="docs_staff", groups="property_base.group_property_user"
        )
        cls.menu = cls.env.ref("property_docs.menu_docs_root")

    def _visible(self, user):
        return self.menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_role_sees_the_application(self):
        self.assertTrue(self._visible(self.role_user))
        self.assertTrue(self.role_user.has_group("property_base.group_property_user"))

    def test_other_staff_do_not_see_it(self):
        self.assertFalse(self._visible(self.staff))

    def test_property_administrator_gets_the_role(self):
        admin = new_test_user(
            self.env, login="docs_admin", groups="property_base.group_property_admin"
        )
        self.assertTrue(admin.has_group("property_docs.group_docs_clerk"))
