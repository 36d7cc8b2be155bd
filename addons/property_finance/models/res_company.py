from odoo import fields, models
from odoo.exceptions import AccessError

LOCK_FIELDS = (
    "fiscalyear_lock_date",
    "tax_lock_date",
    "sale_lock_date",
    "purchase_lock_date",
    "hard_lock_date",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    property_fee_due_days = fields.Integer(
        string="Fee Payment Term (days)",
        default=30,
        help="Days after the first day of the service month by which a fee bill is due.",
    )
    property_late_fee_rate = fields.Float(
        string="Late Fee Rate per Day (%)",
        digits=(16, 4),
        default=0.05,
        help="Percentage of the unpaid principal charged per day overdue, as the property "
        "service contract says (e.g. 0.05 % per day).",
    )
    property_late_fee_grace_days = fields.Integer(
        string="Late Fee Grace Period (days)",
        default=30,
        help="Days after the due date before late fees start.",
    )
    property_late_fee_product_id = fields.Many2one(
        "product.product",
        string="Late Fee Product",
        help="Product (income account, taxes) of the late fee lines.",
    )

    def write(self, vals):
        """FIN-1: only a finance manager locks or unlocks periods."""
        if (
            not self.env.su
            and set(vals).intersection(LOCK_FIELDS)
            and not self.env.user.has_group("account.group_account_manager")
        ):
            raise AccessError(self.env._("Only a finance manager may lock or unlock periods."))
        return super().write(vals)
