from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.account_move_budget import EXPENSE_TYPES, analytic_split


class PropertyBudgetReport(models.Model):
    """预算执行情况 (FIN-3, 第八条, 第二十一条): per company, project or department (analytic
    account), account and month: the confirmed budget, the actual (posted cost lines, debit -
    credit), the committed (draft vendor bills and refunds), the remaining (budget - actual)
    and the available (remaining - committed) amounts."""

    _name = "property.budget.report"
    _description = "Budget vs Actual"
    _auto = False
    _order = "date desc, analytic_account_id, account_id"
    _rec_name = "analytic_account_id"
    _depends = {
        "mis.budget.by.account": ["state", "active", "date_from", "date_to"],
        "mis.budget.by.account.item": [
            "balance",
            "date_from",
            "account_id",
            "company_id",
            "analytic_distribution",
            "budget_id",
        ],
        "account.move.line": [
            "balance",
            "date",
            "account_id",
            "company_id",
            "analytic_distribution",
            "parent_state",
            "move_id",
        ],
        "account.move": ["move_type", "state"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    analytic_account_id = fields.Many2one(
        "account.analytic.account", string="Project/Department", readonly=True
    )
    account_id = fields.Many2one("account.account", string="Account", readonly=True)
    date = fields.Date(string="Month", readonly=True)
    budget = fields.Monetary(readonly=True)
    actual = fields.Monetary(readonly=True)
    committed = fields.Monetary(readonly=True)
    remaining = fields.Monetary(readonly=True, help="Budget less actual.")
    available = fields.Monetary(readonly=True, help="Budget less actual and committed.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    WITH figures AS (
                        SELECT item.company_id, split.analytic_id::int AS analytic_account_id,
                               item.account_id,
                               date_trunc('month', item.date_from)::date AS date,
                               item.balance * dist.pct::numeric / 100 AS budget,
                               0.0 AS actual, 0.0 AS committed
                          FROM mis_budget_by_account_item item
                          JOIN mis_budget_by_account budget ON budget.id = item.budget_id,
                               %(item_split)s
                         WHERE budget.state = 'confirmed'
                           AND budget.active
                           AND item.analytic_distribution IS NOT NULL
                     UNION ALL
                        SELECT line.company_id, split.analytic_id::int, line.account_id,
                               date_trunc('month', line.date)::date,
                               0.0,
                               CASE WHEN line.parent_state = 'posted'
                                    THEN line.balance * dist.pct::numeric / 100 ELSE 0.0 END,
                               CASE WHEN line.parent_state = 'draft'
                                    THEN line.balance * dist.pct::numeric / 100 ELSE 0.0 END
                          FROM account_move_line line
                          JOIN account_move move ON move.id = line.move_id
                          JOIN account_account account ON account.id = line.account_id,
                               %(line_split)s
                         WHERE line.analytic_distribution IS NOT NULL
                           AND account.account_type IN %(types)s
                           AND (line.parent_state = 'posted'
                                OR (line.parent_state = 'draft'
                                    AND move.move_type IN ('in_invoice', 'in_refund')))
                    )
                    SELECT row_number() OVER (ORDER BY figures.company_id,
                                              figures.analytic_account_id,
                                              figures.account_id, figures.date) AS id,
                           figures.company_id,
                           company.currency_id,
                           figures.analytic_account_id,
                           figures.account_id,
                           figures.date,
                           SUM(figures.budget) AS budget,
                           SUM(figures.actual) AS actual,
                           SUM(figures.committed) AS committed,
                           SUM(figures.budget) - SUM(figures.actual) AS remaining,
                           SUM(figures.budget) - SUM(figures.actual) - SUM(figures.committed)
                               AS available
                      FROM figures
                      JOIN res_company company ON company.id = figures.company_id
                      JOIN account_analytic_account analytic
                        ON analytic.id = figures.analytic_account_id
                  GROUP BY figures.company_id, company.currency_id,
                           figures.analytic_account_id, figures.account_id, figures.date
                )
                """,
                table=SQL.identifier(self._table),
                item_split=analytic_split("item.analytic_distribution"),
                line_split=analytic_split("line.analytic_distribution"),
                types=EXPENSE_TYPES,
            )
        )
