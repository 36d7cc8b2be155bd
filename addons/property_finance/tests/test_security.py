from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.property_base.tests.common import AppSecurityChecks


@tagged("post_install", "-at_install")
class TestPropertyFinanceSecurity(AppSecurityChecks, BaseCommon):
    app_menu = "property_finance.menu_finance_root"
    role_group = "property_finance.group_finance_cashier"
    admin_role_group = "property_finance.group_finance_manager"
