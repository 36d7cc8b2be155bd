from odoo import api, models


class MisBudgetByAccountItem(models.Model):
    """A budget's items are its amounts: they change only while the budget is a draft."""

    _inherit = "mis.budget.by.account.item"

    @api.model_create_multi
    def create(self, vals_list):
        budget_ids = {vals.get("budget_id") for vals in vals_list}
        self.env["mis.budget.by.account"].browse(budget_ids - {None, False})._check_items_editable()
        return super().create(vals_list)

    def write(self, vals):
        budgets = self.budget_id
        if "budget_id" in vals:
            budgets |= budgets.browse(vals["budget_id"])
        budgets._check_items_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed_budget(self):
        self.budget_id._check_items_editable()
