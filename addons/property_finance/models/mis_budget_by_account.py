from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER = "property_finance.group_finance_manager"


class MisBudgetByAccount(models.Model):
    """FIN-3 (第八条, 第二十一条): an annual or cost budget [年度预算/成本费用预算] of a project
    or department (analytic account) per account and month. The accountant prepares it; only
    the finance manager confirms, reopens or cancels it; only confirmed budgets control the
    posting of costs (see ``account.move._property_budget_check``)."""

    _name = "mis.budget.by.account"
    _inherit = ["mis.budget.by.account", "property.protected.mixin"]
    _protected_fields = ("state", "confirm_user_id", "confirm_date")

    # redefined: a copy of a confirmed budget is a draft, not a second confirmed budget
    state = fields.Selection(copy=False, index=True)
    # several projects or departments may budget the same account in one budget
    allow_items_overlap = fields.Boolean(default=True)
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Project/Department",
        check_company=True,
        tracking=True,
        help="The analytic account of the project or department this budget is for; the "
        "monthly split books its items on it.",
    )
    confirm_user_id = fields.Many2one("res.users", string="Confirmed By", readonly=True, copy=False)
    confirm_date = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    amount_total = fields.Monetary(
        string="Budget Total",
        compute="_compute_amount_total",
        currency_field="company_currency_id",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("item_ids.balance")
    def _compute_amount_total(self):
        totals = dict(
            self.env["mis.budget.by.account.item"]._read_group(
                [("budget_id", "in", self.ids)], ["budget_id"], ["balance:sum"]
            )
        )
        for budget in self:
            budget.amount_total = totals.get(budget, 0.0)

    # ORM overrides

    def write(self, vals):
        """A confirmed budget keeps its project, dates and company, and stays active: only the
        finance manager reopens it (and then changes it)."""
        terms = {"analytic_account_id", "date_from", "date_to", "date_range_id", "company_id"}
        if (
            not self.env.su
            and (terms.intersection(vals) or "active" in vals)
            and self.filtered(lambda b: b.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "A confirmed or cancelled budget keeps its project or department, dates "
                    "and company and is not archived; the finance manager reopens it first."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(
                self.env._("A confirmed or cancelled budget is kept; it cannot be deleted.")
            )

    # Actions (the OCA buttons, restricted to the finance manager)

    def action_confirm(self):
        self._check_can_confirm()
        self._do_confirm()
        return True

    def action_draft(self):
        self._check_budget_manager(self.env._("Only the finance manager reopens budgets."))
        self._protected_write({"state": "draft", "confirm_user_id": False, "confirm_date": False})
        return True

    def action_cancel(self):
        self._check_budget_manager(self.env._("Only the finance manager cancels budgets."))
        self._protected_write({"state": "cancelled"})
        return True

    def action_open_split_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Split an Annual Amount into Months"),
            "res_model": "property.budget.split.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_budget_id": self.id},
        }

    # Checks

    def _check_budget_manager(self, message):
        if not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(message)
        self.check_access("write")

    def _check_can_confirm(self):
        self._check_budget_manager(self.env._("Only the finance manager confirms budgets."))
        wrong = self.filtered(lambda b: b.state != "draft")
        if wrong:
            raise UserError(
                self.env._(
                    "Budget %(budget)s is not a draft; it cannot be confirmed.",
                    budget=wrong[0].display_name,
                )
            )
        empty = self.filtered(lambda b: not b.item_ids)
        if empty:
            raise UserError(
                self.env._(
                    "Budget %(budget)s has no items; split an annual amount into months first.",
                    budget=empty[0].display_name,
                )
            )

    def _check_items_editable(self):
        locked = self.filtered(lambda b: b.state != "draft")
        if locked and not self.env.su:
            raise UserError(
                self.env._(
                    "The items of budget %(budget)s are locked: it is not a draft. The finance "
                    "manager reopens it before its amounts change.",
                    budget=locked[0].display_name,
                )
            )

    # Business

    def _do_confirm(self):
        self._protected_write(
            {
                "state": "confirmed",
                "confirm_user_id": self.env.uid,
                "confirm_date": fields.Datetime.now(),
            }
        )
