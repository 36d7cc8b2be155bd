from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class PropertyBudgetOverrun(models.Model):
    """超预算审批 (FIN-3, 第二十条, 第二十一条): the request to post a vendor bill or an expense
    entry beyond the remaining budget of a project or department for an account and month.
    The finance manager approves it; the posting then passes for the approved excess."""

    _name = "property.budget.overrun"
    _description = "Budget Overrun Request"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    move_id = fields.Many2one(
        "account.move",
        string="Bill or Entry",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'draft')]",
        help="The draft vendor bill or expense entry that goes beyond the budget.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Project/Department",
        required=True,
        check_company=True,
    )
    account_id = fields.Many2one(
        "account.account", string="Account", required=True, check_company=True
    )
    date = fields.Date(
        string="Month",
        required=True,
        help="The budget month (first day) the excess falls in.",
    )
    amount = fields.Monetary(string="Amount over Budget", required=True)
    reason = fields.Text(help="Why the cost cannot wait for a budget adjustment.")
    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "Waiting for Approval"), ("approved", "Approved")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "The amount over budget is more than zero."),
    ]

    @api.depends("move_id", "analytic_account_id", "account_id", "date")
    def _compute_display_name(self):
        for request in self:
            request.display_name = " ".join(
                filter(
                    None,
                    [
                        request.move_id.name if request.move_id.name != "/" else "",
                        request.analytic_account_id.name,
                        request.account_id.code,
                        request.date and request.date.strftime("%Y-%m"),
                    ],
                )
            )

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            dict(vals, date=fields.Date.to_date(vals["date"]).replace(day=1))
            if vals.get("date")
            else vals
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        terms = {"move_id", "analytic_account_id", "account_id", "date", "amount", "company_id"}
        if (
            not self.env.su
            and terms.intersection(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "A submitted budget overrun request's bill, account, month and amount "
                    "cannot be changed."
                )
            )
        if vals.get("date"):
            vals = dict(vals, date=fields.Date.to_date(vals["date"]).replace(day=1))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Submitted budget overrun requests are kept; they cannot be deleted.")
            )

    # Approval

    def _approval_check_can_submit(self):
        result = super()._approval_check_can_submit()
        for request in self:
            if not (request.reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason of budget overrun request %(request)s before "
                        "submitting it.",
                        request=request.display_name,
                    )
                )
            if request.move_id.state != "draft":
                raise UserError(
                    self.env._(
                        "Budget overrun request %(request)s is for a bill that is no longer a "
                        "draft.",
                        request=request.display_name,
                    )
                )
            if (
                float_compare(request.amount, 0.0, precision_rounding=request.currency_id.rounding)
                <= 0
            ):
                raise UserError(self.env._("The amount over budget is more than zero."))
        return result
