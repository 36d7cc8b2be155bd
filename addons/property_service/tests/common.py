from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.property_base.tests.common import PropertyBaseCommon

AGENT = "property_service.group_service_agent"
MANAGER = "property_service.group_service_manager"


class ServiceCommon(PropertyBaseCommon):
    """Estate, people, an office-hours team and SLA policies, made once per class.

    Office hours (Asia/Shanghai): Monday to Friday 09:00-12:00 and 13:00-18:00.
    Owner 1 lives in unit 1 and has a portal account; owner 2 owns unit 2.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service_people()
        cls._setup_service_estate()
        cls._setup_service_team()

    @classmethod
    def _setup_service_people(cls):
        def user(login, groups, company=None):
            company = company or cls.company_a
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                tz="Asia/Shanghai",
            )

        cls.agent = user("t_svc_agent", AGENT)
        cls.agent_2 = user("t_svc_agent_2", AGENT)
        cls.service_manager = user("t_svc_manager", MANAGER)
        cls.agent_b = user("t_svc_agent_b", AGENT, cls.company_b)
        cls.owner_1 = cls.env["res.partner"].create(
            {"name": "王伟", "mobile": "13800138000", "email": "wangwei@example.com"}
        )
        cls.owner_2 = cls.env["res.partner"].create({"name": "李娜", "mobile": "13900139000"})
        cls.portal_1 = new_test_user(
            cls.env,
            login="t_svc_portal_1",
            password="t_svc_portal_1",
            groups="base.group_portal",
            partner_id=cls.owner_1.id,
            name="王伟",
            email="wangwei@example.com",
        )
        cls.portal_2 = new_test_user(
            cls.env,
            login="t_svc_portal_2",
            password="t_svc_portal_2",
            groups="base.group_portal",
            partner_id=cls.owner_2.id,
            name="李娜",
            email="lina@example.com",
        )

    @classmethod
    def _setup_service_estate(cls):
        cls.project = cls.env["property.project"].create(
            {"name": "测试花园", "code": "T-SVC", "company_id": cls.company_a.id}
        )
        building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": cls.project.id, "floor_count": 10}
        )
        cls.unit_1, cls.unit_2 = building.generate_units([(1, "0101"), (1, "0102")], 90.0)
        cls.env["property.occupancy"].create(
            [
                {"unit_id": cls.unit_1.id, "partner_id": cls.owner_1.id, "date_from": "2020-01-01"},
                {"unit_id": cls.unit_2.id, "partner_id": cls.owner_2.id, "date_from": "2020-01-01"},
            ]
        )
        project_b = cls.env["property.project"].create(
            {"name": "乙项目", "code": "T-SVC-B", "company_id": cls.company_b.id}
        )
        building_b = cls.env["property.building"].create(
            {"name": "B1", "project_id": project_b.id, "floor_count": 5}
        )
        cls.unit_b = building_b.generate_units([(1, "0101")], 80.0)

    @classmethod
    def _setup_service_team(cls):
        attendances = [
            Command.create(
                {
                    "name": "office",
                    "dayofweek": str(day),
                    "hour_from": start,
                    "hour_to": stop,
                    "day_period": period,
                }
            )
            for day in range(5)
            for start, stop, period in ((9, 12, "morning"), (13, 18, "afternoon"))
        ]
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Office hours",
                "tz": "Asia/Shanghai",
                "company_id": cls.company_a.id,
                "attendance_ids": [Command.clear(), *attendances],
            }
        )
        cls.team = cls.env["property.service.team"].create(
            {
                "name": "测试客服组",
                "manager_id": cls.service_manager.id,
                "member_ids": [Command.set((cls.agent | cls.agent_2).ids)],
                "resource_calendar_id": cls.calendar.id,
                "project_ids": [Command.set(cls.project.ids)],
                "alias_name": "t-svc-team",
            }
        )
        cls.team_b = cls.env["property.service.team"].create(
            {"name": "乙组", "company_id": cls.company_b.id, "member_ids": cls.agent_b.ids}
        )
        Sla = cls.env["property.service.sla"]
        Sla.search([]).active = False
        cls.sla_repair = Sla.create(
            {
                "category": "repair",
                "priority": "1",
                "response_hours": 2,
                "resolution_hours": 8,
                "company_id": False,
            }
        )
        Sla.create(
            {"category": "complaint", "priority": "1", "response_hours": 1, "resolution_hours": 16}
        )

    # Helpers
    def _ticket(self, user=None, **vals):
        values = {
            "subject": "水管漏水",
            "channel": "phone",
            "caller_name": "王伟",
            "caller_phone": "13800138000",
            "partner_id": self.owner_1.id,
            "unit_id": self.unit_1.id,
            "category": "repair",
            "team_id": self.team.id,
            "user_id": self.agent.id,
        }
        values.update(vals)
        return self.env["property.service.ticket"].with_user(user or self.agent).create(values)
