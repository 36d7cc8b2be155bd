from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.property_base.tests.common import AppSecurityChecks


@tagged("post_install", "-at_install")
class TestPropertyFireSecurity(AppSecurityChecks, BaseCommon):
    app_menu = "property_fire.menu_fire_root"
    role_group = "property_fire.group_fire_user"
    admin_role_group = "property_fire.group_fire_manager"
