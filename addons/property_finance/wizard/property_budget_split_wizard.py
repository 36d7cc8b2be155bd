from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round


class PropertyBudgetSplitWizard(models.TransientModel):
    """FIN-3: split an annual amount of a project or department and account into the months
    of a draft budget (one item per month, the rounding difference in the last month)."""

    _name = "property.budget.split.wizard"
    _description = "Split an Annual Budget into Months"

    budget_id = fields.Many2one("mis.budget.by.account", required=True, readonly=True)
    company_id = fields.Many2one(related="budget_id.company_id")
    currency_id = fields.Many2one(related="budget_id.company_currency_id")
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Project/Department",
        check_company=True,
        compute="_compute_analytic_account_id",
        store=True,
        readonly=False,
    )
    account_id = fields.Many2one(
        "account.account",
        required=True,
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
    )
    amount = fields.Monetary(string="Annual Amount", required=True)

    @api.depends("budget_id")
    def _compute_analytic_account_id(self):
        for wizard in self:
            wizard.analytic_account_id = wizard.budget_id.analytic_account_id

    def action_split(self):
        self.ensure_one()
        budget = self.budget_id
        budget.check_access("write")
        budget._check_items_editable()
        currency = self.currency_id or self.env.company.currency_id
        if float_compare(self.amount, 0.0, precision_rounding=currency.rounding) <= 0:
            raise UserError(self.env._("The annual amount is more than zero."))
        if not self.analytic_account_id:
            raise UserError(self.env._("Choose the project or department of the budget items."))
        months = self._months()
        if not months:
            raise UserError(self.env._("The budget's dates cover no month."))
        analytic_key = str(self.analytic_account_id.id)
        existing = budget.item_ids.filtered(
            lambda item: item.account_id == self.account_id
            and analytic_key in (item.analytic_distribution or {})
        )
        if existing:
            raise UserError(
                self.env._(
                    "Budget %(budget)s already has items of %(analytic)s for account %(account)s.",
                    budget=budget.display_name,
                    analytic=self.analytic_account_id.display_name,
                    account=self.account_id.display_name,
                )
            )
        monthly = float_round(self.amount / len(months), precision_rounding=currency.rounding)
        last = float_round(
            self.amount - monthly * (len(months) - 1), precision_rounding=currency.rounding
        )
        ranges = self._month_ranges(months)
        items = self.env["mis.budget.by.account.item"].create(
            [
                {
                    "budget_id": budget.id,
                    "company_id": budget.company_id.id or self.env.company.id,
                    "name": f"{self.analytic_account_id.name} {start:%Y-%m}",
                    "account_id": self.account_id.id,
                    "analytic_distribution": {analytic_key: 100.0},
                    "date_range_id": ranges.get(start, False),
                    "date_from": start,
                    "date_to": end,
                    "debit": last if index == len(months) - 1 else monthly,
                }
                for index, (start, end) in enumerate(months)
            ]
        )
        return items

    def _months(self):
        """[(first day, last day)] of the budget's months, clipped to its dates."""
        budget = self.budget_id
        months = []
        start = budget.date_from.replace(day=1)
        while start <= budget.date_to:
            end = start + relativedelta(months=1, days=-1)
            months.append((max(start, budget.date_from), min(end, budget.date_to)))
            start += relativedelta(months=1)
        return months

    def _month_ranges(self, months):
        """{first day: date.range id} of the month date ranges of these months, the missing
        ones created (type 月度 / Month of the company)."""
        DateRange = self.env["date.range"].sudo()
        company = self.budget_id.company_id or self.env.company
        range_type = self.env.ref("property_finance.date_range_type_month")
        found = DateRange.search(
            [
                ("type_id", "=", range_type.id),
                ("date_start", "in", [start for start, _end in months]),
                ("company_id", "=", company.id),
            ]
        )
        by_start = {rng.date_start: rng for rng in found}
        missing = [
            (start, end)
            for start, end in months
            if start not in by_start and end == start + relativedelta(months=1, days=-1)
        ]
        created = DateRange.create(
            [
                {
                    "name": start.strftime("%Y-%m"),
                    "type_id": range_type.id,
                    "company_id": company.id,
                    "date_start": start,
                    "date_end": end,
                }
                for start, end in missing
            ]
        )
        by_start.update({rng.date_start: rng for rng in created})
        return {start: rng.id for start, rng in by_start.items()}
