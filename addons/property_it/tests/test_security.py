from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.property_base.tests.common import AppSecurityChecks


@tagged("post_install", "-at_install")
class TestPropertyItSecurity(AppSecurityChecks, BaseCommon):
    app_menu = "property_it.menu_it_root"
    role_group = "property_it.group_it_admin"
    admin_role_group = "property_it.group_it_admin"
