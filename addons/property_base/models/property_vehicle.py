import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Mainland China plate (GA 36-2018): province abbreviation, issuing-office letter, then five
# characters (petrol/diesel), or six for new-energy vehicles: D/F (electric/hybrid) first on
# small cars, last on large ones. Letters I and O are never used.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTER = "A-HJ-NP-Z"
_PLATE = re.compile(
    rf"^[{PROVINCES}][{_LETTER}]"
    rf"(?:(?P<ordinary>[{_LETTER}0-9]{{4}}[{_LETTER}0-9挂学警港澳])"
    rf"|(?P<small_nev>[DF][{_LETTER}0-9][0-9]{{4}})"
    rf"|(?P<large_nev>[0-9]{{5}}[DF]))$"
)


def normalize_plate(plate):
    """``粤b·12345`` / ``粤B 12345`` → ``粤B12345``."""
    return re.sub(r"[\s·.\-]", "", plate or "").upper()


def plate_kind(plate):
    """``ordinary``, ``small_nev`` or ``large_nev`` for a valid mainland plate, else None."""
    match = _PLATE.match(normalize_plate(plate))
    return match and match.lastgroup


class PropertyVehicle(models.Model):
    _name = "property.vehicle"
    _description = "Vehicle"
    _inherit = ["mail.thread"]
    _order = "partner_id, plate"
    _rec_name = "plate"
    _check_company_auto = True

    plate = fields.Char(string="Plate Number", required=True, tracking=True, copy=False)
    new_energy = fields.Boolean(
        string="New-Energy Vehicle",
        compute="_compute_new_energy",
        store=True,
        help="Green plate: eight characters, D (electric) or F (hybrid) after the office letter "
        "or at the end.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        check_company=True,
    )
    parking_unit_id = fields.Many2one(
        "property.unit",
        string="Parking Space",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('usage', '=', 'parking')]",
        check_company=True,
    )
    brand = fields.Char(string="Brand and Model")
    color = fields.Char(string="Colour")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    note = fields.Text()

    _sql_constraints = [
        (
            "plate_company_uniq",
            "unique(company_id, plate)",
            "A plate number is registered once per company.",
        ),
    ]

    @api.depends("plate")
    def _compute_new_energy(self):
        for vehicle in self:
            vehicle.new_energy = plate_kind(vehicle.plate) in ("small_nev", "large_nev")

    @api.constrains("plate")
    def _check_plate(self):
        for vehicle in self:
            if not plate_kind(vehicle.plate):
                raise ValidationError(
                    self.env._(
                        "%(plate)s is not a mainland China plate number (e.g. 粤B12345, "
                        "or 粤BD12345 for a new-energy vehicle).",
                        plate=vehicle.plate,
                    )
                )

    @api.constrains("parking_unit_id")
    def _check_parking_unit(self):
        for vehicle in self.filtered("parking_unit_id"):
            if vehicle.parking_unit_id.usage != "parking":
                raise ValidationError(
                    self.env._(
                        "%(unit)s is not a parking space.",
                        unit=vehicle.parking_unit_id.display_name,
                    )
                )

    # ORM overrides
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("plate"):
                vals["plate"] = normalize_plate(vals["plate"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("plate"):
            vals["plate"] = normalize_plate(vals["plate"])
        return super().write(vals)
