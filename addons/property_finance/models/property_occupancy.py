from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyOccupancy(models.Model):
    _inherit = "property.occupancy"

    pays_fees = fields.Boolean(
        string="Pays the Fees",
        tracking=True,
        help="The tenant pays the property fees of the unit instead of the owner, as the "
        "lease says. Owners pay by default.",
    )

    @api.constrains("pays_fees", "role")
    def _check_pays_fees(self):
        if any(occ.pays_fees and occ.role != "tenant" for occ in self):
            raise ValidationError(
                self.env._("Only a tenant can be marked as paying the fees; owners pay anyway.")
            )
