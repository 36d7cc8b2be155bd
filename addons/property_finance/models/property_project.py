from odoo import fields, models


class PropertyProject(models.Model):
    _inherit = "property.project"

    def _fee_notice_standards(self, day=None):
        """FIN-14: the fee standards effective in this project on ``day`` (today), for the
        public fee notice [收费公示]."""
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        standards = self.env["property.fee.standard"]._get_billable(self.company_id, self, day)
        return standards.sorted(lambda s: (s.fee_item_id.sequence, s.fee_item_id.id, s.usage or ""))


class PropertyProjectAnalytic(models.Model):
    _inherit = "property.project"

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic Account",
        check_company=True,
        tracking=True,
        help="FIN-3: the project's costs and budgets are booked on this analytic account.",
    )
