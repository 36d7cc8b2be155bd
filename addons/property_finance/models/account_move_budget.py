from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_round, format_amount

# the cost accounts a budget controls (not "expense_depreciation": l10n_cn books its
# accumulated depreciation, a contra-asset, with that type)
EXPENSE_TYPES = ("expense", "expense_direct_cost")


# one row per (company, analytic account, account, month) of an analytic distribution: a
# distribution key "12,34" (several plans) books its percentage on each of its accounts
def analytic_split(column):
    return SQL(
        """jsonb_each_text(%s) AS dist(key, pct),
           LATERAL unnest(string_to_array(dist.key, ',')) AS split(analytic_id)""",
        SQL(column),
    )


def month_start(day):
    return day.replace(day=1)


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """FIN-3 (第二十条, 第二十一条): no cost is posted beyond the remaining budget of its
        project or department without an approved budget overrun request."""
        self._property_budget_check()
        return super()._post(soft=soft)

    def action_property_request_budget_overrun(self):
        """Create the draft budget overrun requests [超预算审批] these bills need (one per
        project/department, account and month beyond the budget) and open them."""
        excesses = self._property_budget_excesses(approved=False)
        Overrun = self.env["property.budget.overrun"]
        if not excesses:
            raise UserError(
                self.env._("These entries are within their budgets: no request needed.")
            )
        requests = Overrun.create(
            [
                {
                    "move_id": move.id,
                    "company_id": company_id,
                    "analytic_account_id": analytic_id,
                    "account_id": account_id,
                    "date": month,
                    "amount": excess["excess"],
                }
                for (move, company_id, analytic_id, account_id, month), excess in excesses.items()
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Budget Overrun Requests"),
            "res_model": "property.budget.overrun",
            "view_mode": "list,form",
            "domain": [("id", "in", requests.ids)],
        }

    # Budget control

    def _property_budget_check(self):
        """Raise when a cost of these entries goes beyond the remaining budget without an
        approved overrun request covering the excess. A constant number of queries whatever
        the number of entries: one for the budgets, one for the posted actuals, one for the
        approved overruns."""
        excesses = self._property_budget_excesses(approved=True)
        if not excesses:
            return
        (move, _company_id, analytic_id, account_id, month), excess = next(iter(excesses.items()))
        analytic = self.env["account.analytic.account"].sudo().browse(analytic_id)
        account = self.env["account.account"].sudo().browse(account_id)
        currency = move.company_id.currency_id
        raise UserError(
            self.env._(
                "%(move)s goes beyond the budget of %(analytic)s for account %(account)s in "
                "%(month)s: budget %(budget)s, already posted %(actual)s, this entry "
                "%(amount)s, over budget by %(excess)s. Ask the finance manager to approve a "
                "budget overrun request (超预算审批) for it first.",
                move=" ".join(filter(None, [move.display_name, move.partner_id.name, move.ref])),
                analytic=analytic.display_name,
                account=account.display_name,
                month=month.strftime("%Y-%m"),
                budget=format_amount(self.env, excess["budget"], currency),
                actual=format_amount(self.env, excess["actual"], currency),
                amount=format_amount(self.env, excess["amount"], currency),
                excess=format_amount(self.env, excess["excess"], currency),
            )
        )

    def _property_budget_excesses(self, approved=True):
        """{(move, company id, analytic id, account id, month): {budget, actual, amount,
        excess}} of the costs of these entries beyond the remaining budget (less what the
        approved overrun requests of the entry allow when ``approved``).

        Controlled: the cost lines (expense accounts) of a project or department that has a
        confirmed budget covering the line's date; an account without a budget item in that
        budget has a budget of zero (严格按预算控制成本费用支出). Costs of an analytic account
        without a confirmed budget are not controlled."""
        costs = self._property_budget_costs()
        if not costs:
            return {}
        keys = {key for amounts in costs.values() for key in amounts}
        budgets, covered = self._property_budget_amounts(keys)
        keys = {key for key in keys if (key[0], key[1]) in covered and key[3] in covered[key[:2]]}
        if not keys:
            return {}
        actuals = self._property_budget_actuals(keys)
        allowed = self._property_budget_approved_overruns() if approved else {}
        excesses = {}
        running = defaultdict(float)
        for move in self.sorted("id"):
            rounding = move.company_id.currency_id.rounding
            for key, amount in costs.get(move, {}).items():
                if key not in keys:
                    continue
                budget = budgets.get(key, 0.0)
                before = actuals.get(key, 0.0) + running[key]
                running[key] += amount
                excess = min(amount, before + amount - budget)
                excess -= allowed.get((move.id, *key), 0.0)
                if float_compare(excess, 0.0, precision_rounding=rounding) > 0:
                    excesses[(move, *key)] = {
                        "budget": budget,
                        "actual": actuals.get(key, 0.0),
                        "amount": amount,
                        "excess": float_round(excess, precision_rounding=rounding),
                    }
        return excesses

    def _property_budget_costs(self):
        """{move: {(company id, analytic id, account id, month): amount}} of the cost lines
        with an analytic distribution."""
        costs = defaultdict(lambda: defaultdict(float))
        for move in self:
            if move.state != "draft":
                continue
            for line in move.line_ids:
                if not line.analytic_distribution or line.display_type in (
                    "line_section",
                    "line_note",
                ):
                    continue
                if line.account_id.account_type not in EXPENSE_TYPES:
                    continue
                month = month_start(line.date or move.date)
                for dist_key, pct in line.analytic_distribution.items():
                    for analytic_id in str(dist_key).split(","):
                        key = (move.company_id.id, int(analytic_id), line.account_id.id, month)
                        costs[move][key] += line.balance * float(pct) / 100.0
        return costs

    def _property_budget_amounts(self, keys):
        """The confirmed budgets of the keys' analytic accounts: ({key: amount}, {(company id,
        analytic id): {month covered by a confirmed budget}}), in one query."""
        companies = list({key[0] for key in keys})
        analytics = list({key[1] for key in keys})
        months = {key[3] for key in keys}
        self.env["mis.budget.by.account.item"].flush_model()
        self.env["mis.budget.by.account"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT item.company_id, split.analytic_id::int, item.account_id,
                       date_trunc('month', item.date_from)::date,
                       SUM(item.balance * dist.pct::numeric / 100),
                       budget.date_from, budget.date_to
                  FROM mis_budget_by_account_item item
                  JOIN mis_budget_by_account budget ON budget.id = item.budget_id,
                       %(split)s
                 WHERE budget.state = 'confirmed'
                   AND budget.active
                   AND item.company_id = ANY(%(companies)s)
                   AND item.analytic_distribution IS NOT NULL
                   AND split.analytic_id::int = ANY(%(analytics)s)
                   AND budget.date_from <= %(last)s
                   AND budget.date_to >= %(first)s
              GROUP BY 1, 2, 3, 4, 6, 7
                """,
                split=analytic_split("item.analytic_distribution"),
                companies=companies,
                analytics=analytics,
                first=min(months),
                last=max(months),
            )
        )
        budgets = defaultdict(float)
        covered = defaultdict(set)
        for company_id, analytic_id, account_id, month, amount, date_from, date_to in rows:
            budgets[(company_id, analytic_id, account_id, month)] += float(amount)
            covered[(company_id, analytic_id)].update(
                m for m in months if month_start(date_from) <= m <= date_to
            )
        return budgets, covered

    def _property_budget_actuals(self, keys):
        """{key: posted cost} of the keys (debit - credit of the posted lines), in one query."""
        self.env["account.move.line"].flush_model(
            ["analytic_distribution", "balance", "date", "account_id", "company_id", "parent_state"]
        )
        months = {key[3] for key in keys}
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.company_id, split.analytic_id::int, line.account_id,
                       date_trunc('month', line.date)::date,
                       SUM(line.balance * dist.pct::numeric / 100)
                  FROM account_move_line line, %(split)s
                 WHERE line.parent_state = 'posted'
                   AND line.company_id = ANY(%(companies)s)
                   AND line.account_id = ANY(%(accounts)s)
                   AND line.analytic_distribution IS NOT NULL
                   AND split.analytic_id::int = ANY(%(analytics)s)
                   AND line.date >= %(first)s
                   AND line.date < %(last)s::date + interval '1 month'
              GROUP BY 1, 2, 3, 4
                """,
                split=analytic_split("line.analytic_distribution"),
                companies=list({key[0] for key in keys}),
                accounts=list({key[2] for key in keys}),
                analytics=list({key[1] for key in keys}),
                first=min(months),
                last=max(months),
            )
        )
        return {tuple(row[:4]): float(row[4]) for row in rows if tuple(row[:4]) in keys}

    def _property_budget_approved_overruns(self):
        """{(move id, company id, analytic id, account id, month): approved excess}."""
        groups = (
            self.env["property.budget.overrun"]
            .sudo()
            ._read_group(
                [("move_id", "in", self.ids), ("state", "=", "approved")],
                ["move_id", "company_id", "analytic_account_id", "account_id", "date:day"],
                ["amount:sum"],
            )
        )
        return {
            (move.id, company.id, analytic.id, account.id, fields.Date.to_date(day)): amount
            for move, company, analytic, account, day, amount in groups
        }
