from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# hours between two patrols of a route
FREQUENCY_HOURS = {"daily": 24, "two_hourly": 2}
DEFAULT_TZ = "Asia/Shanghai"


class PropertyFirePatrolRoute(models.Model):
    """A fire patrol route [防火巡查] (issue 11, item 3a): ordered check points (facilities and
    key areas) patrolled daily, or every two hours in a key fire-safety unit."""

    _name = "property.fire.patrol.route"
    _description = "Fire Patrol Route"
    _inherit = ["mail.thread"]
    _order = "project_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    project_id = fields.Many2one(
        "property.project", required=True, index=True, tracking=True, check_company=True
    )
    company_id = fields.Many2one(related="project_id.company_id", store=True, index=True)
    frequency = fields.Selection(
        [("daily", "Daily"), ("two_hourly", "Every Two Hours")],
        compute="_compute_frequency",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        tracking=True,
        help="Every two hours in a key fire-safety unit.",
    )
    officer_id = fields.Many2one(
        "res.users", string="Patrol Officer", default=lambda s: s.env.user, tracking=True
    )
    point_ids = fields.One2many(
        "property.fire.patrol.point", "route_id", string="Check Points", copy=True
    )
    patrol_ids = fields.One2many("property.fire.patrol", "route_id", string="Patrols")
    active = fields.Boolean(default=True)

    @api.depends("project_id.fire_key_unit")
    def _compute_frequency(self):
        for route in self:
            route.frequency = "two_hourly" if route.project_id.fire_key_unit else "daily"

    @api.constrains("frequency", "project_id")
    def _check_frequency(self):
        for route in self:
            if route.project_id.fire_key_unit and route.frequency != "two_hourly":
                raise ValidationError(
                    self.env._(
                        "%(project)s is a key fire-safety unit: its patrol route %(route)s "
                        "runs every two hours.",
                        project=route.project_id.display_name,
                        route=route.name,
                    )
                )

    def _slot_start(self, now):
        """The start (UTC, naive) of the patrol slot of this route holding ``now``."""
        self.ensure_one()
        tz = pytz.timezone(self.officer_id.tz or DEFAULT_TZ)
        local = pytz.utc.localize(now).astimezone(tz)
        hours = FREQUENCY_HOURS[self.frequency]
        hour = 0 if hours >= 24 else local.hour - local.hour % hours
        start = tz.localize(datetime.combine(local.date(), time(hour)))
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    def action_start_patrol(self):
        """A patrol of this route now (outside the planned slots, e.g. after an alarm)."""
        self.ensure_one()
        patrol = self.env["property.fire.patrol"].create(
            {"route_id": self.id, "scheduled": fields.Datetime.now()}
        )
        patrol.action_start()
        return patrol._open_form()


class PropertyFirePatrolPoint(models.Model):
    """A check point of a patrol route: a fire facility or a key area, in the order walked."""

    _name = "property.fire.patrol.point"
    _description = "Patrol Check Point"
    _order = "route_id, sequence, id"
    _check_company_auto = True

    route_id = fields.Many2one(
        "property.fire.patrol.route", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="route_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    point_type = fields.Selection(
        [("facility", "Fire Facility"), ("key_area", "Key Area")],
        string="Type",
        required=True,
        default="key_area",
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Fire Facility",
        domain="[('fire_facility', '=', True)]",
        check_company=True,
        ondelete="restrict",
    )
    key_area_id = fields.Many2one(
        "property.fire.key.area", string="Key Area", check_company=True, ondelete="restrict"
    )
    name = fields.Char(compute="_compute_name", string="Check Point")

    @api.depends("point_type", "equipment_id", "key_area_id")
    def _compute_name(self):
        for point in self:
            target = point.equipment_id if point.point_type == "facility" else point.key_area_id
            point.name = target.display_name or ""

    @api.constrains("point_type", "equipment_id", "key_area_id", "route_id")
    def _check_target(self):
        for point in self:
            target = point.equipment_id if point.point_type == "facility" else point.key_area_id
            if not target or (point.equipment_id and point.key_area_id):
                raise ValidationError(
                    self.env._("A check point is either a fire facility or a key area.")
                )
            project = (
                point.equipment_id.fire_project_id
                if point.point_type == "facility"
                else point.key_area_id.project_id
            )
            if project != point.route_id.project_id:
                raise ValidationError(
                    self.env._(
                        "%(point)s is not in the project of the route %(route)s.",
                        point=target.display_name,
                        route=point.route_id.name,
                    )
                )


class PropertyFirePatrol(models.Model):
    """One run of a patrol route, with one line per check point; finishing it flags the
    points missed; the patrol cron plans the runs and flags the late and missed ones."""

    _name = "property.fire.patrol"
    _description = "Fire Patrol"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "scheduled desc, id desc"
    _check_company_auto = True
    # (the deadline, computed from the slot, is what the late and missed flags are judged by)
    _protected_fields = ("state", "date_start", "date_done", "is_late", "officer_id", "deadline")

    route_id = fields.Many2one(
        "property.fire.patrol.route",
        string="Route",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    name = fields.Char(compute="_compute_name")
    project_id = fields.Many2one(related="route_id.project_id", store=True, index=True)
    company_id = fields.Many2one(related="route_id.company_id", store=True, index=True)
    scheduled = fields.Datetime(string="Due From", required=True, index=True)
    deadline = fields.Datetime(string="Due By", compute="_compute_deadline", store=True)
    officer_id = fields.Many2one("res.users", string="Patrol Officer", readonly=True)
    date_start = fields.Datetime(string="Started On", readonly=True)
    date_done = fields.Datetime(string="Finished On", readonly=True)
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("missed", "Missed"),
        ],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    is_late = fields.Boolean(string="Late", readonly=True, help="Finished after it was due.")
    line_ids = fields.One2many("property.fire.patrol.line", "patrol_id", string="Check Points")
    missed_count = fields.Integer(string="Points Missed", compute="_compute_counts")
    not_ok_count = fields.Integer(string="Points Not OK", compute="_compute_counts")

    _sql_constraints = [
        (
            "route_scheduled_uniq",
            "unique(route_id, scheduled)",
            "A route has one patrol per slot.",
        ),
    ]

    @api.depends("route_id", "scheduled")
    def _compute_name(self):
        for patrol in self:
            when = (
                fields.Datetime.context_timestamp(patrol, patrol.scheduled)
                if patrol.scheduled
                else ""
            )
            patrol.name = f"{patrol.route_id.name or ''} {when and when.strftime('%Y-%m-%d %H:%M')}"

    @api.depends("scheduled", "route_id.frequency")
    def _compute_deadline(self):
        for patrol in self:
            hours = FREQUENCY_HOURS.get(patrol.route_id.frequency, 24)
            patrol.deadline = patrol.scheduled and patrol.scheduled + timedelta(hours=hours)

    @api.depends("line_ids.missed", "line_ids.result")
    def _compute_counts(self):
        for patrol in self:
            patrol.missed_count = len(patrol.line_ids.filtered("missed"))
            patrol.not_ok_count = len(
                patrol.line_ids.filtered(lambda line: line.result == "not_ok")
            )

    @api.model_create_multi
    def create(self, vals_list):
        patrols = super().create(vals_list)
        routes = patrols.route_id
        routes.point_ids.mapped("name")  # prefetch
        self.env["property.fire.patrol.line"].create(
            [
                {"patrol_id": patrol.id, "point_id": point.id, "sequence": point.sequence}
                for patrol in patrols
                for point in patrol.route_id.point_ids
            ]
        )
        return patrols

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archive(self):
        if self.filtered(lambda p: p.state != "planned"):
            raise UserError(
                self.env._("Patrols are kept in the fire archive and cannot be deleted.")
            )

    def action_open_phone_page(self):
        """The phone page of the patrol (where the scanned points are recorded)."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/fire/patrol/{self.id}", "target": "self"}

    def _open_form(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.fire.patrol",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # Actions

    def action_start(self):
        for patrol in self:
            if patrol.state != "planned":
                raise UserError(self.env._("%(patrol)s has already started.", patrol=patrol.name))
        self._protected_write(
            {
                "state": "in_progress",
                "date_start": fields.Datetime.now(),
                "officer_id": self.env.user.id,
            }
        )

    def action_finish(self):
        """Finish the patrol: the points without a result are flagged missed; a patrol
        finished after it was due is flagged late."""
        now = fields.Datetime.now()
        for patrol in self:
            if patrol.state != "in_progress":
                raise UserError(self.env._("%(patrol)s is not in progress.", patrol=patrol.name))
            if patrol.officer_id != self.env.user:
                raise UserError(
                    self.env._(
                        "%(patrol)s is walked by %(officer)s: only they can finish it.",
                        patrol=patrol.name,
                        officer=patrol.officer_id.name,
                    )
                )
        self.line_ids.filtered(lambda line: not line.result)._protected_write({"missed": True})
        for patrol in self:
            patrol._protected_write(
                {"state": "done", "date_done": now, "is_late": now > patrol.deadline}
            )

    @api.model
    def _cron_patrols(self, now=None):
        """Plan the patrol of the current slot of every route, flag the planned patrols whose
        slot passed as missed and the patrols still in progress as late. Run twice, it
        creates nothing twice."""
        now = now or fields.Datetime.now()
        overdue = self.search([("state", "in", ("planned", "in_progress")), ("deadline", "<", now)])
        overdue.filtered(lambda p: p.state == "planned")._protected_write({"state": "missed"})
        overdue.filtered(lambda p: p.state == "in_progress" and not p.is_late)._protected_write(
            {"is_late": True}
        )
        routes = self.env["property.fire.patrol.route"].search([("point_ids", "!=", False)])
        slots = {route: route._slot_start(now) for route in routes}
        planned = self.search(
            [("route_id", "in", routes.ids), ("scheduled", "in", list(set(slots.values())))]
        )
        existing = {(patrol.route_id.id, patrol.scheduled) for patrol in planned}
        vals_list = [
            {"route_id": route.id, "scheduled": slot}
            for route, slot in slots.items()
            if (route.id, slot) not in existing
        ]
        return self.create(vals_list)


class PropertyFirePatrolLine(models.Model):
    """A check point of a patrol: scanned (on the phone page its QR code opens, or in the
    form), result OK or not OK, note and photo; a point not OK opens a hazard."""

    _name = "property.fire.patrol.line"
    _description = "Patrol Check Point Result"
    _inherit = ["property.protected.mixin"]
    _order = "patrol_id, sequence, id"
    _check_company_auto = True
    _protected_fields = ("result", "scanned", "checked_at", "missed")

    patrol_id = fields.Many2one(
        "property.fire.patrol", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="patrol_id.company_id", store=True, index=True)
    point_id = fields.Many2one(
        "property.fire.patrol.point", string="Check Point", required=True, ondelete="restrict"
    )
    sequence = fields.Integer()
    name = fields.Char(related="point_id.name", string="Point")
    equipment_id = fields.Many2one(related="point_id.equipment_id")
    key_area_id = fields.Many2one(related="point_id.key_area_id")
    scanned = fields.Boolean(readonly=True, help="Recorded after scanning the point's QR code.")
    checked_at = fields.Datetime(readonly=True)
    result = fields.Selection([("ok", "OK"), ("not_ok", "Not OK")], readonly=True)
    note = fields.Text()
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_fire_patrol_line_photo_rel",
        "line_id",
        "attachment_id",
        string="Photos",
    )
    missed = fields.Boolean(readonly=True)
    hazard_ids = fields.One2many("property.fire.hazard", "patrol_line_id", string="Hazards")

    def _record(self, result, note=None, photos=None, scanned=False):
        """Record the result of these points (the transition owning ``result``)."""
        for line in self:
            if line.patrol_id.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Start %(patrol)s before recording its check points.",
                        patrol=line.patrol_id.name,
                    )
                )
            if line.patrol_id.officer_id != self.env.user:
                raise UserError(
                    self.env._(
                        "%(patrol)s is walked by %(officer)s: only they record its points.",
                        patrol=line.patrol_id.name,
                        officer=line.patrol_id.officer_id.name,
                    )
                )
            if line.result:
                raise UserError(self.env._("%(point)s is already recorded.", point=line.name))
        if note is not None or photos:
            vals = {}
            if note is not None:
                vals["note"] = note
            if photos:
                vals["photo_ids"] = [fields.Command.link(p.id) for p in photos]
            self.write(vals)
        self._protected_write(
            {"result": result, "scanned": scanned, "checked_at": fields.Datetime.now()}
        )
        if result == "not_ok":
            self._open_hazards()

    def action_ok(self):
        self._record("ok")

    def action_not_ok(self):
        self._record("not_ok")

    def _open_hazards(self):
        vals_list = []
        for line in self:
            point = line.point_id
            building = (
                point.equipment_id.fire_building_id
                if point.point_type == "facility"
                else point.key_area_id.building_id
            )
            description = self.env._(
                "Patrol %(patrol)s: %(point)s is not OK.",
                patrol=line.patrol_id.name,
                point=line.name,
            )
            if line.note:
                description = f"{description}\n{line.note}"
            vals_list.append(
                {
                    "source": "patrol",
                    "patrol_line_id": line.id,
                    "project_id": line.patrol_id.project_id.id,
                    "building_id": building.id,
                    "location": line.name,
                    "description": description,
                    "photo_ids": [fields.Command.set(line.photo_ids.ids)],
                }
            )
        return self.env["property.fire.hazard"].create(vals_list)
