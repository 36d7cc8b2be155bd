from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestBorrowRules(DocsCommon):
    """DOC-4, DOC-6 (5.6.4 a-f, 5.6.2, 5.6.3): approval by confidentiality (A the general
    manager, B the office director, C the department head); regulators only B and C; owners only
    drawings and posted documents; law enforcement only with checked credentials, approved by the
    general manager and handed over by the office director; no lending before the no-copy rule
    is acknowledged; returns with a condition check; overdue returns chased by a cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_a = cls._document("a")
        cls.doc_b = cls._document("b")
        cls.doc_c = cls._document("c")
        cls.drawing = cls._document("c", kind="b", code="DWG-1")
        cls.owner = cls.env["res.partner"].create({"name": "业主甲"})

    def _approvers(self, borrow):
        return borrow.approval_current_line_ids.approver_user_ids

    def test_route_by_confidentiality(self):
        for document, approver, other in (
            (self.doc_a, self.user_general_manager, self.user_office_director),
            (self.doc_b, self.user_office_director, self.user_department_head),
            (self.doc_c, self.user_department_head, self.user_office_director),
        ):
            borrow = self._borrow(document)
            borrow.action_approval_submit()
            self.assertIn(approver, self._approvers(borrow), document.confidentiality)
            self.assertNotIn(other, self._approvers(borrow), document.confidentiality)
            with self.assertRaises(UserError):
                borrow.with_user(other).action_approval_approve()
            borrow.with_user(approver).action_approval_approve()
            self.assertEqual(borrow.state, "approved")

    def test_regulator_only_b_and_c(self):
        vals = {"borrower_type": "regulator", "borrower_name": "住建局", "organisation": "住建局"}
        with self.assertRaisesText(ValidationError, "only B and C"):
            self._borrow(self.doc_a, self.clerk, **vals)
        self.assertTrue(self._borrow(self.doc_b, self.clerk, **vals))
        self.assertTrue(self._borrow(self.doc_c, self.clerk, **vals))

    def test_owner_only_drawings_and_posted(self):
        vals = {"borrower_type": "owner", "partner_id": self.owner.id}
        with self.assertRaisesText(ValidationError, "drawings"):
            self._borrow(self.doc_c, self.clerk, **vals)
        self.assertTrue(self._borrow(self.drawing, self.clerk, **vals))
        posted = self._document("c", is_posted=True)
        self.assertTrue(self._borrow(posted, self.clerk, **vals))

    def test_law_enforcement(self):
        borrow = self._borrow(
            self.doc_b,
            self.user_office_director,
            borrower_type="law_enforcement",
            borrower_name="刘警官",
        )
        with self.assertRaisesText(UserError, "credentials"):
            borrow.action_approval_submit()
        with self.assertRaisesText(UserError, "Register the organisation"):
            borrow.action_check_credentials()
        borrow.write(
            {
                "organisation": "公安分局",
                "credential_type": "人民警察证",
                "credential_number": "123",
            }
        )
        with self.assertRaisesText(UserError, "office director"):
            borrow.with_user(self.clerk).action_check_credentials()
        borrow.action_check_credentials()
        self.assertTrue(borrow.credentials_checked)
        borrow.action_approval_submit()
        self.assertIn(self.user_general_manager, self._approvers(borrow))
        self.assertNotIn(self.user_department_head, self._approvers(borrow))
        borrow.with_user(self.user_general_manager).action_approval_approve()
        borrow.with_user(self.clerk).action_acknowledge()
        with self.assertRaisesText(UserError, "office director"):
            borrow.with_user(self.clerk).action_lend()
        borrow.action_lend()
        self.assertEqual((borrow.state, borrow.lent_by_id), ("lent", self.user_office_director))

    def test_acknowledge_lend_and_return(self):
        borrow = self._borrow(self.doc_c)
        borrow.action_approval_submit()
        borrow.with_user(self.user_department_head).action_approval_approve()
        with self.assertRaisesText(UserError, "acknowledged"):
            borrow.with_user(self.clerk).action_lend()
        with self.assertRaises(UserError):
            borrow.with_user(self.docs_other).action_acknowledge()
        borrow.action_acknowledge()
        with self.assertRaises(UserError):
            borrow.action_lend()
        borrow.with_user(self.clerk).action_lend()
        with self.assertRaisesText(UserError, "cause"):
            borrow.with_user(self.clerk)._do_return("damaged", " ")
        wizard = (
            self.env["property.doc.borrow.return.wizard"]
            .with_user(self.clerk)
            .create({"borrow_ids": borrow.ids, "condition": "damaged", "damage_cause": "水浸"})
        )
        wizard.action_confirm()
        self.assertEqual((borrow.state, borrow.return_condition), ("returned", "damaged"))
        self.assertEqual(borrow.damage_cause, "水浸")

    def _lent(self, due):
        borrow = self._borrow(self.doc_c, date_request=fields.Date.add(due, days=-3), date_due=due)
        borrow.action_approval_submit()
        borrow.with_user(self.user_department_head).action_approval_approve()
        borrow.action_acknowledge()
        borrow.with_user(self.clerk).action_lend()
        return borrow

    def test_overdue_cron(self):
        late = self._lent(fields.Date.add(self.today, days=-1))
        on_time = self._lent(fields.Date.add(self.today, days=2))
        Borrow = self.env["property.doc.borrow"]
        self.assertIn(late, Borrow.search([("is_overdue", "=", True)]))
        self.assertNotIn(on_time, Borrow.search([("is_overdue", "=", True)]))
        Borrow._cron_chase_overdue()
        self.assertEqual(late.activity_ids.user_id, self.docs_staff)
        self.assertFalse(on_time.activity_ids)
        Borrow._cron_chase_overdue()
        self.assertEqual(len(late.activity_ids), 1, "chased once a day")

    def test_overdue_cron_query_count_does_not_grow(self):
        Borrow = self.env["property.doc.borrow"]
        with freeze_time(fields.Date.add(self.today, days=30)):
            self._lent(fields.Date.add(self.today, days=1))
            Borrow.env.invalidate_all()
            with self.assertQueryCount(__system__=27):
                Borrow._cron_chase_overdue()
        for _ in range(3):
            self._lent(fields.Date.add(self.today, days=1))
        with freeze_time(fields.Date.add(self.today, days=31)):
            Borrow.env.invalidate_all()
            with self.assertQueryCount(__system__=27):
                Borrow._cron_chase_overdue()
