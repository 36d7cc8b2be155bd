from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.account_move_budget import analytic_split


class PropertyConsumableConsumption(models.Model):
    """低值易耗品消耗 (FIN-5, 篇3 第十二条): per company, department, month, category and
    product: the quantities and values issued on requests and scrapped, the count
    differences [盘盈盘亏] of the periodic counts, and the department's confirmed budget of
    the consumables expense account that month, with the remaining budget (budget less
    issued and scrapped values)."""

    _name = "property.consumable.consumption"
    _description = "Consumable Consumption"
    _auto = False
    _order = "date desc, department_id, categ_id"
    _rec_name = "department_id"
    _depends = {
        "property.consumable.request": ["state", "issue_date", "department_id", "company_id"],
        "property.consumable.request.line": [
            "quantity",
            "value",
            "unit_cost",
            "product_id",
            "account_id",
            "request_id",
        ],
        "stock.scrap": [
            "state",
            "date_done",
            "scrap_qty",
            "property_unit_cost",
            "property_account_id",
            "property_department_id",
        ],
        "stock.move": ["state", "is_inventory", "quantity", "date"],
        "mis.budget.by.account.item": ["balance", "date_from", "account_id", "budget_id"],
        "mis.budget.by.account": ["state", "active"],
        "product.category": [
            "property_consumable",
            "property_expense_account_id",
            "property_account_expense_categ_id",
        ],
        "hr.department": ["analytic_account_id"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    account_id = fields.Many2one("account.account", string="Expense Account", readonly=True)
    date = fields.Date(string="Month", readonly=True)
    issued_qty = fields.Float(string="Issued Quantity", readonly=True)
    issued_value = fields.Monetary(readonly=True)
    scrapped_qty = fields.Float(string="Scrapped Quantity", readonly=True)
    scrapped_value = fields.Monetary(readonly=True)
    count_qty = fields.Float(
        string="Count Difference", readonly=True, help="Counted less expected quantity."
    )
    count_value = fields.Monetary(string="Count Difference Value", readonly=True)
    consumption = fields.Monetary(readonly=True, help="Issued and scrapped values.")
    budget = fields.Monetary(readonly=True)
    remaining = fields.Monetary(readonly=True, help="Budget less consumption.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    WITH accounts AS (
                        -- a budget is per account, not per category: several categories may
                        -- share the consumables account, so its budget rows have no category
                        SELECT DISTINCT keys.company_id, keys.account_id
                          FROM (
                            SELECT categ.id AS categ_id, company.id AS company_id,
                                   COALESCE(
                                       (categ.property_expense_account_id
                                           ->> company.id::text)::int,
                                       (categ.property_account_expense_categ_id
                                           ->> company.id::text)::int
                                   ) AS account_id
                              FROM product_category categ
                        CROSS JOIN res_company company
                             WHERE categ.property_consumable
                          ) keys
                         WHERE keys.account_id IS NOT NULL
                    ),
                    figures AS (
                        SELECT request.company_id, request.department_id,
                               template.categ_id, line.product_id, line.account_id,
                               date_trunc('month', request.issue_date)::date AS date,
                               line.quantity AS issued_qty, line.value AS issued_value,
                               0.0 AS scrapped_qty, 0.0 AS scrapped_value,
                               0.0 AS count_qty, 0.0 AS count_value, 0.0 AS budget
                          FROM property_consumable_request_line line
                          JOIN property_consumable_request request
                            ON request.id = line.request_id
                          JOIN product_product product ON product.id = line.product_id
                          JOIN product_template template ON template.id = product.product_tmpl_id
                         WHERE request.state = 'issued'
                     UNION ALL
                        SELECT scrap.company_id, scrap.property_department_id,
                               template.categ_id, scrap.product_id, scrap.property_account_id,
                               date_trunc('month', scrap.date_done)::date,
                               0.0, 0.0, scrap.scrap_qty,
                               scrap.scrap_qty * COALESCE(scrap.property_unit_cost, 0.0),
                               0.0, 0.0, 0.0
                          FROM stock_scrap scrap
                          JOIN product_product product ON product.id = scrap.product_id
                          JOIN product_template template ON template.id = product.product_tmpl_id
                          JOIN product_category categ ON categ.id = template.categ_id
                         WHERE scrap.state = 'done' AND categ.property_consumable
                     UNION ALL
                        SELECT move.company_id, NULL, template.categ_id, move.product_id, NULL,
                               date_trunc('month', move.date)::date,
                               0.0, 0.0, 0.0, 0.0,
                               CASE WHEN dest.usage = 'internal' THEN move.quantity
                                    ELSE -move.quantity END,
                               CASE WHEN dest.usage = 'internal' THEN move.quantity
                                    ELSE -move.quantity END
                                 * COALESCE((product.standard_price
                                             ->> move.company_id::text)::numeric, 0.0),
                               0.0
                          FROM stock_move move
                          JOIN stock_location dest ON dest.id = move.location_dest_id
                          JOIN product_product product ON product.id = move.product_id
                          JOIN product_template template ON template.id = product.product_tmpl_id
                          JOIN product_category categ ON categ.id = template.categ_id
                         WHERE move.state = 'done' AND move.is_inventory
                           AND categ.property_consumable
                     UNION ALL
                        SELECT item.company_id, department.id, NULL::int, NULL::int,
                               item.account_id, date_trunc('month', item.date_from)::date,
                               0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
                               item.balance * dist.pct::numeric / 100
                          FROM mis_budget_by_account_item item
                          JOIN mis_budget_by_account budget ON budget.id = item.budget_id
                          JOIN accounts ON accounts.company_id = item.company_id
                                       AND accounts.account_id = item.account_id,
                               %(item_split)s
                          JOIN hr_department department
                            ON department.analytic_account_id = split.analytic_id::int
                         WHERE budget.state = 'confirmed' AND budget.active
                           AND item.analytic_distribution IS NOT NULL
                           AND department.company_id = item.company_id
                    )
                    SELECT row_number() OVER (ORDER BY figures.company_id, figures.date,
                                              figures.department_id, figures.categ_id,
                                              figures.product_id, figures.account_id) AS id,
                           figures.company_id, company.currency_id, figures.department_id,
                           figures.categ_id, figures.product_id, figures.account_id,
                           figures.date,
                           SUM(figures.issued_qty) AS issued_qty,
                           SUM(figures.issued_value) AS issued_value,
                           SUM(figures.scrapped_qty) AS scrapped_qty,
                           SUM(figures.scrapped_value) AS scrapped_value,
                           SUM(figures.count_qty) AS count_qty,
                           SUM(figures.count_value) AS count_value,
                           SUM(figures.issued_value) + SUM(figures.scrapped_value) AS consumption,
                           SUM(figures.budget) AS budget,
                           SUM(figures.budget) - SUM(figures.issued_value)
                               - SUM(figures.scrapped_value) AS remaining
                      FROM figures
                      JOIN res_company company ON company.id = figures.company_id
                  GROUP BY figures.company_id, company.currency_id, figures.department_id,
                           figures.categ_id, figures.product_id, figures.account_id, figures.date
                )
                """,
                table=SQL.identifier(self._table),
                item_split=analytic_split("item.analytic_distribution"),
            )
        )
