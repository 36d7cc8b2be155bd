from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from odoo.addons.property_base.models.property_unit import USAGES

# what an approved standard fixes: changed only by a new standard (明码标价)
TERMS = ("fee_item_id", "price", "date_from", "project_ids", "usage", "company_id")


class PropertyFeeStandard(models.Model):
    """收费标准: the price of a fee item for projects and usages over a validity period.

    Billable only once approved (finance manager, then general manager); a newer approved
    standard of the same item and scope supersedes it from its own start date.
    """

    _name = "property.fee.standard"
    _description = "Fee Standard"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "fee_item_id, date_from desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "superseded_by_id", "date_to_effective")

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    fee_item_id = fields.Many2one(
        "property.fee.item", required=True, index=True, check_company=True, tracking=True
    )
    method = fields.Selection(related="fee_item_id.method")
    currency_id = fields.Many2one(related="company_id.currency_id")
    price = fields.Float(string="Unit Price", digits="Product Price", required=True, tracking=True)
    project_ids = fields.Many2many(
        "property.project",
        string="Projects",
        check_company=True,
        help="Projects the standard applies to; empty: every project of the company.",
    )
    usage = fields.Selection(
        USAGES, help="Usage of the units the standard applies to; empty: every usage."
    )
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(string="Valid To", tracking=True)
    date_to_effective = fields.Date(
        string="Effective Until",
        readonly=True,
        copy=False,
        help="End of validity: the standard's own end, or the day before a newer approved "
        "standard of the same scope starts.",
    )
    superseded_by_id = fields.Many2one(
        "property.fee.standard", string="Superseded By", readonly=True, copy=False
    )
    approval_document = fields.Char(
        string="Price Approval Document",
        help="The pricing authority's approval or the owners' assembly resolution (文号).",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting for Approval"),
            ("approved", "Effective"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )

    _sql_constraints = [
        ("price_positive", "CHECK(price >= 0)", "A unit price cannot be negative."),
        (
            "dates_order",
            "CHECK(date_to IS NULL OR date_to >= date_from)",
            "A fee standard cannot end before it starts.",
        ),
    ]

    # ORM overrides

    def write(self, vals):
        if not self.env.su and set(vals).intersection(TERMS + ("date_to",)):
            fixed = self.filtered(lambda s: s.state != "draft")
            if fixed:
                raise UserError(
                    self.env._(
                        "Fee standard %(standard)s is submitted or effective: its price, "
                        "scope and dates cannot change. Create a new standard; once approved "
                        "it supersedes this one.",
                        standard=fixed[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.filtered(lambda s: s.state != "draft"):
            raise UserError(
                self.env._(
                    "Submitted or effective fee standards are kept as the record of what was "
                    "charged; they cannot be deleted."
                )
            )

    # Approval hooks

    def _approval_on_approved(self):
        res = super()._approval_on_approved()
        for standard in self:
            standard._protected_write({"date_to_effective": standard.date_to})
            standard._supersede_older()
        return res

    def _supersede_older(self):
        """Older effective standards of the same item overlapping this scope end the day
        before this one starts; those starting on or after it are superseded entirely."""
        self.ensure_one()
        domain = [
            ("id", "!=", self.id),
            ("company_id", "=", self.company_id.id),
            ("fee_item_id", "=", self.fee_item_id.id),
            ("state", "=", "approved"),
            ("usage", "=", self.usage),
            "|",
            ("date_to_effective", "=", False),
            ("date_to_effective", ">=", self.date_from),
        ]
        if self.date_to:
            domain.append(("date_from", "<=", self.date_to))
        older = self.sudo().search(domain)
        older = older.filtered(lambda s: set(s.project_ids.ids) == set(self.project_ids.ids))
        later = older.filtered(lambda s: s.date_from >= self.date_from)
        later._protected_write({"state": "superseded", "superseded_by_id": self.id})
        (older - later)._protected_write(
            {"date_to_effective": self.date_from - timedelta(days=1), "superseded_by_id": self.id}
        )

    # Business

    @api.model
    def _billable_domain(self, company, day):
        """Effective standards valid on ``day``: approved, started, not ended or superseded."""
        return [
            ("company_id", "=", company.id),
            ("state", "=", "approved"),
            ("date_from", "<=", day),
            "|",
            ("date_to_effective", "=", False),
            ("date_to_effective", ">=", day),
        ]

    @api.model
    def _get_billable(self, company, projects, day):
        """Effective standards of ``projects`` on ``day`` in one query."""
        domain = expression.AND(
            [
                self._billable_domain(company, day),
                ["|", ("project_ids", "=", False), ("project_ids", "in", projects.ids)],
            ]
        )
        return self.sudo().search(domain, order="date_from desc, id desc")

    def _pick_for(self, unit):
        """The standard of each fee item for ``unit`` among these: a project-specific one
        before a company-wide one, a usage-specific one before one for every usage, the latest
        start first. Returns ``{fee item: standard}``."""
        best = {}
        for standard in self:
            if standard.project_ids and unit.project_id not in standard.project_ids:
                continue
            if standard.usage and standard.usage != unit.usage:
                continue
            key = (bool(standard.project_ids), bool(standard.usage), standard.date_from)
            current = best.get(standard.fee_item_id)
            if current is None or key > current[0]:
                best[standard.fee_item_id] = (key, standard)
        return {item: standard for item, (_key, standard) in best.items()}

    def _check_billable(self, day):
        """Raise when one of these standards may not be billed on ``day``."""
        for standard in self:
            if standard.state != "approved":
                raise UserError(
                    self.env._(
                        "Fee standard %(standard)s is not approved and cannot be billed "
                        "(不得乱收费).",
                        standard=standard.display_name,
                    )
                )
            if standard.date_from > day or (
                standard.date_to_effective and standard.date_to_effective < day
            ):
                raise UserError(
                    self.env._(
                        "Fee standard %(standard)s is not valid on %(day)s (expired, "
                        "superseded or not started) and cannot be billed.",
                        standard=standard.display_name,
                        day=day,
                    )
                )

    @api.constrains("fee_item_id", "usage")
    def _check_parking_usage(self):
        for standard in self:
            if standard.fee_item_id.method == "parking" and standard.usage not in (
                False,
                "parking",
            ):
                raise ValidationError(
                    self.env._("A per-parking-space standard applies to parking spaces only.")
                )
