from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.property_base.tests.common import PropertyBaseCommon


class PropertyItCommon(PropertyBaseCommon):
    """Computer users, two departments with their heads, two IT administrators and computers,
    made once for the class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.company_a

        def user(login, groups="property_it.group_it_user", **kw):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
                **kw,
            )

        cls.it_admin = user("t_it_admin", "property_it.group_it_admin")
        cls.it_admin2 = user("t_it_admin2", "property_it.group_it_admin")
        cls.it_user = user("t_it_user")
        cls.it_user2 = user("t_it_user2")
        cls.finance_head_user = user("t_fin_head", "property_base.group_department_head")
        Employee = cls.env["hr.employee"]
        cls.dept = cls.department  # 客服部, headed by user_department_head
        cls.dept_finance = cls.env["hr.department"].create(
            {"name": "财务部", "company_id": company.id}
        )
        cls.dept_finance.manager_id = Employee.create(
            {"name": "财务部负责人", "user_id": cls.finance_head_user.id, "company_id": company.id}
        )
        cls.employee = Employee.create(
            {
                "name": "李娜",
                "user_id": cls.it_user.id,
                "department_id": cls.dept.id,
                "company_id": company.id,
            }
        )
        cls.employee2 = Employee.create(
            {
                "name": "王强",
                "user_id": cls.it_user2.id,
                "department_id": cls.dept_finance.id,
                "company_id": company.id,
            }
        )
        cls.category = cls.env.ref("property_it.equipment_category_computer")
        cls.computer = cls._computer("客服部电脑01", cls.employee)
        cls.computer2 = cls._computer("财务部电脑01", cls.employee2)
        cls.today = fields.Date.context_today(cls.env["res.users"])

    @classmethod
    def _computer(cls, name, employee, **vals):
        return cls.env["maintenance.equipment"].create(
            dict(
                {
                    "name": name,
                    "category_id": cls.category.id,
                    "employee_id": employee.id,
                    "equipment_assign_to": "employee",
                    "company_id": cls.company_a.id,
                    "it_antivirus_product": "360杀毒",
                    "it_antivirus_expiry": "2099-12-31",
                },
                **vals,
            )
        )

    def _request(self, user, **vals):
        return self.env["property.it.request"].with_user(user).create(vals)

    def _fault(self, user=None, **vals):
        return self._request(
            user or self.it_user,
            **dict(
                {
                    "request_type": "fault",
                    "computer_id": self.computer.id,
                    "fault_operation": "打开收费系统",
                    "fault_symptom": "点击登录后无响应",
                    "fault_message": "无法连接到服务器",
                },
                **vals,
            ),
        )

    def _software(self, user=None, **vals):
        return self._request(
            user or self.it_user,
            **dict(
                {
                    "request_type": "software",
                    "computer_id": self.computer.id,
                    "software_operation": "install",
                    "software_name": "WPS Office",
                    "software_version": "12.1",
                    "software_licence": "企业版授权",
                },
                **vals,
            ),
        )
