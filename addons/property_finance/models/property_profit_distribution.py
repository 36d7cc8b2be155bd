from datetime import date, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.property_base.tools import note_lang

ACCOUNTANT = "property_finance.group_finance_accountant"
STATUTORY_RATE = 0.10  # 公司法第二百一十条: 10 % of the year's profit after tax
STATUTORY_CAP = 0.50  # ... until the statutory reserve reaches 50 % of the registered capital
# the profit and loss of the year, wherever the company's chart books it (Odoo does not close
# them; a company closing them to 本年利润 [4103] each month keeps the same total)
PROFIT_LOSS_TYPES = (
    "income",
    "income_other",
    "expense",
    "expense_depreciation",
    "expense_direct_cost",
)
FIGURES = (
    "net_profit",
    "retained_before",
    "prior_losses",
    "losses_covered",
    "profit_after_losses",
    "registered_capital",
    "reserve_before",
    "statutory_reserve",
    "distributable_profit",
)


class PropertyProfitDistribution(models.Model):
    """利润分配 (FIN-10, 第二十三条–第二十五条, 公司法第二百一十条): the profit of a closed fiscal
    year covers the prior losses first, then 10 % of what remains goes to the statutory
    surplus reserve [法定公积金] until that reserve reaches half of the registered capital;
    the discretionary reserve [任意公积金] and the dividends [应付股利] follow the board
    resolution. Its draft entry is posted once the finance manager and then the general
    manager approve it. A loss year distributes nothing."""

    _name = "property.profit.distribution"
    _description = "Profit Distribution"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "fiscal_year desc, id desc"
    _check_company_auto = True
    _approval_state_to = "done"
    _protected_fields = (
        "state",
        "date_from",
        "date_to",
        *FIGURES,
        "move_id",
        "posted_date",
    )

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    fiscal_year = fields.Integer(
        required=True,
        tracking=True,
        help="The fiscal year whose profit is distributed, by the year in which it ends.",
    )
    date_from = fields.Date(readonly=True, copy=False)
    date_to = fields.Date(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting for Approval"),
            ("done", "Posted"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    board_resolution_ref = fields.Char(
        string="Board Resolution", tracking=True, help="Number of the board resolution."
    )
    board_resolution_date = fields.Date(tracking=True)
    board_resolution_attachment_ids = fields.Many2many(
        "ir.attachment",
        "property_profit_distribution_attachment_rel",
        "distribution_id",
        "attachment_id",
        string="Board Resolution Document",
        help="The signed board resolution (scan or PDF).",
    )
    discretionary_reserve = fields.Monetary(
        tracking=True, help="Discretionary surplus reserve decided by the board resolution."
    )
    dividend = fields.Monetary(
        string="Dividends", tracking=True, help="Profit distributed to the shareholders."
    )
    # figures computed from the ledger by action_compute (protected)
    net_profit = fields.Monetary(readonly=True, copy=False, help="Profit after tax of the year.")
    retained_before = fields.Monetary(
        string="Undistributed Profit at Start",
        readonly=True,
        copy=False,
        help="Undistributed profit (negative: losses) before this year, after the earlier "
        "distributions.",
    )
    prior_losses = fields.Monetary(readonly=True, copy=False)
    losses_covered = fields.Monetary(string="Prior Losses Covered", readonly=True, copy=False)
    profit_after_losses = fields.Monetary(
        string="Profit after Covering Losses", readonly=True, copy=False
    )
    registered_capital = fields.Monetary(readonly=True, copy=False)
    reserve_before = fields.Monetary(string="Statutory Reserve Before", readonly=True, copy=False)
    statutory_reserve = fields.Monetary(readonly=True, copy=False)
    distributable_profit = fields.Monetary(
        readonly=True, copy=False, help="Undistributed profit after the statutory reserve."
    )
    undistributed_after = fields.Monetary(
        string="Undistributed Profit Carried Forward",
        compute="_compute_undistributed_after",
    )
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, copy=False)
    posted_date = fields.Date(readonly=True, copy=False)
    notes = fields.Html()

    _sql_constraints = [
        (
            "year_company_unique",
            "UNIQUE(company_id, fiscal_year)",
            "A fiscal year's profit is distributed once per company.",
        ),
        (
            "amounts_not_negative",
            "CHECK(COALESCE(discretionary_reserve, 0) >= 0 AND COALESCE(dividend, 0) >= 0)",
            "The discretionary reserve and the dividends cannot be negative.",
        ),
    ]

    @api.depends("fiscal_year")
    @api.depends_context("lang")
    def _compute_name(self):
        for record in self:
            record.name = self.env._("Profit distribution %(year)s", year=record.fiscal_year or "")

    @api.depends("distributable_profit", "discretionary_reserve", "dividend")
    def _compute_undistributed_after(self):
        for record in self:
            record.undistributed_after = (
                record.distributable_profit - record.discretionary_reserve - record.dividend
            )

    # ORM overrides

    def write(self, vals):
        terms = {
            "company_id",
            "fiscal_year",
            "discretionary_reserve",
            "dividend",
            "board_resolution_ref",
            "board_resolution_date",
            "board_resolution_attachment_ids",
        }
        if (
            not self.env.su
            and terms.intersection(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "A submitted profit distribution follows its board resolution: its year, "
                    "amounts and resolution cannot be changed."
                )
            )
        result = super().write(vals)
        if not self.env.su and {"company_id", "fiscal_year"}.intersection(vals):
            # the figures belong to the year: recompute them at once
            self._do_compute()
        return result

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._do_compute()
        return records

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Submitted profit distributions are kept; they cannot be deleted.")
            )

    # Actions

    def action_compute(self):
        """Recompute the figures of draft distributions from the posted entries."""
        self._check_accountant()
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only a draft distribution is recomputed."))
        self._do_compute()
        return True

    def action_approval_submit(self):
        """Submit: the figures are computed again, the board resolution is checked and the
        draft entry is prepared for the approvers to read."""
        self._check_accountant()
        self._approval_check_can_submit()
        self._do_compute()
        for record in self:
            record._check_can_submit()
        self._do_prepare_move()
        return super().action_approval_submit()

    def action_open_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    # Approval hooks

    def _approval_on_approved(self):
        self._do_post()

    def _approval_on_rejected(self):
        moves = self.sudo().move_id
        self._protected_write({"move_id": False})
        moves.with_context(property_profit_distribution_engine=True).unlink()

    # Checks

    def _check_accountant(self):
        if not self.env.su and not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(self.env._("Only an accountant prepares profit distributions."))
        self.check_access("write")

    def _check_can_submit(self):
        self.ensure_one()
        if not (self.board_resolution_ref or "").strip() or not self.board_resolution_date:
            raise UserError(
                self.env._(
                    "Give the number and date of the board resolution of %(record)s.",
                    record=self.display_name,
                )
            )
        if not self.board_resolution_attachment_ids:
            raise UserError(
                self.env._("Attach the board resolution of %(record)s.", record=self.display_name)
            )
        rounding = self.currency_id.rounding
        if float_compare(self.net_profit, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(
                self.env._(
                    "Fiscal year %(year)s closed with a loss of %(loss)s: a loss year "
                    "distributes nothing.",
                    year=self.fiscal_year,
                    loss=-self.net_profit,
                )
            )
        if float_compare(self.profit_after_losses, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(
                self.env._(
                    "The profit %(profit)s of fiscal year %(year)s only covers part of the "
                    "prior losses (%(losses)s): nothing is left to distribute.",
                    profit=self.net_profit,
                    year=self.fiscal_year,
                    losses=self.prior_losses,
                )
            )
        if float_compare(self.undistributed_after, 0.0, precision_rounding=rounding) < 0:
            raise UserError(
                self.env._(
                    "The discretionary reserve and the dividends (%(asked)s) are more than "
                    "the distributable profit %(available)s of fiscal year %(year)s.",
                    asked=self.discretionary_reserve + self.dividend,
                    available=self.distributable_profit,
                    year=self.fiscal_year,
                )
            )
        if float_is_zero(
            self.statutory_reserve + self.discretionary_reserve + self.dividend,
            precision_rounding=rounding,
        ):
            raise UserError(
                self.env._(
                    "%(record)s books nothing: the statutory reserve is full and the board "
                    "resolution decides no reserve or dividend.",
                    record=self.display_name,
                )
            )

    @api.model
    def _check_closed(self, company, fiscal_year, date_to):
        """The year must be closed: locked for everyone (the annual accounts are final)."""
        lock = max(
            filter(None, (company.fiscalyear_lock_date, company.hard_lock_date)), default=None
        )
        if not lock or lock < date_to:
            raise UserError(
                self.env._(
                    "Fiscal year %(year)s of %(company)s (until %(date_to)s) is not closed: the "
                    "finance manager locks it first (Lock Periods).",
                    year=fiscal_year,
                    date_to=date_to,
                    company=company.name,
                )
            )
        return lock

    # Business

    @api.model
    def _fiscal_dates(self, company, fiscal_year):
        if not 1900 < (fiscal_year or 0) < 3000:
            raise UserError(self.env._("Give the fiscal year as four digits, e.g. 2025."))
        month = int(company.fiscalyear_last_month)
        next_month = date(fiscal_year + (month == 12), month % 12 + 1, 1)
        last_day = min(company.fiscalyear_last_day, (next_month - timedelta(days=1)).day)
        return company.compute_fiscalyear_dates(date(fiscal_year, month, last_day))

    def _do_compute(self):
        for record in self:
            if record.state == "draft":
                record._protected_write(
                    self._get_figures(record.company_id, record.fiscal_year, record)
                )

    @api.model
    def _get_figures(self, company, fiscal_year, record=None):
        """The dates and figures of a closed year, from the posted entries, in two grouped
        reads of the ledger (``record``: the distribution itself, left out of the earlier
        ones)."""
        dates = self._fiscal_dates(company, fiscal_year)
        date_from, date_to = dates["date_from"], dates["date_to"]
        self._check_closed(company, fiscal_year, date_to)
        existing = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("fiscal_year", "=", fiscal_year),
                ("id", "!=", record.id if record else False),
            ],
            limit=1,
        )
        if existing:
            raise UserError(
                self.env._(
                    "The profit of fiscal year %(year)s is already distributed: %(record)s.",
                    year=fiscal_year,
                    record=existing.display_name,
                )
            )
        if company.currency_id.is_zero(company.property_registered_capital):
            raise UserError(
                self.env._(
                    "Set the registered capital of %(company)s first: the statutory reserve "
                    "is set aside until it reaches half of it.",
                    company=company.name,
                )
            )
        currency = company.currency_id
        accounts = company._property_distribution_accounts()
        Line = self.env["account.move.line"].sudo().with_company(company)
        base = [("company_id", "=", company.id), ("parent_state", "=", "posted")]
        year = Line._read_group(
            [
                *base,
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                "|",
                ("account_id.account_type", "in", PROFIT_LOSS_TYPES),
                ("account_id", "in", accounts["profit_year"].ids),
            ],
            aggregates=["balance:sum"],
        )[0][0]
        earlier = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("fiscal_year", "<", fiscal_year),
                ("id", "!=", record.id if record else False),
            ]
        )
        before = Line._read_group(
            [
                *base,
                "|",
                ("account_id.account_type", "in", (*PROFIT_LOSS_TYPES, "equity_unaffected")),
                ("account_id", "in", (accounts["profit_year"] | accounts["distribution"]).ids),
                # the earlier distributions are booked after their year, maybe in this one
                "|",
                ("date", "<", date_from),
                ("move_id", "in", earlier.move_id.ids),
            ],
            aggregates=["balance:sum"],
        )[0][0]
        net_profit = currency.round(-year)
        retained_before = currency.round(-before)
        prior_losses = max(0.0, -retained_before)
        losses_covered = min(prior_losses, max(0.0, net_profit))
        profit_after_losses = currency.round(max(0.0, net_profit) - losses_covered)
        registered_capital = company.property_registered_capital
        reserve_before = currency.round(
            company.property_statutory_reserve_opening + sum(earlier.mapped("statutory_reserve"))
        )
        room = max(0.0, STATUTORY_CAP * registered_capital - reserve_before)
        statutory_reserve = currency.round(min(STATUTORY_RATE * profit_after_losses, room))
        distributable = max(0.0, retained_before) + profit_after_losses - statutory_reserve
        return {
            "date_from": date_from,
            "date_to": date_to,
            "net_profit": net_profit,
            "retained_before": retained_before,
            "prior_losses": prior_losses,
            "losses_covered": losses_covered,
            "profit_after_losses": profit_after_losses,
            "registered_capital": registered_capital,
            "reserve_before": reserve_before,
            "statutory_reserve": statutory_reserve,
            "distributable_profit": currency.round(distributable),
        }

    def _do_prepare_move(self):
        """The draft entry of each distribution (posted by the final approval only)."""
        vals_list = []
        for record in self:
            lock = self._check_closed(record.company_id, record.fiscal_year, record.date_to)
            accounts = record.company_id._property_distribution_accounts()
            today = fields.Date.context_today(record)
            entry_date = max(today, lock + timedelta(days=1))
            label = record.display_name
            lines = []
            for amount, credit, what in (
                (
                    record.statutory_reserve,
                    accounts["statutory"],
                    self.env._("Statutory surplus reserve"),
                ),
                (
                    record.discretionary_reserve,
                    accounts["discretionary"],
                    self.env._("Discretionary surplus reserve"),
                ),
                (record.dividend, accounts["dividend"], self.env._("Dividends payable")),
            ):
                if float_is_zero(amount, precision_rounding=record.currency_id.rounding):
                    continue
                name = f"{label}: {what}"
                lines += [
                    Command.create(
                        {"name": name, "account_id": accounts["distribution"].id, "debit": amount}
                    ),
                    Command.create({"name": name, "account_id": credit.id, "credit": amount}),
                ]
            vals_list.append(
                {
                    "move_type": "entry",
                    "journal_id": record.company_id._property_distribution_journal().id,
                    "company_id": record.company_id.id,
                    "date": entry_date,
                    "ref": self.env._(
                        "%(record)s, board resolution %(ref)s",
                        record=label,
                        ref=record.board_resolution_ref,
                    ),
                    "property_profit_distribution_id": record.id,
                    "line_ids": lines,
                }
            )
        old = self.sudo().move_id
        if old:
            old.with_context(property_profit_distribution_engine=True).unlink()
        moves = (
            self.env["account.move"]
            .sudo()
            .with_context(property_profit_distribution_engine=True)
            .create(vals_list)
        )
        for record, move in zip(self, moves, strict=True):
            record._protected_write({"move_id": move.id})

    def _do_post(self):
        for record in self:
            move = record.sudo().move_id
            move.with_context(property_profit_distribution_engine=True).action_post()
            record._protected_write({"posted_date": move.date})
            note = record.with_context(lang=note_lang(record))
            record._message_log(body=note.env._("Entry %(move)s posted.", move=move.name))


class AccountMove(models.Model):
    _inherit = "account.move"

    property_profit_distribution_id = fields.Many2one(
        "property.profit.distribution",
        string="Profit Distribution",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    def _property_distribution_engine(self):
        """True inside the distribution's own actions (superuser and their context key: a
        context key alone can be sent over RPC, the superuser mode cannot)."""
        return self.env.su and self.env.context.get("property_profit_distribution_engine")

    def _property_distribution_refuse(self):
        distributions = self.property_profit_distribution_id
        if distributions and not self._property_distribution_engine():
            raise UserError(
                self.env._(
                    "Entry of %(record)s is prepared and posted by that distribution's "
                    "approval only: it cannot be changed, posted, reset or deleted directly.",
                    record=distributions[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._property_distribution_engine() and any(
            vals.get("property_profit_distribution_id") for vals in vals_list
        ):
            raise UserError(
                self.env._("Only the approval of a profit distribution makes its entry.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su or "property_profit_distribution_id" in vals:
            self._property_distribution_refuse()
            if (
                vals.get("property_profit_distribution_id")
                and not self._property_distribution_engine()
            ):
                raise UserError(
                    self.env._("Only the approval of a profit distribution makes its entry.")
                )
        return super().write(vals)

    def _post(self, soft=True):
        self._property_distribution_refuse()
        return super()._post(soft=soft)

    def button_draft(self):
        self._property_distribution_refuse()
        return super().button_draft()

    def button_cancel(self):
        self._property_distribution_refuse()
        return super().button_cancel()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_profit_distribution(self):
        self._property_distribution_refuse()


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def write(self, vals):
        if not self.env.su:
            self.move_id._property_distribution_refuse()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines.move_id._property_distribution_refuse()
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_except_profit_distribution(self):
        if not self.env.su:
            self.move_id._property_distribution_refuse()
