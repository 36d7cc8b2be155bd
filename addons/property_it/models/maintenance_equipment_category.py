from odoo import fields, models


class MaintenanceEquipmentCategory(models.Model):
    _inherit = "maintenance.equipment.category"

    it_computer = fields.Boolean(
        string="Computers",
        help="Equipment of this category is kept in the computer register of IT Management.",
    )
