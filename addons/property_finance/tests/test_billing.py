from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestFeeStandards(FinanceCommon):
    """FIN-7: fee items and standards effective only after approval (finance manager, then
    general manager); an unapproved, expired or superseded standard is never billed."""

    def test_approval_route_two_steps(self):
        standard = self.make_standard(
            self.item_property, 3.0, approve=False, date_from="2027-01-01"
        )
        standard.with_user(self.accountant).action_approval_submit()
        self.assertEqual(standard.state, "to_approve")
        with self.assertRaisesText(UserError, "approve or reject|Only"):
            standard.with_user(self.user_general_manager).action_approval_approve()
        standard.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(standard.state, "to_approve")
        standard.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(standard.state, "approved")

    def test_accountant_cannot_set_effective(self):
        standard = self.make_standard(self.item_property, 3.0, approve=False)
        with self.assertRaisesText(UserError, "directly"):
            standard.with_user(self.accountant).write({"state": "approved"})
        with self.assertRaises(UserError):
            self.env["property.fee.standard"].with_user(self.accountant).create(
                {
                    "name": "x",
                    "fee_item_id": self.item_property.id,
                    "price": 1.0,
                    "date_from": "2025-01-01",
                    "state": "approved",
                }
            )

    def test_effective_standard_terms_are_fixed(self):
        with self.assertRaisesText(UserError, "supersedes"):
            self.std_property.with_user(self.accountant).write({"price": 9.9})
        with self.assertRaisesText(UserError, "kept"):
            self.std_property.with_user(self.accountant).unlink()
        self.assertEqual(self.std_property.price, 2.5)

    def test_unapproved_standard_not_billed(self):
        self.std_parking.with_user(self.accountant)  # approved one stays
        draft = self.make_standard(self.item_property, 9.0, approve=False, date_from="2026-01-01")
        run = self.run_billing()
        lines = run.move_ids.invoice_line_ids.filtered(
            lambda ln: ln.fee_item_id == self.item_property
        )
        self.assertNotIn(draft, lines.fee_standard_id)
        self.assertEqual(set(lines.mapped("price_unit")), {2.5})
        with self.assertRaisesText(UserError, "not approved"):
            draft._check_billable(run.period_start)

    def test_superseded_standard_not_billed(self):
        newer = self.make_standard(
            self.item_property, 3.0, date_from="2026-03-01", usage="residential"
        )
        self.assertEqual(str(self.std_property.date_to_effective), "2026-02-28")
        self.assertEqual(self.std_property.superseded_by_id, newer)
        feb = self.run_billing("2026-02-01")
        mar = self.run_billing("2026-03-01")
        price = lambda run: set(  # noqa: E731
            run.move_ids.invoice_line_ids.filtered(
                lambda ln: ln.fee_item_id == self.item_property
            ).mapped("price_unit")
        )
        self.assertEqual(price(feb), {2.5})
        self.assertEqual(price(mar), {3.0})
        with self.assertRaisesText(UserError, "not valid"):
            self.std_property._check_billable(mar.period_start)

    def test_expired_standard_not_billed(self):
        item = self.env["property.fee.item"].create(
            {"name": "电梯费", "method": "fixed", "product_id": self.item_property.product_id.id}
        )
        self.make_standard(item, 20.0, date_from="2025-01-01", date_to="2025-12-31")
        run = self.run_billing("2026-03-01")
        self.assertFalse(run.move_ids.invoice_line_ids.filtered(lambda ln: ln.fee_item_id == item))
        jan = self.run_billing("2025-06-01")
        self.assertTrue(jan.move_ids.invoice_line_ids.filtered(lambda ln: ln.fee_item_id == item))


@tagged("post_install", "-at_install")
class TestMeters(FinanceCommon):
    """FIN-7: metered fees: (this reading − last reading) × price; readings never go
    backwards; a replaced meter starts a new series."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meter = (
            cls.env["property.meter"]
            .with_user(cls.accountant)
            .create(
                {
                    "name": "W-0101",
                    "unit_id": cls.unit_1.id,
                    "fee_item_id": cls.item_water.id,
                    "date_installed": "2025-01-01",
                    "initial_reading": 100.0,
                }
            )
        )
        cls.Reading = cls.env["property.meter.reading"].with_user(cls.accountant)
        cls.Reading.create(
            [
                {"meter_id": cls.meter.id, "date": "2026-02-25", "value": 120.0},
                {"meter_id": cls.meter.id, "date": "2026-03-25", "value": 135.0},
            ]
        )

    def test_consumption_billed(self):
        run = self.run_billing("2026-03-01")
        line = run.move_ids.invoice_line_ids.filtered(lambda ln: ln.fee_item_id == self.item_water)
        self.assertEqual((line.quantity, line.price_unit), (15.0, 4.0))
        self.assertEqual(line.tax_ids, self.vat_9)

    def test_reading_backwards_refused(self):
        with self.assertRaisesText(ValidationError, "backwards"):
            self.Reading.create({"meter_id": self.meter.id, "date": "2026-04-25", "value": 130.0})
        with self.assertRaisesText(ValidationError, "backwards"):
            self.Reading.create({"meter_id": self.meter.id, "date": "2025-02-25", "value": 90.0})

    def test_replaced_meter_new_series(self):
        new = self.meter.with_user(self.accountant).action_replace("W-0101b", "2026-04-10", 0.0)
        self.assertEqual(self.meter.state, "replaced")
        self.Reading.create(
            [
                {"meter_id": self.meter.id, "date": "2026-04-10", "value": 140.0},
                {"meter_id": new.id, "date": "2026-04-25", "value": 8.0},
            ]
        )
        with self.assertRaisesText(ValidationError, "not in use"):
            self.Reading.create({"meter_id": self.meter.id, "date": "2026-04-20", "value": 150.0})
        run = self.run_billing("2026-04-01")
        lines = run.move_ids.invoice_line_ids.filtered(lambda ln: ln.fee_item_id == self.item_water)
        self.assertEqual(sorted(lines.mapped("quantity")), [5.0, 8.0])

    def test_billed_reading_is_kept(self):
        self.run_billing("2026-03-01")
        reading = self.meter.reading_ids.filtered(lambda r: r.value == 135.0)
        with self.assertRaisesText(UserError, "billed"):
            reading.with_user(self.accountant).write({"value": 136.0})
        with self.assertRaisesText(UserError, "billed"):
            reading.with_user(self.accountant).unlink()


@tagged("post_install", "-at_install")
class TestBillingRun(FinanceCommon):
    """FIN-7, FIN-9, FIN-13: one invoice per paying partner with one line per fee item and
    unit, accrual in the service month, taxes from the fee item's product, idempotent, nothing
    half-billed on failure, every unit not billed listed with its reason, approved reductions
    as their own lines, prepayments reconciled."""

    def test_one_invoice_per_payer(self):
        run = self.run_billing("2026-03-01")
        self.assertEqual(run.state, "done")
        moves = run.move_ids
        self.assertEqual(moves.partner_id, self.owner_1 | self.tenant_2)
        self.assertTrue(all(m.state == "posted" for m in moves))
        owner_bill = moves.filtered(lambda m: m.partner_id == self.owner_1)
        by_item = {ln.fee_item_id: ln for ln in owner_bill.invoice_line_ids}
        self.assertEqual(by_item[self.item_property].quantity, 100.0)
        self.assertEqual(by_item[self.item_property].price_subtotal, 250.0)
        self.assertEqual(by_item[self.item_parking].price_subtotal, 150.0)
        self.assertEqual(by_item[self.item_parking].property_unit_id, self.parking)
        self.assertEqual(owner_bill.amount_tax, 24.0)
        self.assertEqual(str(owner_bill.invoice_date), "2026-03-01")
        self.assertEqual(str(owner_bill.date), "2026-03-01")
        self.assertEqual(str(owner_bill.invoice_date_due), "2026-03-31")
        tenant_bill = moves.filtered(lambda m: m.partner_id == self.tenant_2)
        self.assertEqual(tenant_bill.invoice_line_ids.property_unit_id, self.unit_2)
        self.assertEqual(tenant_bill.amount_untaxed, 200.0)

    def test_units_not_billed_listed(self):
        self.env["property.occupancy"].search([("unit_id", "=", self.unit_2.id)]).write(
            {"date_to": "2025-12-31"}
        )
        Unit = self.env["property.unit"]
        shop = Unit.create(
            {"name": "S1", "building_id": self.building.id, "area": 30.0, "usage": "commercial"}
        )
        self.env["property.occupancy"].create(
            {"unit_id": shop.id, "partner_id": self.owner_2.id, "date_from": "2020-01-01"}
        )
        run = self.run_billing("2026-03-01")
        reasons = {skip.unit_id: skip.reason for skip in run.skip_ids}
        self.assertEqual(
            reasons, {self.unit_2: "no_payer", self.unit_3: "vacant", shop: "no_standard"}
        )

    def test_second_run_creates_nothing(self):
        run = self.run_billing("2026-03-01")
        count = self.env["account.move"].search_count([("property_billing_run_id", "!=", False)])
        with self.assertRaisesText(UserError, "already billed"):
            run.action_run()
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception):  # noqa: B017
            with self.env.cr.savepoint():
                self.env["property.billing.run"].with_user(self.accountant).create(
                    {"project_id": self.project.id, "period_start": "2026-03-01"}
                )
        self.assertEqual(
            self.env["account.move"].search_count([("property_billing_run_id", "!=", False)]),
            count,
        )

    def test_interrupted_run_leaves_nothing_and_resumes(self):
        run = (
            self.env["property.billing.run"]
            .with_user(self.accountant)
            .create({"project_id": self.project.id, "period_start": "2026-03-01"})
        )
        Move = type(self.env["account.move"])
        original = Move._property_reconcile_prepayments

        def boom(moves):
            raise ValueError("interrupted")

        Move._property_reconcile_prepayments = boom
        try:
            with self.assertRaisesText(ValueError, "interrupted"), self.env.cr.savepoint():
                run.action_run()
        finally:
            Move._property_reconcile_prepayments = original
        self.env.invalidate_all()
        self.assertEqual(run.state, "draft")
        domain = [
            ("fee_period", "=", "2026-03-01"),
            ("property_unit_id.project_id", "=", self.project.id),
        ]
        self.assertFalse(self.env["account.move.line"].search(domain))
        run.action_run()
        self.assertEqual(len(run.move_ids), 2)

    def test_a_month_is_never_billed_twice(self):
        """Even run again past its state check, a billed month bills nothing: every line's
        billing key (unit, fee item, month) is already in the database."""
        run = self.run_billing("2026-03-01")
        count = len(run.move_ids)
        with self.assertRaisesText(UserError, "Nothing to bill"):
            run._do_run()
        run.invalidate_recordset()
        self.assertEqual(len(run.move_ids), count)

    def test_cashier_cannot_run(self):
        run = (
            self.env["property.billing.run"]
            .with_user(self.accountant)
            .create({"project_id": self.project.id, "period_start": "2026-03-01"})
        )
        with self.assertRaises(AccessError):
            run.with_user(self.cashier).action_run()
        with self.assertRaises(AccessError):
            self.env["property.billing.run"].with_user(self.cashier).create(
                {"project_id": self.project.id, "period_start": "2026-05-01"}
            )

    def test_reduction_needs_approval(self):
        reduction = (
            self.env["property.fee.reduction"]
            .with_user(self.accountant)
            .create(
                {
                    "unit_id": self.unit_1.id,
                    "fee_item_id": self.item_property.id,
                    "reason": "vacant",
                    "rate": 30.0,
                    "date_from": "2026-01-01",
                    "date_to": "2026-12-31",
                }
            )
        )
        with self.assertRaisesText(UserError, "directly"):
            reduction.with_user(self.accountant).write({"state": "approved"})
        feb = self.run_billing("2026-02-01")
        self.assertFalse(
            feb.move_ids.invoice_line_ids.filtered(lambda ln: ln.fee_line_kind == "reduction")
        )
        reduction.with_user(self.accountant).action_approval_submit()
        with self.assertRaisesText(UserError, "own request"):
            reduction.with_user(self.accountant).action_approval_approve()
        reduction.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(reduction.state, "approved")
        mar = self.run_billing("2026-03-01")
        red = mar.move_ids.invoice_line_ids.filtered(lambda ln: ln.fee_line_kind == "reduction")
        self.assertEqual(red.property_unit_id, self.unit_1)
        self.assertAlmostEqual(red.price_subtotal, -75.0)
        self.assertIn("30%", red.name)

    def test_posted_bill_is_never_edited(self):
        run = self.run_billing("2026-03-01")
        bill = run.move_ids[0]
        line = bill.invoice_line_ids[0]
        with self.assertRaisesText(UserError, "credit note"):
            line.with_user(self.accountant).write({"price_unit": 1.0})
        with self.assertRaisesText(UserError, "credit note"):
            bill.with_user(self.finance_manager).button_draft()
        self.assertEqual(
            (bill.state, line.price_unit),
            ("posted", 2.5 if line.fee_item_id == self.item_property else line.price_unit),
        )
        with self.assertRaisesText(UserError, "billing results"):
            line.with_user(self.finance_manager).write({"fee_period": "2026-04-01"})
        with self.assertRaisesText(UserError, "billing results"):
            bill.with_user(self.finance_manager).write({"property_billing_run_id": False})
        # corrected by a credit note only
        reversal = bill.with_user(self.accountant)._reverse_moves(cancel=True)
        self.assertEqual(reversal.move_type, "out_refund")
        self.assertEqual(bill.payment_state, "reversed")

    def test_fapiao_number(self):
        run = self.run_billing("2026-03-01")
        bill = run.move_ids[0].with_user(self.accountant)
        bill.fapiao = "12345678"
        with self.assertRaises(ValidationError):
            bill.fapiao = "12AB"

    def test_prepayment_reconciled(self):
        payment = (
            self.env["account.payment"]
            .with_user(self.cashier)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.owner_1.id,
                    "amount": 1000.0,
                    "date": "2026-02-20",
                }
            )
        )
        payment.action_post()
        run = self.run_billing("2026-03-01")
        bill = run.move_ids.filtered(lambda m: m.partner_id == self.owner_1)
        self.assertEqual(bill.payment_state, "paid")
        self.assertEqual(bill.amount_residual, 0.0)
        tenant_bill = run.move_ids - bill
        self.assertEqual(tenant_bill.payment_state, "not_paid")


@tagged("post_install", "-at_install")
class TestFeeNotice(FinanceCommon):
    """FIN-14: the public fee notice [收费公示] of a project (明码标价): every fee item in
    force with its billing method, standard and start date, and the price-complaint hotline
    12358; a standard not approved is never published."""

    def test_notice_lists_the_standards_in_force(self):
        draft = self.make_standard(self.item_property, 9.87, approve=False, usage="commercial")
        self.assertEqual(
            self.project._fee_notice_standards(),
            self.std_property | self.std_parking | self.std_water,
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html("property_finance.report_fee_notice", self.project.ids)[0]
            .decode()
        )
        for standard in self.std_property | self.std_parking | self.std_water:
            self.assertIn(standard.fee_item_id.name, html)
            self.assertIn(f"{standard.price:.2f}", html)
        self.assertIn("2025", html)  # the standards' start date
        self.assertIn("12358", html)
        self.assertIn("Civil Code, article 944", html)
        self.assertNotIn(f"{draft.price:.2f}", html)
