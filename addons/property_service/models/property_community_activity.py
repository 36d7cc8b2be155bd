from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty


class PropertyCommunityActivity(models.Model):
    _name = "property.community.activity"
    _description = "Community Activity"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin", "property.protected.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _protected_fields = ("state",)

    name = fields.Char(string="Activity", required=True, tracking=True)
    activity_type = fields.Selection(
        [
            ("festival", "Festival Celebration"),
            ("culture", "Culture and Sports"),
            ("elderly_children", "Elderly and Children Care"),
            ("publicity", "Publicity and Education"),
            ("volunteer", "Volunteer Service"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="festival",
        tracking=True,
    )
    date_start = fields.Datetime(
        string="Start Time", required=True, default=fields.Datetime.now, tracking=True, index=True
    )
    date_end = fields.Datetime(
        string="End Time",
        required=True,
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
    )
    place = fields.Char(tracking=True)
    project_id = fields.Many2one(
        "property.project", string="Project", index=True, tracking=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Organiser",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    staff_ids = fields.Many2many(
        "hr.employee",
        "property_community_activity_employee_rel",
        "activity_id",
        "employee_id",
        string="Staff",
        check_company=True,
    )
    participant_ids = fields.Many2many(
        "res.partner",
        "property_community_activity_partner_rel",
        "activity_id",
        "partner_id",
        string="Participants",
        help="Owners and residents who registered or took part.",
    )
    participant_count = fields.Integer(
        string="Number of Participants",
        compute="_compute_participant_count",
        store=True,
        readonly=False,
        aggregator="sum",
        help="People who took part; defaults to the registered participants and can be "
        "corrected after the activity (walk-in residents, children...).",
    )
    budget = fields.Monetary(tracking=True, aggregator="sum")
    cost = fields.Monetary(string="Actual Cost", tracking=True, aggregator="sum")
    currency_id = fields.Many2one(related="company_id.currency_id")
    plan = fields.Html(string="Programme", help="Programme, resources and safety arrangements.")
    record = fields.Html(string="Activity Record", help="What happened: summary and feedback.")
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_community_activity_attachment_rel",
        "activity_id",
        "attachment_id",
        string="Photos",
    )
    photo_count = fields.Integer(compute="_compute_photo_count")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    color = fields.Integer()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("planned", "Planned"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )

    _sql_constraints = [
        ("budget_positive", "CHECK(budget >= 0)", "The budget cannot be negative."),
        ("cost_positive", "CHECK(cost >= 0)", "The actual cost cannot be negative."),
        (
            "participant_count_positive",
            "CHECK(participant_count >= 0)",
            "The number of participants cannot be negative.",
        ),
    ]

    # Computes and constraints

    @api.depends("date_start")
    def _compute_date_end(self):
        for activity in self:
            if activity.date_start and (
                not activity.date_end or activity.date_end < activity.date_start
            ):
                activity.date_end = fields.Datetime.add(activity.date_start, hours=2)

    @api.depends("participant_ids")
    def _compute_participant_count(self):
        for activity in self:
            activity.participant_count = len(activity.participant_ids)

    @api.depends("photo_ids")
    def _compute_photo_count(self):
        for activity in self:
            activity.photo_count = len(activity.photo_ids)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for activity in self:
            if activity.date_end < activity.date_start:
                raise ValidationError(
                    self.env._("Activity %(name)s cannot end before it starts.", name=activity.name)
                )

    # Actions

    def action_plan(self):
        self._check_state({"draft"}, self.env._("Only draft activities can be planned."))
        self._protected_write({"state": "planned"})

    def action_done(self):
        self._check_state({"planned"}, self.env._("Only planned activities can be marked done."))
        self._check_record_written()
        self._protected_write({"state": "done"})

    def action_cancel(self):
        self._check_state(
            {"draft", "planned"}, self.env._("Only draft or planned activities can be cancelled.")
        )
        self._protected_write({"state": "cancelled"})

    def action_draft(self):
        self._check_state(
            {"cancelled"}, self.env._("Only cancelled activities can be reset to draft.")
        )
        self._protected_write({"state": "draft"})

    # Business

    def _check_state(self, allowed, message):
        if any(activity.state not in allowed for activity in self):
            raise UserError(message)

    def _check_record_written(self):
        for activity in self:
            if is_html_empty(activity.record):
                raise UserError(
                    self.env._(
                        "Write the record of activity %(name)s (what happened) before marking "
                        "it done.",
                        name=activity.name,
                    )
                )

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._attach_photos()
        return activities

    def write(self, vals):
        res = super().write(vals)
        if "photo_ids" in vals:
            self._attach_photos()
        return res

    def _attach_photos(self):
        """Link uploaded photos to their activity so that access follows the activity."""
        for activity in self:
            activity.photo_ids.filtered(lambda a: not a.res_id).sudo().write(
                {"res_model": self._name, "res_id": activity.id}
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(activity.state == "done" for activity in self):
            raise UserError(
                self.env._("An activity that is done cannot be deleted; it is a record.")
            )
