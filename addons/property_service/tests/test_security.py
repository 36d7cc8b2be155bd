from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.property_base.tests.common import AppSecurityChecks


@tagged("post_install", "-at_install")
class TestPropertyServiceSecurity(AppSecurityChecks, BaseCommon):
    app_menu = "property_service.menu_service_root"
    role_group = "property_service.group_service_agent"
    admin_role_group = "property_service.group_service_manager"
