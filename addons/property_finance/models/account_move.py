from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.sql import column_exists, create_column

# billing results on the invoice lines: written by the billing run and the late-fee cron only
LINE_FIELDS = (
    "property_unit_id",
    "fee_item_id",
    "fee_standard_id",
    "fee_period",
    "fee_line_kind",
    "fee_billing_key",
    "meter_reading_id",
    "late_fee_source_move_id",
    "fee_project_id",
)
# what a posted bill says: never edited, only credited
BILL_TERMS = (
    "product_id",
    "name",
    "quantity",
    "price_unit",
    "discount",
    "tax_ids",
    "account_id",
    "partner_id",
    "debit",
    "credit",
    "balance",
    "amount_currency",
)
MOVE_FIELDS = (
    "property_billing_run_id",
    "late_fee_billed_until",
    "late_fee_billed_amount",
    "property_dunning_level_id",
)


def billing_protected_message(model, fnames, vals):
    labels = "、".join(model._fields[f]._description_string(model.env) for f in fnames if f in vals)
    return model.env._(
        "%(fields)s are billing results: only the billing run and the late-fee job "
        "write them, not a direct change.",
        fields=labels,
    )


class AccountMove(models.Model):
    _inherit = "account.move"

    property_billing_run_id = fields.Many2one(
        "property.billing.run", string="Billing Run", readonly=True, copy=False, index=True
    )
    property_project_id = fields.Many2one(
        related="property_billing_run_id.project_id", store=True, string="Project", index=True
    )
    late_fee_billed_until = fields.Date(
        readonly=True,
        copy=False,
        help="Late fees of this bill are invoiced up to this day.",
    )
    late_fee_billed_amount = fields.Monetary(
        string="Late Fees Billed", readonly=True, copy=False, currency_field="currency_id"
    )

    property_dunning_level_id = fields.Many2one(
        "property.dunning.level",
        string="Dunning Level",
        readonly=True,
        copy=False,
        help="The last dunning level this bill went through (written by the dunning run).",
    )

    def write(self, vals):
        if not self.env.su and set(vals).intersection(MOVE_FIELDS):
            raise UserError(self._billing_protected_message(MOVE_FIELDS, vals))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(v).intersection(MOVE_FIELDS) for v in vals_list):
            raise UserError(self._billing_protected_message(MOVE_FIELDS, vals_list[0]))
        return super().create(vals_list)

    def _property_reconcile_prepayments(self):
        """FIN-13: the partners' prepayments [预存款] (open credits on their receivable
        account) pay these new bills at once, oldest bill first, in one reconciliation plan."""
        invoices = self.filtered(lambda m: m.state == "posted" and m.is_sale_document())
        if not invoices:
            return
        open_lines = invoices.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        credits = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("company_id", "in", invoices.company_id.ids),
                    ("partner_id", "in", invoices.commercial_partner_id.ids),
                    ("account_id", "in", open_lines.account_id.ids),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                    ("amount_residual", "<", 0),
                ]
            )
        )
        if not credits:
            return
        groups = defaultdict(lambda: self.env["account.move.line"])
        for line in credits | open_lines:
            groups[(line.partner_id.commercial_partner_id.id, line.account_id.id)] |= line
        plan = [
            lines.sorted(lambda ln: (ln.date_maturity or ln.date, ln.id))
            for lines in groups.values()
            if lines & credits and lines & open_lines
        ]
        if plan:
            self.env["account.move.line"].sudo()._reconcile_plan(plan)

    def button_draft(self):
        """FIN-7: a posted bill of the billing run is never edited, only credited."""
        if not self.env.su and self.filtered("property_billing_run_id"):
            raise UserError(self._billed_never_edited_message())
        return super().button_draft()

    def _billed_never_edited_message(self):
        return self.env._(
            "A posted property fee bill is never edited: issue a credit note (and a new bill "
            "if needed) instead."
        )

    def _billing_protected_message(self, fnames, vals):
        return billing_protected_message(self, fnames, vals)

    def _post(self, soft=True):
        """FIN-1: a cashier posts payments and bank statements only, never an entry or an
        invoice (those are the accountant's)."""
        user = self.env.user
        if (
            not self.env.su
            and user.has_group("property_finance.group_finance_cashier")
            and not user.has_group("property_finance.group_finance_accountant")
        ):
            others = self.filtered(lambda m: not m.origin_payment_id and not m.statement_line_id)
            if others:
                raise AccessError(
                    self.env._(
                        "A cashier registers payments and bank statements; journal entries "
                        "and invoices such as %(move)s are prepared and posted by an "
                        "accountant.",
                        move=others[0].display_name,
                    )
                )
        return super()._post(soft=soft)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    property_unit_id = fields.Many2one(
        "property.unit", string="Unit", readonly=True, copy=False, index="btree_not_null"
    )
    fee_item_id = fields.Many2one(
        "property.fee.item", readonly=True, copy=False, index="btree_not_null"
    )
    fee_standard_id = fields.Many2one("property.fee.standard", readonly=True, copy=False)
    fee_period = fields.Date(string="Service Month", readonly=True, copy=False)
    fee_line_kind = fields.Selection(
        [("fee", "Fee"), ("reduction", "Reduction"), ("late_fee", "Late Fee")],
        string="Fee Line Type",
        readonly=True,
        copy=False,
    )
    fee_billing_key = fields.Char(readonly=True, copy=False)
    meter_reading_id = fields.Many2one(
        "property.meter.reading", readonly=True, copy=False, index="btree_not_null"
    )
    late_fee_source_move_id = fields.Many2one(
        "account.move", string="Late Fee Of", readonly=True, copy=False
    )
    # stored so that the aging view reads a fee line's project from the line
    # itself, without joining the unit and the late fee's source bill
    fee_project_id = fields.Many2one(
        "property.project",
        string="Fee Project",
        compute="_compute_fee_project_id",
        store=True,
        index="btree_not_null",
    )

    _sql_constraints = [
        (
            "fee_billing_key_uniq",
            "unique(fee_billing_key)",
            "This unit was already billed for this fee item and month.",
        ),
    ]

    def _auto_init(self):
        """Fill the new column in one UPDATE instead of computing every line of a large
        ledger in Python when the module is installed or upgraded."""
        cr = self.env.cr
        if not column_exists(cr, self._table, "fee_project_id") and column_exists(
            cr, self._table, "fee_line_kind"
        ):
            # an upgrade of a database that already holds fee lines (on a new install there
            # are none, and the ORM creates the column as usual)
            create_column(cr, self._table, "fee_project_id", "int4")
            cr.execute(
                """
                UPDATE account_move_line line
                   SET fee_project_id = COALESCE(unit.project_id, move.property_project_id,
                                                 source.property_project_id)
                  FROM account_move move, account_move_line fee
             LEFT JOIN property_unit unit ON unit.id = fee.property_unit_id
             LEFT JOIN account_move source ON source.id = fee.late_fee_source_move_id
                 WHERE fee.id = line.id
                   AND move.id = line.move_id
                   AND line.fee_line_kind IS NOT NULL
                """
            )
        return super()._auto_init()

    @api.depends(
        "fee_line_kind",
        "property_unit_id.project_id",
        "move_id.property_project_id",
        "late_fee_source_move_id.property_project_id",
    )
    def _compute_fee_project_id(self):
        for line in self:
            line.fee_project_id = line.fee_line_kind and (
                line.property_unit_id.project_id
                or line.move_id.property_project_id
                or line.late_fee_source_move_id.property_project_id
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(v).intersection(LINE_FIELDS) for v in vals_list):
            given = {f for v in vals_list for f in v}
            raise UserError(billing_protected_message(self, LINE_FIELDS, given))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if set(vals).intersection(LINE_FIELDS):
                raise UserError(billing_protected_message(self, LINE_FIELDS, vals))
            if set(vals).intersection(BILL_TERMS) and self.filtered(
                lambda line: line.fee_line_kind and line.parent_state == "posted"
            ):
                raise UserError(self.env["account.move"]._billed_never_edited_message())
        return super().write(vals)
