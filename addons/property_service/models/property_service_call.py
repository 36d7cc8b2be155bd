from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_service_intake_mixin import phone_key
from .property_service_ticket import normalize_phone
from .property_service_ticket_statistics import local_day


class PropertyServiceCall(models.Model):
    _name = "property.service.call"
    _description = "Call Record"
    _order = "date desc, id desc"
    # the chatter holds the call-back activities of missed calls
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.protected.mixin",
        "property.service.intake.mixin",
    ]
    _intake_phone_field = "caller_number"
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
        # thousands of calls per import: no "created" message nor follower for each
        return super(
            PropertyServiceCall,
            self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True),
        ).create(vals_list)

    def _protected_check_create(self, vals_list):
        """A call is recorded with what the phone system gives, at creation only."""

    # Onchanges
    @api.onchange("caller_number")
    def _onchange_caller_number(self):
        self.caller_number = normalize_phone(self.caller_number)
        self._intake_fill_partner()
        if self.partner_id and not self.caller_name:
            self.caller_name = self.partner_id.name

    # Actions
    def action_schedule_callback(self):
        """A missed call becomes a phone-call activity for its agent, due today, unless one is
        already planned."""
        self._check_can_call_back()
        callback = self.env.ref("mail.mail_activity_data_call")
        for call in self.filtered(lambda c: callback not in c.activity_ids.activity_type_id):
            call.activity_schedule(
                act_type_xmlid="mail.mail_activity_data_call",
                date_deadline=fields.Date.context_today(call),
                summary=self.env._("Call back %(number)s", number=call.caller_number),
                user_id=(call.user_id or self.env.user).id,
            )
        return True

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
    def _check_can_call_back(self):
        answered = self.filtered("answered")
        if answered:
            raise UserError(
                self.env._(
                    "The call from %(number)s was answered: open a ticket for it instead of a "
                    "call-back.",
                    number=answered[0].caller_number,
                )
            )

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
            # the caller's only unit, as the intake would have proposed it
            "unit_id": self.caller_unit_ids.id if len(self.caller_unit_ids) == 1 else False,
            "team_id": self.team_id.id,
            "user_id": self.user_id.id,
            "call_id": self.id,
            "company_id": self.company_id.id,
            "description": self.note,
        }

    @api.model
    def _prepare_partners(self, vals_list):
        """Fill partner_id (and an empty caller_name) of the values without a partner from the
        only contact with that mobile or phone, however it is spelt (``phone_key``), with one
        query for all the numbers."""
        todo = [v for v in vals_list if not v.get("partner_id") and v.get("caller_number")]
        if not todo:
            return
        found = self.sudo()._partners_by_phone([vals["caller_number"] for vals in todo])
        for vals in todo:
            partner = found.get(phone_key(vals["caller_number"]), ())
            if len(partner) == 1:
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
