from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.property_base.tools import person_lang

FACILITY_TYPES = [
    ("extinguisher", "Extinguisher"),
    ("hydrant", "Hydrant"),
    ("alarm_panel", "Fire Alarm Panel"),
    ("detector", "Smoke/Heat Detector"),
    ("sprinkler", "Sprinkler"),
    ("emergency_light", "Emergency Light"),
    ("exit_sign", "Exit Sign"),
    ("fire_door", "Fire Door"),
    ("other", "Other"),
]
AGENTS = [
    ("abc_powder", "ABC Dry Powder"),
    ("co2", "Carbon Dioxide"),
    ("foam", "Foam"),
    ("water", "Water"),
    ("clean_agent", "Clean Gas"),
]
# days before an expiry or refill date from which a facility reads "expiring"
EXPIRY_WARNING_DAYS = 30


class MaintenanceEquipmentCategory(models.Model):
    _inherit = "maintenance.equipment.category"

    fire_category = fields.Boolean(
        string="Fire Facilities", help="Equipment of this category are fire facilities."
    )


class MaintenanceEquipment(models.Model):
    """Fire facilities (FIRE-3) are maintenance equipment of a fire category."""

    _inherit = ["maintenance.equipment", "property.protected.mixin"]
    _name = "maintenance.equipment"
    # the expiry status and the check dates computed from done checks (the due checks and the
    # expiry cron read them)
    _protected_fields = ("fire_expiry_state", "fire_last_check_date", "fire_next_check_date")

    fire_facility = fields.Boolean(
        related="category_id.fire_category", store=True, index=True, string="Fire Facility"
    )
    fire_type = fields.Selection(FACILITY_TYPES, string="Facility Type", tracking=True)
    fire_agent = fields.Selection(AGENTS, string="Extinguishing Medium")
    fire_capacity = fields.Float(
        string="Capacity (kg/L)", digits=(16, 2), help="Mass or volume of the extinguishing medium."
    )
    fire_manufacture_date = fields.Date(string="Manufactured On")
    fire_refill_date = fields.Date(string="Refill Due", tracking=True)
    fire_expiry_date = fields.Date(string="Expires On", tracking=True)
    fire_project_id = fields.Many2one(
        "property.project", string="Project", index=True, check_company=True, tracking=True
    )
    fire_building_id = fields.Many2one(
        "property.building",
        string="Building",
        domain="[('project_id', '=', fire_project_id)]",
        index=True,
    )
    fire_floor = fields.Char(string="Floor")
    fire_spot = fields.Char(string="Spot", help="E.g. stair hall, beside the lift.")
    fire_check_interval = fields.Integer(
        string="Check Interval (days)", default=30, help="Days between two checks by staff."
    )
    fire_last_check_date = fields.Date(
        string="Last Checked On", compute="_compute_fire_last_check", store=True
    )
    fire_next_check_date = fields.Date(
        string="Next Check Due", compute="_compute_fire_last_check", store=True
    )
    fire_expiry_state = fields.Selection(
        [("ok", "Valid"), ("expiring", "Expiring Soon"), ("expired", "Expired")],
        string="Expiry Status",
        default="ok",
        readonly=True,
        tracking=True,
        index=True,
        help="Set every day by the expiry check from the expiry and refill dates.",
    )
    fire_check_url = fields.Char(string="Check Address", compute="_compute_fire_check_url")

    @api.depends(
        "maintenance_ids.close_date", "maintenance_ids.stage_id.done", "fire_check_interval"
    )
    def _compute_fire_last_check(self):
        last = dict(
            self.env["maintenance.request"]._read_group(
                [
                    ("equipment_id", "in", self.ids),
                    ("stage_id.done", "=", True),
                    ("close_date", "!=", False),
                ],
                ["equipment_id"],
                ["close_date:max"],
            )
        )
        for equipment in self:
            equipment.fire_last_check_date = last.get(equipment, False)
            start = equipment.fire_last_check_date or equipment.effective_date
            equipment.fire_next_check_date = (
                start + timedelta(days=equipment.fire_check_interval)
                if start and equipment.fire_facility and equipment.fire_check_interval
                else False
            )

    def _compute_fire_check_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for equipment in self:
            equipment.fire_check_url = equipment.id and f"{base}/fire/facility/{equipment.id}"

    @api.constrains("fire_capacity", "fire_check_interval")
    def _check_fire_capacity(self):
        for equipment in self:
            if equipment.fire_check_interval < 0:
                raise ValidationError(self.env._("The check interval cannot be negative."))
            if equipment.fire_capacity < 0:
                raise ValidationError(
                    self.env._(
                        "The capacity of %(facility)s cannot be negative.",
                        facility=equipment.name,
                    )
                )

    @api.constrains("fire_manufacture_date", "fire_expiry_date", "fire_refill_date")
    def _check_fire_dates(self):
        for equipment in self:
            made = equipment.fire_manufacture_date
            if made and equipment.fire_expiry_date and equipment.fire_expiry_date < made:
                raise ValidationError(
                    self.env._(
                        "%(facility)s cannot expire (%(expiry)s) before it was manufactured "
                        "(%(made)s).",
                        facility=equipment.name,
                        expiry=equipment.fire_expiry_date,
                        made=made,
                    )
                )
            if made and equipment.fire_refill_date and equipment.fire_refill_date < made:
                raise ValidationError(
                    self.env._(
                        "The refill of %(facility)s cannot be due before it was manufactured.",
                        facility=equipment.name,
                    )
                )

    @api.model
    def _fire_expiry_targets(self, today):
        """The ids of the fire facilities that should read "expired" and "expiring" today."""
        warn = today + timedelta(days=EXPIRY_WARNING_DAYS)
        fire = [("fire_facility", "=", True)]
        expired = self.search(
            [*fire, "|", ("fire_expiry_date", "<", today), ("fire_refill_date", "<", today)]
        )
        expiring = self.search(
            [
                *fire,
                ("id", "not in", expired.ids),
                "|",
                ("fire_expiry_date", "<=", warn),
                ("fire_refill_date", "<=", warn),
            ]
        )
        return expired.ids, expiring.ids

    def _fire_write_expiry_state(self, state):
        """The expiry check's write of the status: one UPDATE for the whole batch (the ORM's
        flush writes a hundred rows per statement, which made the query count grow with the
        number of facilities; no stored field depends on the status, tracking is off)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE maintenance_equipment SET fire_expiry_state = %s, write_uid = %s, "
                "write_date = %s WHERE id = ANY(%s)",
                state,
                self.env.uid,
                fields.Datetime.now(),
                self.ids,
            )
        )
        self.invalidate_recordset(["fire_expiry_state", "write_uid", "write_date"])

    @api.model
    def _cron_fire_expiry(self):
        """Daily expiry check: sets the expiry status of every fire facility (one UPDATE per
        status whatever the number of facilities) and gives the fire-safety manager of each
        project with newly expired facilities one to-do (FIRE-3). Run twice, it changes and
        creates nothing the second time."""
        today = fields.Date.context_today(self)
        expired_ids, expiring_ids = self._fire_expiry_targets(today)
        fire = [("fire_facility", "=", True)]
        changes = {
            "expired": [*fire, ("id", "in", expired_ids), ("fire_expiry_state", "!=", "expired")],
            "expiring": [
                *fire,
                ("id", "in", expiring_ids),
                ("fire_expiry_state", "!=", "expiring"),
            ],
            "ok": [
                *fire,
                ("id", "not in", expired_ids + expiring_ids),
                ("fire_expiry_state", "!=", "ok"),
            ],
        }
        newly_expired = self.browse()
        for state, domain in changes.items():
            facilities = self.search(domain)
            if state == "expired":
                newly_expired = facilities
            if facilities:
                facilities._fire_write_expiry_state(state)
        if not newly_expired:
            return
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        counts = self._read_group(
            [("id", "in", newly_expired.ids), ("fire_project_id", "!=", False)],
            ["fire_project_id"],
            ["__count"],
        )
        projects = self.env["property.project"].browse([p.id for p, _c in counts])
        managers = projects._fire_current_appointments()
        vals_list = []
        for project, count in counts:
            employee = managers.get((project.id, "manager"))
            user = employee.user_id if employee else project.manager_id
            if not user:
                continue
            vals_list.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id("property.project"),
                    "res_id": project.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": today,
                    "summary": self.with_context(lang=person_lang(user)).env._(
                        "%(count)s fire facilities expired: replace or refill them.",
                        count=count,
                    ),
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)

    def action_fire_create_plans(self):
        """The two preventive plans of a fire facility (maintenance_plan): a monthly check by
        staff and a yearly full test by a qualified firm (消防法 第十六条)."""
        monthly = self.env.ref("property_fire.maintenance_kind_fire_monthly")
        yearly = self.env.ref("property_fire.maintenance_kind_fire_yearly")
        existing = {
            (plan.equipment_id.id, plan.maintenance_kind_id.id)
            for plan in self.env["maintenance.plan"].search([("equipment_id", "in", self.ids)])
        }
        vals_list = []
        for equipment in self.filtered("fire_facility"):
            for kind, step in ((monthly, "month"), (yearly, "year")):
                if (equipment.id, kind.id) in existing:
                    continue
                vals_list.append(
                    {
                        "equipment_id": equipment.id,
                        "company_id": equipment.company_id.id or self.env.company.id,
                        "maintenance_kind_id": kind.id,
                        "interval": 1,
                        "interval_step": step,
                        "maintenance_plan_horizon": 1,
                        "planning_step": "month",
                        "maintenance_team_id": equipment.maintenance_team_id.id,
                    }
                )
        return self.env["maintenance.plan"].create(vals_list)

    def action_fire_print_label(self):
        return self.env.ref("property_fire.action_report_fire_facility_label").report_action(self)

    def action_fire_record_check(self):
        """The check form a facility's QR label opens: a new check request of the facility."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Check %(facility)s", facility=self.name),
            "res_model": "maintenance.request",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_equipment_id": self.id,
                "default_name": self.env._("Check %(facility)s", facility=self.name),
                "default_maintenance_type": "preventive",
                "default_maintenance_kind_id": self.env.ref(
                    "property_fire.maintenance_kind_fire_monthly"
                ).id,
            },
        }
