from odoo import api, fields, models
from odoo.exceptions import AccessError


class PropertyFinanceLockWizard(models.TransientModel):
    """FIN-1: the finance manager locks (or reopens) the periods of their company."""

    _name = "property.finance.lock.wizard"
    _description = "Lock Periods"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    fiscalyear_lock_date = fields.Date(string="Lock Everything Until")
    sale_lock_date = fields.Date(string="Lock Sales Until")
    tax_lock_date = fields.Date(string="Lock Tax Returns Until")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env.company
        for fname in ("fiscalyear_lock_date", "sale_lock_date", "tax_lock_date"):
            if fname in fields_list:
                values[fname] = company[fname]
        return values

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("property_finance.group_finance_manager"):
            raise AccessError(self.env._("Only a finance manager may lock or unlock periods."))
        self.company_id.sudo().write(
            {
                "fiscalyear_lock_date": self.fiscalyear_lock_date,
                "sale_lock_date": self.sale_lock_date,
                "tax_lock_date": self.tax_lock_date,
            }
        )
        return {"type": "ir.actions.act_window_close"}
