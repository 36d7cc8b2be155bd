from odoo import api, fields, models


class AccountAsset(models.Model):
    """FIN-4 (第十一条): the OCA asset register carries where an asset is (project, building),
    who keeps it (custodian, department) and a unique code printed as a QR label and scanned
    at the stocktake [固定资产清查]."""

    _inherit = "account.asset"

    property_project_id = fields.Many2one(
        "property.project",
        string="Project",
        index=True,
        tracking=True,
        check_company=True,
        help="The property project where the asset is located.",
    )
    building_id = fields.Many2one(
        "property.building",
        string="Building",
        index=True,
        tracking=True,
        domain="[('project_id', '=', property_project_id)]",
    )
    custodian_id = fields.Many2one(
        "hr.employee",
        string="Custodian",
        index=True,
        tracking=True,
        check_company=True,
        help="The employee who keeps the asset and answers for it.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="User Department",
        index=True,
        tracking=True,
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
    )
    # unique per company (below): a copied asset gets the next code of the sequence
    code = fields.Char(copy=False)
    stocktake_line_ids = fields.One2many(
        "property.asset.stocktake.line",
        "asset_id",
        string="Stocktake Lines",
        readonly=True,
        groups="property_finance.group_finance_accountant",
    )

    _sql_constraints = [
        (
            "property_code_company_unique",
            "UNIQUE(code, company_id)",
            "An asset code is used once per company: it is scanned at the stocktake.",
        ),
    ]

    @api.depends("custodian_id")
    def _compute_department_id(self):
        for asset in self.filtered("custodian_id"):
            asset.department_id = asset.custodian_id.department_id

    @api.onchange("property_project_id")
    def _onchange_property_project_id(self):
        if self.building_id.project_id != self.property_project_id:
            self.building_id = False

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        """Assets without a code get the next one of the asset sequence (for the QR label)."""
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if not vals.get("code"):
                company = vals.get("company_id") or self.env.company.id
                code = sequence.with_company(company).next_by_code("property.asset.code")
                if code:
                    vals["code"] = code
        return super().create(vals_list)
