from odoo import api, fields, models


class ResPartner(models.Model):
    """The owner archive's own concerns on partners: household and vehicles. Kept apart from
    ``res_partner.py`` (identity and confidentiality) so that each file does one job."""

    _inherit = "res.partner"

    property_household_ids = fields.Many2many(
        "property.occupancy",
        string="Household",
        compute="_compute_property_household_ids",
        help="The other people living today in the units this person owns or lives in "
        "(family members and tenants).",
    )
    property_vehicle_ids = fields.One2many("property.vehicle", "partner_id", string="Vehicles")
    property_vehicle_count = fields.Integer(
        string="Vehicle Count", compute="_compute_property_vehicle_count"
    )

    @api.depends("property_occupancy_ids")
    @api.depends_context("date", "uid")
    def _compute_property_household_ids(self):
        Occupancy = self.env["property.occupancy"]
        mine = Occupancy.search([("partner_id", "in", self.ids), ("is_current", "=", True)])
        others = Occupancy.search(
            [
                ("unit_id", "in", mine.unit_id.ids),
                ("is_current", "=", True),
            ]
        )
        for partner in self:
            units = mine.filtered(lambda o, p=partner: o.partner_id == p).unit_id
            partner.property_household_ids = others.filtered(
                lambda o, u=units, p=partner: o.unit_id in u and o.partner_id != p
            )

    @api.depends_context("uid")
    def _compute_property_vehicle_count(self):
        counts = dict(
            self.env["property.vehicle"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.property_vehicle_count = counts.get(partner, 0)
