from string import Formatter

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.property_unit import USAGES

MAX_UNITS = 5000


class PropertyUnitGenerateWizard(models.TransientModel):
    _name = "property.unit.generate.wizard"
    _description = "Generate Units"

    building_id = fields.Many2one("property.building", required=True, ondelete="cascade")
    floor_from = fields.Integer(string="From Floor", required=True, default=1)
    floor_to = fields.Integer(string="To Floor", required=True, default=1)
    units_per_floor = fields.Integer(required=True, default=2)
    pattern = fields.Char(
        string="Numbering Pattern",
        required=True,
        default="{floor:02d}{unit:02d}",
        help="Python format with {floor} and {unit}: {floor:02d}{unit:02d} gives 0101, 0102 …; "
        "{floor}-{unit} gives 1-1, 1-2 …",
    )
    area = fields.Float(string="Floor Area (m²)", required=True, digits=(16, 2))
    usage = fields.Selection(USAGES, required=True, default="residential")
    unit_count = fields.Integer(string="Units to Create", compute="_compute_preview")
    preview = fields.Char(compute="_compute_preview")

    @api.depends("floor_from", "floor_to", "units_per_floor", "pattern")
    def _compute_preview(self):
        for wizard in self:
            try:
                numbers = wizard._numbers()
            except (UserError, ValidationError):
                numbers = []
            wizard.unit_count = len(numbers)
            shown = [number for _floor, number in numbers[:3]]
            wizard.preview = ", ".join(shown) + (" …" if len(numbers) > 3 else "")

    def _numbers(self):
        """(floor, unit number) of every unit to create, floor by floor."""
        if self.floor_to < self.floor_from or self.units_per_floor < 1:
            raise ValidationError(
                self.env._("Check the floors (from ≤ to) and the number of units per floor.")
            )
        if self.floor_to > self.building_id.floor_count:
            raise ValidationError(
                self.env._(
                    "Building %(building)s has %(floors)s floors: units cannot go up to floor "
                    "%(floor)s.",
                    building=self.building_id.display_name,
                    floors=self.building_id.floor_count,
                    floor=self.floor_to,
                )
            )
        count = (self.floor_to - self.floor_from + 1) * self.units_per_floor
        if count > MAX_UNITS:
            raise ValidationError(
                self.env._(
                    "%(count)s units at once is too many; generate at most %(max)s per run.",
                    count=count,
                    max=MAX_UNITS,
                )
            )
        self._check_pattern()
        return [
            (floor, self.pattern.format(floor=floor, unit=unit))
            for floor in range(self.floor_from, self.floor_to + 1)
            for unit in range(1, self.units_per_floor + 1)
        ]

    def _check_pattern(self):
        """Only {floor} and {unit}, with an optional format such as :02d, may be used."""
        try:
            fields_used = [
                (name, conversion)
                for _text, name, _spec, conversion in Formatter().parse(self.pattern)
                if name is not None
            ]
            valid = fields_used and all(
                name in ("floor", "unit") and not conversion for name, conversion in fields_used
            )
            if valid:
                self.pattern.format(floor=1, unit=1)
        except (ValueError, KeyError, IndexError):
            valid = False
        if not valid:
            raise UserError(
                self.env._(
                    "The numbering pattern %(pattern)s is invalid: use {floor} and {unit}.",
                    pattern=self.pattern,
                )
            )

    def action_generate(self):
        self.ensure_one()
        units = self.building_id.generate_units(self._numbers(), self.area, self.usage)
        action = self.env["ir.actions.act_window"]._for_xml_id("property_base.property_unit_action")
        action["domain"] = [("id", "in", units.ids)]
        return action
