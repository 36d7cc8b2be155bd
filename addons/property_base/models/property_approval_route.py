from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval


class PropertyApprovalRoute(models.Model):
    """An ordered list of approval steps for one model, chosen by an optional condition."""

    _name = "property.approval.route"
    _description = "Approval Route"
    _order = "model_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(
        default=10, help="When several routes match a record, the first one is used."
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to use the route in every company.",
    )
    model_id = fields.Many2one(
        "ir.model",
        string="Model",
        required=True,
        ondelete="cascade",
        domain=lambda self: [("model", "in", self._approval_model_names())],
    )
    model_name = fields.Char(related="model_id.model", store=True, index=True, string="Model Name")
    domain = fields.Char(
        string="Condition",
        default="[]",
        help="Records matching this domain follow the route, e.g. [('amount', '>', 10000)].",
    )
    step_ids = fields.One2many(
        "property.approval.route.step", "route_id", string="Steps", copy=True
    )
    step_count = fields.Integer(compute="_compute_step_count")
    note = fields.Html()

    @api.depends("step_ids")
    def _compute_step_count(self):
        for route in self:
            route.step_count = len(route.step_ids)

    # Constraints

    @api.constrains("model_id")
    def _check_model_id(self):
        names = self._approval_model_names()
        for route in self.filtered(lambda r: r.model_id.model not in names):
            raise ValidationError(
                self.env._(
                    "The model %(model)s of route %(route)s does not use approvals.",
                    model=route.model_id.name,
                    route=route.name,
                )
            )

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        for route in self:
            try:
                self.env[route.model_name].search_count(route._get_domain(), limit=1)
            except (SyntaxError, ValueError, NameError, KeyError, TypeError) as error:
                raise ValidationError(
                    self.env._(
                        "The condition of route %(route)s is not valid: %(error)s",
                        route=route.name,
                        error=error,
                    )
                ) from error

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["property.approval.line"]
            .sudo()
            .search_count([("route_id", "in", self.ids)], limit=1)
        )
        if used:
            raise UserError(
                self.env._("A route that has been used cannot be deleted; archive it instead.")
            )

    # Business

    @api.model
    def _approval_model_names(self):
        """Return the names of the concrete models that inherit the approval mixin."""
        registry = self.env.registry
        names, todo = set(), ["property.approval.mixin"]
        while todo:
            children = set(registry[todo.pop()]._inherit_children) - names
            names |= children
            todo += children
        return sorted(name for name in names if name in registry and not registry[name]._abstract)

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid, "user": self.env.user})

    def _filter_records(self, records):
        """Return the records of ``records`` that satisfy the condition of this route."""
        self.ensure_one()
        domain = self._get_domain()
        if not domain:
            return records
        return records.with_context(active_test=False).search([("id", "in", records.ids), *domain])
