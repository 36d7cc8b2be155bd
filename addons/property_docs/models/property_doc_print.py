from odoo import api, fields, models


class PropertyDocPrint(models.Model):
    """An entry of the print register QR-WD01-02-01 (5.1.4): the office prints only the
    effective version; kept one year."""

    _name = "property.doc.print"
    _description = "Print Register Entry"
    _inherit = ["mail.thread", "property.doc.register.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _form_number = "QR-WD01-02-01"
    _register_date_field = "date"
    _protected_fields = ("retention_expired",)

    document_id = fields.Many2one(
        "property.doc.document",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'effective')]",
    )
    version = fields.Integer(related="document_id.version")
    quantity = fields.Integer(required=True, default=1)
    department_id = fields.Many2one("hr.department", string="For Department", check_company=True)
    purpose = fields.Char()
    date = fields.Date(string="Printed On", required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Printed By", required=True, default=lambda self: self.env.user
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
    ]

    @api.depends("document_id", "date")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = f"{entry.document_id.display_name} {entry.date or ''}".strip()

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries.document_id._check_issuable("print")
        return entries

    def write(self, vals):
        result = super().write(vals)
        if "document_id" in vals:
            self.document_id._check_issuable("print")
        return result
