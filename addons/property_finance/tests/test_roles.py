from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks, RecordRuleAsserts

from .common import ACCOUNTANT, FinanceCommon


@tagged("post_install", "-at_install")
class TestFinanceRoles(FinanceCommon):
    """FIN-1: separation of duties: the cashier registers payments and bank statements but
    posts no journal entry or invoice; the accountant prepares and posts entries and
    invoices; only the finance manager approves and locks periods."""

    def _entry(self, user):
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company_a.id)], limit=1
        )
        accounts = self.env["account.account"].search(
            [("company_ids", "in", self.company_a.ids), ("account_type", "=", "income")], limit=2
        )
        return (
            self.env["account.move"]
            .with_user(user)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": "2026-03-01",
                    "line_ids": [
                        Command.create({"account_id": accounts[0].id, "debit": 10.0}),
                        Command.create({"account_id": accounts[-1].id, "credit": 10.0}),
                    ],
                }
            )
        )

    def test_cashier_posts_no_journal_entry(self):
        entry = self._entry(self.cashier)
        with self.assertRaisesText(AccessError, "cashier"):
            entry.action_post()
        self.assertEqual(entry.state, "draft")

    def test_cashier_posts_no_invoice(self):
        invoice = (
            self.env["account.move"]
            .with_user(self.cashier)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.owner_1.id,
                    "invoice_date": "2026-03-01",
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.item_property.product_id.id, "price_unit": 5}
                        )
                    ],
                }
            )
        )
        with self.assertRaisesText(AccessError, "cashier"):
            invoice.action_post()

    def test_cashier_registers_payments(self):
        run = self.run_billing("2026-03-01")
        bill = run.move_ids.filtered(lambda m: m.partner_id == self.owner_1)
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.cashier)
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create({"payment_date": "2026-03-10"})
        )
        wizard.action_create_payments()
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_cashier_records_bank_statements(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company_a.id)], limit=1
        )
        line = (
            self.env["account.bank.statement.line"]
            .with_user(self.cashier)
            .create(
                {
                    "journal_id": journal.id,
                    "date": "2026-03-10",
                    "payment_ref": "王伟 物业费",
                    "amount": 424.0,
                }
            )
        )
        self.assertEqual(line.move_id.state, "posted")

    def test_accountant_posts_entries(self):
        entry = self._entry(self.accountant)
        entry.action_post()
        self.assertEqual(entry.state, "posted")

    def test_only_the_finance_manager_locks_periods(self):
        company = self.company_a
        settings_admin = new_test_user(
            self.env, login="t_fin_settings", groups=f"base.group_system,{ACCOUNTANT}"
        )
        with self.assertRaisesText(AccessError, "finance manager"):
            company.with_user(settings_admin).write({"fiscalyear_lock_date": "2025-12-31"})
        Wizard = self.env["property.finance.lock.wizard"]
        for user in (self.cashier, self.accountant):
            with self.assertRaises(AccessError):
                company.with_user(user).write({"fiscalyear_lock_date": "2025-12-31"})
            with self.assertRaises(AccessError):
                Wizard.with_user(user).create({"fiscalyear_lock_date": "2025-12-31"})
        wizard = Wizard.with_user(self.finance_manager).create(
            {"fiscalyear_lock_date": "2025-12-31"}
        )
        wizard.action_apply()
        self.assertEqual(str(company.fiscalyear_lock_date), "2025-12-31")

    def test_only_the_finance_manager_approves(self):
        standard = self.make_standard(
            self.item_property, 3.3, approve=False, date_from="2027-01-01"
        )
        standard.with_user(self.accountant).action_approval_submit()
        for user in (self.cashier, self.accountant):
            with self.assertRaises(UserError):
                standard.with_user(user).action_approval_approve()
        self.assertEqual(standard.state, "to_approve")


@tagged("post_install", "-at_install")
class TestFinanceProtectedFields(FinanceCommon, ProtectedFieldsChecks, RecordRuleAsserts):
    """FIN-1, FIN-7 (house rule): states, approvals and billing results are written only by
    their actions, for every role; each company sees its own finance records."""

    def test_listing(self):
        self.assertProtectedListing(
            "property_finance",
            {
                "property.fee.standard": {
                    "state",
                    "superseded_by_id",
                    "date_to_effective",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.fee.reduction": {
                    "state",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.meter": {"state", "date_replaced", "replaced_by_id"},
                "property.financial.statement": {
                    "state",
                    "date_from",
                    "date_to",
                    "comparison_date_from",
                    "comparison_date_to",
                    "report_id",
                    "line_ids",
                    "computed_date",
                    "approved_date",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.profit.distribution": {
                    "state",
                    "date_from",
                    "date_to",
                    "net_profit",
                    "retained_before",
                    "prior_losses",
                    "losses_covered",
                    "profit_after_losses",
                    "registered_capital",
                    "reserve_before",
                    "statutory_reserve",
                    "distributable_profit",
                    "move_id",
                    "posted_date",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.staff.loan": {
                    "state",
                    "paid_amount",
                    "paid_date",
                    "settled_amount",
                    "balance",
                    "is_overdue",
                    "payment_move_id",
                    "settlement_ids",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.consumable.request": {
                    "state",
                    "issue_date",
                    "issue_user_id",
                    "picking_id",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.consumable.request.line": {"unit_cost", "account_id", "move_id"},
                "stock.scrap": {"property_unit_cost", "property_account_id"},
                "property.billing.run": {"state", "date_done", "done_user_id"},
                "mis.budget.by.account": {"state", "confirm_user_id", "confirm_date"},
                "property.budget.overrun": {
                    "state",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.late.fee.waiver": {
                    "state",
                    "credit_note_id",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.dunning.record": {
                    "partner_id",
                    "level_id",
                    "channel",
                    "move_ids",
                    "amount_due",
                    "date",
                    "state",
                    "result",
                    "date_done",
                    "done_user_id",
                },
                "property.asset.stocktake": {
                    "state",
                    "counter_signature",
                    "counter_signed_date",
                    "approver_id",
                    "approved_date",
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.asset.stocktake.line": {
                    "stocktake_id",
                    "asset_id",
                    "expected_custodian_id",
                    "book_value",
                    "scanned",
                    "removal_move_id",
                    "impairment_move_id",
                    "repair_activity_id",
                },
                "property.balance.confirmation": {
                    "partner_id",
                    "date",
                    "state",
                    "balance",
                    "date_sent",
                    "date_answered",
                    "answer_note",
                },
            },
        )

    def test_direct_writes_refused(self):
        users = self.role_users + self.finance_users
        run = self.run_billing("2026-03-01")
        self.assertTrue(
            self.assertDirectWriteRefused(
                run, {"state": "draft", "date_done": "2020-01-01 00:00:00"}, users
            )
        )
        self.assertTrue(
            self.assertDirectWriteRefused(
                self.std_property,
                {
                    "state": "draft",
                    "date_to_effective": "2025-01-31",
                    "superseded_by_id": self.std_water.id,
                },
                users,
            )
        )
        meter = self.env["property.meter"].create(
            {"name": "M", "unit_id": self.unit_1.id, "fee_item_id": self.item_water.id}
        )
        self.assertTrue(
            self.assertDirectWriteRefused(
                meter, {"state": "replaced", "date_replaced": "2026-01-01"}, users, {"name": "M2"}
            )
        )
        reduction = self.env["property.fee.reduction"].create(
            {"unit_id": self.unit_1.id, "date_from": "2026-01-01", "date_to": "2026-01-31"}
        )
        self.assertTrue(
            self.assertDirectWriteRefused(reduction, {"state": "approved"}, users, {"note": "ok"})
        )

    def test_billing_results_refused_on_bills(self):
        run = self.run_billing("2026-03-01")
        line = run.move_ids.invoice_line_ids[:1]
        for user in self.finance_users[:3]:
            with self.assertRaisesText(UserError, "billing results"):
                line.with_user(user).write({"fee_billing_key": "x"})
            with self.assertRaisesText(UserError, "billing results"):
                line.with_user(user).write({"fee_project_id": False})
            with self.assertRaisesText(UserError, "billing results"):
                run.move_ids[:1].with_user(user).write({"late_fee_billed_amount": 1.0})

    def test_multi_company(self):
        Standard = self.env["property.fee.standard"]
        self.assertVisible(
            self.accountant, self.std_property | self.std_water, self.std_property | self.std_water
        )
        self.assertVisible(self.accountant_b, self.std_property, Standard)
        run = self.run_billing("2026-03-01")
        self.assertVisible(self.accountant_b, run, self.env["property.billing.run"])
