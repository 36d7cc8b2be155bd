import base64

from odoo.tests import new_test_user

from odoo.addons.property_base.tests.common import PropertyBaseCommon

# a 1x1 PNG: a drawn signature, a photo or a piece of evidence
PNG = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    )
)


class FireCommon(PropertyBaseCommon):
    """Fire-safety roles, a project with a building, the inspected department and its head."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups, company=None):
            company = company or cls.company_a
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )

        cls.fire_officer = user("t_fire_officer", "property_fire.group_fire_user")
        cls.fire_officer_2 = user("t_fire_officer2", "property_fire.group_fire_user")
        cls.fire_manager = user("t_fire_manager", "property_fire.group_fire_manager")
        cls.fire_officer_b = user(
            "t_fire_officer_b", "property_fire.group_fire_user", cls.company_b
        )
        cls.fire_users = [cls.fire_officer, cls.fire_officer_2, cls.fire_manager]
        # every role user of property_base, plus the fire roles of both companies
        cls.all_users = [*cls.role_users, *cls.fire_users, cls.fire_officer_b]
        cls.project = cls.env["property.project"].create({"name": "消防测试小区", "code": "FT01"})
        cls.project_2 = cls.env["property.project"].create({"name": "消防测试二期", "code": "FT02"})
        cls.project_b = cls.env["property.project"].create(
            {"name": "乙公司小区", "code": "FTB1", "company_id": cls.company_b.id}
        )
        cls.building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": cls.project.id, "floor_count": 6}
        )
        cls.employee_1 = cls.env["hr.employee"].create({"name": "责任人甲"})
        cls.employee_2 = cls.env["hr.employee"].create({"name": "管理人乙"})
        cls.employee_3 = cls.env["hr.employee"].create({"name": "管理人丙"})
        cls.category = cls.env.ref("property_fire.equipment_category_fire")

    @classmethod
    def _facility(cls, **vals):
        return cls.env["maintenance.equipment"].create(
            {
                "name": "灭火器",
                "category_id": cls.category.id,
                "fire_type": "extinguisher",
                "fire_project_id": cls.project.id,
                **vals,
            }
        )

    def _attachment(self, name="evidence.png"):
        return self.env["ir.attachment"].create({"name": name, "datas": PNG})
