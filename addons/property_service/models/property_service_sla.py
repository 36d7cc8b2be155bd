from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CATEGORIES = [
    ("repair", "Repair"),
    ("complaint", "Complaint"),
    ("dispute", "Dispute"),
    ("inquiry", "Inquiry"),
    ("patrol", "Security Patrol"),
    ("facility", "Facility"),
    ("other", "Other"),
]
PRIORITIES = [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")]


class PropertyServiceSla(models.Model):
    _name = "property.service.sla"
    _description = "Service Level Policy"
    _order = "category, priority desc, team_id"
    _check_company_auto = True

    # composed of translated labels, so computed in the reader's language (not stored)
    name = fields.Char(compute="_compute_name", search="_search_name")
    category = fields.Selection(CATEGORIES, required=True)
    priority = fields.Selection(PRIORITIES, required=True, default="1")
    team_id = fields.Many2one(
        "property.service.team",
        check_company=True,
        help="Leave empty for a policy that applies to every team.",
    )
    response_hours = fields.Float(
        required=True, help="Working hours of the team until the first response."
    )
    resolution_hours = fields.Float(
        required=True, help="Working hours of the team until the ticket is resolved."
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty for a policy shared by all companies.",
    )
    active = fields.Boolean(default=True)

    @api.depends_context("lang")
    @api.depends("category", "priority", "team_id")
    def _compute_name(self):
        categories = dict(self._fields["category"]._description_selection(self.env))
        priorities = dict(self._fields["priority"]._description_selection(self.env))
        for sla in self:
            parts = [categories.get(sla.category), priorities.get(sla.priority), sla.team_id.name]
            sla.name = " / ".join(p for p in parts if p)

    def _search_name(self, operator, value):
        """Match the names as the reader reads them (a handful of policies: filtered here)."""
        if operator not in ("=", "!=", "ilike", "not ilike", "like", "not like", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the policy name."))
        negative = operator in ("!=", "not ilike", "not like", "not in")
        # a configuration table of a few dozen rows, read whole on purpose
        policies = self.with_context(active_test=False).search([])  # pylint: disable=no-search-all
        if operator in ("in", "not in"):
            names = set(value or ())
            matching = policies.filtered(lambda p: p.name in names)
        elif operator in ("=", "!="):
            matching = policies.filtered(lambda p: p.name == value)
        elif operator in ("like", "not like"):
            matching = policies.filtered(lambda p: str(value) in (p.name or ""))
        else:
            needle = str(value).lower()
            matching = policies.filtered(lambda p: needle in (p.name or "").lower())
        return [("id", "not in" if negative else "in", matching.ids)]

    @api.constrains("response_hours", "resolution_hours")
    def _check_hours(self):
        for sla in self:
            if sla.response_hours <= 0 or sla.resolution_hours < sla.response_hours:
                raise ValidationError(
                    self.env._(
                        "Policy %(policy)s: the response time must be positive and the "
                        "resolution time at least as long as the response time.",
                        policy=sla.name,
                    )
                )

    # Business
    @api.model
    def _find_for_tickets(self, tickets):
        """Best policy per ticket, one query for the batch: a team's own policy beats a
        general one, a company's own policy beats a shared one."""
        policies = self.sudo().search(
            [
                ("category", "in", list(set(tickets.mapped("category")))),
                ("company_id", "in", [*tickets.company_id.ids, False]),
            ]
        )
        result = {}
        for ticket in tickets:
            candidates = policies.filtered(
                lambda p, t=ticket: p.category == t.category
                and p.priority == t.priority
                and p.team_id in (t.team_id, p.team_id.browse())
                and p.company_id in (t.company_id, p.company_id.browse())
            )
            result[ticket] = candidates.sorted(
                lambda p: (bool(p.team_id), bool(p.company_id)), reverse=True
            )[:1]
        return result
