import json

from lxml import html as lxml_html

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestDocsPortal(HttpCase, DocsCommon):
    """DOC-6, DOC-4 (5.6.4 e, issue 12 item 8): owners in the portal see only what owners may
    borrow (technical drawings and posted notices, effective, never A confidential) and their
    own borrow requests with their states; an owner requests to borrow from the portal (a
    borrowing of borrower type owner, the no-copy rule acknowledged, sent to its approval);
    a second owner sees neither the first one's requests nor their pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_a
        # the pages in English (asserted on the English texts), also in a database made with
        # Chinese only, where English is not active (undone with the test's transaction)
        cls.env["res.lang"]._activate_lang("en_US")
        cls.owner_1 = cls.env["res.partner"].create({"name": "王伟"})
        cls.owner_2 = cls.env["res.partner"].create({"name": "李娜"})

        def portal(login, partner):
            return new_test_user(
                cls.env,
                login=login,
                password=login,
                groups="base.group_portal",
                partner_id=partner.id if partner else False,
                name=partner.name if partner else "访客",
                lang="en_US",
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )

        cls.portal_1 = portal("t_docs_portal_1", cls.owner_1)
        cls.portal_2 = portal("t_docs_portal_2", cls.owner_2)
        cls.portal_visitor = portal("t_docs_portal_3", None)  # a portal account, no unit
        project = cls.env["property.project"].create(
            {"name": "锦华花园", "code": "T-DOCS", "company_id": company.id}
        )
        building = cls.env["property.building"].create(
            {"name": "1栋", "project_id": project.id, "floor_count": 10}
        )
        unit_1, unit_2 = building.generate_units([(1, "0101"), (1, "0102")], 90.0)
        cls.env["property.occupancy"].create(
            [
                {"unit_id": unit_1.id, "partner_id": cls.owner_1.id, "date_from": "2020-01-01"},
                {"unit_id": unit_2.id, "partner_id": cls.owner_2.id, "date_from": "2020-01-01"},
            ]
        )
        cls.drawing = cls._document("c", kind="b", code="T-DWG-01", name="1栋给排水竣工图")
        cls.notice = cls._document("b", is_posted=True, name="小区停水通知")
        cls.drawing_a = cls._document("a", kind="b", code="T-DWG-A1", name="监控机房布线图")
        cls.letter = cls._document("c", name="关于年度考核的内部函")
        cls.draft_drawing = cls._document(
            "c", kind="b", code="T-DWG-02", name="地下车库平面图", effective=False
        )
        cls.visible = cls.drawing | cls.notice
        cls.hidden = cls.drawing_a | cls.letter | cls.draft_drawing

    def authenticate(self, user, password, browser=None):
        # the frontend's language comes from this cookie before the user's and the default
        session = super().authenticate(user, password, browser)
        self.opener.cookies["frontend_lang"] = "en_US"
        return session

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response, lxml_html.fromstring(response.content)

    def _request(self, document, **values):
        return self.url_open(
            f"/my/documents/{document.id}/borrow",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "purpose": "装修前核对管线走向",
                "date_due": fields.Date.to_string(fields.Date.add(self.today, days=5)),
                "acknowledged": "1",
                **values,
            },
        )

    def _borrows(self, partner):
        return self.env["property.doc.borrow"].search([("partner_id", "=", partner.id)])

    def test_owner_sees_only_what_owners_borrow(self):
        self.authenticate("t_docs_portal_1", "t_docs_portal_1")
        __, page = self._page("/my/documents")
        titles = [
            row.text_content() for row in page.xpath("//tr[hasclass('o_docs_portal_document')]")
        ]
        text = " ".join(titles)
        for document in self.visible:
            self.assertIn(document.name, text)
        for document in self.hidden:
            self.assertNotIn(document.name, text)
        # the detail pages: the visible ones open, the others send back to the list
        response, page = self._page(f"/my/documents/{self.drawing.id}")
        self.assertIn(self.drawing.name, response.text)
        self.assertTrue(page.xpath("//form[contains(@action, '/borrow')]"))
        for document in self.hidden:
            response = self.url_open(f"/my/documents/{document.id}")
            self.assertTrue(response.url.endswith("/my/documents"), document.name)
            self.assertNotIn(document.name, response.text)
        # the record rules say the same through the ORM
        Document = self.env["property.doc.document"].with_user(self.portal_1)
        found = Document.search([("id", "in", (self.visible | self.hidden).ids)])
        self.assertEqual(found, self.visible.with_user(self.portal_1))

    def test_owner_requests_to_borrow(self):
        self.authenticate("t_docs_portal_1", "t_docs_portal_1")
        response = self._request(self.drawing)
        borrow = self._borrows(self.owner_1)
        self.assertEqual(len(borrow), 1)
        self.assertTrue(response.url.endswith(f"/my/documents/borrow/{borrow.id}"))
        self.assertEqual(borrow.borrower_type, "owner")
        self.assertEqual(borrow.document_id, self.drawing)
        self.assertEqual(borrow.borrower_name, "王伟")
        self.assertFalse(borrow.borrower_user_id)
        self.assertTrue(borrow.acknowledged)
        self.assertEqual(borrow.state, "to_approve")
        # C confidential: the head of the document's department approves (5.6.4 c)
        approvers = borrow.approval_current_line_ids.approver_user_ids
        self.assertIn(self.user_department_head, approvers)
        page = lxml_html.fromstring(response.content)
        (state,) = page.xpath("//span[hasclass('o_docs_portal_state')]")
        self.assertEqual(state.text_content().strip(), "Being Approved")
        # approved, then lent by the office: the owner follows the states on the list
        borrow.with_user(self.user_department_head).action_approval_approve()
        borrow.with_user(self.clerk).action_lend()
        __, page = self._page("/my/documents")
        (row,) = page.xpath("//tr[hasclass('o_docs_portal_borrow')]")
        self.assertIn(borrow.name, row.text_content())
        self.assertIn("Lent to You", row.text_content())

    def test_each_owner_sees_only_their_own_requests(self):
        self.authenticate("t_docs_portal_1", "t_docs_portal_1")
        self._request(self.drawing)
        self.authenticate("t_docs_portal_2", "t_docs_portal_2")
        self._request(self.notice, purpose="核对停水时间")
        borrow_1, borrow_2 = self._borrows(self.owner_1), self._borrows(self.owner_2)
        self.assertEqual(borrow_2.document_id, self.notice)
        self.assertEqual(borrow_2.state, "to_approve")
        # B confidential: the office director approves (5.6.4 b)
        self.assertIn(
            self.user_office_director, borrow_2.approval_current_line_ids.approver_user_ids
        )
        for login, own, other in (
            ("t_docs_portal_1", borrow_1, borrow_2),
            ("t_docs_portal_2", borrow_2, borrow_1),
        ):
            self.authenticate(login, login)
            __, page = self._page("/my/documents")
            rows = " ".join(
                r.text_content() for r in page.xpath("//tr[hasclass('o_docs_portal_borrow')]")
            )
            self.assertIn(own.name, rows, login)
            self.assertNotIn(other.name, rows, login)
            response = self.url_open(f"/my/documents/borrow/{own.id}")
            self.assertIn(own.name, response.text)
            response = self.url_open(f"/my/documents/borrow/{other.id}")
            self.assertTrue(response.url.endswith("/my/documents"), login)
            self.assertNotIn(other.purpose, response.text, login)
            user = self.env["res.users"].search([("login", "=", login)])
            Borrow = self.env["property.doc.borrow"].with_user(user)
            self.assertEqual(Borrow.search([("id", "in", (own | other).ids)]), own.with_user(user))

    def test_refused_requests_leave_nothing(self):
        self.authenticate("t_docs_portal_1", "t_docs_portal_1")
        for document in self.hidden:
            response = self._request(document)
            self.assertIn("Owners borrow only technical drawings", response.text, document.name)
            self.assertNotIn(document.name, response.text)
        response = self._request(self.drawing, acknowledged="")
        self.assertIn("not copied, excerpted, lent on or spread", response.text)
        response = self._request(
            self.drawing, date_due=fields.Date.to_string(fields.Date.subtract(self.today, days=1))
        )
        self.assertIn("Give the date you return the document", response.text)
        response = self._request(self.drawing, purpose="  ")
        self.assertIn("Say what you borrow the document for", response.text)
        self.assertFalse(self._borrows(self.owner_1))

    def test_portal_account_without_unit(self):
        self.authenticate("t_docs_portal_3", "t_docs_portal_3")
        response, page = self._page(f"/my/documents/{self.drawing.id}")
        self.assertFalse(page.xpath("//form[contains(@action, '/borrow')]"))
        response = self._request(self.drawing)
        self.assertIn("Only owners registered with the property company", response.text)
        self.assertFalse(
            self.env["property.doc.borrow"].search(
                [("partner_id", "=", self.portal_visitor.partner_id.id)]
            )
        )

    def test_home_counter(self):
        def count(login):
            self.authenticate(login, login)
            response = self.url_open(
                "/my/counters",
                data=json.dumps({"params": {"counters": ["doc_borrowable_count"]}}),
                headers={"Content-Type": "application/json"},
            )
            return response.json()["result"]["doc_borrowable_count"]

        expected = self.env["property.doc.document"].search_count(
            [("owner_borrowable", "=", True), ("state", "=", "effective")]
        )
        self.assertGreaterEqual(expected, 2)
        self.assertEqual(count("t_docs_portal_1"), expected)
        self.assertEqual(count("t_docs_portal_3"), 0, "no card for a portal user owning nothing")
        self.authenticate("t_docs_portal_1", "t_docs_portal_1")
        __, page = self._page("/my")
        self.assertTrue(page.xpath("//a[@href='/my/documents']"))

    def test_owner_never_borrows_an_a_document(self):
        """In the back office too: an A confidential drawing is not for owners (5.6.4 a, e)."""
        vals = {"borrower_type": "owner", "partner_id": self.owner_1.id}
        with self.assertRaisesText(ValidationError, "A confidential"):
            self._borrow(self.drawing_a, self.clerk, **vals)
        self.assertFalse(self.drawing_a.owner_borrowable)
        self.assertTrue(self._borrow(self.drawing, self.clerk, **vals))

    def test_owner_writes_nothing_directly(self):
        """DOC-10 for the portal: an owner's request is made only through the portal's
        request; they neither create, change nor delete borrowings or documents directly."""
        self.authenticate("t_docs_portal_1", "t_docs_portal_1")
        self._request(self.drawing)
        borrow = self._borrows(self.owner_1)
        Borrow = self.env["property.doc.borrow"].with_user(self.portal_1)
        for vals in ({"state": "approved"}, {"acknowledged": False}, {"date_due": self.today}):
            # the approval engine refuses the state, the access rights (AccessError) the rest
            with self.assertRaises(UserError, msg=str(vals)):
                borrow.with_user(self.portal_1).write(vals)
        with self.assertRaises(AccessError):
            Borrow.create(
                {
                    "document_id": self.drawing.id,
                    "borrower_type": "owner",
                    "partner_id": self.owner_1.id,
                    "purpose": "查阅",
                    "date_due": self.today,
                }
            )
        with self.assertRaises(AccessError):
            borrow.with_user(self.portal_1).unlink()
        with self.assertRaises(UserError):  # an issued document is locked, for everyone
            self.drawing.with_user(self.portal_1).write({"name": "改名"})
        with self.assertRaises(AccessError):
            self.drawing.with_user(self.portal_1).write({"is_posted": True})
        self.assertEqual(borrow.state, "to_approve")
        self.assertTrue(borrow.acknowledged)
