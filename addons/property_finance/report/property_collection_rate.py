from odoo import fields, models, tools
from odoo.tools import SQL


class PropertyCollectionRate(models.Model):
    """收缴率: per project and service month, what the billing runs billed, what has been
    collected of it until today and the rate; the rate of any grouping is computed from the
    grouped sums (collected / billed), never an average of rates."""

    _name = "property.collection.rate"
    _description = "Collection Rate"
    _auto = False
    _order = "period desc, project_id"
    _rec_name = "project_id"
    _depends = {
        "account.move": [
            "move_type",
            "state",
            "payment_state",
            "amount_total_signed",
            "amount_residual_signed",
            "property_billing_run_id",
        ],
        "property.billing.run": ["project_id", "company_id", "period_start"],
    }

    project_id = fields.Many2one("property.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    period = fields.Date(string="Service Month", readonly=True)
    bill_count = fields.Integer(string="Bills", readonly=True)
    amount_billed = fields.Monetary(string="Billed", readonly=True)
    amount_collected = fields.Monetary(string="Collected", readonly=True)
    amount_residual = fields.Monetary(string="Outstanding", readonly=True)
    collection_rate = fields.Float(string="Collection Rate (%)", readonly=True, digits=(16, 2))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT MIN(move.id) AS id,
                           run.project_id AS project_id,
                           run.company_id AS company_id,
                           company.currency_id AS currency_id,
                           run.period_start AS period,
                           COUNT(*) AS bill_count,
                           SUM(move.amount_total_signed) AS amount_billed,
                           SUM(move.amount_total_signed - move.amount_residual_signed)
                               AS amount_collected,
                           SUM(move.amount_residual_signed) AS amount_residual,
                           ROUND(100.0 * SUM(move.amount_total_signed
                                             - move.amount_residual_signed)
                                 / NULLIF(SUM(move.amount_total_signed), 0), 2)
                               AS collection_rate
                      FROM account_move move
                      JOIN property_billing_run run ON run.id = move.property_billing_run_id
                      JOIN res_company company ON company.id = run.company_id
                     WHERE move.state = 'posted'
                       AND move.move_type = 'out_invoice'
                       AND move.payment_state != 'reversed'
                  GROUP BY run.project_id, run.company_id, company.currency_id, run.period_start
                )
                """,
                SQL.identifier(self._table),
            )
        )

    def _read_group_select(self, aggregate_spec, query):
        """The rate of a group is its collected sum over its billed sum."""
        if aggregate_spec.startswith("collection_rate:"):
            collected = self._read_group_select("amount_collected:sum", query)
            billed = self._read_group_select("amount_billed:sum", query)
            return SQL("ROUND(100.0 * %s / NULLIF(%s, 0), 2)", collected, billed)
        return super()._read_group_select(aggregate_spec, query)
