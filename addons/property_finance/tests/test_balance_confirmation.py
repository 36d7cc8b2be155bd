import json

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .test_receivables import ReceivableCommon


@tagged("post_install", "-at_install")
class TestBalanceConfirmation(HttpCase, ReceivableCommon, ProtectedFieldsChecks):
    """FIN-6: periodic reconciliation with owners [对账确认]: the balance at a date, sent by
    an accountant, confirmed or disputed by the owner in the portal on their own records only
    (over HTTP); state and answer written by those actions only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1 = new_test_user(
            cls.env, login="t_fin_portal_1", groups="base.group_portal", partner_id=cls.owner_1.id
        )
        cls.portal_2 = new_test_user(
            cls.env, login="t_fin_portal_2", groups="base.group_portal", partner_id=cls.tenant_2.id
        )
        Confirmation = cls.env["property.balance.confirmation"].with_user(cls.accountant)
        cls.conf_1, cls.conf_2 = Confirmation.action_create_for_date(
            cls.today, cls.owner_1 | cls.tenant_2
        )

    def _post(self, confirmation, action, **data):
        return self.url_open(
            f"/my/balance-confirmations/{confirmation.id}/{action}",
            data={"csrf_token": http.Request.csrf_token(self), **data},
        )

    def test_balance_at_date(self):
        self.assertAlmostEqual(self.conf_1.balance, self.bill_1.amount_residual)
        self.assertAlmostEqual(self.conf_2.balance, self.bill_2.amount_residual)

    def test_only_accountant_prepares_and_sends(self):
        with self.assertRaisesText(UserError, "accountant"):
            self.conf_1.with_user(self.cashier).action_send()
        with self.assertRaises(AccessError):
            self.env["property.balance.confirmation"].with_user(self.cashier).create(
                {"partner_id": self.owner_1.id, "date": "2020-01-01"}
            )
        self.conf_1.with_user(self.accountant).action_send()
        self.assertEqual(self.conf_1.state, "sent")
        self.assertIn(self.owner_1, self.conf_1.message_ids[:1].partner_ids)
        with self.assertRaisesText(UserError, "draft"):
            self.conf_1.with_user(self.accountant).action_send()

    def test_owner_confirms_own_over_http(self):
        (self.conf_1 | self.conf_2).with_user(self.accountant).action_send()
        self.authenticate("t_fin_portal_1", "t_fin_portal_1")
        page = self.url_open("/my/balance-confirmations")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/balance-confirmations/{self.conf_1.id}", page.text)
        self.assertNotIn(f"/my/balance-confirmations/{self.conf_2.id}", page.text)
        with mute_logger("odoo.http"):
            other = self._post(self.conf_2, "confirm")
        self.assertEqual(other.status_code, 404)
        self.assertEqual(self.conf_2.state, "sent")
        response = self._post(self.conf_1, "confirm")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.conf_1.state, "confirmed")
        self.assertTrue(self.conf_1.date_answered)
        # answered: a second answer changes nothing
        self._post(self.conf_1, "dispute", note="不对")
        self.assertEqual(self.conf_1.state, "confirmed")

    def test_owner_disputes_with_a_reason(self):
        self.conf_2.with_user(self.accountant).action_send()
        as_owner = self.conf_2.with_user(self.portal_2)
        with self.assertRaisesText(UserError, "disagree"):
            as_owner.action_portal_dispute("  ")
        as_owner.action_portal_dispute("三月份已在前台用现金缴清")
        self.assertEqual(self.conf_2.state, "disputed")
        self.assertEqual(self.conf_2.answer_note, "三月份已在前台用现金缴清")
        with self.assertRaises(AccessError):
            self.conf_1.with_user(self.portal_2).action_portal_confirm()

    def test_draft_not_shown_to_owner(self):
        self.authenticate("t_fin_portal_1", "t_fin_portal_1")
        with mute_logger("odoo.http"):
            self.assertEqual(
                self.url_open(f"/my/balance-confirmations/{self.conf_1.id}").status_code, 404
            )

    def test_direct_writes_refused(self):
        self.conf_1.with_user(self.accountant).action_send()
        self.assertTrue(
            self.assertDirectWriteRefused(
                self.conf_1,
                {"state": "confirmed", "balance": 0.0, "answer_note": "x", "date": "2020-01-01"},
                self.finance_users[:3] + [self.portal_1],
            )
        )


@tagged("post_install", "-at_install")
class TestPortalStatement(HttpCase, ReceivableCommon):
    """FIN-6 (portal, item 8): an owner downloads their own statement [对账单] in /my, never
    another payer's, and the /my card is offered to owners with property bills only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1 = new_test_user(
            cls.env, login="t_fin_stmt_1", groups="base.group_portal", partner_id=cls.owner_1.id
        )
        cls.portal_none = new_test_user(
            cls.env, login="t_fin_stmt_none", groups="base.group_portal"
        )

    def test_own_statement_only(self):
        self.authenticate("t_fin_stmt_1", "t_fin_stmt_1")
        response = self.url_open("/my/statement")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.bill_1.name, response.text)
        self.assertIn(self.owner_1.name, response.text)
        self.assertNotIn(self.bill_2.name, response.text)
        self.assertNotIn(self.tenant_2.name, response.text)
        # no address names another owner's statement
        response = self.url_open(f"/my/statement?partner_id={self.tenant_2.id}")
        self.assertNotIn(self.bill_2.name, response.text)

    def test_home_card_for_owners_with_bills(self):
        for login, expected in (("t_fin_stmt_1", 1), ("t_fin_stmt_none", 0)):
            self.authenticate(login, login)
            response = self.url_open(
                "/my/counters",
                data=json.dumps({"params": {"counters": ["property_statement_count"]}}),
                headers={"Content-Type": "application/json"},
            )
            self.assertEqual(response.json()["result"]["property_statement_count"], expected)
        self.authenticate(None, None)
        self.assertIn("/web/login", self.url_open("/my/statement").url)
