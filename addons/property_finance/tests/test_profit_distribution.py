import base64

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import FinanceCommon


class ProfitDistributionCommon(FinanceCommon):
    """A company with a registered capital of 1,000,000: 2012 closed with a loss of 100,000,
    2013 with a profit of 300,000, 2014 with a profit of 50,000; the years up to 2014 are
    locked (closed)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_a
        company.sudo().write(
            {
                "fiscalyear_lock_date": False,
                "property_registered_capital": 1_000_000.0,
                "property_statutory_reserve_opening": 0.0,
            }
        )
        Account = cls.env["account.account"]
        domain = Account._check_company_domain(company)
        cls.income = Account.search([*domain, ("account_type", "=", "income")], limit=1)
        cls.expense = Account.search([*domain, ("account_type", "=", "expense")], limit=1)
        cls.cash = Account.search([*domain, ("code", "=like", "1001%")], limit=1)
        cls.journal = company._property_distribution_journal()
        cls.accounts = company._property_distribution_accounts()
        cls._book("2012-12-31", -100_000.0)
        cls._book("2013-12-31", 300_000.0)
        cls._book("2014-12-31", 50_000.0)
        company.sudo().fiscalyear_lock_date = "2014-12-31"
        cls.resolution = base64.b64encode(b"%PDF-1.4 board resolution")

    @classmethod
    def _book(cls, date, profit):
        income, cost = (profit, 0.0) if profit > 0 else (0.0, -profit)
        lines = [Command.create({"account_id": cls.cash.id, "debit": income, "credit": cost})]
        if income:
            lines.append(Command.create({"account_id": cls.income.id, "credit": income}))
        if cost:
            lines.append(Command.create({"account_id": cls.expense.id, "debit": cost}))
        move = cls.env["account.move"].create(
            {"journal_id": cls.journal.id, "date": date, "line_ids": lines}
        )
        move.action_post()

    def _wizard(self, year=2013, user=None, **vals):
        return (
            self.env["property.profit.distribution.wizard"]
            .with_user(user or self.accountant)
            .create(
                {
                    "fiscal_year": year,
                    "board_resolution_ref": f"董事会决议〔{year + 1}〕3号",
                    "board_resolution_date": f"{year + 1}-03-20",
                    "board_resolution_file": self.resolution,
                    "board_resolution_filename": "董事会决议.pdf",
                    **vals,
                }
            )
        )

    def _submitted(self, year=2013, **vals):
        action = self._wizard(year, **vals).action_confirm()
        return self.env["property.profit.distribution"].browse(action["res_id"])

    def _approve(self, distribution):
        distribution.with_user(self.finance_manager).action_approval_approve()
        distribution.with_user(self.user_general_manager).action_approval_approve()


@tagged("post_install", "-at_install")
class TestProfitDistribution(ProfitDistributionCommon):
    """FIN-10 (第二十三条–第二十五条, 公司法第二百一十条): the profit of a closed year covers the
    prior losses first; 10 % of the rest goes to the statutory surplus reserve [法定公积金]
    until it reaches 50 % of the registered capital; reserves and dividends per board
    resolution; a draft entry posted after the finance manager and the general manager
    approve; a loss year distributes nothing."""

    def test_figures_and_entry(self):
        wizard = self._wizard(discretionary_reserve=10_000.0, dividend=100_000.0)
        self.assertFalse(wizard.problem)
        self.assertEqual(wizard.net_profit, 300_000.0)
        self.assertEqual(wizard.prior_losses, 100_000.0)
        self.assertEqual(wizard.losses_covered, 100_000.0)
        self.assertEqual(wizard.profit_after_losses, 200_000.0)
        self.assertEqual(wizard.statutory_reserve, 20_000.0)
        self.assertEqual(wizard.distributable_profit, 180_000.0)
        self.assertEqual(wizard.undistributed_after, 70_000.0)
        distribution = self.env["property.profit.distribution"].browse(
            wizard.action_confirm()["res_id"]
        )
        self.assertEqual(distribution.state, "to_approve")
        self.assertEqual(str(distribution.date_to), "2013-12-31")
        self.assertEqual(distribution.board_resolution_attachment_ids.name, "董事会决议.pdf")
        move = distribution.move_id
        self.assertEqual(move.state, "draft")
        self.assertGreater(move.date, distribution.company_id.fiscalyear_lock_date)
        self._approve(distribution)
        self.assertEqual(distribution.state, "done")
        self.assertEqual(move.state, "posted")
        self.assertEqual(distribution.posted_date, move.date)
        by_account = {}
        for line in move.line_ids:
            by_account[line.account_id] = by_account.get(line.account_id, 0.0) + line.balance
        self.assertEqual(by_account[self.accounts["distribution"]], 130_000.0)
        self.assertEqual(by_account[self.accounts["statutory"]], -30_000.0)
        self.assertEqual(by_account[self.accounts["dividend"]], -100_000.0)
        self.assertEqual(self.accounts["distribution"].code[:4], "4104")
        self.assertEqual(self.accounts["statutory"].code[:4], "4101")
        self.assertIn(self.accounts["dividend"].code[:4], ("2232", "2241"))
        self.assertEqual(self.accounts["dividend"].with_context(lang="zh_CN").name, "应付股利")

    def test_next_year_follows_earlier_distribution(self):
        first = self._submitted(discretionary_reserve=10_000.0, dividend=100_000.0)
        self._approve(first)
        # 2014: 70,000 carried forward, no more losses; 20,000 of reserve already set aside
        second = self._wizard(2014)
        self.assertEqual(second.prior_losses, 0.0)
        self.assertEqual(second.reserve_before, 20_000.0)
        self.assertEqual(second.statutory_reserve, 5_000.0)
        self.assertEqual(second.distributable_profit, 70_000.0 + 50_000.0 - 5_000.0)

    def test_reserve_capped_at_half_the_registered_capital(self):
        self.company_a.sudo().write(
            {
                "property_registered_capital": 100_000.0,
                "property_statutory_reserve_opening": 45_000.0,
            }
        )
        wizard = self._wizard()
        self.assertEqual(wizard.reserve_before, 45_000.0)
        self.assertEqual(wizard.statutory_reserve, 5_000.0)
        self.company_a.sudo().property_statutory_reserve_opening = 60_000.0
        wizard = self._wizard()
        self.assertEqual(wizard.statutory_reserve, 0.0)

    def test_rejection_withdraws_the_entry(self):
        distribution = self._submitted(dividend=50_000.0)
        move = distribution.move_id
        distribution.with_user(self.finance_manager)._approval_reject("股利比例需董事会复议")
        self.assertEqual(distribution.state, "draft")
        self.assertFalse(distribution.move_id)
        self.assertFalse(move.exists())
        distribution.with_user(self.accountant).dividend = 40_000.0
        distribution.with_user(self.accountant).action_approval_submit()
        self.assertEqual(distribution.state, "to_approve")
        self.assertEqual(
            sum(distribution.move_id.line_ids.filtered("credit").mapped("credit")),
            20_000.0 + 40_000.0,
        )


@tagged("post_install", "-at_install")
class TestProfitDistributionRefusals(ProfitDistributionCommon):
    """FIN-10 bad input: a loss year, an open year, no board resolution, more than the
    distributable profit, the entry posted before the approvals, the preparer approving:
    refused with clear messages, as role users."""

    def test_loss_year_distributes_nothing(self):
        wizard = self._wizard(2012)
        self.assertEqual(wizard.net_profit, -100_000.0)
        with self.assertRaisesRegex(UserError, "loss year distributes nothing"):
            wizard.action_confirm()
        self.assertFalse(
            self.env["property.profit.distribution"].search([("fiscal_year", "=", 2012)])
        )

    def test_profit_only_covering_losses(self):
        company = self.company_a.sudo()
        company.fiscalyear_lock_date = False
        self._book("2015-06-30", -500_000.0)
        self._book("2016-12-31", 1_000.0)
        company.fiscalyear_lock_date = "2016-12-31"
        # 2016's 1,000 covers part of the 250,000 of losses carried forward only
        wizard = self._wizard(2016)
        self.assertEqual(wizard.prior_losses, 250_000.0)
        self.assertEqual(wizard.losses_covered, 1_000.0)
        with self.assertRaisesRegex(UserError, "nothing is left to distribute"):
            wizard.action_confirm()

    def test_open_year_refused(self):
        wizard = self._wizard(2015)
        self.assertIn("not closed", wizard.problem)
        with self.assertRaisesRegex(UserError, "not closed"):
            wizard.action_confirm()

    def test_board_resolution_required(self):
        distribution = (
            self.env["property.profit.distribution"]
            .with_user(self.accountant)
            .create({"fiscal_year": 2013, "dividend": 1_000.0})
        )
        with self.assertRaisesRegex(UserError, "board resolution"):
            distribution.action_approval_submit()
        distribution.write(
            {"board_resolution_ref": "董事会决议〔2014〕3号", "board_resolution_date": "2014-03-20"}
        )
        with self.assertRaisesRegex(UserError, "Attach the board resolution"):
            distribution.action_approval_submit()
        self.assertEqual(distribution.state, "draft")
        self.assertFalse(distribution.move_id)

    def test_more_than_distributable_refused(self):
        with self.assertRaisesRegex(UserError, "more than the distributable profit"):
            self._submitted(dividend=180_000.01)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._wizard(dividend=-1.0).action_confirm()

    def test_one_distribution_per_year(self):
        first = self._submitted()
        with self.assertRaisesRegex(UserError, "already distributed"):
            self._submitted()
        self.assertIn(first.display_name, self._wizard().problem)

    def test_registered_capital_required(self):
        self.company_a.sudo().property_registered_capital = 0.0
        self.assertIn("registered capital", self._wizard().problem)

    def test_approvals(self):
        distribution = self._submitted(dividend=10_000.0)
        with self.assertRaisesRegex(UserError, "your own request"):
            distribution.with_user(self.accountant).action_approval_approve()
        with self.assertRaisesRegex(UserError, "Only"):
            distribution.with_user(self.user_general_manager).action_approval_approve()
        distribution.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(distribution.move_id.state, "draft")
        with self.assertRaisesRegex(UserError, "already approved|Only"):
            distribution.with_user(self.finance_manager).action_approval_approve()
        distribution.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(distribution.move_id.state, "posted")

    def test_only_accountants_prepare(self):
        with self.assertRaises(AccessError):
            self._wizard(user=self.cashier)
        with self.assertRaises(AccessError):
            self.env["property.profit.distribution"].with_user(self.user_general_manager).create(
                {"fiscal_year": 2013}
            )

    def test_entry_follows_the_approval_only(self):
        distribution = self._submitted(dividend=10_000.0)
        move = distribution.move_id
        for user in (self.accountant, self.finance_manager):
            move_as = move.with_user(user)
            with self.assertRaisesRegex(UserError, "approval only"):
                move_as.action_post()
            with self.assertRaisesRegex(UserError, "approval only"):
                move_as.write({"ref": "改"})
            with self.assertRaisesRegex(UserError, "approval only"):
                move_as.line_ids[0].write({"debit": 1.0})
            with self.assertRaisesRegex(UserError, "approval only"):
                move_as.unlink()
        self._approve(distribution)
        with self.assertRaisesRegex(UserError, "approval only"):
            move.with_user(self.finance_manager).button_draft()
        with self.assertRaisesRegex(UserError, "Only the approval"):
            self.env["account.move"].with_user(self.accountant).create(
                {
                    "journal_id": self.journal.id,
                    "property_profit_distribution_id": distribution.id,
                }
            )

    def test_submitted_terms_frozen_and_kept(self):
        distribution = self._submitted(dividend=10_000.0)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            distribution.with_user(self.accountant).dividend = 1.0
        with self.assertRaisesRegex(UserError, "kept"):
            distribution.with_user(self.finance_manager).unlink()


@tagged("post_install", "-at_install")
class TestProfitDistributionProtected(ProfitDistributionCommon, ProtectedFieldsChecks):
    """FIN-10: the state, the computed figures, the entry and its date are written by the
    distribution's actions only, for every role; each company sees its own."""

    def test_direct_writes_refused(self):
        distribution = self._submitted(dividend=10_000.0)
        writes = {
            "state": "done",
            "net_profit": 1.0,
            "prior_losses": 0.0,
            "statutory_reserve": 0.0,
            "distributable_profit": 9e9,
            "move_id": False,
            "posted_date": "2015-01-01",
            "date_to": "2014-12-31",
        }
        for user in (self.accountant, self.finance_manager):
            for fname, value in writes.items():
                with self.subTest(user=user.login, field=fname), self.assertRaises(UserError):
                    distribution.with_user(user).write({fname: value})
        for user in (self.cashier, self.user_general_manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                distribution.with_user(user).write({"state": "done"})
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                distribution.with_user(user).write({"statutory_reserve": 0.0})
        self.assertEqual(distribution.state, "to_approve")
        self.assertEqual(distribution.statutory_reserve, 20_000.0)

    def test_create_with_figures_refused(self):
        with self.assertRaises(UserError):
            self.env["property.profit.distribution"].with_user(self.accountant).create(
                {"fiscal_year": 2013, "statutory_reserve": 1.0}
            )

    def test_multi_company(self):
        distribution = self._submitted()
        self.assertFalse(
            self.env["property.profit.distribution"]
            .with_user(self.accountant_b)
            .search([("id", "=", distribution.id)])
        )
        with self.assertRaises(AccessError):
            distribution.with_user(self.accountant_b).read(["net_profit"])
