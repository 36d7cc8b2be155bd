import re
from bisect import bisect_right
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from odoo.addons.property_base.tools import note_lang, person_lang

from .property_service_sla import CATEGORIES, PRIORITIES

CHANNELS = [("phone", "Phone"), ("visit", "Visit"), ("portal", "Portal"), ("email", "Email")]
OPEN_STATES = ("new", "in_progress")
COMPLAINT_CATEGORIES = ("complaint", "dispute")
MANAGER_GROUP = "property_service.group_service_manager"
# Mainland mobile, or a landline with its area code, with or without a dash or a space after
# it as phone systems give them (0755-86001234, 0755 86001234, 075586001234, 010-12345678),
# optionally followed by an extension (-123, 转123 or ext.123). Match normalized numbers.
PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}(?:(?:-|转|ext\.?)\d{1,6})?)$")
# Allowed moves between stage states; cancelling is allowed until resolution.
TRANSITIONS = {
    "new": {"in_progress", "resolved", "cancelled"},
    "in_progress": {"resolved", "cancelled"},
    "resolved": {"in_progress", "closed"},
    "closed": {"in_progress"},
    "cancelled": {"new"},
}


def normalize_phone(number):
    """Drop blanks and a +86/0086 country prefix: ``+86 138 0013 8000`` → ``13800138000``,
    ``0755 86001234`` → ``075586001234``."""
    if not number:
        return number
    number = re.sub(r"[\s()]", "", number)
    return re.sub(r"^(?:\+86|0086)-?", "", number)


# What the statistics count a ticket by (SVC-8), settled once it is resolved or cancelled;
# once closed, also the record of the handling that closing required (SVC-2, SVC-4).
_COUNTED_BY = ("category", "priority", "channel", "team_id", "user_id", "partner_id", "unit_id")
_HANDLING = ("resolution", "caller_confirmed", "caller_thanked", "corrective_action")
SETTLED_FIELDS = {
    "resolved": _COUNTED_BY,
    "cancelled": _COUNTED_BY,
    "closed": _COUNTED_BY + _HANDLING + ("complained_party", "root_cause", "feedback"),
}
INTERNAL = "base.group_user"
# working time computed at once for a batch of tickets: from the first one received to this
# long after the last one (longer deadlines are planned ticket by ticket)
PLAN_WINDOW = timedelta(days=28)


class PropertyServiceTicket(models.Model):
    _name = "property.service.ticket"
    _description = "Service Ticket"
    # mail.thread comes with rating.mixin; portal users post with read access only
    _inherit = [
        "portal.mixin",
        "mail.activity.mixin",
        "rating.mixin",
        "property.protected.mixin",
        "property.service.intake.mixin",
    ]
    _mail_post_access = "read"
    _order = "priority desc, date_received desc, id desc"
    _check_company_auto = True
    # written only by the workflow: the stage moves (``write`` checks them), the SLA cron,
    # the escalation and the first reply to the caller; the statistics are built on them
    _protected_fields = (
        "state",
        "date_first_response",
        "date_resolved",
        "date_closed",
        "response_hours",
        "resolution_hours",
        "sla_id",
        "response_deadline",
        "resolution_deadline",
        "sla_response_breached",
        "sla_resolution_breached",
        "escalated",
        "date_escalated",
        # statistics (property_service_ticket_statistics.py), computed from the above
        "day_received",
        "response_work_hours",
        "resolution_work_hours",
        "rating_last_value",
    )

    # Caller and subject
    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    subject = fields.Char(required=True, tracking=True)
    channel = fields.Selection(CHANNELS, required=True, default="phone", tracking=True)
    date_received = fields.Datetime(
        string="Received on", required=True, default=fields.Datetime.now, index=True, copy=False
    )
    caller_name = fields.Char(tracking=True)
    caller_phone = fields.Char(tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner / Resident",
        index=True,
        tracking=True,
        help="The owner or resident concerned; the unit must be one of theirs.",
    )
    partner_email = fields.Char(related="partner_id.email")
    unit_id = fields.Many2one(
        "property.unit", string="Unit", index=True, check_company=True, tracking=True
    )
    building_id = fields.Many2one(related="unit_id.building_id")
    project_id = fields.Many2one(
        "property.project",
        string="Project",
        compute="_compute_project_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    category = fields.Selection(CATEGORIES, required=True, default="inquiry", tracking=True)
    is_complaint = fields.Boolean(compute="_compute_is_complaint")
    priority = fields.Selection(PRIORITIES, required=True, default="1", tracking=True)
    description = fields.Html()
    # Assignment and workflow
    team_id = fields.Many2one(
        "property.service.team", string="Team", index=True, check_company=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Agent",
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    stage_id = fields.Many2one(
        "property.service.stage",
        string="Stage",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self._stage_for_state("new"),
    )
    state = fields.Selection(related="stage_id.state", store=True, index=True, string="Status")
    resolution = fields.Text(help="Answer or solution given; required to resolve the ticket.")
    feedback = fields.Text(
        string="Feedback to Caller", help="What the caller or visitor was told at the end."
    )
    caller_confirmed = fields.Boolean(
        tracking=True, copy=False, help="The caller confirmed that the problem is solved."
    )
    caller_thanked = fields.Boolean(
        tracking=True, copy=False, help="The caller was thanked for their cooperation."
    )
    date_first_response = fields.Datetime(string="First Response", readonly=True, copy=False)
    date_resolved = fields.Datetime(string="Resolved on", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed on", readonly=True, copy=False)
    response_hours = fields.Float(
        string="Response Time (h)",
        compute="_compute_durations",
        store=True,
        aggregator="avg",
        groups=INTERNAL,
    )
    resolution_hours = fields.Float(
        string="Resolution Time (h)",
        compute="_compute_durations",
        store=True,
        aggregator="avg",
        groups=INTERNAL,
    )
    # SLA and escalation: internal, never shown to portal users
    sla_id = fields.Many2one(
        "property.service.sla",
        string="SLA Policy",
        compute="_compute_deadlines",
        store=True,
        groups=INTERNAL,
    )
    response_deadline = fields.Datetime(compute="_compute_deadlines", store=True, groups=INTERNAL)
    resolution_deadline = fields.Datetime(compute="_compute_deadlines", store=True, groups=INTERNAL)
    sla_response_breached = fields.Boolean(
        string="Response Overdue", readonly=True, copy=False, index=True, groups=INTERNAL
    )
    sla_resolution_breached = fields.Boolean(
        string="Resolution Overdue", readonly=True, copy=False, index=True, groups=INTERNAL
    )
    escalated = fields.Boolean(readonly=True, copy=False, tracking=True, groups=INTERNAL)
    date_escalated = fields.Datetime(readonly=True, copy=False, groups=INTERNAL)
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        compute_sudo=True,
        help="A deadline is missed (the SLA details themselves are internal).",
    )
    # Origin
    call_id = fields.Many2one(
        "property.service.call",
        string="Call",
        check_company=True,
        copy=False,
        index="btree_not_null",
    )
    visit_id = fields.Many2one(
        "property.service.visit",
        string="Visit",
        check_company=True,
        copy=False,
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    # Complaints and disputes (internal)
    complained_party = fields.Char(
        string="Party Complained About", tracking=True, groups="base.group_user"
    )
    root_cause = fields.Text(groups="base.group_user")
    corrective_action = fields.Text(tracking=True, groups="base.group_user")
    followup_ids = fields.One2many(
        "property.service.followup", "ticket_id", string="Follow-ups", groups="base.group_user"
    )

    _sql_constraints = [
        ("name_company_uniq", "unique(company_id, name)", "A ticket reference must be unique."),
    ]

    # Computes
    @api.depends("sla_response_breached", "sla_resolution_breached")
    def _compute_is_overdue(self):
        for ticket in self:
            ticket.is_overdue = ticket.sla_response_breached or ticket.sla_resolution_breached

    @api.depends("unit_id", "team_id")
    def _compute_project_id(self):
        for ticket in self:
            if ticket.unit_id:
                ticket.project_id = ticket.unit_id.project_id
            elif not ticket.project_id and len(ticket.team_id.project_ids) == 1:
                ticket.project_id = ticket.team_id.project_ids

    @api.depends("unit_id", "team_id")
    def _compute_company_id(self):
        for ticket in self:
            ticket.company_id = (
                ticket.unit_id.company_id
                or ticket.team_id.company_id
                or ticket.company_id
                or self.env.company
            )

    @api.depends("category")
    def _compute_is_complaint(self):
        for ticket in self:
            ticket.is_complaint = ticket.category in COMPLAINT_CATEGORIES

    @api.depends("date_received", "date_first_response", "date_resolved")
    def _compute_durations(self):
        for ticket in self:
            start = ticket.date_received
            ticket.response_hours = _hours(start, ticket.date_first_response)
            ticket.resolution_hours = _hours(start, ticket.date_resolved)

    @api.depends("date_received", "category", "priority", "team_id", "company_id")
    def _compute_deadlines(self):
        policies = self.env["property.service.sla"]._find_for_tickets(self)
        by_calendar = defaultdict(list)  # calendar: [(ticket, policy)]
        for ticket in self:
            sla = policies[ticket]
            calendar = (
                ticket.team_id.resource_calendar_id or ticket.company_id.resource_calendar_id
            ).sudo()
            ticket.sla_id = sla
            ticket.response_deadline = ticket.resolution_deadline = False
            if sla and calendar and ticket.date_received:
                by_calendar[calendar].append((ticket, sla))
        # one computation of the working time per calendar, not one per ticket
        for calendar, pairs in by_calendar.items():
            requests = []
            for ticket, sla in pairs:
                requests += [
                    (ticket.date_received, sla.response_hours),
                    (ticket.date_received, sla.resolution_hours),
                ]
            planned = iter(_plan_hours_batch(calendar, requests))
            for ticket, _sla in pairs:
                ticket.response_deadline = next(planned)
                ticket.resolution_deadline = next(planned)

    def _compute_access_url(self):
        for ticket in self:
            ticket.access_url = f"/my/ticket/{ticket.id}"

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for ticket in self:
            # a ticket not saved yet has no reference ("/") yet
            name = ticket.name if ticket.name != "/" else self.env._("New Ticket")
            ticket.display_name = " ".join(p for p in (name, ticket.subject) if p)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # every stage is a kanban column, even an empty one
        return stages.browse(stages.sudo()._search([], order=stages._order))

    @api.model
    def _stage_for_state(self, state):
        return self.env["property.service.stage"].search([("state", "=", state)], limit=1)

    # Onchanges
    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        partner = self.partner_id
        if not partner:
            return
        self.caller_name = self.caller_name or partner.name
        self.caller_phone = self.caller_phone or partner.mobile or partner.phone
        units = self._units_of(partner)
        if self.unit_id not in units:
            self.unit_id = units if len(units) == 1 else False

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if (
            self.unit_id
            and self.partner_id._origin
            not in self.unit_id._origin.owner_ids | self.unit_id._origin.resident_ids
        ):
            self.partner_id = self._person_of_unit(self.unit_id, self.caller_partner_ids)
        if self.unit_id and not self.team_id:
            self.team_id = self._teams_for_projects(self.unit_id.project_id).get(
                self.unit_id.project_id
            )

    @api.onchange("caller_phone")
    def _onchange_caller_phone(self):
        self.caller_phone = normalize_phone(self.caller_phone)
        self._intake_fill_partner()

    # Constraints
    @api.constrains("channel", "caller_name", "caller_phone")
    def _check_caller(self):
        for ticket in self:
            if ticket.channel in ("phone", "visit") and not (
                ticket.caller_name and ticket.caller_phone
            ):
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s: record the caller's name and phone number; the "
                        "regulation requires them for every call and visit.",
                        ticket=ticket.name,
                    )
                )
            if ticket.caller_phone and not PHONE_RE.match(normalize_phone(ticket.caller_phone)):
                raise ValidationError(
                    self.env._(
                        "%(phone)s is not a valid phone number. Enter a mainland mobile number "
                        "(11 digits, e.g. 13800138000) or a landline with its area code "
                        "(e.g. 0755-86001234 or 010-12345678, optionally -extension).",
                        phone=ticket.caller_phone,
                    )
                )

    @api.constrains("date_received", "date_first_response", "date_resolved", "date_closed")
    def _check_workflow_dates(self):
        """No answer, resolution or closing before the ticket was received: the statistics
        would show negative durations."""
        for ticket in self:
            received = ticket.date_received
            if ticket.date_first_response and ticket.date_first_response < received:
                message = self.env._(
                    "Ticket %(ticket)s cannot have been answered before it was received.",
                    ticket=ticket.name,
                )
            elif ticket.date_resolved and ticket.date_resolved < received:
                message = self.env._(
                    "Ticket %(ticket)s cannot have been resolved before it was received.",
                    ticket=ticket.name,
                )
            elif ticket.date_closed and ticket.date_closed < received:
                message = self.env._(
                    "Ticket %(ticket)s cannot have been closed before it was received.",
                    ticket=ticket.name,
                )
            else:
                continue
            raise ValidationError(message)

    @api.constrains("visit_id")
    def _check_visit_verified(self):
        """Only a visit whose visitor was verified may become a ticket, whatever the way in."""
        for ticket in self.filtered("visit_id"):
            ticket.visit_id.sudo()._check_verified("ticket", error=ValidationError, refused_ok=True)

    @api.constrains("partner_id", "unit_id")
    def _check_unit_of_partner(self):
        tickets = self.filtered(lambda t: t.partner_id and t.unit_id)
        units = self._units_by_partner(tickets.partner_id)
        for ticket in tickets:
            if ticket.unit_id not in units[ticket.partner_id]:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not one of the units of %(person)s; choose one of "
                        "their units or leave the owner empty.",
                        unit=ticket.unit_id.sudo().display_name,
                        person=ticket.partner_id.sudo().name,
                    )
                )

    @api.model
    def _units_of(self, partner):
        """Units where the partner (or its company) is a current owner or resident."""
        if not partner:
            return self.env["property.unit"]
        return self._units_by_partner(partner)[partner]

    @api.model
    def _units_by_partner(self, partners):
        """{partner: units of _units_of(partner)} for many partners, with one search."""
        if not partners:
            return {}
        occupancies = (
            self.env["property.occupancy"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", (partners | partners.commercial_partner_id).ids),
                    ("is_current", "=", True),
                ],
                ["partner_id", "unit_id"],
            )
        )
        unit_ids = defaultdict(set)
        for occupancy in occupancies:
            unit_ids[occupancy.partner_id.id].add(occupancy.unit_id.id)
        Unit = self.env["property.unit"]
        return {
            partner: Unit.browse(
                sorted(unit_ids[partner.id] | unit_ids[partner.commercial_partner_id.id])
            )
            for partner in partners
        }

    # ORM overrides
    @api.model_create_multi
    def create(self, vals_list):
        # batch-safe: the new stage is searched once and the companies of the units and teams
        # are read together; the reference costs one sequence call per ticket (ir.sequence)
        if "default_stage_id" not in self.env.context and any(
            "stage_id" not in vals for vals in vals_list
        ):
            new_stage = self._stage_for_state("new")
            for vals in vals_list:
                vals.setdefault("stage_id", new_stage.id)
        for model, field in (("property.unit", "unit_id"), ("property.service.team", "team_id")):
            ids = {vals[field] for vals in vals_list if vals.get(field)}
            self.env[model].sudo().browse(ids).mapped("company_id")
        for vals in vals_list:
            if vals.get("caller_phone"):
                vals["caller_phone"] = normalize_phone(vals["caller_phone"])
            if vals.get("name", "/") == "/":
                vals["name"] = self._next_reference(vals)
        tickets = super().create(vals_list)
        tickets.filtered(lambda t: not t.team_id and t.project_id)._assign_team()
        tickets.filtered(lambda t: t.team_id and not t.user_id)._assign_agent()
        started = tickets.filtered(lambda t: t.state != "new")
        for ticket in started:
            if self.env.su:  # history loaded as data: only the stage's own conditions
                ticket._check_stage_conditions(ticket.state)
            else:  # a ticket created in a later stage makes the moves from New
                ticket._check_transition("new", ticket.state)
        started._on_state_reached(keep={"date_resolved", "date_closed"})
        followed = tickets.filtered(lambda t: t.channel in ("portal", "email") and t.partner_id)
        for partner, partner_tickets in followed.grouped("partner_id").items():
            partner_tickets.message_subscribe(partner_ids=partner.ids)
        return tickets

    @api.model
    def _next_reference(self, vals):
        """SVC-<year received>-<number>, numbered per company and year."""
        company = self.env["res.company"].browse(vals.get("company_id"))
        if not company and vals.get("unit_id"):
            company = self.env["property.unit"].sudo().browse(vals["unit_id"]).company_id
        if not company and vals.get("team_id"):
            company = self.env["property.service.team"].sudo().browse(vals["team_id"]).company_id
        received = fields.Datetime.to_datetime(vals.get("date_received")) or fields.Datetime.now()
        return (
            self.env["ir.sequence"]
            .sudo()
            .with_company(company or self.env.company)
            .next_by_code("property.service.ticket", sequence_date=received.date())
            or "/"
        )

    def write(self, vals):
        if vals.get("caller_phone"):
            vals["caller_phone"] = normalize_phone(vals["caller_phone"])
        if "date_received" in vals and not self.env.su:
            self._check_can_change_date_received(vals["date_received"])
        if not self.env.su:
            self._check_settled_fields(vals)
        if "stage_id" not in vals:
            return super().write(vals)
        stage = self.env["property.service.stage"].browse(vals["stage_id"])
        moving = self.filtered(lambda t: t.stage_id != stage)
        before = {ticket: ticket.state for ticket in moving}
        result = super().write(vals)
        for ticket in moving:
            ticket._check_transition(before[ticket], stage.state)
        moving.filtered(lambda t: before[t] != t.state)._on_state_reached(keep=set(vals))
        return result

    def _check_settled_fields(self, vals):
        """What the statistics count a ticket by is settled once it is resolved or cancelled,
        and its record of the handling once it is closed: reopen the ticket to change them."""
        for ticket in self.filtered(lambda t: t.state in SETTLED_FIELDS):
            fnames = [
                fname
                for fname in SETTLED_FIELDS[ticket.state]
                if fname in vals and ticket._protected_changes(fname, vals[fname])
            ]
            if fnames:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is %(state)s: reopen it to change %(fields)s.",
                        ticket=ticket.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            ticket.state
                        ],
                        fields="、".join(
                            self._fields[f]._description_string(self.env) for f in fnames
                        ),
                    )
                )

    def _check_can_change_date_received(self, value):
        """The reception date counts the response and resolution times: it is corrected only
        while nobody has answered the ticket."""
        changed = self.filtered(
            lambda t: t.date_first_response and t._protected_changes("date_received", value)
        )
        if changed:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s has already been answered: its reception date can no "
                    "longer be changed.",
                    ticket=changed[0].name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_new(self):
        kept = self.filtered(lambda t: t.state != "new")
        if kept:
            raise UserError(
                self.env._(
                    "Tickets that have been worked on are kept as service records and cannot be "
                    "deleted; cancel them instead: %(tickets)s",
                    tickets=", ".join(kept.mapped("name")),
                )
            )

    # Mail gateway
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to a team's alias opens an email ticket for that team."""
        values = dict(custom_values or {})
        partner = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        values.update(
            name="/",  # the reference comes from the sequence, the subject from the mail
            channel="email",
            subject=msg_dict.get("subject") or self.env._("No Subject"),
            partner_id=partner.id,
            caller_name=partner.name or msg_dict.get("email_from"),
        )
        return super().message_new(msg_dict, custom_values=values)

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id.email:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=self.env._("Owner / Resident")
            )
        return recipients

    # Rating
    def rating_apply(self, rate, token=None, rating=None, feedback=None, **kwargs):
        """Ratings come only through the rating link (e-mail or portal page) of the ticket's
        own owner or resident, once per resolution."""
        self.ensure_one()
        if token:
            rating = (
                self.env["rating.rating"].sudo().search([("access_token", "=", token)], limit=1)
            )
        self._check_can_rate(rating)
        return super().rating_apply(rate, rating=rating, feedback=feedback, **kwargs)

    def message_post(self, **kwargs):
        # rating_id: only rating_apply links a rating, as superuser after its checks
        if kwargs.get("rating_value") or (kwargs.get("rating_id") and not self.env.su):
            raise AccessError(
                self.env._(
                    "Tickets are rated by their owner or resident through the rating link sent "
                    "when the ticket is resolved, not in the chatter."
                )
            )
        message = super().message_post(**kwargs)
        self._stamp_first_response(message)
        return message

    def _stamp_first_response(self, message):
        """A reply to the caller by a staff member (not an internal note) is the first
        response, as much as a change of state is."""
        author_users = message.author_id.user_ids
        if (
            message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and any(not user.share for user in author_users)
        ):
            self.filtered(lambda t: not t.date_first_response)._protected_write(
                {"date_first_response": fields.Datetime.now()}
            )

    def _check_can_rate(self, rating):
        """The ticket is resolved; ``rating`` is its open rating of its own owner or resident;
        who sends it is that person, or the holder of their e-mail link (not logged in)."""
        self.ensure_one()
        if self.state not in ("resolved", "closed"):
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s can only be rated once it is resolved.", ticket=self.name
                )
            )
        person = self.partner_id.commercial_partner_id
        user = self.env.user
        if (
            not person
            or not rating
            or (rating.res_model, rating.res_id) != (self._name, self.id)
            or rating.partner_id.commercial_partner_id != person
            or not user.share  # staff never rate
            or (not user._is_public() and user.partner_id.commercial_partner_id != person)
        ):
            raise AccessError(
                self.env._(
                    "Only the owner or resident of ticket %(ticket)s rates it, through the "
                    "rating link sent to them.",
                    ticket=self.name,
                )
            )
        if rating.consumed:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s has already been rated for this resolution; it can be "
                    "rated again once it is reopened and resolved anew.",
                    ticket=self.name,
                )
            )

    def _open_ratings(self):
        """One open rating per resolution for each ticket's owner or resident: the token of
        the e-mail link and of the portal page. An open rating still unused is kept; created
        for the batch at once."""
        tickets = self.filtered("partner_id")
        if not tickets:
            return
        Rating = self.env["rating.rating"].sudo()
        unused = Rating.search_fetch(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", tickets.ids),
                ("consumed", "=", False),
            ],
            ["res_id", "partner_id"],
        )
        open_keys = {(rating.res_id, rating.partner_id.id) for rating in unused}
        model_id = self.env["ir.model"]._get_id(self._name)
        Rating.create(
            [
                {
                    "partner_id": ticket.partner_id.id,
                    "rated_partner_id": ticket.user_id.partner_id.id,
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "is_internal": False,
                }
                for ticket in tickets
                if (ticket.id, ticket.partner_id.id) not in open_keys
            ]
        )

    def _open_rating_token(self):
        """Token of the open rating of the ticket's own owner or resident, if any."""
        self.ensure_one()
        ratings = self.sudo().rating_ids.filtered(
            lambda r: not r.consumed and r.partner_id == self.partner_id
        )
        return ratings[:1].access_token

    def _rating_get_operator(self):
        return self.user_id.partner_id

    # Actions
    def action_start(self):
        return self._set_state("in_progress")

    def action_resolve(self):
        return self._set_state("resolved")

    def action_close(self):
        return self._set_state("closed")

    def action_cancel(self):
        return self._set_state("cancelled")

    def action_reopen(self):
        return self._set_state("in_progress")

    def action_reset(self):
        return self._set_state("new")

    def action_assign_auto(self):
        """Give each ticket to the least-loaded agent of its team who works now."""
        missing = self.filtered(lambda t: not t.team_id)
        if missing:
            raise UserError(
                self.env._(
                    "Choose a team first for %(tickets)s.",
                    tickets=", ".join(missing.mapped("name")),
                )
            )
        self.write({"user_id": False})
        self._assign_agent()
        unassigned = self.filtered(lambda t: not t.user_id)
        if unassigned:
            raise UserError(
                self.env._(
                    "No agent of team %(team)s is working now; assign %(tickets)s by hand.",
                    team=unassigned.team_id[:1].name,
                    tickets=", ".join(unassigned.mapped("name")),
                )
            )
        return True

    def action_escalate(self):
        """Hand the ticket to the team manager: activity to the manager, note in the chatter."""
        self._check_can_escalate()
        user = self.env.user.name
        self._escalate(lambda env: env._("escalated by %(user)s", user=user))
        return True

    def action_add_followup(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-up"),
            "res_model": "property.service.followup",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    # Business
    def _set_state(self, state):
        stage = self._stage_for_state(state)
        if not stage:
            raise UserError(self.env._("No stage is configured for this step."))
        self.write({"stage_id": stage.id})
        return True

    def _check_transition(self, old_state, new_state):
        """Refuse moves the workflow does not allow, then check the move's own conditions."""
        self.ensure_one()
        if old_state == new_state:
            return
        labels = dict(self._fields["state"]._description_selection(self.env))
        if new_state not in TRANSITIONS[old_state]:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s cannot go from %(old)s to %(new)s.",
                    ticket=self.name,
                    old=labels[old_state],
                    new=labels[new_state],
                )
            )
        if old_state == "closed" and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only a customer service manager can reopen the closed ticket %(ticket)s.",
                    ticket=self.name,
                )
            )
        self._check_stage_conditions(new_state)

    def _check_stage_conditions(self, state):
        """Conditions to be in ``state``, whatever the way in (button, kanban, import)."""
        check = getattr(self, f"_check_can_{state}", None)
        if check:
            check()

    def _check_can_resolved(self):
        if not (self.resolution or "").strip():
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s: record the answer or solution given before resolving it.",
                    ticket=self.name,
                )
            )

    def _check_can_closed(self):
        if not (self.caller_confirmed and self.caller_thanked):
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s can only be closed once the caller has confirmed the "
                    "solution and has been thanked.",
                    ticket=self.name,
                )
            )
        if self.category not in COMPLAINT_CATEGORIES:
            return
        record = self.sudo()
        if not (record.corrective_action or "").strip():
            raise UserError(
                self.env._(
                    "Complaint %(ticket)s cannot be closed without a corrective action.",
                    ticket=self.name,
                )
            )
        if not record.followup_ids.filtered("with_complainant"):
            raise UserError(
                self.env._(
                    "Complaint %(ticket)s cannot be closed before a follow-up with the "
                    "complainant has been recorded.",
                    ticket=self.name,
                )
            )

    def _check_can_escalate(self):
        for ticket in self:
            if ticket.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Only open tickets can be escalated; %(ticket)s is %(state)s.",
                        ticket=ticket.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            ticket.state
                        ],
                    )
                )
            if not ticket.team_id.manager_id:
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s has no team manager to escalate to.", ticket=ticket.name
                    )
                )

    def _on_state_reached(self, keep=frozenset()):
        """Stamp the workflow dates, flag late answers and ask for a rating on resolution.
        Dates named in ``keep`` and already set are kept (history given at creation)."""
        now = fields.Datetime.now()
        # a resolution given as history (data, import by the superuser) asks nobody to rate
        historic = self.filtered(lambda t: "date_resolved" in keep and t.date_resolved)
        # tickets reaching a state together mostly get the same values: one write per group
        groups = {}
        for ticket in self:

            def stamp(field, ticket=ticket):
                return ticket[field] if field in keep and ticket[field] else now

            vals = {}
            if ticket.state not in ("new", "cancelled") and not ticket.date_first_response:
                vals["date_first_response"] = now
            if ticket.state == "resolved":
                vals["date_resolved"] = stamp("date_resolved")
            elif ticket.state == "closed":
                vals["date_resolved"] = ticket.date_resolved or now
                vals["date_closed"] = stamp("date_closed")
            elif ticket.state in OPEN_STATES:
                vals.update(date_resolved=False, date_closed=False)
            vals.update(ticket._breaches(vals))
            key = tuple(sorted(vals.items()))
            groups.setdefault(key, []).append(ticket.id)
        for key, ids in groups.items():
            self.browse(ids)._protected_write(dict(key))
        resolved = (self - historic).filtered(lambda t: t.state == "resolved")
        resolved._open_ratings()
        resolved._send_rating_request()

    def _breaches(self, vals):
        """Breach flags for an answer or a resolution given after its deadline."""
        flags = {}
        answered = vals.get("date_first_response") or self.date_first_response
        resolved = vals.get("date_resolved", self.date_resolved)
        if answered and self.response_deadline and answered > self.response_deadline:
            flags["sla_response_breached"] = True
        if resolved and self.resolution_deadline and resolved > self.resolution_deadline:
            flags["sla_resolution_breached"] = True
        return flags

    def _send_rating_request(self):
        template = self.env.ref(
            "property_service.mail_template_ticket_rating", raise_if_not_found=False
        )
        if not template:
            return
        for ticket in self.filtered(lambda t: t.partner_id.email):
            ticket.sudo().rating_send_request(template, force_send=False)

    @api.model
    def _teams_for_projects(self, projects):
        """{project: team} — the first active team of each project's company serving it."""
        teams = (
            self.env["property.service.team"]
            .sudo()
            .search([("project_ids", "in", projects.ids)], order="sequence, id")
        )
        result = {}
        for team in teams:
            for project in team.project_ids & projects:
                result.setdefault(project, team.with_env(self.env))
        return result

    def _assign_team(self):
        teams = self._teams_for_projects(self.project_id)
        for ticket in self:
            team = teams.get(ticket.project_id)
            if team:
                ticket.team_id = team

    def _assign_agent(self):
        """Least-loaded working agent per ticket, one load query per team."""
        for team, tickets in self.grouped("team_id").items():
            for ticket, agent in zip(tickets, team._pick_agents(len(tickets)), strict=True):
                if agent:
                    ticket.user_id = agent

    def _escalate(self, reason):
        """Escalate in batch: one activity per ticket for its team manager (created in one
        call, without mail notification), one chatter note per ticket, flags in one write.

        ``reason(env)`` gives the reason in ``env``'s language: the activity reads in the
        manager's language, the note in the language of whoever escalates (the company's for
        the cron)."""
        if not self:
            return
        now = fields.Datetime.now()
        activity_type = self.env.ref("property_service.mail_activity_type_escalation")
        model_id = self.env["ir.model"]._get_id(self._name)
        managed = self.filtered(lambda t: t.team_id.manager_id)
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": activity_type.id,
                    "user_id": ticket.team_id.manager_id.id,
                    "summary": ticket.env._("Escalated: %(ticket)s", ticket=ticket.name),
                    "date_deadline": fields.Date.context_today(self),
                }
                for ticket in (
                    t.with_context(lang=person_lang(t.team_id.manager_id)) for t in managed
                )
            ]
        )
        self.sudo()._message_log_batch(
            {
                ticket.id: Markup("<p>%s</p>")
                % ticket.env._(
                    "Ticket escalated to %(manager)s: %(reason)s",
                    manager=ticket.team_id.manager_id.name or ticket.env._("nobody (no manager)"),
                    reason=reason(ticket.env),
                )
                for ticket in (t.with_context(lang=note_lang(t)) for t in self)
            }
        )
        self.with_context(tracking_disable=True)._protected_write(
            {"escalated": True, "date_escalated": now}
        )

    @api.model
    def _cron_escalate_overdue(self):
        """Flag tickets past their response or resolution deadline and escalate each breach
        exactly once: a flagged breach is never picked again."""
        now = fields.Datetime.now()
        base = [("state", "in", OPEN_STATES)]
        late_response = self.search(
            base
            + [
                ("sla_response_breached", "=", False),
                ("date_first_response", "=", False),
                ("response_deadline", "<", now),
            ]
        )
        late_resolution = self.search(
            base + [("sla_resolution_breached", "=", False), ("resolution_deadline", "<", now)]
        )
        quiet = self.with_context(tracking_disable=True)
        quiet.browse(late_response.ids)._protected_write({"sla_response_breached": True})
        quiet.browse(late_resolution.ids)._protected_write({"sla_resolution_breached": True})
        (late_response - late_resolution)._escalate(
            lambda env: env._("no response within the deadline")
        )
        late_resolution._escalate(lambda env: env._("not resolved within the deadline"))

    def _plain_description(self):
        return html2plaintext(self.description or "")


def _plan_hours_batch(calendar, requests):
    """``calendar.plan_hours(hours, start, compute_leaves=True)`` for each (start, hours) of
    ``requests`` (naive UTC starts), with the working intervals computed once for the whole
    batch; a deadline beyond that window is planned on its own."""
    starts = [utc.localize(start) for start, _hours in requests]
    resources = calendar.env["resource.resource"]
    intervals = list(
        calendar._work_intervals_batch(min(starts), max(starts) + PLAN_WINDOW, resources=resources)[
            False
        ]
    )
    stops = [stop for _start, stop, _meta in intervals]
    result = []
    for start, (naive_start, hours) in zip(starts, requests, strict=True):
        planned = False
        remaining = hours
        for begin, stop, _meta in intervals[bisect_right(stops, start) :] if hours >= 0 else ():
            begin = max(begin, start)
            interval_hours = (stop - begin).total_seconds() / 3600
            if remaining <= interval_hours:
                planned = (begin + timedelta(hours=remaining)).astimezone(utc).replace(tzinfo=None)
                break
            remaining -= interval_hours
        if not planned:
            planned = calendar.plan_hours(hours, naive_start, compute_leaves=True)
        result.append(planned)
    return result


def _hours(start, end):
    return round((end - start).total_seconds() / 3600, 2) if start and end else 0.0
