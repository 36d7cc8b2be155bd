import base64
import json
import re
from unittest.mock import patch

from lxml import html as lxml_html

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import file_open

from odoo.addons.property_service.controllers import portal as portal_controller

from .common import ServiceCommon

# a 1x1 PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestPortalRequest(HttpCase, ServiceCommon):
    """SVC-5 (issue 8 item 8): the owner's portal: photos sent with a new request (images only,
    limited in number and size), the progress of the request through its stages with their
    times, the rating they gave shown on the page once resolved, the company's name and logo,
    and no card on /my but their requests."""

    def _post_ticket(self, files=(), **values):
        return self.url_open(
            "/my/tickets/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "unit_id": self.unit_1.id,
                "category": "repair",
                "subject": "阳台漏水",
                "phone": "13800138000",
                **values,
            },
            files=[("photos", file) for file in files],
        )

    def _new_tickets(self):
        return self.env["property.service.ticket"].search([("subject", "=", "阳台漏水")])

    # Photos
    def test_photos_with_a_new_request(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        response = self._post_ticket(
            files=[("阳台.png", PNG, "image/png"), ("墙角.png", PNG, "image/png")]
        )
        ticket = self._new_tickets()
        self.assertTrue(response.url.endswith(f"/my/ticket/{ticket.id}"))
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", ticket._name), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(sorted(photos.mapped("name")), ["墙角.png", "阳台.png"])
        self.assertEqual(set(photos.mapped("mimetype")), {"image/png"})
        # in the owner's message, which the agents read in the chatter
        message = ticket.message_ids.filtered("attachment_ids")
        self.assertEqual(message.author_id, self.owner_1)
        self.assertEqual(message.attachment_ids, photos)
        # shown on the owner's page, and served to them
        page = lxml_html.fromstring(response.content)
        links = page.xpath("//div[hasclass('o_service_portal_photos')]//img/@src")
        self.assertEqual(len(links), 2)
        image = self.url_open(links[0])
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")

    def test_a_file_that_is_not_a_photo_is_refused(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        # named like a photo, but a script: the content decides
        response = self._post_ticket(files=[("照片.jpg", b"#!/bin/sh\nrm -rf /\n", "image/jpeg")])
        self.assertIn("照片.jpg is not a photo", response.text)
        self.assertIn("JPEG, PNG, GIF, WebP", response.text)
        self.assertFalse(self._new_tickets(), "a refused request leaves nothing behind")
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "照片.jpg")]))

    def test_photo_size_and_count_limits(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        big = PNG + b"\0" * 2048
        with patch.object(portal_controller, "PHOTO_MAX_MB", 0.001):  # about 1 KB
            response = self._post_ticket(files=[("大图.png", big, "image/png")])
            self.assertIn("大图.png is larger than 0.001 MB", response.text)
            self.assertFalse(self._new_tickets())
            # the limit itself is accepted
            self._post_ticket(files=[("小图.png", PNG, "image/png")])
            self.assertEqual(len(self._new_tickets()), 1)
        self._new_tickets().sudo().unlink()
        files = [(f"{i}.png", PNG, "image/png") for i in range(portal_controller.PHOTO_MAX_COUNT)]
        response = self._post_ticket(files=[*files, ("多.png", PNG, "image/png")])
        self.assertIn("Send at most 5 photos", response.text)
        self.assertFalse(self._new_tickets())
        self._post_ticket(files=files)
        ticket = self._new_tickets()
        self.assertEqual(len(ticket.message_ids.attachment_ids), 5)

    def test_request_without_photos(self):
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        self._post_ticket(files=[("", b"", "application/octet-stream")])  # empty file field
        ticket = self._new_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.message_ids.attachment_ids)

    # Progress and rating
    def _section(self, ticket, css_class):
        page = lxml_html.fromstring(self.url_open(f"/my/ticket/{ticket.id}").content)
        return page.xpath(f"//div[hasclass('{css_class}')]")

    def test_progress_through_the_stages(self):
        ticket = self._ticket(subject="门禁坏了")
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        (progress,) = self._section(ticket, "o_service_portal_progress")
        self.assertEqual([li.xpath("./span")[0].text for li in progress.xpath(".//li")], ["New"])
        # each change in its own transaction, as the agent makes them: tracked at commit
        # (the test classes disable tracking by default)
        agent_ticket = ticket.with_user(self.agent).with_context(
            tracking_disable=False, mail_notrack=False
        )
        agent_ticket.action_start()
        self.env.cr.precommit.run()
        agent_ticket.write({"resolution": "已更换读卡器"})
        agent_ticket.action_resolve()
        self.env.cr.precommit.run()
        (progress,) = self._section(ticket, "o_service_portal_progress")
        steps = [li.xpath("./span")[0].text for li in progress.xpath(".//li")]
        self.assertEqual(steps, ["New", "In Progress", "Resolved"])
        times = [li.xpath("./span")[1].text for li in progress.xpath(".//li")]
        self.assertTrue(all(re.search(r"\d{1,2}:\d{2}", time) for time in times), times)

    def test_rating_shown_once_given(self):
        ticket = self._ticket(subject="电梯异响")
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        self.assertFalse(self._section(ticket, "o_service_portal_rated"))
        ticket.with_user(self.agent).write({"resolution": "已调整导轨"})
        ticket.with_user(self.agent).action_resolve()
        self.assertFalse(self._section(ticket, "o_service_portal_rated"), "not rated yet")
        (invite,) = self._section(ticket, "o_service_portal_rating")
        token = re.search(r"/rate/([0-9a-f]{32})/5", lxml_html.tostring(invite).decode()).group(1)
        self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"csrf_token": http.Request.csrf_token(self), "rate": 5, "feedback": "很及时"},
        )
        (rated,) = self._section(ticket, "o_service_portal_rated")
        text = " ".join(rated.text_content().split())
        self.assertIn("(5/5)", text)
        self.assertIn("很及时", text)
        self.assertFalse(self._section(ticket, "o_service_portal_rating"), "no second invite")
        # another owner sees neither the page nor the rating
        self.authenticate("t_svc_portal_2", "t_svc_portal_2")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertNotIn("很及时", page.text)

    # Home page
    def test_company_name_and_logo(self):
        company = self.env.company
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        page = self.url_open("/my").text
        self.assertIn(f'/logo.png?company={company.id}"', page)
        self.assertIn(f'title="{company.name}"', page)
        logo = self.url_open(f"/logo.png?company={company.id}")
        self.assertEqual(logo.status_code, 200)
        module = self.env["ir.module.module"].search([("name", "=", "property_service")])
        if module.demo and company == self.env.ref("base.main_company"):
            with file_open("property_service/static/img/company_logo.png", "rb") as file:
                self.assertEqual(
                    base64.b64decode(company.logo), file.read(), "the demo company's logo"
                )
            self.assertEqual(company.name, "深圳锦华物业服务有限公司")

    def test_no_unrelated_cards_for_an_owner(self):
        self._ticket(subject="我的报修")
        self.authenticate("t_svc_portal_1", "t_svc_portal_1")
        page = lxml_html.fromstring(self.url_open("/my").content)
        cards = page.xpath("//div[hasclass('o_portal_index_card')]")
        counters = [
            card.xpath(".//*[@data-placeholder_count]/@data-placeholder_count") for card in cards
        ]
        self.assertIn(["service_ticket_count"], counters)
        # what the page's script shows: the cards always shown, and those counting something
        shown = [card for card in cards if "d-none" not in card.get("class").split()]
        always = [" ".join(card.text_content().split()) for card in shown]
        response = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": [c[0] for c in counters if c]}}),
            headers={"Content-Type": "application/json"},
        )
        counted = {name for name, count in response.json()["result"].items() if count}
        # (with property_docs installed, an owner also has the documents owners may borrow)
        self.assertEqual(counted - {"doc_borrowable_count"}, {"service_ticket_count"})
        # besides the requests, only the account's own settings (password, two-factor)
        self.assertFalse(
            [card for card in shown if not card.xpath(".//a[starts-with(@href, '/my/security')]")],
            always,
        )

    def test_home_page_in_the_browser(self):
        """What the owner sees once the page's script counted: their requests, no empty card
        (the invoices card of `account` counts nothing for an owner)."""
        self._ticket(subject="我的报修")
        self.start_tour("/my", "property_service_portal_home", login="t_svc_portal_1")
        self.start_tour(
            "/my", "property_service_portal_home_no_empty_cards", login="t_svc_portal_1"
        )
