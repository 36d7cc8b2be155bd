from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServiceAccessMatrix(ServiceCommon):
    """Who may do what on every model of the module: agent, manager, portal owner and an agent
    of another company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket(cls, category="complaint")
        cls.followup = cls.env["property.service.followup"].create(
            {"ticket_id": cls.ticket.id, "note": "已回访", "with_complainant": True}
        )
        cls.call = cls.env["property.service.call"].create(
            {"caller_number": "13800138000", "team_id": cls.team.id}
        )
        cls.visit = cls.env["property.service.visit"].create({"visitor_name": "陈立"})
        cls.stage = cls.env.ref("property_service.stage_new")
        cls.activity = cls.env["property.community.activity"].create(
            {"name": "中秋游园会", "project_id": cls.project.id, "company_id": cls.company_a.id}
        )
        cls.env["property.service.call"].create(
            {"caller_number": "13900139000", "user_id": cls.agent_2.id, "team_id": cls.team.id}
        )
        cls.env.flush_all()
        Report = cls.env["property.service.report"]
        cls.report_agent = Report.search([("user_id", "=", cls.agent.id)], limit=1)
        cls.report_agent_2 = Report.search([("user_id", "=", cls.agent_2.id)], limit=1)
        cls.wizard = (
            cls.env["property.service.monthly.report.wizard"]
            .with_user(cls.service_manager)
            .create({"team_ids": cls.team.ids})
        )
        cls.records = {
            "ticket": cls.ticket,
            "followup": cls.followup,
            "call": cls.call,
            "visit": cls.visit,
            "team": cls.team,
            "stage": cls.stage,
            "sla": cls.sla_repair,
            "activity": cls.activity,
            "report": cls.report_agent,
            "wizard": cls.wizard.with_env(cls.env),
        }

    def _can(self, user, record, mode):
        return record.with_user(user).has_access(mode)

    def assertMatrix(self, user, expected):
        for key, record in self.records.items():
            for mode, allowed in zip(
                ("read", "write", "create", "unlink"), expected[key], strict=True
            ):
                with self.subTest(user=user.login, model=key, mode=mode):
                    if mode == "create":
                        self.assertEqual(
                            record.with_user(user).has_access("create"), allowed == "1"
                        )
                    else:
                        self.assertEqual(self._can(user, record, mode), allowed == "1")

    def test_agent(self):
        self.assertMatrix(
            self.agent,
            {
                "ticket": "1110",
                "followup": "1110",
                "call": "1110",
                "visit": "1110",
                "team": "1000",
                "stage": "1000",
                "sla": "1000",
                "activity": "1110",
                "report": "1000",  # their own figures
                "wizard": "0000",  # the monthly report is printed by the managers
            },
        )
        self.assertTrue(self.report_agent_2)
        self.assertFalse(self._can(self.agent, self.report_agent_2, "read"), "not a colleague's")
        Report = self.env["property.service.report"].with_user(self.agent)
        self.assertEqual(Report.search([]).user_id, self.agent)
        with self.assertRaises(AccessError):
            self.env["property.service.monthly.report.wizard"].with_user(self.agent).create(
                {"team_ids": self.team.ids}
            )

    def test_manager(self):
        self.assertMatrix(
            self.service_manager,
            {
                **dict.fromkeys(self.records, "1111"),
                "report": "1000",  # statistics are read only, for everybody
            },
        )
        self.assertTrue(self._can(self.service_manager, self.report_agent_2, "read"))
        self.assertTrue(self.wizard.action_print())

    def test_portal_owner(self):
        self.assertMatrix(
            self.portal_1,
            {
                "ticket": "1000",
                "followup": "0000",
                "call": "0000",
                "visit": "0000",
                "team": "0000",
                "stage": "1000",
                "sla": "0000",
                "activity": "0000",
                "report": "0000",
                "wizard": "0000",
            },
        )
        other = self._ticket(partner_id=self.owner_2.id, unit_id=self.unit_2.id)
        self.assertFalse(other.with_user(self.portal_1).has_access("read"))
        Ticket = self.env["property.service.ticket"].with_user(self.portal_1)
        self.assertEqual(Ticket.search([]), self.ticket)
        with self.assertRaises(AccessError):
            Ticket.create({"subject": "x", "channel": "portal"})

    def test_other_company(self):
        self.assertMatrix(
            self.agent_b,
            {
                "ticket": "0000",
                "followup": "0000",
                "call": "0000",
                "visit": "0000",
                "team": "0000",
                "stage": "1000",
                "sla": "1000",  # a shared policy
                "activity": "0000",
                "report": "0000",
                "wizard": "0000",
            },
        )
        Ticket = self.env["property.service.ticket"].with_user(self.agent_b)
        self.assertFalse(Ticket.search([("id", "=", self.ticket.id)]))
        ticket_b = Ticket.create(
            {
                "subject": "乙公司工单",
                "channel": "email",
                "team_id": self.team_b.id,
                "unit_id": self.unit_b.id,
            }
        )
        self.assertEqual(ticket_b.company_id, self.company_b)
        self.assertFalse(ticket_b.with_user(self.agent).has_access("read"))

    def test_other_staff_have_no_access(self):
        for key, record in self.records.items():
            with self.subTest(model=key):
                self.assertFalse(self._can(self.user_staff, record, "read"))

    def test_ticket_cannot_mix_companies(self):
        with self.assertRaisesText(UserError, "Incompatible companies"):
            self.env["property.service.ticket"].create(
                {
                    "subject": "x",
                    "channel": "email",
                    "unit_id": self.unit_1.id,
                    "team_id": self.team_b.id,
                }
            )
