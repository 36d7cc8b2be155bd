from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Unit statuses set by hand; the others follow the current occupancies.
MANUAL_STATES = ("unsold", "vacant", "decorating")
# a decoration (装修) starts from these statuses (action_start_decoration)
DECORATION_FROM = ("vacant", "occupied")
USAGES = [
    ("residential", "Residential"),
    ("commercial", "Commercial"),
    ("parking", "Parking Space"),
    ("other", "Other"),
]


class PropertyUnit(models.Model):
    _name = "property.unit"
    _description = "Unit"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "project_id, building_id, floor, name"
    # occupied, rented and vacant follow the occupancies; see _protected_write_allowed
    _protected_fields = ("state",)

    name = fields.Char(string="Unit Number", required=True, tracking=True)
    building_id = fields.Many2one(
        "property.building", required=True, index=True, ondelete="restrict", tracking=True
    )
    # precompute: filled in the INSERT itself, so a batch needs no UPDATE afterwards
    project_id = fields.Many2one(
        related="building_id.project_id", store=True, index=True, precompute=True, string="Project"
    )
    company_id = fields.Many2one(
        related="building_id.company_id", store=True, index=True, precompute=True
    )
    floor = fields.Integer(tracking=True)
    area = fields.Float(string="Floor Area (m²)", digits=(16, 2), required=True, tracking=True)
    usage = fields.Selection(USAGES, required=True, default="residential", tracking=True)
    state = fields.Selection(
        [
            ("unsold", "Unsold"),
            ("vacant", "Vacant"),
            ("occupied", "Owner-occupied"),
            ("rented", "Rented"),
            ("decorating", "Decorating"),
        ],
        string="Status",
        help="Owner-occupied and rented follow the current occupancies; unsold, vacant and "
        "decorating are set by hand on a unit nobody occupies today.",
        required=True,
        default="vacant",
        tracking=True,
        index=True,
    )
    active = fields.Boolean(default=True)
    occupancy_ids = fields.One2many("property.occupancy", "unit_id", string="Occupancies")
    owner_ids = fields.Many2many(
        "res.partner",
        string="Current Owners",
        compute="_compute_current_people",
        search="_search_owner_ids",
    )
    resident_ids = fields.Many2many(
        "res.partner", string="Current Residents", compute="_compute_current_people"
    )

    _sql_constraints = [
        (
            "name_building_uniq",
            "unique(building_id, name)",
            "A unit number must be unique in its building.",
        ),
    ]

    @api.depends("occupancy_ids.partner_id", "occupancy_ids.date_from", "occupancy_ids.date_to")
    @api.depends_context("date")
    def _compute_current_people(self):
        current = self.occupancy_ids.filtered("is_current")
        for unit in self:
            mine = current.filtered(lambda o, unit=unit: o.unit_id == unit)
            unit.owner_ids = mine.filtered(lambda o: o.role == "owner").partner_id
            unit.resident_ids = mine.filtered(lambda o: o.role != "owner").partner_id

    def _search_owner_ids(self, operator, value):
        return [
            (
                "occupancy_ids",
                "any",
                [
                    ("role", "=", "owner"),
                    ("is_current", "=", True),
                    ("partner_id", operator, value),
                ],
            )
        ]

    @api.depends("building_id", "name")
    def _compute_display_name(self):
        """``项目 楼栋-房号`` (锦绣花园 6栋-0601), the way Chinese property staff name a unit."""
        for unit in self:
            building = unit.building_id
            unit.display_name = (
                f"{building.project_id.name} {building.name}-{unit.name}" if building else unit.name
            )

    @api.constrains("area")
    def _check_area(self):
        if any(unit.area <= 0 for unit in self):
            raise ValidationError(self.env._("The floor area of a unit must be positive."))

    # ORM overrides
    @api.model_create_multi
    def create(self, vals_list):
        self._check_numbers_free(
            [(vals.get("building_id"), vals.get("name")) for vals in vals_list]
        )
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals or "building_id" in vals:
            self._check_numbers_free(
                [
                    (vals.get("building_id", unit.building_id.id), vals.get("name", unit.name))
                    for unit in self
                ],
                exclude=self,
            )
        return super().write(vals)

    def _check_numbers_free(self, pairs, exclude=None):
        """Refuse unit numbers already used in their building, with one query per batch.
        The SQL constraint stays the guarantee under concurrency; this gives the clear message."""
        pairs = [(building, name) for building, name in pairs if building and name]
        seen, duplicates = set(), []
        for pair in pairs:
            (duplicates.append(pair) if pair in seen else seen.add(pair))
        domain = [
            ("building_id", "in", list({b for b, _n in pairs})),
            ("name", "in", list({n for _b, n in pairs})),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        existing = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(domain, ["building_id", "name"])
        )
        duplicates += [
            (u.building_id.id, u.name) for u in existing if (u.building_id.id, u.name) in seen
        ]
        if duplicates:
            building = self.env["property.building"].browse(duplicates[0][0])
            raise ValidationError(
                self.env._(
                    "Unit number %(number)s already exists in building %(building)s.",
                    number=duplicates[0][1],
                    building=building.sudo().display_name,
                )
            )

    # Actions
    def action_start_decoration(self):
        """Into 装修中: a vacant or owner-occupied unit whose owner fits it out. Tenants move
        in after the decoration, so a rented unit cannot start one."""
        self.check_access("write")
        refused = self.filtered(lambda unit: unit.state not in DECORATION_FROM)
        if refused:
            raise UserError(
                self.env._(
                    "Only vacant or owner-occupied units can start a decoration: %(units)s.",
                    units="、".join(refused.mapped("display_name")),
                )
            )
        self._protected_write({"state": "decorating"})

    def action_end_decoration(self):
        """Out of 装修中: the status follows the occupancies again (somebody lives there →
        owner-occupied, nobody → vacant); a tenant moving in also ends it (rented)."""
        self.check_access("write")
        refused = self.filtered(lambda unit: unit.state != "decorating")
        if refused:
            raise UserError(
                self.env._(
                    "These units are not being decorated: %(units)s.",
                    units="、".join(refused.mapped("display_name")),
                )
            )
        lived_in = self.filtered(lambda unit: unit.occupancy_ids.filtered("is_current"))
        lived_in._protected_write({"state": "occupied"})
        (self - lived_in)._protected_write({"state": "vacant"})

    # Business
    def _sync_state_with_occupancies(self):
        """Status follows the current occupants: tenants → rented, owners or family → occupied,
        nobody → vacant. Unsold and decorating units keep their status until someone lives there."""
        changes = defaultdict(lambda: self.browse())
        for unit in self:
            roles = set(unit.occupancy_ids.filtered("is_current").mapped("role"))
            if "tenant" in roles:
                state = "rented"
            elif roles:
                state = "occupied" if unit.state != "decorating" else "decorating"
            else:
                state = "vacant" if unit.state in ("occupied", "rented") else unit.state
            if unit.state != state:
                changes[state] |= unit
        for state, units in changes.items():
            units._protected_write({"state": state})

    def _protected_create_allowed(self, fname, vals):
        return fname == "state" and vals["state"] in MANUAL_STATES

    def _protected_write_allowed(self, fname, value):
        """Unsold, decorating and vacant are set by hand on a unit nobody occupies today;
        owner-occupied and rented come only from the occupancies."""
        if fname != "state" or value not in MANUAL_STATES:
            return self.browse()
        return self.filtered(lambda unit: not unit.occupancy_ids.filtered("is_current"))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_occupancies(self):
        if self.occupancy_ids:
            raise UserError(
                self.env._(
                    "Units with occupancy records cannot be deleted; archive them instead: "
                    "%(units)s",
                    units=", ".join(self.filtered("occupancy_ids").mapped("display_name")),
                )
            )
