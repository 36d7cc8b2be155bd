import io
import zipfile

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import ACCOUNTANT, FinanceCommon


class StatementCommon(FinanceCommon):
    """The ledger of March 2011 (and March 2010 for the comparison), on a company with nothing
    booked before: revenue 100,000 in cash, cost 60,000 in cash, administrative expenses
    10,000 on credit, income tax 7,500, a capital contribution of 1,000,000 and 200,000 put
    into construction in progress (not on the fixed asset account, whose asset profile would
    make an asset of the line); March 2010: revenue 50,000 in cash."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_a
        company.sudo().fiscalyear_lock_date = False
        cls.reviewer = new_test_user(
            cls.env,
            login="t_fin_reviewer",
            groups=ACCOUNTANT,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        Account = cls.env["account.account"]
        domain = Account._check_company_domain(company)

        def account(code):
            return Account.search([*domain, ("code", "=like", f"{code}%")], limit=1)

        cls.acc = {
            c: account(c) for c in ("1001", "1604", "2202", "4001", "6001", "6401", "6602", "6801")
        }
        cls.journal = company._property_distribution_journal()
        for date, debit, credit, amount in (
            ("2010-03-15", "1001", "6001", 50_000.0),
            ("2011-03-05", "1001", "6001", 100_000.0),
            ("2011-03-10", "6401", "1001", 60_000.0),
            ("2011-03-12", "6602", "2202", 10_000.0),
            ("2011-03-20", "6801", "1001", 7_500.0),
            ("2011-03-01", "1001", "4001", 1_000_000.0),
            ("2011-03-25", "1604", "1001", 200_000.0),
        ):
            cls._book(date, debit, credit, amount)

    @classmethod
    def _book(cls, date, debit, credit, amount):
        move = cls.env["account.move"].create(
            {
                "journal_id": cls.journal.id,
                "date": date,
                "line_ids": [
                    Command.create(
                        {"name": "测试凭证", "account_id": cls.acc[debit].id, "debit": amount}
                    ),
                    Command.create(
                        {"name": "测试凭证", "account_id": cls.acc[credit].id, "credit": amount}
                    ),
                ],
            }
        )
        move.action_post()
        return move

    def _statement(self, kind, period_type="month", user=None, **vals):
        statement = (
            self.env["property.financial.statement"]
            .with_user(user or self.accountant)
            .create({"kind": kind, "period_type": period_type, "year": 2011, "month": "3", **vals})
        )
        statement.action_compute()
        return statement

    def _approved(self, kind="balance_sheet"):
        statement = self._statement(kind)
        statement.action_approval_submit()
        statement.with_user(self.reviewer).action_approval_approve()
        statement.with_user(self.finance_manager).action_approval_approve()
        return statement

    def assertFigures(self, statement, expected):
        lines = statement._line_values()
        got = {code: (lines[code].value, lines[code].comparison_value) for code in expected}
        self.assertEqual(got, expected)


@tagged("post_install", "-at_install")
class TestStatementFigures(StatementCommon):
    """FIN-11 (第二十六条): the balance sheet [资产负债表], income statement [利润表] and cash
    flow statement [现金流量表] in the layout of the Chinese accounting standards, computed by
    their mis_builder templates from the posted entries, with the comparison period."""

    def test_income_statement(self):
        statement = self._statement("income_statement")
        self.assertEqual(str(statement.comparison_date_from), "2010-03-01")
        self.assertEqual(str(statement.comparison_date_to), "2010-03-31")
        self.assertEqual(
            statement.report_id, self.env.ref("property_finance.mis_report_cas_income_statement")
        )
        self.assertFigures(
            statement,
            {
                "revenue": (100_000.0, 50_000.0),
                "cost": (60_000.0, 0.0),
                "admin": (10_000.0, 0.0),
                "op_profit": (30_000.0, 50_000.0),
                "total_profit": (30_000.0, 50_000.0),
                "income_tax": (7_500.0, 0.0),
                "net_profit": (22_500.0, 50_000.0),
                "other_income": (0.0, 0.0),
            },
        )
        self.assertEqual(statement.line_ids[0].line_no, 1)
        self.assertTrue(statement._line_values()["net_profit"].is_total)

    def test_balance_sheet_balances(self):
        statement = self._statement("balance_sheet")
        self.assertEqual(str(statement.comparison_date_to), "2010-12-31")
        self.assertFigures(
            statement,
            {
                "cash": (882_500.0, 50_000.0),
                "cip": (200_000.0, 0.0),
                "assets_total": (1_082_500.0, 50_000.0),
                "ap": (10_000.0, 0.0),
                "liab_total": (10_000.0, 0.0),
                "paid_in": (1_000_000.0, 0.0),
                "retained": (72_500.0, 50_000.0),
                "liab_equity_total": (1_082_500.0, 50_000.0),
                "other_nca": (0.0, 0.0),
                "other_ncl": (0.0, 0.0),
            },
        )

    def test_cash_flow_reconciles_with_cash(self):
        statement = self._statement("cash_flow")
        self.assertFigures(
            statement,
            {
                "net_profit": (22_500.0, 50_000.0),
                "payables_inc": (10_000.0, 0.0),
                "op_cash": (32_500.0, 50_000.0),
                "invest_cash": (-200_000.0, 0.0),
                "finance_cash": (1_000_000.0, 0.0),
                "cash_increase": (832_500.0, 50_000.0),
                "cash_begin": (50_000.0, 0.0),
                "cash_end": (882_500.0, 50_000.0),
            },
        )

    def test_quarter_and_year(self):
        quarter = self._statement("income_statement", "quarter", quarter="1")
        self.assertEqual(
            (str(quarter.date_from), str(quarter.date_to)), ("2011-01-01", "2011-03-31")
        )
        self.assertEqual(quarter._line_values()["net_profit"].value, 22_500.0)
        year = self._statement("income_statement", "year")
        self.assertEqual((str(year.date_from), str(year.date_to)), ("2011-01-01", "2011-12-31"))
        self.assertEqual(year._line_values()["net_profit"].comparison_value, 50_000.0)

    def test_pdf_and_xlsx(self):
        statement = self._approved()
        Report = self.env["ir.actions.report"].with_user(self.accountant)
        html = Report._render_qweb_html(
            "property_finance.action_report_financial_statement", statement.ids
        )[0].decode()
        self.assertIn("1,082,500.00", html)
        self.assertIn(self.reviewer.name, html)
        self.assertIn(self.finance_manager.name, html)
        self.assertIn("会企01表", html)
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "property_finance.action_report_financial_statement", statement.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        xlsx, kind = Report._render_xlsx(
            "property_finance.action_report_financial_statement_xlsx", statement.ids, {}
        )
        self.assertEqual(kind, "xlsx")
        with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
            strings = book.read("xl/sharedStrings.xml").decode()
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn("会企01表", strings)
        self.assertIn("1082500", sheet)


@tagged("post_install", "-at_install")
class TestStatementApproval(StatementCommon):
    """FIN-11 (第二十七条): a statement is prepared by an accountant, reviewed by another
    accountant [会计审核] and approved by the finance manager [财务经理审定] before it is final;
    its figures are a snapshot, locked once approved; the preparer never reviews their own."""

    def test_review_then_approval(self):
        statement = self._statement("balance_sheet")
        statement.action_approval_submit()
        self.assertEqual(statement.state, "to_approve")
        with self.assertRaisesRegex(UserError, "your own request"):
            statement.with_user(self.accountant).action_approval_approve()
        statement.with_user(self.reviewer).action_approval_approve()
        self.assertEqual(statement.state, "to_approve")
        self.assertEqual(statement.reviewer_id, self.reviewer)
        with self.assertRaisesRegex(UserError, "already approved|Only"):
            statement.with_user(self.reviewer).action_approval_approve()
        statement.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(statement.state, "approved")
        self.assertEqual(statement.approver_id, self.finance_manager)
        self.assertTrue(statement.approved_date)

    def test_reviewer_does_not_approve(self):
        statement = self._statement("income_statement")
        statement.action_approval_submit()
        statement.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(statement.reviewer_id, self.finance_manager)
        with self.assertRaisesRegex(UserError, "another person"):
            statement.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(statement.state, "to_approve")

    def test_changed_ledger_is_not_signed(self):
        statement = self._statement("income_statement")
        statement.action_approval_submit()
        self._book("2011-03-28", "1001", "6001", 1_000.0)
        with self.assertRaisesRegex(UserError, "changed since its figures were computed"):
            statement.with_user(self.reviewer).action_approval_approve()
        statement.with_user(self.reviewer)._approval_reject("收入有补记凭证，请重新计算")
        self.assertEqual(statement.state, "draft")
        statement.action_approval_submit()
        self.assertEqual(statement._line_values()["revenue"].value, 101_000.0)
        statement.with_user(self.reviewer).action_approval_approve()

    def test_approved_is_final(self):
        statement = self._approved()
        line = statement.line_ids[0]
        for user in (self.accountant, self.finance_manager):
            with self.assertRaisesRegex(UserError, "final|cannot"):
                statement.with_user(user).notes = "改"
            with self.assertRaisesRegex(UserError, "computed again|not"):
                statement.with_user(user).action_compute()
            with self.assertRaises(UserError):
                statement.with_user(user).write({"year": 2012})
            with self.assertRaises(UserError):
                line.with_user(user).write({"value": 1.0})
            with self.assertRaises(UserError):
                line.with_user(user).unlink()
            with self.assertRaises(UserError):
                statement.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "kept"):
            statement.with_user(self.finance_manager).unlink()
        self.assertEqual(statement._line_values()["assets_total"].value, 1_082_500.0)

    def test_lines_only_computed(self):
        statement = self._statement("income_statement")
        Line = self.env["property.financial.statement.line"]
        for user in (self.accountant, self.finance_manager):
            with self.assertRaisesRegex(UserError, "computed from the posted entries"):
                statement.line_ids[0].with_user(user).value = 9e9
            with self.assertRaisesRegex(UserError, "computed from the posted entries|access"):
                Line.with_user(user).create(
                    {"statement_id": statement.id, "code": "x", "name": "x", "value": 1.0}
                )

    def test_only_accountants_prepare(self):
        with self.assertRaises(AccessError):
            self._statement("balance_sheet", user=self.cashier)
        with self.assertRaises(AccessError):
            self._statement("balance_sheet", user=self.user_general_manager)


@tagged("post_install", "-at_install")
class TestStatementProtected(StatementCommon, ProtectedFieldsChecks):
    """FIN-11: the state, the periods, the template, the snapshot and its dates are written by
    the statement's actions only, for every role; each company sees its own statements."""

    def test_direct_writes_refused(self):
        statement = self._statement("balance_sheet")
        writes = {
            "state": "approved",
            "date_to": "2011-12-31",
            "comparison_date_to": "2011-12-31",
            "report_id": self.env.ref("property_finance.mis_report_cas_income_statement").id,
            "computed_date": "2011-01-01 00:00:00",
            "approved_date": "2011-01-01 00:00:00",
            "line_ids": [Command.clear()],
        }
        for user in (
            self.accountant,
            self.finance_manager,
            self.cashier,
            self.user_general_manager,
        ):
            for fname, value in writes.items():
                with self.subTest(user=user.login, field=fname), self.assertRaises(UserError):
                    statement.with_user(user).write({fname: value})
        self.assertEqual(statement.state, "draft")
        self.assertEqual(len(statement.line_ids), 47)

    def test_multi_company(self):
        statement = self._statement("balance_sheet")
        with self.assertRaises(AccessError):
            statement.with_user(self.accountant_b).read(["name"])
        self.assertFalse(
            self.env["property.financial.statement.line"]
            .with_user(self.accountant_b)
            .search([("statement_id", "=", statement.id)])
        )
