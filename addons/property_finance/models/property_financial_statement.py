from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from odoo.addons.mis_builder.models.accounting_none import AccountingNone

ACCOUNTANT = "property_finance.group_finance_accountant"
KINDS = [
    ("balance_sheet", "Balance Sheet"),
    ("income_statement", "Income Statement"),
    ("cash_flow", "Cash Flow Statement"),
]
# the mis_builder template of each statement, per l10n_cn chart where their codes differ
TEMPLATES = {
    ("balance_sheet", "cn"): "property_finance.mis_report_cas_balance_sheet_cn",
    ("balance_sheet", None): "property_finance.mis_report_cas_balance_sheet_general",
    ("cash_flow", "cn"): "property_finance.mis_report_cas_cash_flow_cn",
    ("cash_flow", None): "property_finance.mis_report_cas_cash_flow_general",
    ("income_statement", None): "property_finance.mis_report_cas_income_statement",
}
FORM_NUMBERS = {
    "balance_sheet": "会企01表",
    "income_statement": "会企02表",
    "cash_flow": "会企03表",
}


class PropertyFinancialStatement(models.Model):
    """财务报表 (FIN-11, 第二十六条–第二十八条): a balance sheet, income statement or cash flow
    statement of a month, quarter or year with its comparison period, computed from the posted
    entries by the statement's template (mis_builder, in the layout of the Chinese accounting
    standards), prepared by an accountant, reviewed by another accountant [会计审核] and
    approved by the finance manager [财务经理审定]; its figures are a snapshot, final and
    locked once approved."""

    _name = "property.financial.statement"
    _description = "Financial Statement"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "date_to desc, kind, id desc"
    _check_company_auto = True
    _protected_fields = (
        "state",
        "date_from",
        "date_to",
        "comparison_date_from",
        "comparison_date_to",
        "report_id",
        "line_ids",
        "computed_date",
        "approved_date",
    )

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(KINDS, string="Statement Type", required=True, tracking=True)
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        string="Period",
        required=True,
        default="month",
        tracking=True,
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    month = fields.Selection(
        [
            ("1", "January"),
            ("2", "February"),
            ("3", "March"),
            ("4", "April"),
            ("5", "May"),
            ("6", "June"),
            ("7", "July"),
            ("8", "August"),
            ("9", "September"),
            ("10", "October"),
            ("11", "November"),
            ("12", "December"),
        ],
        default=lambda self: str(fields.Date.context_today(self).month),
    )
    quarter = fields.Selection([(str(q), f"Q{q}") for q in range(1, 5)], default="1")
    date_from = fields.Date(readonly=True, copy=False)
    date_to = fields.Date(readonly=True, copy=False, index=True)
    comparison_date_from = fields.Date(readonly=True, copy=False)
    comparison_date_to = fields.Date(
        readonly=True,
        copy=False,
        help="Balance sheet: the end of the previous fiscal year (上年年末余额); income and cash "
        "flow statements: the same period of the previous year (上期金额).",
    )
    report_id = fields.Many2one(
        "mis.report", string="Template", readonly=True, copy=False, ondelete="restrict"
    )
    state = fields.Selection(
        [
            ("draft", "Prepared"),
            ("to_approve", "Under Review"),
            ("approved", "Approved by Finance Manager"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many(
        "property.financial.statement.line", "statement_id", string="Lines", readonly=True
    )
    computed_date = fields.Datetime(string="Figures Computed On", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    reviewer_id = fields.Many2one("res.users", string="Reviewed By", compute="_compute_signatures")
    review_date = fields.Datetime(compute="_compute_signatures")
    approver_id = fields.Many2one(
        "res.users", string="Approved By (Finance Manager)", compute="_compute_signatures"
    )
    notes = fields.Text(
        help="Notes to the statement and the financial analysis [财务分析] for the management."
    )

    _sql_constraints = [
        (
            "year_valid",
            "CHECK(year > 1900 AND year < 3000)",
            "Give the year as four digits, e.g. 2026.",
        ),
    ]

    @api.depends("kind", "date_to", "period_type")
    @api.depends_context("lang")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            if not (record.kind and record.date_from):
                record.name = kinds.get(record.kind, "")
                continue
            if record.period_type == "year":
                period = self.env._("Year %(year)s", year=record.date_to.year)
            elif record.period_type == "quarter":
                period = self.env._(
                    "%(year)s Q%(quarter)s", year=record.year, quarter=record.quarter
                )
            else:
                month = str(record.date_to.month).zfill(2)
                period = self.env._("%(year)s-%(month)s", year=record.date_to.year, month=month)
            record.name = f"{kinds[record.kind]} {period}"

    @api.depends("approval_line_ids.state", "approval_line_ids.done_user_id")
    def _compute_signatures(self):
        for record in self:
            done = record.approval_line_ids.filtered(
                lambda ln, r=record: ln.state == "approved"
                and ln.approval_round == r.approval_round
            ).sorted("sequence")
            record.reviewer_id = done[:1].done_user_id
            record.review_date = done[:1].done_date
            record.approver_id = done[1:2].done_user_id

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._do_set_period()
        return records

    def write(self, vals):
        terms = {"company_id", "kind", "period_type", "year", "month", "quarter"}
        if (
            not self.env.su
            and terms.intersection(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._("A submitted or approved statement's kind and period cannot be changed.")
            )
        if not self.env.su and "notes" in vals and self.filtered(lambda r: r.state == "approved"):
            raise UserError(self.env._("An approved statement is final: it cannot be edited."))
        result = super().write(vals)
        if terms.intersection(vals):
            self._do_set_period()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Submitted and approved statements are kept; they cannot be deleted.")
            )

    # Actions

    def action_compute(self):
        """Compute (again) the figures of prepared statements from the posted entries."""
        self._check_accountant()
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Only a statement being prepared is computed again; this one is not.")
            )
        self._do_compute()
        return True

    def action_approval_submit(self):
        """Submit for review: the figures are computed again at that moment."""
        self._check_accountant()
        self._approval_check_can_submit()
        self._do_compute()
        return super().action_approval_submit()

    def action_approval_approve(self):
        """Each approver signs the figures the ledger still gives: a statement whose entries
        changed since it was computed goes back to be computed again."""
        self._approval_check_can_approve()
        self._check_snapshot_current()
        return super().action_approval_approve()

    def action_print_pdf(self):
        return self.env.ref("property_finance.action_report_financial_statement").report_action(
            self
        )

    def action_export_xlsx(self):
        return self.env.ref(
            "property_finance.action_report_financial_statement_xlsx"
        ).report_action(self)

    def _approval_check_line(self, line):
        """第二十七条: the accountant who reviews [会计审核] is not the finance manager who
        approves [财务经理审定]: one person never signs both."""
        result = super()._approval_check_line(line)
        signed = self._approval_lines("approved").filtered(
            lambda ln: ln.approval_round == line.approval_round and ln.done_user_id == self.env.user
        )
        if signed:
            raise UserError(
                self.env._(
                    "You reviewed %(record)s: its approval is signed by another person, the "
                    "finance manager.",
                    record=self.display_name,
                )
            )
        return result

    # Approval hooks

    def _approval_on_approved(self):
        self._protected_write({"approved_date": fields.Datetime.now()})

    # Checks

    def _check_accountant(self):
        if not self.env.su and not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(self.env._("Only an accountant prepares financial statements."))
        self.check_access("write")

    def _check_snapshot_current(self):
        for record in self:
            current = record._evaluate()
            rounding = record.currency_id.rounding
            for line in record.line_ids:
                value, comparison = current.get(line.code, (0.0, 0.0))
                if float_compare(value, line.value, precision_rounding=rounding) or float_compare(
                    comparison, line.comparison_value, precision_rounding=rounding
                ):
                    raise UserError(
                        self.env._(
                            "The entries of %(record)s changed since its figures were computed "
                            "(%(line)s: %(old)s, now %(new)s). Reject it so that the accountant "
                            "computes it again.",
                            record=record.display_name,
                            line=line.name,
                            old=line.value,
                            new=value,
                        )
                    )

    # Business

    def _do_set_period(self):
        for record in self:
            if record.state == "draft":
                record._protected_write(record._period_vals())

    def _period_vals(self):
        """The dates of the period, of its comparison and the template of the statement."""
        self.ensure_one()
        year = self.year
        if not 1900 < (year or 0) < 3000:
            raise UserError(self.env._("Give the year as four digits, e.g. 2026."))
        if self.period_type == "month":
            if not self.month:
                raise UserError(self.env._("Choose the month of the statement."))
            date_from = date(year, int(self.month), 1)
            date_to = date_from + relativedelta(months=1, days=-1)
        elif self.period_type == "quarter":
            if not self.quarter:
                raise UserError(self.env._("Choose the quarter of the statement."))
            date_from = date(year, 3 * int(self.quarter) - 2, 1)
            date_to = date_from + relativedelta(months=3, days=-1)
        else:
            fiscal = self.company_id.compute_fiscalyear_dates(
                date(year, int(self.company_id.fiscalyear_last_month), 1)
            )
            date_from, date_to = fiscal["date_from"], fiscal["date_to"]
        if self.kind == "balance_sheet":
            fy_start = self.company_id.compute_fiscalyear_dates(date_to)["date_from"]
            comparison_to = fy_start - relativedelta(days=1)
            comparison_from = self.company_id.compute_fiscalyear_dates(comparison_to)["date_from"]
        else:
            comparison_from = date_from - relativedelta(years=1)
            comparison_to = date_to - relativedelta(years=1)
        return {
            "date_from": date_from,
            "date_to": date_to,
            "comparison_date_from": comparison_from,
            "comparison_date_to": comparison_to,
            "report_id": self._template().id,
        }

    def _template(self):
        self.ensure_one()
        chart = self.company_id.chart_template
        xmlid = TEMPLATES.get((self.kind, chart)) or TEMPLATES[(self.kind, None)]
        return self.env.ref(xmlid)

    def _evaluate(self):
        """``{kpi name: (value, comparison value)}`` of the statement's template, computed
        by mis_builder from the posted entries of the company (two evaluations, one query
        per account selector and mode each)."""
        self.ensure_one()
        report = self.report_id.sudo().with_company(self.company_id)
        aep = report._prepare_aep(self.company_id)
        columns = []
        for date_from, date_to in (
            (self._evaluation_start(self.date_from, self.date_to), self.date_to),
            (
                self._evaluation_start(self.comparison_date_from, self.comparison_date_to),
                self.comparison_date_to,
            ),
        ):
            values = report.evaluate(aep, date_from, date_to, target_move="posted")
            columns.append(values)
        currency = self.currency_id

        def clean(value):
            if value is AccountingNone or value is None or isinstance(value, str):
                return 0.0
            return currency.round(value)

        return {
            kpi.name: (clean(columns[0].get(kpi.name)), clean(columns[1].get(kpi.name)))
            for kpi in report.kpi_ids
        }

    def _evaluation_start(self, date_from, date_to):
        """A balance sheet is at a date: it is evaluated from the start of that date's fiscal
        year (the balance sheet accounts' balances run from the beginning anyway)."""
        if self.kind == "balance_sheet":
            return self.company_id.compute_fiscalyear_dates(date_to)["date_from"]
        return date_from

    def _do_compute(self):
        Line = self.env["property.financial.statement.line"].sudo()
        vals_list = []
        for record in self:
            values = record._evaluate()
            kpis = record.report_id.sudo().kpi_ids.sorted("sequence")
            vals_list += [
                {
                    "statement_id": record.id,
                    "sequence": kpi.sequence,
                    "line_no": index,
                    "code": kpi.name,
                    "name": kpi.description,
                    "is_total": bool(kpi.style_id),
                    "value": values[kpi.name][0],
                    "comparison_value": values[kpi.name][1],
                }
                for index, kpi in enumerate(kpis, 1)
            ]
        engine = Line.with_context(property_statement_engine=True)
        engine.search([("statement_id", "in", self.ids)]).unlink()
        engine.create(vals_list)
        self._protected_write({"computed_date": fields.Datetime.now()})
        self.invalidate_recordset(["line_ids"])

    def _line_values(self):
        """``{code: line}`` of the snapshot (for the report and the tests)."""
        self.ensure_one()
        return {line.code: line for line in self.line_ids}

    def _form_number(self):
        return FORM_NUMBERS.get(self.kind, "")


class PropertyFinancialStatementLine(models.Model):
    """A line of a statement's snapshot: written by the statement's computation only, never
    changed once the statement is submitted."""

    _name = "property.financial.statement.line"
    _description = "Financial Statement Line"
    _order = "statement_id, sequence, id"

    statement_id = fields.Many2one(
        "property.financial.statement", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="statement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    kind = fields.Selection(related="statement_id.kind", store=True, string="Statement Type")
    state = fields.Selection(related="statement_id.state", string="Status")
    date_to = fields.Date(related="statement_id.date_to", store=True, string="Period End")
    period_type = fields.Selection(related="statement_id.period_type", store=True)
    sequence = fields.Integer()
    line_no = fields.Integer(string="Line No.")
    code = fields.Char(required=True)
    name = fields.Char(string="Item", required=True)
    is_total = fields.Boolean(string="Total")
    value = fields.Monetary(string="Current Period")
    comparison_value = fields.Monetary(string="Comparison Period")

    def _engine(self):
        return self.env.su and self.env.context.get("property_statement_engine")

    def _refuse(self):
        if not self._engine():
            raise UserError(
                self.env._(
                    "The figures of a financial statement are computed from the posted entries "
                    "only: they cannot be created, changed or deleted directly."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse()
        return super().create(vals_list)

    def write(self, vals):
        self._refuse()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_engine(self):
        if self.statement_id.filtered(lambda s: s.state != "draft"):
            raise UserError(
                self.env._("The figures of a submitted or approved statement are kept.")
            )
        self._refuse()
