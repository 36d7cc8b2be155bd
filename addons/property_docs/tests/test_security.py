from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.property_base.tests.common import AppSecurityChecks


@tagged("post_install", "-at_install")
class TestPropertyDocsSecurity(AppSecurityChecks, BaseCommon):
    app_menu = "property_docs.menu_docs_root"
    role_group = "property_docs.group_docs_clerk"
    admin_role_group = "property_docs.group_docs_clerk"
