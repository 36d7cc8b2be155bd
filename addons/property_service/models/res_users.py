from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    property_service_team_ids = fields.Many2many(
        "property.service.team",
        "property_service_team_member_rel",
        "user_id",
        "team_id",
        string="Customer Service Teams",
        groups="property_base.group_property_user",
        help="The teams this user works in as an agent (their managers evaluate them).",
    )
