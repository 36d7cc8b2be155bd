from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import FinanceCommon


class ReceivableCommon(FinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        # billed four months ago: due after 30 days, so about 90 days overdue today
        cls.month = cls.today.replace(day=1) - relativedelta(months=4)
        cls.billing = cls.run_billing_cls(cls.month)
        cls.bill_1 = cls.billing.move_ids.filtered(lambda m: m.partner_id == cls.owner_1)
        cls.bill_2 = cls.billing.move_ids.filtered(lambda m: m.partner_id == cls.tenant_2)

    @classmethod
    def run_billing_cls(cls, month):
        run = (
            cls.env["property.billing.run"]
            .with_user(cls.accountant)
            .create({"project_id": cls.project.id, "period_start": month})
        )
        run.action_run()
        return run

    def pay(self, bill, amount):
        payment = (
            self.env["account.payment"]
            .with_user(self.cashier)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": bill.partner_id.id,
                    "amount": amount,
                    "date": self.today,
                }
            )
        )
        payment.action_post()
        bill._property_reconcile_prepayments()
        return payment


@tagged("post_install", "-at_install")
class TestReceivableAging(ReceivableCommon):
    """FIN-6: aging of the open bills per owner, unit, building and project, by age relative
    to today, from an SQL view with a fixed number of queries."""

    def _aging(self, domain=()):
        return (
            self.env["property.receivable.aging"]
            .with_user(self.accountant)
            .search([("move_id", "in", self.billing.move_ids.ids), *domain])
        )

    def test_lines_per_unit_and_bucket(self):
        rows = self._aging([("partner_id", "=", self.owner_1.id)])
        self.assertEqual(rows.unit_id, self.unit_1 | self.parking)
        self.assertEqual(rows.building_id, self.building)
        self.assertEqual(rows.project_id, self.project)
        self.assertEqual(rows.move_line_id.fee_project_id, self.project)
        self.assertAlmostEqual(sum(rows.mapped("amount_residual")), self.bill_1.amount_residual)
        days = (self.today - self.bill_1.invoice_date_due).days
        self.assertEqual(set(rows.mapped("days_overdue")), {days})
        expected = "3_90" if 61 <= days <= 90 else "4_180" if days > 90 else "2_60"
        self.assertEqual(set(rows.mapped("age_bucket")), {expected})
        column = {"2_60": "amount_31_60", "3_90": "amount_61_90", "4_180": "amount_91_180"}
        self.assertAlmostEqual(
            sum(rows.mapped(column[expected])), self.bill_1.amount_residual, places=1
        )

    def test_partial_payment_and_paid_bill(self):
        self.pay(self.bill_1, 100.0)
        rows = self._aging([("partner_id", "=", self.owner_1.id)])
        self.assertAlmostEqual(sum(rows.mapped("amount_residual")), self.bill_1.amount_residual)
        self.pay(self.bill_2, self.bill_2.amount_residual)
        self.assertFalse(self._aging([("partner_id", "=", self.tenant_2.id)]))

    def test_sql_view_matches_orm(self):
        open_bills = self.billing.move_ids.filtered(lambda m: m.amount_residual)
        groups = (
            self.env["property.receivable.aging"]
            .with_user(self.accountant)
            ._read_group(
                [("project_id", "=", self.project.id)], ["partner_id"], ["amount_residual:sum"]
            )
        )
        by_partner = dict(groups)
        for bill in open_bills:
            self.assertAlmostEqual(by_partner[bill.commercial_partner_id], bill.amount_residual)

    def test_query_count_independent_of_lines(self):
        Aging = self.env["property.receivable.aging"].with_user(self.accountant)
        Aging._read_group([], ["project_id", "age_bucket"], ["amount_residual:sum"])
        with self.assertQueryCount(55):
            Aging._read_group([], ["project_id", "age_bucket"], ["amount_residual:sum"])
        self.run_billing_cls(self.month + relativedelta(months=1))
        with self.assertQueryCount(55):
            Aging._read_group([], ["project_id", "age_bucket"], ["amount_residual:sum"])

    def test_other_company_sees_nothing(self):
        self.assertTrue(self._aging())
        rows = (
            self.env["property.receivable.aging"]
            .with_user(self.accountant_b)
            .search([("move_id", "in", self.billing.move_ids.ids)])
        )
        self.assertFalse(rows)
        with self.assertRaises(AccessError):
            self.env["property.receivable.aging"].with_user(self.user_staff).search([])

    def test_owner_statement_pdf_in_chinese(self):
        self.owner_1.lang = "zh_CN"
        Report = self.env["ir.actions.report"].with_user(self.accountant)
        html = Report._render_qweb_html(
            "property_finance.action_report_owner_statement", self.owner_1.ids
        )[0].decode()
        self.assertIn("对账单", html)
        self.assertIn(self.bill_1.name, html)
        self.assertIn(self.unit_1.name, html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "property_finance.action_report_owner_statement", self.owner_1.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        action = self.owner_1.with_user(self.cashier).action_print_owner_statement()
        self.assertEqual(action["report_name"], "property_finance.report_owner_statement")
        with self.assertRaisesText(UserError, "finance staff"):
            self.owner_1.with_user(self.user_general_manager).action_print_owner_statement()


@tagged("post_install", "-at_install")
class TestCollectionRate(ReceivableCommon):
    """FIN-6, issue 9 item 9: collection rate [收缴率] per project and service month: billed,
    collected, rate; the rate of a grouping is collected over billed, not an average."""

    def test_rate_per_project_and_month(self):
        total = sum(self.billing.move_ids.mapped("amount_total"))
        self.pay(self.bill_1, self.bill_1.amount_residual)
        Rate = self.env["property.collection.rate"].with_user(self.accountant)
        row = Rate.search([("project_id", "=", self.project.id), ("period", "=", self.month)])
        self.assertAlmostEqual(row.amount_billed, total)
        self.assertAlmostEqual(row.amount_collected, self.bill_1.amount_total)
        self.assertAlmostEqual(row.collection_rate, round(100 * row.amount_collected / total, 2))
        # a second month, nothing paid: the project's rate over both months is a sum ratio
        self.run_billing_cls(self.month + relativedelta(months=1))
        [(project, billed, collected, rate)] = Rate._read_group(
            [("project_id", "=", self.project.id)],
            ["project_id"],
            ["amount_billed:sum", "amount_collected:sum", "collection_rate:sum"],
        )
        self.assertEqual(project, self.project)
        self.assertAlmostEqual(rate, round(100 * collected / billed, 2))
        self.assertLess(rate, row.collection_rate)

    def test_cashier_reads_other_staff_do_not(self):
        Rate = self.env["property.collection.rate"]
        self.assertTrue(Rate.with_user(self.cashier).search_count([]))
        with self.assertRaises(AccessError):
            Rate.with_user(self.user_staff).search([])


@tagged("post_install", "-at_install")
class TestDunning(ReceivableCommon, ProtectedFieldsChecks):
    """FIN-6, FIN-12: dunning levels (reminder e-mail, letter PDF, phone call, site visit)
    escalate once per level, one contact per payer and level, each logged with channel and
    result [催缴记录]; the texts say that water, electricity, heating and gas are never cut
    (民法典 第九百四十四条); a second run creates nothing twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Level = cls.env["property.dunning.level"]
        Level.search([]).active = False
        cls.levels = Level.create(
            [
                {"name": "催缴提醒", "days_overdue": 1, "channel": "email", "text": "请缴费"},
                {"name": "催缴函", "days_overdue": 30, "channel": "letter"},
                {
                    "name": "电话催缴",
                    "days_overdue": 60,
                    "channel": "phone",
                    "user_id": cls.cashier.id,
                },
                {"name": "上门催缴", "days_overdue": 90, "channel": "visit"},
            ]
        )
        cls.due = cls.bill_1.invoice_date_due

    def dun(self, days):
        return (
            self.env["property.dunning.record"]
            .sudo()
            ._run_dunning(
                today=self.due + relativedelta(days=days),
                domain=[("partner_id", "in", (self.owner_1 | self.tenant_2).ids)],
            )
        )

    def test_escalates_once_per_level(self):
        self.assertFalse(self.dun(0))  # not overdue yet
        first = self.dun(5)
        self.assertEqual(first.partner_id, self.owner_1 | self.tenant_2)
        self.assertEqual(set(first.mapped("channel")), {"email"})
        self.assertEqual(set(first.mapped("state")), {"done"})
        self.assertEqual(set(first.mapped("result")), {"sent"})
        mail = first.filtered(lambda r: r.partner_id == self.owner_1).message_ids[:1]
        self.assertIn(self.owner_1, mail.partner_ids)
        self.assertIn("944", mail.body)
        self.assertFalse(self.dun(6), "a second run creates nothing twice")
        letters = self.dun(35)
        self.assertEqual(set(letters.mapped("channel")), {"letter"})
        self.assertEqual(set(letters.mapped("state")), {"todo"})
        self.assertTrue(letters.activity_ids)
        self.assertFalse(self.dun(36))
        # 100 days: one level further (phone), not straight to the visit
        calls = self.dun(100)
        self.assertEqual(set(calls.mapped("channel")), {"phone"})
        self.assertEqual(calls.user_id, self.cashier)
        self.assertEqual(
            calls.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_call")
        )
        visits = self.dun(100)
        self.assertEqual(set(visits.mapped("channel")), {"visit"})
        self.assertFalse(self.dun(101), "the last level is done once")
        self.assertEqual(self.bill_1.property_dunning_level_id.channel, "visit")

    def test_paid_bill_is_not_dunned(self):
        self.pay(self.bill_2, self.bill_2.amount_residual)
        self.assertEqual(self.dun(5).partner_id, self.owner_1)

    def test_result_logged_by_staff(self):
        self.dun(5)
        self.dun(35)
        call = self.dun(65).filtered(lambda r: r.partner_id == self.owner_1)
        activity = call.activity_ids
        as_cashier = call.with_user(self.cashier).with_context(dunning_result="promised")
        with self.assertRaisesText(UserError, "finance staff"):
            call.with_user(self.user_staff).with_context(
                dunning_result="promised"
            ).action_log_result()
        with self.assertRaisesText(UserError, "result"):
            as_cashier.with_context(dunning_result="sent").action_log_result()
        as_cashier.write({"note": "业主承诺月底前缴清"})
        as_cashier.action_log_result()
        self.assertEqual(
            (call.state, call.result, call.done_user_id), ("done", "promised", self.cashier)
        )
        self.assertFalse(activity.exists())
        with self.assertRaisesText(UserError, "already"):
            as_cashier.action_log_result()

    def test_letter_says_utilities_are_never_cut(self):
        self.dun(5)
        letter = self.dun(35).filtered(lambda r: r.partner_id == self.owner_1)
        self.assertIn("Article 944", letter.letter_text)
        self.owner_1.lang = "zh_CN"
        html = (
            self.env["ir.actions.report"]
            .with_user(self.cashier)
            ._render_qweb_html("property_finance.action_report_dunning_letter", letter.ids)[0]
            .decode()
        )
        self.assertIn("第九百四十四条", html)
        self.assertIn(self.bill_1.name, html)

    def test_direct_writes_refused(self):
        record = self.dun(5)[:1]
        self.assertTrue(
            self.assertDirectWriteRefused(
                record,
                {
                    "state": "todo",
                    "result": "paid",
                    "amount_due": 1.0,
                    "level_id": self.levels[3].id,
                },
                self.finance_users[:3],
                allowed={"note": "已电话联系"},
            )
        )
        with self.assertRaises(AccessError):
            self.env["property.dunning.record"].with_user(self.accountant).create(
                {"partner_id": self.owner_1.id, "level_id": self.levels[0].id, "channel": "email"}
            )

    def test_daily_cron(self):
        self.env.ref("property_finance.ir_cron_property_dunning").method_direct_trigger()
        # the bills are about three months overdue: the first level today
        records = self.env["property.dunning.record"].search(
            [("partner_id", "in", (self.owner_1 | self.tenant_2).ids)]
        )
        self.assertEqual(len(records), 2)
        self.assertEqual(records.level_id, self.levels[0])

    def test_run_button_accountant_only(self):
        with self.assertRaisesText(UserError, "accountant"):
            self.env["property.dunning.record"].with_user(self.cashier).action_run_dunning()

    def test_query_count_of_a_run(self):
        self.dun(5)
        self.dun(35)
        # the phone level of two payers: one batch of activities per level and collector
        with self.assertQueryCount(55):
            records = self.dun(65)
        self.assertEqual(len(records), 2)


@tagged("post_install", "-at_install")
class TestTaxSummary(ReceivableCommon):
    """FIN-2, FIN-9: the tax summary per period: output tax per tax and month from posted
    bills, with its base, for the accountant (6 % VAT on property services here)."""

    def test_tax_per_tax_and_month(self):
        action = self.env.ref("property_finance.account_move_line_action_tax_summary")
        domain = safe_eval(action.domain) + [("move_id", "in", self.billing.move_ids.ids)]
        groups = (
            self.env["account.move.line"]
            .with_user(self.accountant)
            ._read_group(
                domain,
                ["tax_line_id", "date:month"],
                ["credit:sum", "debit:sum", "tax_base_amount:sum"],
            )
        )
        by_tax = {tax: (credit, debit, base) for tax, _month, credit, debit, base in groups}
        self.assertIn(self.vat_6, by_tax)
        self.assertEqual({month for _tax, month, *_rest in groups}, {self.month})
        for tax, (credit, debit, base) in by_tax.items():
            self.assertGreater(base, 0)
            self.assertFalse(debit)
            self.assertAlmostEqual(credit, base * tax.amount / 100, places=2)

    def test_menu_for_accountants(self):
        menu = self.env.ref("property_finance.menu_tax_summary")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu, Menu.with_user(self.accountant).search([("id", "=", menu.id)]))
        self.assertFalse(Menu.with_user(self.cashier).search([("id", "=", menu.id)]))
