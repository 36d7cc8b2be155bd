import ast
from datetime import timedelta

from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError

OPEN_STATES = ("new", "in_progress")


class PropertyServiceTeam(models.Model):
    _name = "property.service.team"
    _description = "Customer Service Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Team Manager",
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Receives the escalations of the team's overdue tickets and complaints.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "property_service_team_member_rel",
        "team_id",
        "user_id",
        string="Agents",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        compute="_compute_resource_calendar_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Service hours of the team: deadlines are counted in these hours, and agents "
        "without their own working hours are taken to work these.",
    )
    project_ids = fields.Many2many(
        "property.project",
        "property_service_team_project_rel",
        "team_id",
        "project_id",
        string="Projects",
        check_company=True,
        help="Tickets of units in these projects go to this team.",
    )
    ticket_ids = fields.One2many("property.service.ticket", "team_id", string="Tickets")
    open_ticket_count = fields.Integer(compute="_compute_ticket_counts")
    overdue_ticket_count = fields.Integer(compute="_compute_ticket_counts")

    @api.depends("company_id")
    def _compute_resource_calendar_id(self):
        for team in self:
            calendar = team.resource_calendar_id
            if not calendar or calendar.company_id not in (team.company_id, calendar.browse()):
                team.resource_calendar_id = team.company_id.resource_calendar_id

    def _compute_ticket_counts(self):
        domain = [("team_id", "in", self.ids), ("state", "in", OPEN_STATES)]
        Ticket = self.env["property.service.ticket"]
        open_counts = dict(Ticket._read_group(domain, ["team_id"], ["__count"]))
        overdue = dict(
            Ticket._read_group(
                domain
                + [
                    "|",
                    ("sla_response_breached", "=", True),
                    ("sla_resolution_breached", "=", True),
                ],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_ticket_count = open_counts.get(team, 0)
            team.overdue_ticket_count = overdue.get(team, 0)

    @api.constrains("manager_id", "member_ids", "company_id")
    def _check_people_company(self):
        for team in self:
            outsiders = (team.manager_id | team.member_ids).filtered(
                lambda u, t=team: t.company_id not in u.company_ids
            )
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(users)s cannot work in team %(team)s: they have no access to "
                        "%(company)s.",
                        users=", ".join(outsiders.mapped("name")),
                        team=team.name,
                        company=team.company_id.name,
                    )
                )

    # Mail alias
    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("property.service.ticket")
        if self.id:
            defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults["team_id"] = self.id
            values["alias_defaults"] = defaults
            values["alias_parent_thread_id"] = self.id
        values["alias_parent_model_id"] = self.env["ir.model"]._get_id(self._name)
        return values

    # Business
    def _pick_agents(self, count):
        """Return ``count`` agents of this team, one per ticket to assign: each time the
        least-loaded member who works now (load = open tickets). Empty when nobody works."""
        self.ensure_one()
        working = self._members_working_now()
        if not working:
            return [self.env["res.users"]] * count
        loads = dict.fromkeys(working, 0)
        loads.update(
            self.env["property.service.ticket"]
            .sudo()
            ._read_group(
                [("user_id", "in", working.ids), ("state", "in", OPEN_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        picks = []
        for _i in range(count):
            agent = min(working, key=lambda u: (loads[u], u.id))
            loads[agent] += 1
            picks.append(agent)
        return picks

    def _members_working_now(self):
        """Members whose working hours (their own, else the team's) have attendance now,
        minus their leaves: one calendar computation per distinct calendar."""
        self.ensure_one()
        start = utc.localize(fields.Datetime.now())
        end = start + timedelta(minutes=1)
        members = self.member_ids.filtered("active")
        working = self.env["res.users"]
        by_calendar = {}
        for user in members.sudo():
            resource = user.resource_ids.filtered(lambda r: r.company_id == self.company_id)[:1]
            calendar = resource.calendar_id or self.resource_calendar_id
            if calendar:
                by_calendar.setdefault(calendar, []).append((user, resource))
        for calendar, pairs in by_calendar.items():
            resources = self.env["resource.resource"].union(*(r for _u, r in pairs))
            intervals = calendar._work_intervals_batch(start, end, resources=resources)
            for user, resource in pairs:
                if intervals.get(resource.id or False):
                    working |= user
        return working.with_env(self.env)
