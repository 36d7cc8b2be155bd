from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServicePortal(HttpCase, ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_1 = cls._ticket(cls, subject="我的漏水")
        cls.ticket_2 = cls._ticket(
            cls,
            subject="别人的投诉",
            partner_id=cls.owner_2.id,
            unit_id=cls.unit_2.id,
            caller_name="李娜",
            caller_phone="13900139000",
        )

    def _post_ticket(self, **values):
        return self.url_open(
            "/my/tickets/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "category": "repair",
                "subject": "阳台漏水",
                "phone": "13800138000",
                **values,
            },
        )

    def test_owner_sees_only_own_tickets(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        page = self.url_open("/my/tickets")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.ticket_1.name, page.text)
        self.assertNotIn(self.ticket_2.name, page.text)
        own = self.url_open(f"/my/ticket/{self.ticket_1.id}")
        self.assertIn("我的漏水", own.text)
        other = self.url_open(f"/my/ticket/{self.ticket_2.id}")
        self.assertTrue(other.url.endswith("/my"), "someone else's ticket sends back home")
        self.assertNotIn("别人的投诉", other.text)

    def test_new_request_form_offers_own_units_only(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        form = self.url_open("/my/tickets/new")
        self.assertIn(f'value="{self.unit_1.id}"', form.text)
        self.assertNotIn(f'value="{self.unit_2.id}"', form.text)
        self.assertIn("13800138000", form.text, "the phone is prefilled")

    def test_owner_submits_ticket_for_own_unit(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        response = self._post_ticket(unit_id=self.unit_1.id, description="雨后阳台渗水")
        ticket = self.env["property.service.ticket"].search([("subject", "=", "阳台漏水")])
        self.assertEqual(len(ticket), 1)
        self.assertTrue(response.url.endswith(f"/my/ticket/{ticket.id}"))
        self.assertEqual(
            (ticket.channel, ticket.partner_id, ticket.unit_id, ticket.team_id),
            ("portal", self.owner_1, self.unit_1, self.team),
        )
        self.assertIn(self.owner_1, ticket.message_partner_ids, "the owner follows the ticket")

    def test_owner_cannot_submit_for_other_unit(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        for unit in (self.unit_2, self.unit_b):
            response = self._post_ticket(unit_id=unit.id)
            self.assertIn("one of your own units", response.text)
        self.assertFalse(self.env["property.service.ticket"].search([("subject", "=", "阳台漏水")]))

    def test_invalid_phone_refused_without_leftover(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        response = self._post_ticket(unit_id=self.unit_1.id, phone="12345")
        self.assertIn("is not a valid phone number", response.text)
        self.assertFalse(self.env["property.service.ticket"].search([("subject", "=", "阳台漏水")]))

    def test_owner_comments_own_ticket_only(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": self.ticket_1._name,
                "thread_id": self.ticket_1.id,
                "post_data": {"body": "师傅几点上门?", "message_type": "comment"},
            },
        )
        self.assertIn("师傅几点上门", self.ticket_1.message_ids[0].body)
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": self.ticket_2._name,
                    "thread_id": self.ticket_2.id,
                    "post_data": {"body": "我来插一句", "message_type": "comment"},
                },
            )
        self.assertFalse(
            self.ticket_2.message_ids.filtered(lambda m: "我来插一句" in (m.body or ""))
        )

    def test_internal_notes_not_shown_to_owner(self):
        self.ticket_1.message_post(body="内部备注:业主脾气急", subtype_xmlid="mail.mt_note")
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        messages = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": self.ticket_1._name, "thread_id": self.ticket_1.id},
        )
        self.assertNotIn("内部备注", str(messages))

    def test_internal_fields_not_readable_by_owner(self):
        ticket = self.ticket_1.with_user(self.portal_1)
        self.assertEqual(ticket.read(["name"])[0]["name"], self.ticket_1.name)
        for field in ("sla_response_breached", "resolution_deadline", "escalated", "root_cause"):
            with self.assertRaises(AccessError, msg=field):
                ticket.read([field])
        self.assertNotIn("escalated", ticket.fields_get())

    def test_rating_after_resolution_only(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        page = self.url_open(f"/my/ticket/{self.ticket_1.id}")
        self.assertNotIn("/rate/", page.text, "no survey before resolution")
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": self.ticket_1._name,
                    "thread_id": self.ticket_1.id,
                    "post_data": {"body": "差评", "rating_value": 1},
                },
            )
        self.ticket_1.write({"resolution": "已修复"})
        self.ticket_1.action_resolve()
        page = self.url_open(f"/my/ticket/{self.ticket_1.id}")
        self.assertIn("/rate/", page.text)
        token = self.ticket_1.rating_ids.filtered(lambda r: not r.consumed)[:1].access_token
        self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"csrf_token": http.Request.csrf_token(self), "rate": 5, "feedback": "很满意"},
        )
        self.assertEqual(self.ticket_1.rating_last_value, 5)
