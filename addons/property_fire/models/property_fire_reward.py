from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyFireReward(models.Model):
    """A reward for an owner's confirmed report of a fire-safety violation (FIRE-10):
    approved along the property_base approval engine, then paid through Accounting as a
    vendor bill to the reporter."""

    _name = "property.fire.reward"
    _description = "Fire-Safety Report Reward"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _protected_fields = ("state", "bill_id")

    violation_id = fields.Many2one(
        "property.fire.violation",
        string="Report",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        domain="[('report_state', '=', 'confirmed')]",
    )
    name = fields.Char(related="violation_id.name", string="Reference")
    partner_id = fields.Many2one(
        related="violation_id.reporter_partner_id", store=True, readonly=True, string="Reporter"
    )
    company_id = fields.Many2one(related="violation_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    note = fields.Text(string="Reason")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("billed", "Billed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    bill_id = fields.Many2one("account.move", string="Vendor Bill", readonly=True, copy=False)

    @api.constrains("violation_id", "amount")
    def _check_reward(self):
        for reward in self:
            if reward.violation_id.report_state != "confirmed":
                raise ValidationError(
                    self.env._(
                        "%(report)s is not a confirmed owner's report: it earns no reward.",
                        report=reward.violation_id.name,
                    )
                )
            if reward.amount <= 0:
                raise ValidationError(self.env._("A reward must be a positive amount."))

    def write(self, vals):
        if "amount" in vals and self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("The amount of a reward is fixed once it is submitted."))
        return super().write(vals)

    def action_create_bill(self):
        """The vendor bill of the approved reward to the reporter, in draft for Accounting
        to post and pay."""
        for reward in self:
            if reward.state != "approved":
                raise UserError(
                    self.env._(
                        "Only an approved reward is billed: %(report)s is not approved.",
                        report=reward.name,
                    )
                )
        Move = self.env["account.move"].sudo()
        for reward in self:
            bill = Move.with_company(reward.company_id).create(
                {
                    "move_type": "in_invoice",
                    "partner_id": reward.partner_id.id,
                    "ref": reward.name,
                    "invoice_date": fields.Date.context_today(self),
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "name": self.env._(
                                    "Reward for the fire-safety report %(report)s",
                                    report=reward.name,
                                ),
                                "quantity": 1,
                                "price_unit": reward.amount,
                                "tax_ids": [fields.Command.clear()],
                            }
                        )
                    ],
                }
            )
            reward._protected_write({"state": "billed", "bill_id": bill.id})

    def action_open_bill(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.bill_id.id,
            "view_mode": "form",
        }
