from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

ACCOUNTANT = "property_finance.group_finance_accountant"


class ProductCategory(models.Model):
    _inherit = "product.category"

    property_consumable = fields.Boolean(
        string="Low-Value Consumables",
        help="FIN-5: products of this category are low-value consumables [低值易耗品]: issued to "
        "departments on approved requests, scrapped with a reason and counted periodically.",
    )
    property_expense_account_id = fields.Many2one(
        "account.account",
        string="Consumables Expense Account",
        company_dependent=True,
        help="FIN-5: the expense account the consumption of this category is budgeted on "
        "(default: the category's expense account).",
    )

    def _property_consumable_account(self):
        """The consumables expense account of the category in the current company."""
        self.ensure_one()
        return self.property_expense_account_id or self.property_account_expense_categ_id


class StockLocation(models.Model):
    _inherit = "stock.location"

    property_consumable_location = fields.Boolean(
        string="Consumables Issue Location",
        help="FIN-5: the virtual location low-value consumables issued to departments go to.",
    )


class ResCompany(models.Model):
    _inherit = "res.company"

    def _property_consumable_warehouse(self):
        self.ensure_one()
        warehouse = (
            self.env["stock.warehouse"]
            .sudo()
            .search([("company_id", "=", self.id)], order="sequence, id", limit=1)
        )
        if not warehouse:
            raise UserError(self.env._("Company %(company)s has no warehouse.", company=self.name))
        return warehouse

    def _property_consumable_location(self):
        """The company's issue location 低值易耗品领用 (made on first use)."""
        self.ensure_one()
        Location = self.env["stock.location"].sudo()
        location = Location.search(
            [("property_consumable_location", "=", True), ("company_id", "=", self.id)], limit=1
        )
        if not location:
            location = Location.create(
                {
                    "name": self.env._("Consumables Issued"),
                    "usage": "inventory",
                    "property_consumable_location": True,
                    "company_id": self.id,
                    "location_id": self.env.ref("stock.stock_location_locations_virtual").id,
                }
            )
        return location


class PropertyConsumableRequest(models.Model):
    """领用申请 (FIN-5, 篇3 第十二条): a department asks for low-value consumables; once its
    department head approves, the accountant issues them out of stock in one validated
    transfer, at their cost at the time of issue."""

    _name = "property.consumable.request"
    _description = "Consumable Request"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state", "issue_date", "issue_user_id", "picking_id")

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    department_id = fields.Many2one(
        "hr.department",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        default=lambda self: self.env.user.employee_ids.filtered(
            lambda e: e.company_id == self.env.company
        )[:1].department_id,
    )
    requester_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    reason = fields.Char(required=True, tracking=True)
    line_ids = fields.One2many("property.consumable.request.line", "request_id", string="Lines")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Waiting for Approval"),
            ("approved", "Approved"),
            ("issued", "Issued"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    issue_date = fields.Date(readonly=True, copy=False)
    issue_user_id = fields.Many2one("res.users", string="Issued By", readonly=True, copy=False)
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True, copy=False)
    total_value = fields.Monetary(compute="_compute_total_value", store=True, string="Value")

    @api.depends("line_ids.value")
    def _compute_total_value(self):
        for request in self:
            request.total_value = sum(request.line_ids.mapped("value"))

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("property.consumable.request") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        terms = {"department_id", "company_id", "date", "requester_id"}
        if (
            not self.env.su
            and terms.intersection(vals)
            and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._("A submitted consumable request's department and date cannot change.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("Submitted consumable requests are kept; they cannot be deleted.")
            )

    def _check_lines_editable(self):
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(
                self.env._("The lines of a submitted consumable request cannot change.")
            )

    # Approval

    def _approval_check_can_submit(self):
        result = super()._approval_check_can_submit()
        empty = self.filtered(lambda r: not r.line_ids)
        if empty:
            raise UserError(
                self.env._(
                    "Consumable request %(request)s has no line to submit.",
                    request=empty[0].display_name,
                )
            )
        return result

    def _approval_get_department(self):
        """The head of the requesting department (its parent when the requester heads it)."""
        self.ensure_one()
        department = self.sudo().department_id
        while department and department.manager_id.user_id == self.env.user:
            department = department.parent_id
        return department

    # Actions

    def action_issue(self):
        """The accountant issues approved requests out of stock (出库): one validated transfer
        per company for the whole batch, its costs stamped on the lines."""
        self._check_can_issue()
        self._do_issue()
        return True

    # Checks

    def _check_can_issue(self):
        if not self.env.su and not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(self.env._("Only an accountant issues consumables."))
        self.check_access("write")
        not_approved = self.filtered(lambda r: r.state != "approved")
        if not_approved:
            raise UserError(
                self.env._(
                    "Consumable request %(request)s cannot be issued: it is not approved.",
                    request=not_approved[0].display_name,
                )
            )
        for company, requests in self.grouped("company_id").items():
            location = company._property_consumable_warehouse().lot_stock_id
            lines = requests.line_ids
            asked = defaultdict(float)
            for line in lines:
                asked[line.product_id] += line.product_uom_id._compute_quantity(
                    line.quantity, line.product_id.uom_id
                )
            # on hand less what other transfers reserved
            available = {
                product: quantity - reserved
                for product, quantity, reserved in self.env["stock.quant"]
                .sudo()
                ._read_group(
                    [
                        ("product_id", "in", lines.product_id.ids),
                        ("location_id", "child_of", location.id),
                        ("company_id", "=", company.id),
                    ],
                    ["product_id"],
                    ["quantity:sum", "reserved_quantity:sum"],
                )
            }
            for product, quantity in asked.items():
                stock = available.get(product, 0.0)
                rounding = product.uom_id.rounding
                if float_compare(quantity, stock, precision_rounding=rounding) > 0:
                    raise UserError(
                        self.env._(
                            "Not enough %(product)s in stock: %(asked)s %(uom)s asked, "
                            "%(available)s available.",
                            product=product.display_name,
                            asked=quantity,
                            available=stock,
                            uom=product.uom_id.name,
                        )
                    )

    # Business

    def _do_issue(self):
        today = fields.Date.context_today(self)
        for company, requests in self.grouped("company_id").items():
            requests = requests.sudo().with_company(company)
            warehouse = company._property_consumable_warehouse()
            destination = company._property_consumable_location()
            picking_type = warehouse.int_type_id
            lines = requests.line_ids
            by_product = lines.grouped("product_id")
            picking = (
                self.env["stock.picking"]
                .sudo()
                .with_company(company)
                .create(
                    {
                        "picking_type_id": picking_type.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": destination.id,
                        "origin": ", ".join(requests.mapped("name"))[:250],
                        "company_id": company.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": product.display_name,
                                    "product_id": product.id,
                                    "product_uom": product.uom_id.id,
                                    "product_uom_qty": sum(
                                        line.product_uom_id._compute_quantity(
                                            line.quantity, product.uom_id
                                        )
                                        for line in product_lines
                                    ),
                                    "location_id": warehouse.lot_stock_id.id,
                                    "location_dest_id": destination.id,
                                    "company_id": company.id,
                                }
                            )
                            for product, product_lines in by_product.items()
                        ],
                    }
                )
            )
            picking.action_confirm()
            picking.action_assign()
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.with_context(skip_backorder=True, cancel_backorder=True)._action_done()
            moves = {move.product_id: move for move in picking.move_ids}
            for product, product_lines in by_product.items():
                product = product.with_company(company)
                product_lines._protected_write(
                    {
                        "unit_cost": product.standard_price,
                        "account_id": product.categ_id._property_consumable_account().id,
                        "move_id": moves[product].id,
                    }
                )
            requests._protected_write(
                {
                    "state": "issued",
                    "issue_date": today,
                    "issue_user_id": self.env.uid,
                    "picking_id": picking.id,
                }
            )


class PropertyConsumableRequestLine(models.Model):
    _name = "property.consumable.request.line"
    _description = "Consumable Request Line"
    _inherit = ["property.protected.mixin"]
    _order = "request_id, id"
    _check_company_auto = True
    _protected_fields = ("unit_cost", "account_id", "move_id")

    request_id = fields.Many2one(
        "property.consumable.request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="request_id.currency_id")
    department_id = fields.Many2one(related="request_id.department_id", store=True)
    state = fields.Selection(related="request_id.state", string="Request Status")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        domain="[('categ_id.property_consumable', '=', True), ('is_storable', '=', True)]",
    )
    product_uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_product_uom_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    unit_cost = fields.Monetary(readonly=True, copy=False, help="The product's cost at issue.")
    value = fields.Monetary(compute="_compute_value", store=True)
    account_id = fields.Many2one("account.account", string="Expense Account", readonly=True)
    move_id = fields.Many2one("stock.move", string="Stock Move", readonly=True, copy=False)

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "A request line's quantity is more than zero.",
        ),
    ]

    @api.depends("product_id")
    def _compute_product_uom_id(self):
        for line in self:
            line.product_uom_id = line.product_id.uom_id

    @api.depends("quantity", "unit_cost")
    def _compute_value(self):
        for line in self:
            line.value = line.quantity * line.unit_cost

    @api.constrains("product_id")
    def _check_consumable(self):
        for line in self:
            if not (line.product_id.categ_id.property_consumable and line.product_id.is_storable):
                raise UserError(
                    self.env._(
                        "%(product)s is not a low-value consumable: choose a storable product "
                        "of a category of consumables.",
                        product=line.product_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            requests = self.env["property.consumable.request"].browse(
                {vals.get("request_id") for vals in vals_list} - {None, False}
            )
            requests._check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.request_id._check_lines_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        self.request_id._check_lines_editable()


class StockScrap(models.Model):
    """报废 (FIN-5): a scrap of low-value consumables names its department and its reason;
    its cost at the time of scrapping is stamped for the consumption report."""

    _name = "stock.scrap"
    _inherit = ["stock.scrap", "property.protected.mixin"]
    _protected_fields = ("property_unit_cost", "property_account_id")

    property_consumable = fields.Boolean(
        related="product_id.categ_id.property_consumable", string="Low-Value Consumable"
    )
    property_department_id = fields.Many2one(
        "hr.department", string="Department", check_company=True, index=True
    )
    property_scrap_reason = fields.Char(string="Reason for Scrapping")
    property_unit_cost = fields.Float(
        string="Unit Cost", readonly=True, copy=False, digits="Product Price"
    )
    property_account_id = fields.Many2one(
        "account.account", string="Expense Account", readonly=True, copy=False
    )

    def do_scrap(self):
        consumables = self.filtered("property_consumable")
        for scrap in consumables:
            if not (scrap.property_scrap_reason or "").strip():
                raise UserError(
                    self.env._(
                        "A scrap of the low-value consumable %(product)s needs a reason.",
                        product=scrap.product_id.display_name,
                    )
                )
            if not scrap.property_department_id:
                raise UserError(
                    self.env._(
                        "A scrap of the low-value consumable %(product)s needs the department "
                        "it belongs to.",
                        product=scrap.product_id.display_name,
                    )
                )
        result = super().do_scrap()
        for scrap in consumables:
            product = scrap.product_id.with_company(scrap.company_id)
            scrap._protected_write(
                {
                    "property_unit_cost": product.standard_price,
                    "property_account_id": product.categ_id._property_consumable_account().id,
                }
            )
        return result
