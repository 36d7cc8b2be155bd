from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_service_ticket import normalize_phone
from .property_service_ticket_statistics import local_day


class PropertyServiceCall(models.Model):
    _name = "property.service.call"
    _description = "Call Record"
    _order = "date desc, id desc"
    _inherit = ["property.protected.mixin"]
    _rec_name = "caller_number"
    _check_company_auto = True
    # what the phone system recorded and the answer rate counts: given at creation (import of
    # the phone system's export), never changed afterwards
    _protected_fields = ("date", "answered", "duration", "user_id", "team_id", "day")

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    caller_number = fields.Char(required=True, index=True)
    caller_name = fields.Char()
    answered = fields.Boolean(default=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Agent", index=True, default=lambda self: self.env.user
    )
    team_id = fields.Many2one("property.service.team", string="Team", check_company=True)
    duration = fields.Integer(string="Duration (s)", help="Talk time in seconds.")
    # what people read (minutes:seconds with the float_time widget) and sum in reports
    duration_minutes = fields.Float(
        string="Duration (min:s)",
        compute="_compute_duration_minutes",
        store=True,
        aggregator="sum",
        help="Talk time in minutes, shown as minutes:seconds.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner / Resident",
        index=True,
        help="Filled from the number when it belongs to exactly one contact.",
    )
    ticket_id = fields.Many2one(
        "property.service.ticket", string="Ticket", check_company=True, index="btree_not_null"
    )
    note = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    day = fields.Date(
        compute="_compute_day",
        store=True,
        index=True,
        help="Day of the call in the company's time zone (the statistics' date).",
    )

    _sql_constraints = [
        (
            "duration_positive",
            "CHECK(duration >= 0)",
            "A call cannot end before it started: its duration cannot be negative.",
        ),
    ]

    @api.depends("duration")
    def _compute_duration_minutes(self):
        for call in self:
            call.duration_minutes = (call.duration or 0) / 60

    @api.depends("date", "company_id.partner_id.tz")
    def _compute_day(self):
        for call in self:
            call.day = local_day(call.date, call.company_id)

    @api.depends("caller_number", "caller_name", "date")
    def _compute_display_name(self):
        for call in self:
            call.display_name = " ".join(p for p in (call.caller_name, call.caller_number) if p)

    # ORM overrides
    @api.model_create_multi
    def create(self, vals_list):
        """Batch-safe (CSV imports of the phone system): the partners of all numbers are found
        with one search and the agents' teams with another, before the records are created."""
        for vals in vals_list:
            if vals.get("caller_number"):
                vals["caller_number"] = normalize_phone(vals["caller_number"])
        self._prepare_partners(vals_list)
        self._prepare_teams(vals_list)
        return super().create(vals_list)

    def _protected_check_create(self, vals_list):
        """A call is recorded with what the phone system gives, at creation only."""

    # Actions
    def action_open_ticket(self):
        """One click from an answered call to its ticket: open the linked one or create it."""
        self.ensure_one()
        self._check_can_open_ticket()
        if not self.ticket_id:
            self.ticket_id = self.env["property.service.ticket"].create(self._ticket_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.service.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    # Business
    def _check_can_open_ticket(self):
        if not self.answered:
            raise UserError(
                self.env._(
                    "The call from %(number)s was missed: call back first, then open a ticket "
                    "from the answered call.",
                    number=self.caller_number,
                )
            )

    def _ticket_values(self):
        return {
            "channel": "phone",
            "subject": self.env._("Call from %(caller)s", caller=self.display_name),
            "date_received": self.date,
            # the regulation requires a caller name on phone tickets: the contact's name, else
            # the name given with the call, else the number itself for an unknown caller
            "caller_name": self.partner_id.sudo().name or self.caller_name or self.caller_number,
            "caller_phone": self.caller_number,
            "partner_id": self.partner_id.id,
            "team_id": self.team_id.id,
            "user_id": self.user_id.id,
            "call_id": self.id,
            "company_id": self.company_id.id,
            "description": self.note,
        }

    @api.model
    def _prepare_partners(self, vals_list):
        """Fill partner_id (and an empty caller_name) of the values without a partner from the
        only contact with that mobile or phone, with one search for all the numbers."""
        todo = [v for v in vals_list if not v.get("partner_id") and v.get("caller_number")]
        numbers = list({vals["caller_number"] for vals in todo})
        if not numbers:
            return
        partners = (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                ["|", ("mobile", "in", numbers), ("phone", "in", numbers)],
                ["mobile", "phone", "name"],
            )
        )
        by_number = {}
        for partner in partners:
            for number in {partner.mobile, partner.phone} - {False}:
                by_number.setdefault(number, set()).add(partner)
        for vals in todo:
            found = by_number.get(vals["caller_number"], set())
            if len(found) == 1:
                partner = found.pop()
                vals["partner_id"] = partner.id
                vals["caller_name"] = vals.get("caller_name") or partner.name

    @api.model
    def _prepare_teams(self, vals_list):
        """Fill a missing team_id with the first active team of the call's company that has
        the agent as member (one search for the whole batch), so that the per-team statistics
        count every call."""
        todo = [vals for vals in vals_list if not vals.get("team_id")]
        default_user = self.env.context.get("default_user_id", self.env.uid)
        user_ids = {vals.get("user_id", default_user) for vals in todo} - {False, None}
        if not user_ids:
            return
        teams = (
            self.env["property.service.team"]
            .sudo()
            .search_fetch(
                [("member_ids", "in", list(user_ids))],
                ["member_ids", "company_id"],
                order="sequence, id",
            )
        )
        first_team = {}  # (agent id, company id): team id
        for team in teams:
            for user_id in set(team.member_ids.ids) & user_ids:
                first_team.setdefault((user_id, team.company_id.id), team.id)
        default_company = self.env.context.get("default_company_id", self.env.company.id)
        for vals in todo:
            key = (vals.get("user_id", default_user), vals.get("company_id", default_company))
            if key in first_team:
                vals["team_id"] = first_team[key]
