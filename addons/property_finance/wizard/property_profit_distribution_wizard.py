from odoo import api, fields, models
from odoo.exceptions import UserError

FIGURES = (
    "net_profit",
    "prior_losses",
    "losses_covered",
    "profit_after_losses",
    "reserve_before",
    "statutory_reserve",
    "distributable_profit",
)


class PropertyProfitDistributionWizard(models.TransientModel):
    """FIN-10: the accountant's wizard for a closed fiscal year: it shows what the ledger and
    the Company Law give (prior losses covered, statutory reserve), takes what the board
    resolution decides, and submits the distribution with its draft entry for approval."""

    _name = "property.profit.distribution.wizard"
    _description = "Distribute the Profit of a Closed Year"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    fiscal_year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year - 1
    )
    board_resolution_ref = fields.Char(string="Board Resolution", required=True)
    board_resolution_date = fields.Date(required=True)
    board_resolution_file = fields.Binary(string="Board Resolution Document", required=True)
    board_resolution_filename = fields.Char()
    discretionary_reserve = fields.Monetary()
    dividend = fields.Monetary(string="Dividends")
    problem = fields.Char(compute="_compute_figures")
    net_profit = fields.Monetary(compute="_compute_figures")
    prior_losses = fields.Monetary(compute="_compute_figures")
    losses_covered = fields.Monetary(string="Prior Losses Covered", compute="_compute_figures")
    profit_after_losses = fields.Monetary(
        string="Profit after Covering Losses", compute="_compute_figures"
    )
    reserve_before = fields.Monetary(string="Statutory Reserve Before", compute="_compute_figures")
    statutory_reserve = fields.Monetary(compute="_compute_figures")
    distributable_profit = fields.Monetary(compute="_compute_figures")
    undistributed_after = fields.Monetary(
        string="Undistributed Profit Carried Forward", compute="_compute_figures"
    )

    @api.depends("company_id", "fiscal_year", "discretionary_reserve", "dividend")
    def _compute_figures(self):
        Distribution = self.env["property.profit.distribution"]
        for wizard in self:
            values = dict.fromkeys(FIGURES, 0.0)
            wizard.problem = False
            try:
                values.update(
                    {
                        k: v
                        for k, v in Distribution._get_figures(
                            wizard.company_id, wizard.fiscal_year
                        ).items()
                        if k in FIGURES
                    }
                )
            except UserError as error:
                wizard.problem = error.args[0]
            wizard.update(values)
            wizard.undistributed_after = (
                values["distributable_profit"] - wizard.discretionary_reserve - wizard.dividend
            )

    def action_confirm(self):
        """Create the distribution, attach the resolution and submit it for approval."""
        self.ensure_one()
        if self.problem:
            raise UserError(self.problem)
        with self.env.cr.savepoint():
            return self._create_distribution()

    def _create_distribution(self):
        distribution = self.env["property.profit.distribution"].create(
            {
                "company_id": self.company_id.id,
                "fiscal_year": self.fiscal_year,
                "board_resolution_ref": self.board_resolution_ref,
                "board_resolution_date": self.board_resolution_date,
                "discretionary_reserve": self.discretionary_reserve,
                "dividend": self.dividend,
            }
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.board_resolution_filename or self.board_resolution_ref,
                "datas": self.board_resolution_file,
                "res_model": distribution._name,
                "res_id": distribution.id,
            }
        )
        distribution.board_resolution_attachment_ids = attachment
        distribution.action_approval_submit()
        return {
            "type": "ir.actions.act_window",
            "res_model": distribution._name,
            "res_id": distribution.id,
            "view_mode": "form",
        }
