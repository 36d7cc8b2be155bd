from odoo.tests import HttpCase, tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestIntakeTour(HttpCase, ServiceCommon):
    """SVC-1, SVC-11 (issue 8 item 4) in the browser as the zh_CN demo agent 林晓燕 (agent1): the
    phone finds the resident and fills their unit (项目 楼栋-房号) on a new ticket, shown as
    a new ticket, not "/", with the workflow buttons once saved; a missed call schedules a
    call-back, an answered one creates its ticket once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent_demo = cls.env.ref(
            "property_service.user_service_agent_lin", raise_if_not_found=False
        )
        cls.resident = cls.env["res.partner"].create(
            {"name": "唐明", "mobile": "+86 139 8765 4321"}
        )
        cls.env["property.occupancy"].create(
            {
                "unit_id": cls.unit_1.id,
                "partner_id": cls.resident.id,
                "role": "tenant",
                "date_from": "2024-01-01",
            }
        )

    def setUp(self):
        super().setUp()
        if not self.agent_demo:
            self.skipTest("needs the demo agent of property_service")
        # the test estate is in the agent's company
        self.assertIn(self.unit_1.company_id, self.agent_demo.company_ids)

    def test_ticket_intake(self):
        self.assertEqual(self.agent_demo.lang, "zh_CN")
        self.start_tour(
            "/odoo/action-property_service.property_service_ticket_action/new",
            "property_service_intake_ticket",
            login="agent1",
            timeout=120,
        )
        ticket = self.env["property.service.ticket"].search([("subject", "=", "卫生间漏水")])
        self.assertEqual((ticket.partner_id, ticket.unit_id), (self.resident, self.unit_1))

    def test_missed_call(self):
        self.start_tour(
            "/odoo/action-property_service.property_service_call_action/new",
            "property_service_intake_missed_call",
            login="agent1",
            timeout=120,
        )
        call = self.env["property.service.call"].search([("partner_id", "=", self.resident.id)])
        self.assertFalse(call.answered)
        self.assertEqual(call.activity_ids.user_id, self.agent_demo)

    def test_answered_call(self):
        self.start_tour(
            "/odoo/action-property_service.property_service_call_action/new",
            "property_service_intake_answered_call",
            login="agent1",
            timeout=120,
        )
        call = self.env["property.service.call"].search([("partner_id", "=", self.resident.id)])
        self.assertEqual(call.ticket_id.unit_id, self.unit_1)
        # once it has its ticket, the call offers to open it, not to create another
        arch = self.env["property.service.call"].get_view(view_type="form")["arch"]
        self.assertIn('invisible="not id or not answered or ticket_id"', arch)
