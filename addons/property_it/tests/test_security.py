from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.property_base.tests.common import AppSecurityChecks, RecordRuleAsserts

from .common import PropertyItCommon


@tagged("post_install", "-at_install")
class TestPropertyItSecurity(AppSecurityChecks, BaseCommon):
    """IT-1: the application opens for computer users and IT administrators only."""

    app_menu = "property_it.menu_it_root"
    role_group = "property_it.group_it_user"
    admin_role_group = "property_it.group_it_admin"


@tagged("post_install", "-at_install")
class TestRoleMatrix(RecordRuleAsserts, PropertyItCommon):
    """IT-1, IT-2, IT-5, IT-6: who sees which requests and computers; what only IT
    administrators do; the other company's records stay hidden."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._make(cls.it_user)
        cls.theirs = cls._make(cls.it_user2)
        cls.share = (
            cls.env["property.it.request"]
            .with_user(cls.it_user)
            .create(
                {
                    "request_type": "share",
                    "share_department_id": cls.dept_finance.id,
                    "share_resource": "财务共享盘",
                    "share_password_protected": True,
                }
            )
        )
        cls.other_company = (
            cls.env["property.it.request"]
            .sudo()
            .create(
                {
                    "request_type": "fault",
                    "company_id": cls.company_b.id,
                    "user_id": cls.user_staff_b.id,
                }
            )
        )
        cls.all = (cls.mine | cls.theirs | cls.share | cls.other_company).with_env(cls.env)
        cls.mine, cls.theirs, cls.share = (
            rec.with_env(cls.env) for rec in (cls.mine, cls.theirs, cls.share)
        )

    @classmethod
    def _make(cls, user):
        return (
            cls.env["property.it.request"]
            .with_user(user)
            .create({"request_type": "fault", "fault_symptom": "蓝屏"})
        )

    def test_visibility(self):
        self.assertVisible(self.it_user, self.all, self.mine | self.share)
        self.assertVisible(self.it_user2, self.all, self.theirs)
        # heads see their department's requests and the shares of their resources
        self.assertVisible(self.user_department_head, self.all, self.mine | self.share)
        self.assertVisible(self.finance_head_user, self.all, self.theirs | self.share)
        self.assertVisible(self.it_admin, self.all, self.mine | self.theirs | self.share)

    def test_computers_and_register(self):
        Computer = self.env["maintenance.equipment"]
        computers = self.computer | self.computer2
        self.assertVisible(self.it_user, computers, self.computer)
        self.assertVisible(self.it_admin, computers, computers)
        with self.assertRaises(AccessError):
            self.computer.with_user(self.it_user).it_antivirus_expiry = "2030-01-01"
        self.computer.with_user(self.it_admin).it_antivirus_expiry = "2030-01-01"
        with self.assertRaises(AccessError):
            self.env["property.it.software"].with_user(self.it_user).create(
                {"computer_id": self.computer.id, "name": "私装软件"}
            )
        self.assertTrue(Computer.with_user(self.it_admin).search([("it_computer", "=", True)]))

    def test_plain_staff_have_no_access(self):
        with self.assertRaises(AccessError):
            self.env["property.it.request"].with_user(self.user_staff).search([])

    def test_maintenance_users_without_it_rights_keep_the_equipment_form(self):
        """Odoo's own maintenance users (no IT group) still open and create equipment: the
        computer register page of the form is shown only to IT groups."""
        manager = new_test_user(
            self.env, "t_maint_manager", groups="maintenance.group_equipment_manager"
        )
        form = Form(self.env["maintenance.equipment"].with_user(manager))
        form.name = "空调机组 1#"
        equipment = form.save()
        self.assertEqual(equipment.name, "空调机组 1#")
        arch = self.env["maintenance.equipment"].with_user(manager).get_views([(None, "form")])
        self.assertNotIn("it_software_ids", arch["views"]["form"]["arch"])
