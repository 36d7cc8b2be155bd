from odoo import fields, models
from odoo.exceptions import AccessError, UserError

LOCK_FIELDS = (
    "fiscalyear_lock_date",
    "tax_lock_date",
    "sale_lock_date",
    "purchase_lock_date",
    "hard_lock_date",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    property_fee_due_days = fields.Integer(
        string="Fee Payment Term (days)",
        default=30,
        help="Days after the first day of the service month by which a fee bill is due.",
    )
    property_late_fee_rate = fields.Float(
        string="Late Fee Rate per Day (%)",
        digits=(16, 4),
        default=0.05,
        help="Percentage of the unpaid principal charged per day overdue, as the property "
        "service contract says (e.g. 0.05 % per day).",
    )
    property_late_fee_grace_days = fields.Integer(
        string="Late Fee Grace Period (days)",
        default=30,
        help="Days after the due date before late fees start.",
    )
    property_late_fee_product_id = fields.Many2one(
        "product.product",
        string="Late Fee Product",
        help="Product (income account, taxes) of the late fee lines.",
    )

    property_staff_loan_account_id = fields.Many2one(
        "account.account",
        string="Staff Loan Account",
        check_company=True,
        help="Account debited when a staff loan is paid; empty: account 1221 of the chart.",
    )

    property_asset_loss_account_id = fields.Many2one(
        "account.account",
        string="Asset Stocktake Loss Account",
        check_company=True,
        help="Account of the residual value of the assets a stocktake finds missing; empty: "
        "6711 营业外支出 of the chart.",
    )
    property_asset_impairment_account_id = fields.Many2one(
        "account.account",
        string="Asset Impairment Loss Account",
        check_company=True,
        help="Account debited by the impairment of a damaged asset; empty: 6701 资产减值损失.",
    )
    property_asset_impairment_reserve_account_id = fields.Many2one(
        "account.account",
        string="Asset Impairment Reserve Account",
        check_company=True,
        help="Account credited by the impairment of a damaged asset; empty: 1603 固定资产减值准备.",
    )

    # Profit distribution (FIN-10)
    property_registered_capital = fields.Monetary(
        string="Registered Capital",
        currency_field="currency_id",
        help="Registered capital [注册资本] of the company, as in its business licence: the "
        "statutory surplus reserve is set aside until it reaches half of it.",
    )
    property_statutory_reserve_opening = fields.Monetary(
        string="Statutory Reserve Before Odoo",
        currency_field="currency_id",
        help="Statutory surplus reserve set aside before the distributions recorded in Odoo.",
    )
    property_distribution_account_id = fields.Many2one(
        "account.account",
        string="Profit Distribution Account",
        check_company=True,
        help="Account debited by profit distributions; empty: 4104 利润分配 of the chart.",
    )
    property_statutory_reserve_account_id = fields.Many2one(
        "account.account",
        string="Statutory Reserve Account",
        check_company=True,
        help="Account credited with the statutory surplus reserve; empty: 4101 盈余公积.",
    )
    property_discretionary_reserve_account_id = fields.Many2one(
        "account.account",
        string="Discretionary Reserve Account",
        check_company=True,
        help="Account credited with the discretionary surplus reserve; empty: 4101 盈余公积.",
    )
    property_dividend_account_id = fields.Many2one(
        "account.account",
        string="Dividends Payable Account",
        check_company=True,
        help="Account credited with the dividends; empty: 应付股利 of the chart (2232 or 2241).",
    )

    def write(self, vals):
        """FIN-1: only a finance manager locks or unlocks periods."""
        if (
            not self.env.su
            and set(vals).intersection(LOCK_FIELDS)
            and not self.env.user.has_group("account.group_account_manager")
        ):
            raise AccessError(self.env._("Only a finance manager may lock or unlock periods."))
        return super().write(vals)

    # Staff loans (FIN-8)

    def _property_staff_loan_account(self):
        """The receivable account of staff loans: the company's, else 1221 其他应收款 of the
        chart, else its first other receivable or current asset account."""
        self.ensure_one()
        if self.property_staff_loan_account_id:
            return self.property_staff_loan_account_id
        Account = self.env["account.account"].sudo().with_company(self)
        domain = Account._check_company_domain(self)
        account = Account.search([*domain, ("code", "=like", "1221%")], limit=1)
        account = account or Account.search(
            [*domain, ("account_type", "in", ("asset_receivable", "asset_current"))],
            order="account_type desc, code",
            limit=1,
        )
        if not account:
            raise UserError(
                self.env._("Set the staff loan account of %(company)s.", company=self.name)
            )
        return account

    def _property_staff_loan_expense_journal(self):
        self.ensure_one()
        Journal = self.env["account.journal"].sudo()
        return Journal.search(
            [*Journal._check_company_domain(self), ("type", "=", "general")], limit=1
        )

    # Fixed asset stocktakes (FIN-4)

    def _property_account_by_code(self, field, prefix, what):
        """The account of ``field`` on the company, else the chart's account ``prefix``."""
        self.ensure_one()
        if self[field]:
            return self[field]
        Account = self.env["account.account"].sudo().with_company(self)
        account = Account.search(
            [*Account._check_company_domain(self), ("code", "=like", f"{prefix}%")],
            order="code",
            limit=1,
        )
        if not account:
            raise UserError(
                self.env._(
                    "Set the %(account)s of %(company)s in its accounting settings.",
                    account=what,
                    company=self.name,
                )
            )
        return account

    def _property_asset_loss_account(self):
        return self._property_account_by_code(
            "property_asset_loss_account_id", "6711", self.env._("asset stocktake loss account")
        )

    def _property_asset_impairment_account(self):
        return self._property_account_by_code(
            "property_asset_impairment_account_id",
            "6701",
            self.env._("asset impairment loss account"),
        )

    def _property_asset_impairment_reserve_account(self):
        return self._property_account_by_code(
            "property_asset_impairment_reserve_account_id",
            "1603",
            self.env._("fixed asset impairment reserve account"),
        )

    def _property_distribution_accounts(self):
        """The accounts of a profit distribution: the company's, else those of the chart."""
        self.ensure_one()
        Account = self.env["account.account"].sudo().with_company(self)
        domain = Account._check_company_domain(self)

        def chart(field, prefixes, label):
            if self[field]:
                return self[field]
            for prefix in prefixes:
                account = Account.search([*domain, ("code", "=like", f"{prefix}%")], limit=1)
                if account:
                    return account
            raise UserError(
                self.env._(
                    "Set the %(account)s of %(company)s on the company form (Profit "
                    "Distribution tab).",
                    account=label,
                    company=self.name,
                )
            )

        statutory = chart(
            "property_statutory_reserve_account_id",
            ("4101",),
            self.env._("Statutory Reserve Account"),
        )
        return {
            "distribution": chart(
                "property_distribution_account_id",
                ("4104",),
                self.env._("Profit Distribution Account"),
            ),
            "profit_year": Account.search([*domain, ("code", "=like", "4103%")], limit=1),
            "statutory": statutory,
            "discretionary": self.property_discretionary_reserve_account_id or statutory,
            "dividend": self._property_dividend_account()
            or chart("property_dividend_account_id", (), self.env._("Dividends Payable Account")),
        }

    def _property_dividend_account(self):
        """应付股利: the company's account, else the chart's (2232 in the general chart of the
        accounting standards, 2241 in Odoo's small-business chart)."""
        if self.property_dividend_account_id:
            return self.property_dividend_account_id
        for xmlid in ("l10n_cn_large_bis_223200", "l10n_cn_2241"):
            account = (
                self.env["account.chart.template"]
                .with_company(self)
                .ref(xmlid, raise_if_not_found=False)
            )
            if account:
                return account
        return self.env["account.account"]

    def _property_distribution_journal(self):
        journal = self._property_staff_loan_expense_journal()
        if not journal:
            raise UserError(
                self.env._("%(company)s has no miscellaneous journal.", company=self.name)
            )
        return journal
