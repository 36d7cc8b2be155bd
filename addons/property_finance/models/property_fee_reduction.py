from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyFeeReduction(models.Model):
    """减免: a share of a unit's fees waived over a period (vacant unit, hardship), applied by
    the billing run as its own negative line, only once approved by the finance manager."""

    _name = "property.fee.reduction"
    _description = "Fee Reduction"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state",)

    unit_id = fields.Many2one(
        "property.unit", required=True, index=True, ondelete="restrict", check_company=True
    )
    project_id = fields.Many2one(related="unit_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    fee_item_id = fields.Many2one(
        "property.fee.item",
        check_company=True,
        help="The fee item reduced; empty: every fee item of the unit.",
    )
    reason = fields.Selection(
        [("vacant", "Vacant Unit"), ("hardship", "Hardship"), ("other", "Other")],
        required=True,
        default="vacant",
        tracking=True,
    )
    rate = fields.Float(
        string="Reduction (%)",
        required=True,
        default=30.0,
        tracking=True,
        help="Share of the fee waived.",
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    note = fields.Text(string="Justification")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting for Approval"),
            ("approved", "Approved"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )

    _sql_constraints = [
        (
            "rate_range",
            "CHECK(rate > 0 AND rate <= 100)",
            "A reduction is more than 0 % and at most 100 % of the fee.",
        ),
        ("dates_order", "CHECK(date_to >= date_from)", "A reduction cannot end before it starts."),
    ]

    @api.depends("unit_id", "reason")
    def _compute_display_name(self):
        reasons = dict(self._fields["reason"]._description_selection(self.env))
        for reduction in self:
            reduction.display_name = (
                f"{reduction.unit_id.display_name} {reasons.get(reduction.reason, '')}"
            )

    def write(self, vals):
        terms = {"unit_id", "fee_item_id", "rate", "date_from", "date_to", "reason"}
        if (
            not self.env.su
            and terms.intersection(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "A submitted or approved reduction cannot be changed; ask for a new one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Submitted or approved reductions are kept; they cannot be deleted.")
            )

    @api.model
    def _get_applicable(self, units, date_from, date_to):
        """Approved reductions of ``units`` covering the period, in one query."""
        return self.sudo().search(
            [
                ("unit_id", "in", units.ids),
                ("state", "=", "approved"),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ]
        )
