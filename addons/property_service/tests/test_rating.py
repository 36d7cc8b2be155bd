import re

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import ServiceCommon

RATE_LINK = re.compile(r"/rate/([0-9a-f]{32})/5")


@tagged("post_install", "-at_install")
class TestTicketRating(HttpCase, ServiceCommon):
    """SVC-5, SVC-8 (issue 7, items 2 and 6): only the ticket's own owner or resident rates
    it, through the rating link (portal page or e-mail), once per resolution; a reopened and
    resolved again ticket is rated again; staff never create, change or post ratings; an
    owner of a branch company's unit sees and rates their tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket(cls, subject="厨房漏水")
        new_test_user(  # a password to log in over HTTP
            cls.env,
            login="t_rate_agent",
            password="t_rate_agent",
            groups="property_service.group_service_agent",
        )

    # Helpers
    def _resolve(self, ticket, resolution="已更换水管"):
        ticket.write({"resolution": resolution})
        ticket.action_resolve()

    def _page_token(self, ticket):
        """The rating link of the owner's portal page, if it shows one."""
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        match = RATE_LINK.search(page.text)
        return match and match.group(1)

    def _submit(self, token, rate, feedback=""):
        return self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"csrf_token": http.Request.csrf_token(self), "rate": rate, "feedback": feedback},
        )

    def _consumed(self, ticket):
        return ticket.sudo().rating_ids.filtered("consumed")

    # Owner
    def test_owner_rates_once_per_resolution(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        self.assertFalse(self._page_token(self.ticket), "no rating link before resolution")
        self._resolve(self.ticket)
        token = self._page_token(self.ticket)
        self.assertTrue(token)
        page = self.url_open(f"/rate/{token}/5")
        self.assertEqual(page.status_code, 200)
        self.assertIn("submit_feedback", page.text)
        self._submit(token, 5, "师傅很专业")
        self.assertEqual(self.ticket.rating_last_value, 5)
        self.assertFalse(self._page_token(self.ticket), "rated: the link is gone")
        # the same link a second time changes nothing
        with mute_logger("odoo.http"):
            again = self._submit(token, 1, "改成差评")
        self.assertNotEqual(again.status_code, 200)
        self.assertEqual(self._consumed(self.ticket).mapped("rating"), [5.0])
        # reopened and resolved anew: a new rating, which becomes the ticket's rating
        self.ticket.action_reopen()
        self.assertFalse(self._page_token(self.ticket))
        self._resolve(self.ticket, "已重新更换水管")
        new_token = self._page_token(self.ticket)
        self.assertTrue(new_token)
        self.assertNotEqual(new_token, token)
        self._submit(new_token, 3, "第二次才修好")
        self.assertEqual(self.ticket.rating_last_value, 3)
        self.assertEqual(sorted(self._consumed(self.ticket).mapped("rating")), [3.0, 5.0])

    def test_email_link_works_without_login(self):
        self._resolve(self.ticket)
        token = self.ticket._open_rating_token()
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", self.ticket._name), ("res_id", "=", self.ticket.id)])
        )
        self.assertIn(f"/rate/{token}/5", mail.body_html, "the e-mail carries the open rating")
        self.authenticate(None, None)  # a visitor's session, nobody logged in
        self.assertEqual(self.url_open(f"/rate/{token}/5").status_code, 200)
        self._submit(token, 5)
        self.assertEqual(self.ticket.rating_last_value, 5)

    def test_other_people_cannot_use_the_link(self):
        self._resolve(self.ticket)
        token = self.ticket._open_rating_token()
        for login in ("t_svc_portal_2", "t_rate_agent"):
            with self.subTest(login=login), mute_logger("odoo.http"):
                self.authenticate(login, login)
                response = self._submit(token, 1, "恶意差评")
                self.assertNotEqual(response.status_code, 200)
        self.assertFalse(self._consumed(self.ticket))
        self.assertFalse(self.ticket.rating_last_value)
        # positive control: the owner's own rating goes through
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        self._submit(token, 5)
        self.assertEqual(self.ticket.rating_last_value, 5)

    # Staff
    def test_staff_cannot_create_change_or_post_ratings(self):
        self._resolve(self.ticket)
        ticket_model = self.env["ir.model"]._get_id(self.ticket._name)
        for user in (self.agent, self.service_manager, self.user_admin):
            ticket = self.ticket.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaisesText(AccessError, "rated by their owner or resident"):
                    ticket.message_post(body="满意", rating_value=5)
                with self.assertRaisesText(AccessError, "Ratings of service tickets"):
                    self.env["rating.rating"].with_user(user).create(
                        {
                            "res_model_id": ticket_model,
                            "res_id": ticket.id,
                            "partner_id": self.owner_1.id,
                            "rating": 5,
                            "consumed": True,
                        }
                    )
                open_rating = ticket.sudo().rating_ids.filtered(lambda r: not r.consumed)
                with self.assertRaisesText(AccessError, "Ratings of service tickets"):
                    open_rating.with_user(user).write({"rating": 5, "consumed": True})
                with self.assertRaises(AccessError):  # by the access rights already
                    open_rating.with_user(user).unlink()
                with self.assertRaisesText(AccessError, "Only the owner or resident"):
                    ticket.sudo().rating_apply(5, token=open_rating.access_token)
                # positive control: staff still reply in the chatter
                ticket.message_post(body="已安排回访", message_type="comment")
        self.assertFalse(self._consumed(self.ticket))
        # ratings of other documents keep Odoo's rules
        partner_rating = (
            self.env["rating.rating"]
            .with_user(self.agent)
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": self.owner_1.id,
                    "rating": 5,
                }
            )
        )
        self.assertTrue(partner_rating)

    def test_staff_cannot_post_rating_over_http(self):
        self._resolve(self.ticket)
        self.authenticate("t_rate_agent", "t_rate_agent")
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": self.ticket._name,
                    "thread_id": self.ticket.id,
                    "post_data": {"body": "好评", "rating_value": 5, "message_type": "comment"},
                },
            )
        self.assertFalse(self._consumed(self.ticket))
        # positive control: the same agent's reply goes through
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": self.ticket._name,
                "thread_id": self.ticket.id,
                "post_data": {"body": "已安排回访", "message_type": "comment"},
            },
        )
        self.assertIn("已安排回访", self.ticket.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestBranchCompanyOwner(HttpCase, ServiceCommon):
    """SVC-5, BASE (issue 7, item 6): an owner whose unit belongs to a branch company (the
    second company) sees and rates their own tickets on the portal; staff of the first
    company still do not see them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_b = cls.env["res.partner"].create(
            {"name": "赵敏", "mobile": "13700137000", "email": "zhaomin@example.com"}
        )
        cls.env["property.occupancy"].create(
            {"unit_id": cls.unit_b.id, "partner_id": cls.owner_b.id, "date_from": "2020-01-01"}
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="t_svc_portal_b",
            password="t_svc_portal_b",
            groups="base.group_portal",
            partner_id=cls.owner_b.id,
        )
        cls.ticket_b = cls._ticket(
            cls,
            user=cls.agent_b,
            subject="乙公司报修",
            caller_name="赵敏",
            caller_phone="13700137000",
            partner_id=cls.owner_b.id,
            unit_id=cls.unit_b.id,
            team_id=cls.team_b.id,
            user_id=cls.agent_b.id,
        )

    def test_owner_of_branch_unit_sees_and_rates(self):
        self.assertEqual(self.ticket_b.company_id, self.company_b)
        self.assertNotIn(self.company_b, self.portal_b.company_ids)
        Ticket = self.env["property.service.ticket"]
        self.assertEqual(Ticket.with_user(self.portal_b).search([]), self.ticket_b)
        self.assertFalse(Ticket.with_user(self.agent).search([("id", "=", self.ticket_b.id)]))
        self.assertFalse(Ticket.with_user(self.portal_1).search([("id", "=", self.ticket_b.id)]))
        self.authenticate("t_svc_portal_b", "t_svc_portal_b")
        listing = self.url_open("/my/tickets")
        self.assertIn(self.ticket_b.name, listing.text)
        page = self.url_open(f"/my/ticket/{self.ticket_b.id}")
        self.assertIn("乙公司报修", page.text)
        self.ticket_b.write({"resolution": "已修复"})
        self.ticket_b.action_resolve()
        match = RATE_LINK.search(self.url_open(f"/my/ticket/{self.ticket_b.id}").text)
        self.assertTrue(match, "the owner gets the rating link")
        self.url_open(
            f"/rate/{match.group(1)}/submit_feedback",
            data={"csrf_token": http.Request.csrf_token(self), "rate": 5, "feedback": "满意"},
        )
        self.assertEqual(self.ticket_b.rating_last_value, 5)

    def test_owner_of_branch_unit_submits_and_comments(self):
        self.authenticate("t_svc_portal_b", "t_svc_portal_b")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": self.ticket_b._name,
                "thread_id": self.ticket_b.id,
                "post_data": {"body": "什么时候上门?", "message_type": "comment"},
            },
        )
        self.assertIn("什么时候上门", self.ticket_b.message_ids[0].body)
        self.url_open(
            "/my/tickets/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "category": "repair",
                "subject": "乙公司门禁故障",
                "phone": "13700137000",
                "unit_id": self.unit_b.id,
            },
        )
        ticket = self.env["property.service.ticket"].search([("subject", "=", "乙公司门禁故障")])
        self.assertEqual((ticket.company_id, ticket.partner_id), (self.company_b, self.owner_b))
        self.assertIn(ticket.name, self.url_open("/my/tickets").text)
