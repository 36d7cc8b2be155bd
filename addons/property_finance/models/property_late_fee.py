from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round


class AccountMove(models.Model):
    _inherit = "account.move"

    def _property_late_fee_due(self, today):
        """``{bill: amount}``: the late fee [滞纳金] each bill owes from the end of its grace
        period (or its last late-fee billing) to ``today``, at the company's rate per day,
        capped so that all its late fees together never exceed its principal."""
        result = {}
        for bill in self:
            company = bill.company_id
            start = bill.invoice_date_due + timedelta(days=company.property_late_fee_grace_days)
            if bill.late_fee_billed_until and bill.late_fee_billed_until > start:
                start = bill.late_fee_billed_until
            days = (today - start).days
            principal = bill.amount_residual
            if days <= 0 or principal <= 0:
                continue
            amount = principal * company.property_late_fee_rate / 100.0 * days
            cap = bill.amount_total - bill.late_fee_billed_amount
            amount = float_round(min(amount, cap), precision_rounding=bill.currency_id.rounding)
            if amount > 0:
                result[bill] = amount
        return result

    @api.model
    def _property_late_fee_domain(self, today):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("property_billing_run_id", "!=", False),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<", today),
            ("invoice_line_ids.fee_item_id.late_fee", "=", True),
        ]

    def action_property_bill_late_fee(self):
        """Bill the late fees of these bills now (accountant); refused for a bill that is not
        overdue past its grace period."""
        if not self.env.user.has_group("property_finance.group_finance_accountant"):
            raise UserError(self.env._("Only an accountant bills late fees."))
        today = fields.Date.context_today(self)
        due = self._property_late_fee_due(today)
        not_overdue = self.filtered(lambda m: m not in due)
        if not_overdue or self.filtered_domain(self._property_late_fee_domain(today)) != self:
            raise UserError(
                self.env._(
                    "%(bill)s is not overdue past its grace period (or its late fees are "
                    "already billed up to today): no late fee is due.",
                    bill=(not_overdue or self)[0].display_name,
                )
            )
        return self.sudo()._property_bill_late_fees(due, today)

    @api.model
    def _cron_property_late_fees(self):
        """Daily: late fees of every overdue property bill, one late-fee bill per partner,
        in one batch."""
        today = fields.Date.context_today(self)
        bills = self.sudo().search(self._property_late_fee_domain(today))
        bills = bills.filtered(lambda m: m.company_id.property_late_fee_product_id)
        due = bills._property_late_fee_due(today)
        if due:
            self.sudo()._property_bill_late_fees(due, today)
        return True

    def _property_bill_late_fees(self, due, today):
        groups = defaultdict(list)
        for bill, amount in due.items():
            groups[(bill.company_id, bill.commercial_partner_id)].append((bill, amount))
        vals_list = []
        for (company, partner), items in groups.items():
            product = company.property_late_fee_product_id
            if not product:
                raise UserError(
                    self.env._(
                        "Set the late fee product of %(company)s first.", company=company.name
                    )
                )
            lines = [
                Command.create(
                    {
                        "product_id": product.id,
                        "name": self.env._(
                            "Late fee of %(bill)s until %(day)s", bill=bill.name, day=today
                        ),
                        "quantity": 1.0,
                        "price_unit": amount,
                        "fee_line_kind": "late_fee",
                        "late_fee_source_move_id": bill.id,
                        "fee_billing_key": f"L{bill.id}-{today}",
                    }
                )
                for bill, amount in items
            ]
            vals_list.append(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "invoice_date": today,
                    "invoice_line_ids": lines,
                }
            )
        moves = self.env["account.move"].sudo().create(vals_list)
        moves._post(soft=False)
        for bill, amount in due.items():
            bill.sudo().write(
                {
                    "late_fee_billed_until": today,
                    "late_fee_billed_amount": bill.late_fee_billed_amount + amount,
                }
            )
        return moves


class PropertyLateFeeWaiver(models.Model):
    """Waiver of a late fee [滞纳金减免]: once the finance manager approves, the late-fee bill
    is credited in full."""

    _name = "property.late.fee.waiver"
    _description = "Late Fee Waiver"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _protected_fields = ("state", "credit_note_id")

    move_id = fields.Many2one(
        "account.move",
        string="Late Fee Bill",
        required=True,
        check_company=True,
        domain=[("invoice_line_ids.fee_line_kind", "=", "late_fee"), ("state", "=", "posted")],
    )
    partner_id = fields.Many2one(related="move_id.partner_id")
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    amount = fields.Monetary(related="move_id.amount_total", currency_field="currency_id")
    currency_id = fields.Many2one(related="move_id.currency_id")
    reason = fields.Text(required=True)
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "Waiting for Approval"), ("approved", "Approved")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )

    @api.constrains("move_id")
    def _check_late_fee_bill(self):
        for waiver in self:
            if "late_fee" not in waiver.move_id.invoice_line_ids.mapped("fee_line_kind"):
                raise UserError(self.env._("Only a late-fee bill can be waived."))

    def _approval_on_approved(self):
        res = super()._approval_on_approved()
        for waiver in self:
            credit = waiver.move_id.sudo()._reverse_moves(
                [{"ref": self.env._("Late fee waived: %(reason)s", reason=waiver.reason)}],
                cancel=True,
            )
            waiver._protected_write({"credit_note_id": credit.id})
        return res
