from stdnum.cn import ric

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ARCHIVE_GROUP = "property_base.group_owner_archive"
ID_TYPES = [
    ("resident_id", "Resident Identity Card"),
    ("passport", "Passport"),
    ("hk_macao_permit", "Mainland Travel Permit for HK/Macao Residents"),
    ("taiwan_permit", "Mainland Travel Permit for Taiwan Residents"),
    ("foreigner_permit", "Foreigner Permanent Residence ID Card"),
    ("other", "Other"),
]


def mask_id_number(number):
    """``110101199003071234`` → ``1101**********1234``; short numbers keep two characters."""
    if not number:
        return False
    keep = 4 if len(number) >= 12 else 1
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "property.protected.mixin"]
    # derived from the current occupancies (and refreshed by the daily cron)
    _protected_fields = ("property_is_owner", "property_is_resident")

    property_id_type = fields.Selection(ID_TYPES, string="ID Type", groups=ARCHIVE_GROUP)
    property_id_number = fields.Char(string="ID Number", groups=ARCHIVE_GROUP, copy=False)
    property_id_number_masked = fields.Char(
        string="ID Number (masked)", compute="_compute_property_id_number_masked"
    )
    property_move_in_date = fields.Date(string="Move-in Date", groups=ARCHIVE_GROUP)
    property_emergency_contact = fields.Char(string="Emergency Contact", groups=ARCHIVE_GROUP)
    property_emergency_phone = fields.Char(string="Emergency Phone", groups=ARCHIVE_GROUP)
    property_occupancy_ids = fields.One2many(
        "property.occupancy", "partner_id", string="Occupancies"
    )
    property_is_owner = fields.Boolean(
        string="Owner",
        compute="_compute_property_roles",
        store=True,
        help="Owns at least one unit today (a current owner occupancy).",
    )
    property_is_resident = fields.Boolean(
        string="Resident",
        compute="_compute_property_roles",
        store=True,
        help="Lives in a unit today as tenant or family member (a current occupancy).",
    )
    property_unit_count = fields.Integer(string="Units", compute="_compute_property_unit_count")

    @api.depends("property_id_number")
    @api.depends_context("uid")
    def _compute_property_id_number_masked(self):
        full = self.env.user.has_group(ARCHIVE_GROUP)
        for partner, number in zip(self, self.sudo().mapped("property_id_number"), strict=True):
            partner.property_id_number_masked = number if full else mask_id_number(number)

    @api.depends(
        "property_occupancy_ids.role",
        "property_occupancy_ids.date_from",
        "property_occupancy_ids.date_to",
    )
    def _compute_property_roles(self):
        """Stored for searching; the daily cron of property.occupancy recomputes it when an
        occupancy starts or ends, since the flags depend on the date."""
        for partner in self:
            roles = set(partner.property_occupancy_ids.filtered("is_current").mapped("role"))
            partner.property_is_owner = "owner" in roles
            partner.property_is_resident = bool(roles - {"owner"})

    def _compute_property_unit_count(self):
        counts = dict(
            self.env["property.occupancy"]._read_group(
                [("partner_id", "in", self.ids), ("is_current", "=", True)],
                ["partner_id"],
                ["unit_id:count_distinct"],
            )
        )
        for partner in self:
            partner.property_unit_count = counts.get(partner, 0)

    @api.constrains("property_id_type", "property_id_number")
    def _check_property_id_number(self):
        for partner in self.sudo().filtered("property_id_number"):
            if partner.property_id_type == "resident_id" and not ric.is_valid(
                partner.property_id_number
            ):
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid resident identity card number (%(name)s).",
                        number=mask_id_number(partner.property_id_number),
                        name=partner.name,
                    )
                )

    @api.onchange("property_id_number")
    def _onchange_property_id_number(self):
        if self.property_id_number:
            self.property_id_number = "".join(self.property_id_number.split()).upper()

    # Actions
    def action_open_property_occupancies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_base.property_occupancy_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
