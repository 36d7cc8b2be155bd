from odoo import fields, models, tools
from odoo.tools import SQL

AGE_BUCKETS = [
    ("0_not_due", "Not Due"),
    ("1_30", "1–30 Days"),
    ("2_60", "31–60 Days"),
    ("3_90", "61–90 Days"),
    ("4_180", "91–180 Days"),
    ("5_older", "Over 180 Days"),
]


class PropertyReceivableAging(models.Model):
    """账龄 (FIN-6): what each owner still owes on our bills, per unit, building and project,
    by age relative to today; one row per open bill line (its share of the bill's residual),
    read from one SQL view."""

    _name = "property.receivable.aging"
    _description = "Receivable Aging"
    _auto = False
    _order = "date_due, id"
    _rec_name = "move_id"
    _depends = {
        "account.move": [
            "move_type",
            "state",
            "payment_state",
            "amount_total",
            "amount_residual_signed",
            "commercial_partner_id",
            "company_id",
            "invoice_date",
            "invoice_date_due",
            "property_project_id",
        ],
        "account.move.line": [
            "move_id",
            "company_currency_id",
            "price_total",
            "property_unit_id",
            "fee_item_id",
            "fee_line_kind",
            "fee_period",
            "fee_project_id",
        ],
        "property.unit": ["building_id", "project_id"],
    }

    move_id = fields.Many2one("account.move", string="Bill", readonly=True)
    move_line_id = fields.Many2one("account.move.line", string="Bill Line", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Payer", readonly=True)
    unit_id = fields.Many2one("property.unit", string="Unit", readonly=True)
    building_id = fields.Many2one("property.building", string="Building", readonly=True)
    project_id = fields.Many2one("property.project", string="Project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    fee_item_id = fields.Many2one("property.fee.item", readonly=True)
    fee_line_kind = fields.Selection(
        [("fee", "Fee"), ("reduction", "Reduction"), ("late_fee", "Late Fee")],
        string="Fee Line Type",
        readonly=True,
    )
    fee_period = fields.Date(string="Service Month", readonly=True)
    date = fields.Date(string="Bill Date", readonly=True)
    date_due = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    age_bucket = fields.Selection(AGE_BUCKETS, string="Age", readonly=True)
    amount_residual = fields.Monetary(string="Amount Due", readonly=True)
    amount_not_due = fields.Monetary(string="Not Due", readonly=True)
    amount_1_30 = fields.Monetary(string="1–30", readonly=True)
    amount_31_60 = fields.Monetary(string="31–60", readonly=True)
    amount_61_90 = fields.Monetary(string="61–90", readonly=True)
    amount_91_180 = fields.Monetary(string="91–180", readonly=True)
    amount_older = fields.Monetary(string="Over 180", readonly=True)

    def init(self):
        cr = self.env.cr
        tools.drop_view_if_exists(cr, self._table)
        cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
        # what the view reads, in two partial indexes: the open customer invoices and the fee
        # lines (a small part of a ledger), so that PostgreSQL reads them without the rest
        cr.execute(
            """
            CREATE INDEX IF NOT EXISTS account_move_property_open_invoice_idx
                ON account_move (id)
               INCLUDE (commercial_partner_id, company_id, invoice_date, invoice_date_due,
                        amount_residual_signed, amount_total)
             WHERE move_type = 'out_invoice'
               AND state = 'posted'
               AND payment_state IN ('not_paid', 'partial')
               AND amount_total <> 0;
            CREATE INDEX IF NOT EXISTS account_move_line_property_fee_line_idx
                ON account_move_line (move_id)
               INCLUDE (fee_project_id, property_unit_id, price_total, fee_line_kind)
             WHERE fee_line_kind IS NOT NULL
            """
        )

    def _query(self):
        bucket_amounts = SQL(", ").join(
            SQL(
                "CASE WHEN %s THEN share.amount ELSE 0 END AS %s",
                SQL(condition),
                SQL.identifier(column),
            )
            for column, condition in (
                ("amount_not_due", "share.days <= 0"),
                ("amount_1_30", "share.days BETWEEN 1 AND 30"),
                ("amount_31_60", "share.days BETWEEN 31 AND 60"),
                ("amount_61_90", "share.days BETWEEN 61 AND 90"),
                ("amount_91_180", "share.days BETWEEN 91 AND 180"),
                ("amount_older", "share.days > 180"),
            )
        )
        return SQL(
            """
            SELECT share.*,
                   CASE WHEN share.days <= 0 THEN '0_not_due'
                        WHEN share.days <= 30 THEN '1_30'
                        WHEN share.days <= 60 THEN '2_60'
                        WHEN share.days <= 90 THEN '3_90'
                        WHEN share.days <= 180 THEN '4_180'
                        ELSE '5_older' END AS age_bucket,
                   share.days AS days_overdue,
                   share.amount AS amount_residual,
                   %(bucket_amounts)s
              FROM (
                SELECT line.id AS id,
                       line.id AS move_line_id,
                       move.id AS move_id,
                       move.commercial_partner_id AS partner_id,
                       line.property_unit_id AS unit_id,
                       unit.building_id AS building_id,
                       line.fee_project_id AS project_id,
                       move.company_id AS company_id,
                       line.company_currency_id AS currency_id,
                       line.fee_item_id AS fee_item_id,
                       line.fee_line_kind AS fee_line_kind,
                       line.fee_period AS fee_period,
                       move.invoice_date AS date,
                       COALESCE(move.invoice_date_due, move.invoice_date) AS date_due,
                       (CURRENT_DATE - COALESCE(move.invoice_date_due, move.invoice_date))
                           AS days,
                       ROUND(move.amount_residual_signed * line.price_total
                             / move.amount_total, 2) AS amount
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
             LEFT JOIN property_unit unit ON unit.id = line.property_unit_id
                 WHERE line.fee_line_kind IS NOT NULL
                   AND move.move_type = 'out_invoice'
                   AND move.state = 'posted'
                   AND move.payment_state IN ('not_paid', 'partial')
                   AND move.amount_total <> 0
              ) share
            """,
            bucket_amounts=bucket_amounts,
        )
