from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestLateFees(FinanceCommon, ProtectedFieldsChecks):
    """FIN-12: late fees per day after the grace period at the contract's rate, capped at the
    principal, billed in one batch as their own line, refused on a bill that is not overdue,
    waived only with the finance manager's approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.write(
            {
                "property_late_fee_rate": 0.05,
                "property_late_fee_grace_days": 30,
                "property_late_fee_product_id": cls.env["product.product"]
                .create({"name": "滞纳金", "type": "service"})
                .id,
            }
        )

    def _bills(self):
        run = self.run_billing("2026-03-01")  # due 2026-03-31, grace until 2026-04-30
        return run.move_ids

    def test_not_overdue_refused(self):
        bills = self._bills()
        with freeze_time("2026-04-20"), self.assertRaisesText(UserError, "not overdue"):
            bills[:1].with_user(self.accountant).action_property_bill_late_fee()

    def test_late_fee_per_day_after_grace(self):
        bills = self._bills()
        owner_bill = bills.filtered(lambda m: m.partner_id == self.owner_1)  # 424.00
        with freeze_time("2026-05-10"):
            self.env["account.move"]._cron_property_late_fees()
        line = self.env["account.move.line"].search(
            [("late_fee_source_move_id", "=", owner_bill.id)]
        )
        self.assertEqual(line.fee_line_kind, "late_fee")
        # the late fee belongs to the project of the bill it is charged on (the aging reads it)
        self.assertEqual(line.fee_project_id, owner_bill.property_project_id)
        self.assertTrue(line.fee_project_id)
        self.assertEqual(line.move_id.partner_id, self.owner_1)
        self.assertEqual(line.move_id.state, "posted")
        # 424 × 0.05 % × 10 days
        self.assertAlmostEqual(line.price_unit, 2.12)
        self.assertEqual(str(owner_bill.late_fee_billed_until), "2026-05-10")
        # a second run the same day bills nothing more
        with freeze_time("2026-05-10"):
            self.env["account.move"]._cron_property_late_fees()
        self.assertEqual(
            self.env["account.move.line"].search_count(
                [("late_fee_source_move_id", "=", owner_bill.id)]
            ),
            1,
        )

    def test_capped_at_principal(self):
        owner_bill = self._bills().filtered(lambda m: m.partner_id == self.owner_1)
        with freeze_time("2036-05-10"):
            self.env["account.move"]._cron_property_late_fees()
        line = self.env["account.move.line"].search(
            [("late_fee_source_move_id", "=", owner_bill.id)]
        )
        self.assertEqual(line.price_unit, owner_bill.amount_total)
        with freeze_time("2037-05-10"):
            self.env["account.move"]._cron_property_late_fees()
        self.assertEqual(
            self.env["account.move.line"].search_count(
                [("late_fee_source_move_id", "=", owner_bill.id)]
            ),
            1,
        )

    def test_waiver_needs_approval(self):
        owner_bill = self._bills().filtered(lambda m: m.partner_id == self.owner_1)
        with freeze_time("2026-05-10"):
            owner_bill.with_user(self.accountant).action_property_bill_late_fee()
        late_bill = (
            self.env["account.move.line"]
            .search([("late_fee_source_move_id", "=", owner_bill.id)])
            .move_id
        )
        Waiver = self.env["property.late.fee.waiver"].with_user(self.accountant)
        waiver = Waiver.create({"move_id": late_bill.id, "reason": "业主住院，酌情减免"})
        with self.assertRaisesText(UserError, "directly"):
            waiver.write({"state": "approved"})
        with self.assertRaises(UserError):
            Waiver.create({"move_id": owner_bill.id, "reason": "x"})
        self.assertEqual(late_bill.payment_state, "not_paid")
        waiver.action_approval_submit()
        waiver.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(waiver.state, "approved")
        self.assertEqual(waiver.credit_note_id.move_type, "out_refund")
        self.assertEqual(late_bill.payment_state, "reversed")
        self.assertTrue(
            self.assertDirectWriteRefused(
                waiver,
                {"state": "draft", "credit_note_id": False},
                self.finance_users[:3],
            )
        )

    def test_cashier_cannot_bill_late_fees(self):
        bills = self._bills()
        with freeze_time("2026-05-10"), self.assertRaisesText(UserError, "accountant"):
            bills[:1].with_user(self.cashier).action_property_bill_late_fee()
