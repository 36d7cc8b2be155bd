import base64
import shutil
import subprocess
import unicodedata

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks, RecordRuleAsserts

from .common import MANAGER, FinanceCommon

# a 1×1 transparent PNG: the counter's "signature"
SIGNATURE = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    )
)


class StocktakeCommon(FinanceCommon):
    """A project with two buildings and five running assets (three in building 1, one in
    building 2, one in another project), a draft asset, a yearly straight-line profile on
    the l10n_cn accounts, a second finance manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance_manager_2 = new_test_user(
            cls.env,
            login="t_fin_manager_2",
            groups=MANAGER,
            company_id=cls.company_a.id,
            company_ids=[(6, 0, cls.company_a.ids)],
        )
        cls.building_2 = cls.env["property.building"].create(
            {"name": "2栋", "project_id": cls.project.id}
        )
        cls.other_project = cls.env["property.project"].create(
            {"name": "其他花园", "code": "T-OTH", "company_id": cls.company_a.id}
        )
        cls.custodian = cls.env["hr.employee"].create(
            {
                "name": "刘洋",
                "user_id": cls.user_staff.id,
                "department_id": cls.department.id,
                "company_id": cls.company_a.id,
            }
        )
        cls.profile = cls._profile(cls.company_a)
        cls.asset_cctv = cls._asset("监控主机", 12000.0, cls.building)
        cls.asset_pump = cls._asset("消防水泵", 36000.0, cls.building)
        cls.asset_lift = cls._asset("电梯", 240000.0, cls.building)
        cls.asset_pc = cls._asset("办公电脑", 6000.0, cls.building_2)
        cls.asset_other = cls._asset("对讲机", 3000.0, project=cls.other_project)
        cls.asset_draft = cls._asset("新购空调", 8000.0, cls.building, validate=False)

    @classmethod
    def _account(cls, company, prefix):
        Account = cls.env["account.account"]
        return Account.search(
            [*Account._check_company_domain(company), ("code", "=like", f"{prefix}%")],
            order="code",
            limit=1,
        )

    @classmethod
    def _profile(cls, company):
        journal = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        return cls.env["account.asset.profile"].create(
            {
                "name": "办公及物业设备（5年）",
                "company_id": company.id,
                "account_asset_id": cls._account(company, "1601").id,
                "account_depreciation_id": cls._account(company, "1602").id,
                "account_expense_depreciation_id": cls._account(company, "6602").id,
                "journal_id": journal.id,
                "method": "linear",
                "method_number": 5,
                "method_period": "year",
            }
        )

    @classmethod
    def _asset(cls, name, value, building=None, project=None, validate=True):
        asset = (
            cls.env["account.asset"]
            .with_user(cls.accountant)
            .create(
                {
                    "name": name,
                    "profile_id": cls.profile.id,
                    "purchase_value": value,
                    "date_start": "2026-01-01",
                    "property_project_id": (project or cls.project).id,
                    "building_id": building.id if building else False,
                    "custodian_id": cls.custodian.id,
                }
            )
        )
        if validate:
            asset.validate()
        return asset.with_user(cls.env.user)

    def _stocktake(self, user=None, building=None, start=True, **vals):
        stocktake = (
            self.env["property.asset.stocktake"]
            .with_user(user or self.accountant)
            .create(
                {
                    "property_project_id": self.project.id,
                    "building_id": building.id if building else False,
                    "date": "2026-06-30",
                    **vals,
                }
            )
        )
        if start:
            stocktake.action_start()
        return stocktake

    def _line(self, stocktake, asset):
        return stocktake.line_ids.filtered(lambda ln: ln.asset_id == asset)

    def _counted(self, user=None, **vals):
        """A building-1 stocktake signed by its counter: the CCTV host found by its label,
        the pump missing, the lift damaged (impaired by 1 000)."""
        stocktake = self._stocktake(user, building=self.building, **vals)
        counter = stocktake.counter_id
        stocktake.action_scan(self.asset_cctv.code)
        self._line(stocktake, self.asset_pump).result = "missing"
        self._line(stocktake, self.asset_lift).write(
            {
                "result": "damaged",
                "damage_action": "impairment",
                "impairment_amount": 1000.0,
                "note": "轿厢门变形",
            }
        )
        stocktake.with_user(counter).action_sign(SIGNATURE)
        return stocktake


@tagged("post_install", "-at_install")
class TestStocktakeCount(StocktakeCommon):
    """FIN-4 (第十一条 定期进行固定资产清查): a stocktake [固定资产清查] lists the running assets
    of its location; the counter marks each one found (by scanning its QR label), missing
    or damaged, and submits only a complete, signed count."""

    def test_asset_register_fields(self):
        self.assertEqual(self.asset_cctv.department_id, self.department)
        self.assertTrue(self.asset_cctv.code.startswith("GDZC-"))
        self.assertNotEqual(self.asset_cctv.code, self.asset_pump.code)
        copy = self.asset_pc.with_user(self.accountant).copy()
        self.assertTrue(copy.code.startswith("GDZC-"))
        self.assertNotEqual(copy.code, self.asset_pc.code)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.asset_pump.with_user(self.accountant).code = self.asset_cctv.code
            self.env.flush_all()

    def test_lines_from_location(self):
        stocktake = self._stocktake()
        self.assertEqual(stocktake.state, "counting")
        expected = self.asset_cctv | self.asset_pump | self.asset_lift | self.asset_pc
        self.assertEqual(stocktake.line_ids.asset_id, expected)
        line = self._line(stocktake, self.asset_lift)
        self.assertEqual(line.book_value, 240000.0)
        self.assertEqual(line.expected_custodian_id, self.custodian)
        self.assertFalse(line.result)
        self.assertEqual(stocktake.count_pending, 4)
        in_building = self._stocktake(building=self.building)
        self.assertEqual(
            in_building.line_ids.asset_id, self.asset_cctv | self.asset_pump | self.asset_lift
        )

    def _count_start_queries(self, building, expected_lines):
        stocktake = self._stocktake(start=False, building=building)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=9):
            stocktake.sudo().action_start()
            self.env.flush_all()
        self.assertEqual(len(stocktake.line_ids), expected_lines)

    def test_start_query_count_independent_of_assets(self):
        """The lines are made in one create whatever the number of assets."""
        self._stocktake(building=self.building)  # warm the caches
        self._count_start_queries(self.building_2, 1)
        for index in range(4):
            self._asset(f"办公电脑 {index}", 5000.0, self.building_2)
        self._count_start_queries(self.building_2, 5)

    def test_empty_location_refused(self):
        empty = self.env["property.building"].create({"name": "3栋", "project_id": self.project.id})
        with self.assertRaisesText(UserError, "No running asset"):
            self._stocktake(building=empty)

    def test_scan(self):
        stocktake = self._stocktake()
        line = stocktake.action_scan(self.asset_cctv.code.lower())
        self.assertEqual(line.asset_id, self.asset_cctv)
        self.assertEqual((line.result, line.scanned), ("found", True))
        stocktake.scan_code = f" {self.asset_pc.code} "
        stocktake.action_scan_code()
        self.assertEqual(self._line(stocktake, self.asset_pc).result, "found")
        self.assertFalse(stocktake.scan_code)
        with self.assertRaisesText(UserError, "registered at 其他花园"):
            stocktake.action_scan(self.asset_other.code)
        with self.assertRaisesText(UserError, "No asset of the company has code"):
            stocktake.action_scan("GDZC-NOPE")
        # a scanned asset marked missing by hand is no longer "scanned"
        line.result = "missing"
        self.assertFalse(line.scanned)

    def test_scan_only_while_counting(self):
        stocktake = self._stocktake(start=False)
        with self.assertRaisesText(UserError, "only while counting"):
            stocktake.action_scan(self.asset_cctv.code)

    def test_submit_refused_with_uncounted_lines(self):
        stocktake = self._stocktake(building=self.building)
        stocktake.action_scan(self.asset_cctv.code)
        stocktake.action_sign(SIGNATURE)
        with self.assertRaisesText(UserError, "Count every asset before submitting"):
            stocktake.action_approval_submit()
        self._line(stocktake, self.asset_pump).result = "missing"
        self._line(stocktake, self.asset_lift).result = "damaged"
        with self.assertRaisesText(UserError, "Choose repair or impairment"):
            stocktake.action_approval_submit()
        self._line(stocktake, self.asset_lift).damage_action = "impairment"
        with self.assertRaisesText(UserError, "Give the impairment amount"):
            stocktake.action_approval_submit()
        self._line(stocktake, self.asset_lift).impairment_amount = 999999.0
        with self.assertRaisesText(UserError, "more than the residual value"):
            stocktake.action_approval_submit()
        self._line(stocktake, self.asset_lift).impairment_amount = 1000.0
        with self.assertRaisesText(UserError, "signs stocktake"):
            stocktake.action_approval_submit()  # signed before the count was complete
        stocktake.action_sign(SIGNATURE)
        stocktake.action_approval_submit()
        self.assertEqual(stocktake.state, "to_approve")

    def test_submit_refused_unsigned(self):
        stocktake = self._stocktake(building=self.building_2)
        stocktake.action_scan(self.asset_pc.code)
        with self.assertRaisesText(UserError, "signs stocktake"):
            stocktake.action_approval_submit()
        with self.assertRaisesText(UserError, "Only the counter"):
            stocktake.with_user(self.finance_manager).action_sign(SIGNATURE)
        wizard = (
            self.env["property.asset.stocktake.sign.wizard"]
            .with_user(self.accountant)
            .create({"stocktake_id": stocktake.id, "signature": SIGNATURE})
        )
        wizard.action_confirm()
        self.assertTrue(stocktake.counter_signed_date)
        # a note does not change the count: the signature stays
        self._line(stocktake, self.asset_pc).note = "标签磨损，已补贴"
        self.assertTrue(stocktake.counter_signature)
        stocktake.action_approval_submit()
        self.assertEqual(stocktake.state, "to_approve")

    def test_lines_frozen_once_submitted(self):
        stocktake = self._counted()
        stocktake.action_approval_submit()
        line = self._line(stocktake, self.asset_pump)
        with self.assertRaisesText(UserError, "only while it is counting"):
            line.with_user(self.accountant).result = "found"
        with self.assertRaisesText(UserError, "started stocktake cannot be changed"):
            stocktake.with_user(self.accountant).building_id = self.building_2
        self.assertEqual(line.result, "missing")

    def test_started_stocktake_kept(self):
        draft = self._stocktake(start=False)
        draft.unlink()
        stocktake = self._stocktake()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            stocktake.unlink()
        stocktake.action_cancel()
        self.assertEqual(stocktake.state, "cancel")


@tagged("post_install", "-at_install")
class TestStocktakeApproval(StocktakeCommon):
    """FIN-4 (第十一条 确保资产安全完整): the finance manager approves the stocktake, never its
    own counter; the approved result writes off the missing assets (OCA removal entry to
    6711 营业外支出), impairs the damaged ones (6701 / 1603) or asks for their repair, and
    the signed report [固定资产清查报告] is printed."""

    def test_counter_cannot_approve_own_stocktake(self):
        # the finance manager counts (and signs); an accountant submits
        stocktake = self._counted(counter_id=self.finance_manager.id)
        self.assertEqual(stocktake.counter_id, self.finance_manager)
        stocktake.with_user(self.accountant).action_approval_submit()
        self.assertNotIn(self.finance_manager, stocktake.approval_line_ids.approver_user_ids)
        with self.assertRaisesText(UserError, "cannot approve or reject their own count"):
            stocktake.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(stocktake.state, "to_approve")
        stocktake.with_user(self.finance_manager_2).action_approval_approve()
        self.assertEqual(stocktake.state, "done")
        self.assertEqual(stocktake.approver_id, self.finance_manager_2)

    def test_submitter_cannot_approve(self):
        stocktake = self._counted(user=self.finance_manager)
        stocktake.with_user(self.finance_manager).action_approval_submit()
        with self.assertRaises(UserError):
            stocktake.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(stocktake.state, "to_approve")

    def test_only_finance_manager_approves(self):
        stocktake = self._counted()
        stocktake.action_approval_submit()
        for user in (self.accountant, self.cashier, self.user_general_manager):
            with self.assertRaises(UserError):  # AccessError is one too
                stocktake.with_user(user).action_approval_approve()
        self.assertEqual(stocktake.state, "to_approve")
        stocktake.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(stocktake.state, "done")

    def test_rejection_returns_to_counting(self):
        stocktake = self._counted()
        stocktake.action_approval_submit()
        stocktake.with_user(self.finance_manager)._approval_reject("电梯减值金额需评估报告")
        self.assertEqual(stocktake.state, "counting")
        self._line(stocktake, self.asset_lift).damage_action = "repair"
        # the count changed after it was signed: the counter signs again
        self.assertFalse(stocktake.counter_signature)
        with self.assertRaisesText(UserError, "signs stocktake"):
            stocktake.action_approval_submit()
        stocktake.action_sign(SIGNATURE)
        stocktake.action_approval_submit()
        self.assertEqual(stocktake.state, "to_approve")

    def test_approved_adjustments(self):
        stocktake = self._counted()
        self._line(stocktake, self.asset_cctv).with_user(self.accountant).note = "标签完好"
        stocktake.action_approval_submit()
        stocktake.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(stocktake.state, "done")
        self.assertTrue(stocktake.approved_date)
        # found: nothing changes
        found = self._line(stocktake, self.asset_cctv)
        self.assertFalse(found.removal_move_id or found.impairment_move_id)
        self.assertEqual(self.asset_cctv.state, "open")
        # missing: removed, the residual value written off to 6711
        missing = self._line(stocktake, self.asset_pump)
        self.assertEqual(self.asset_pump.state, "removed")
        self.assertEqual(str(self.asset_pump.date_remove), "2026-06-30")
        move = missing.removal_move_id
        self.assertEqual(move.state, "posted")
        loss = move.line_ids.filtered(lambda ln: ln.account_id.code.startswith("6711"))
        asset_line = move.line_ids.filtered(
            lambda ln: ln.account_id == self.profile.account_asset_id
        )
        self.assertEqual(asset_line.credit, 36000.0)
        depreciation = move.line_ids.filtered(
            lambda ln: ln.account_id == self.profile.account_depreciation_id
        )
        # the half year of depreciation up to the removal is posted first, the rest is lost
        posted = self.asset_pump.depreciation_line_ids.filtered(
            lambda ln: ln.type == "depreciate" and ln.move_check
        )
        self.assertTrue(posted.move_id)
        self.assertAlmostEqual(depreciation.debit, sum(posted.mapped("amount")), 2)
        self.assertAlmostEqual(loss.debit, 36000.0 - depreciation.debit, 2)
        self.assertGreater(loss.debit, 30000.0)
        self.assertFalse(missing.impairment_move_id)
        # damaged, impaired: debit 6701, credit 1603 of 1 000
        impaired = self._line(stocktake, self.asset_lift).impairment_move_id
        self.assertEqual(impaired.state, "posted")
        debit = impaired.line_ids.filtered("debit")
        credit = impaired.line_ids.filtered("credit")
        self.assertEqual((debit.account_id.code[:4], debit.debit), ("6701", 1000.0))
        self.assertEqual((credit.account_id.code[:4], credit.credit), ("1603", 1000.0))
        self.assertEqual(self.asset_lift.state, "open")

    def test_asset_removed_meanwhile_refused(self):
        stocktake = self._counted()
        stocktake.action_approval_submit()
        self.asset_pump.sudo().write({"state": "removed"})
        with self.assertRaisesText(UserError, "left the register since the count started"):
            stocktake.with_user(self.finance_manager).action_approval_approve()
        self.assertEqual(stocktake.state, "to_approve")
        self.assertFalse(self._line(stocktake, self.asset_lift).impairment_move_id)

    def test_repair_activity(self):
        stocktake = self._stocktake(building=self.building_2)
        self._line(stocktake, self.asset_pc).write(
            {"result": "damaged", "damage_action": "repair", "note": "屏幕碎裂"}
        )
        stocktake.action_sign(SIGNATURE)
        stocktake.action_approval_submit()
        stocktake.with_user(self.finance_manager).action_approval_approve()
        activity = self._line(stocktake, self.asset_pc).repair_activity_id
        self.assertEqual(activity.res_model, "account.asset")
        self.assertEqual(activity.res_id, self.asset_pc.id)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("property_finance.mail_activity_type_asset_repair"),
        )
        # the custodian's user may not read the register: the counter has it repaired
        self.assertEqual(activity.user_id, self.accountant)
        self.assertEqual(self.asset_pc.state, "open")

    def test_report_pdf(self):
        stocktake = self._counted()
        stocktake.action_approval_submit()
        stocktake.with_user(self.finance_manager).action_approval_approve()
        Report = self.env["ir.actions.report"].with_context(
            lang="zh_CN", force_report_rendering=True
        )
        html = Report._render_qweb_html("property_finance.report_asset_stocktake", stocktake.ids)[
            0
        ].decode()
        for text in (stocktake.name, "消防水泵", self.finance_manager.name, "轿厢门变形"):
            self.assertIn(text, html)
        pdf, kind = Report._render_qweb_pdf(
            "property_finance.report_asset_stocktake", stocktake.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        if shutil.which("pdftotext") and self.env["res.lang"]._lang_get("zh_CN"):
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode()
            # the CJK font maps some ideographs to Kangxi radicals (水 → ⽔)
            text = unicodedata.normalize("NFKC", text)
            self.assertIn("固定资产清查", text)
            self.assertIn("消防水泵", text)

    def test_qr_label_pdf(self):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        assets = self.asset_cctv | self.asset_pump
        html = Report._render_qweb_html("property_finance.report_asset_label", assets.ids)[0]
        self.assertIn(self.asset_cctv.code.encode(), html)
        self.assertIn(f'alt="Barcode {self.asset_cctv.code}"'.encode(), html)
        pdf, _kind = Report._render_qweb_pdf("property_finance.report_asset_label", assets.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestStocktakeSecurity(StocktakeCommon, ProtectedFieldsChecks, RecordRuleAsserts):
    """FIN-4 (house rule): accountants run stocktakes, finance managers approve them; the
    state, signatures, approval stamps and adjustments are written only by their actions,
    for every role; each company sees its own stocktakes."""

    def test_who_may_create(self):
        Stocktake = self.env["property.asset.stocktake"]
        vals = {"property_project_id": self.project.id}
        for user in (self.cashier, self.user_staff, self.user_general_manager):
            with self.assertRaises(AccessError):
                Stocktake.with_user(user).create(vals)
        self.assertEqual(Stocktake.with_user(self.accountant).create(vals).state, "draft")
        self.assertTrue(Stocktake.with_user(self.finance_manager).create(vals))

    def test_direct_writes_refused(self):
        stocktake = self._counted()
        stocktake.action_approval_submit()
        stocktake.with_user(self.finance_manager).action_approval_approve()
        users = self.role_users + self.finance_users + [self.finance_manager_2]
        writers = self.assertDirectWriteRefused(
            stocktake,
            {
                "state": "counting",
                "counter_signature": False,
                "counter_signed_date": "2020-01-01 00:00:00",
                "approver_id": self.accountant.id,
                "approved_date": "2020-01-01 00:00:00",
                "approval_requester_id": self.cashier.id,
            },
            users,
        )
        self.assertTrue(writers)
        line = self._line(stocktake, self.asset_pump)
        writers = self.assertDirectWriteRefused(
            line,
            {
                "removal_move_id": False,
                "impairment_move_id": self._line(stocktake, self.asset_lift).impairment_move_id.id,
                "scanned": True,
                "book_value": 1.0,
                "asset_id": self.asset_pc.id,
            },
            users,
        )
        self.assertTrue(writers)
        # the positive control: an unprotected field of a stocktake is written by finance
        stocktake.with_user(self.accountant).note = "年度清查"
        self.assertEqual(stocktake.note, "年度清查")

    def test_protected_while_counting(self):
        stocktake = self._stocktake()
        line = stocktake.line_ids[:1]
        for user in (self.accountant, self.finance_manager):
            for vals in ({"scanned": True}, {"book_value": 1.0}, {"asset_id": self.asset_other.id}):
                with self.assertRaisesText(UserError, "workflow's own actions"):
                    line.with_user(user).write(vals)
            with self.assertRaisesText(UserError, "workflow's own actions"):
                stocktake.with_user(user).write({"counter_signature": SIGNATURE})
            with self.assertRaises(AccessError):
                self.env["property.asset.stocktake.line"].with_user(user).create(
                    {"stocktake_id": stocktake.id, "asset_id": self.asset_other.id}
                )
        for state in ("done", "to_approve", "cancel"):
            with self.assertRaises(UserError):
                stocktake.with_user(self.finance_manager).state = state
        # the positive control: the counter records a result by hand
        line.with_user(self.accountant).write({"result": "missing", "note": "未找到"})
        self.assertEqual(line.result, "missing")

    def test_register_opens_for_finance(self):
        """The cashier (who may keep the register, by the OCA rights) opens an asset form
        without the stocktake lines, which only accountants read."""
        stocktake = self._stocktake()
        Asset = self.env["account.asset"]
        for user in (self.cashier, self.accountant):
            views = Asset.with_user(user).get_views([(False, "form"), (False, "list")])
            form = views["views"]["form"]["arch"]
            self.assertIn("property_project_id", form)
            self.assertEqual("stocktake_line_ids" in form, user == self.accountant)
            fields = ["property_project_id", "building_id", "custodian_id", "department_id"]
            values = self.asset_cctv.with_user(user).read(fields)[0]
            self.assertEqual(values["custodian_id"][0], self.custodian.id)
        lines = self.asset_cctv.with_user(self.accountant).stocktake_line_ids
        self.assertEqual(lines.stocktake_id, stocktake)

    def test_views_open_for_finance(self):
        """The stocktake views open for accountants; the results analysis for managers."""
        self._stocktake()
        Stocktake = self.env["property.asset.stocktake"].with_user(self.accountant)
        views = Stocktake.get_views(
            [(False, "list"), (False, "kanban"), (False, "form"), (False, "search")]
        )
        self.assertIn("action_scan_code", views["views"]["form"]["arch"])
        Line = self.env["property.asset.stocktake.line"].with_user(self.finance_manager)
        views = Line.get_views([(False, "pivot"), (False, "graph"), (False, "list")])
        self.assertIn("result", views["views"]["pivot"]["arch"])
        self.assertTrue(Line.read_group([], ["book_value:sum"], ["property_project_id", "result"]))

    def test_multi_company(self):
        stocktake = self._stocktake()
        Stocktake = self.env["property.asset.stocktake"]
        Line = self.env["property.asset.stocktake.line"]
        self.assertVisible(self.accountant, stocktake, stocktake)
        self.assertVisible(self.accountant_b, stocktake, Stocktake)
        self.assertVisible(self.accountant_b, stocktake.line_ids, Line)
        self.assertVisible(self.accountant, stocktake.line_ids, stocktake.line_ids)
