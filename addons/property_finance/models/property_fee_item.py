from odoo import api, fields, models
from odoo.exceptions import ValidationError

METHODS = [
    ("area", "Floor Area × Unit Price per Month"),
    ("fixed", "Fixed Amount per Unit per Month"),
    ("parking", "Per Parking Space per Month"),
    ("metered", "Metered (Consumption × Unit Price)"),
]


class PropertyFeeItem(models.Model):
    """收费项目: what is charged (a product: income account, taxes) and how it is computed."""

    _name = "property.fee.item"
    _description = "Fee Item"
    _inherit = ["mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        tracking=True,
        help="The invoice lines use this product's income account and customer taxes (e.g. 6 % "
        "VAT on property services; water and electricity their own rates).",
    )
    method = fields.Selection(
        METHODS, string="Billing Method", required=True, default="area", tracking=True
    )
    uom_label = fields.Char(
        string="Unit of Measure",
        translate=True,
        help="Shown in the public fee notice, e.g. yuan/m²/month, yuan/m³.",
    )
    late_fee = fields.Boolean(
        string="Late Fees Apply",
        default=True,
        help="Unpaid bills of this item accrue late fees after the grace period.",
    )
    active = fields.Boolean(default=True)
    standard_ids = fields.One2many("property.fee.standard", "fee_item_id", string="Fee Standards")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "A fee item name must be unique."),
    ]

    @api.constrains("product_id")
    def _check_product(self):
        for item in self:
            if item.product_id.type != "service":
                raise ValidationError(
                    self.env._(
                        "The product of fee item %(item)s must be a service.", item=item.name
                    )
                )
