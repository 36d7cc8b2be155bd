from odoo import fields, models


class PropertyFireSignWizard(models.TransientModel):
    _name = "property.fire.sign.wizard"
    _description = "Sign a Fire-Safety Inspection"

    inspection_id = fields.Many2one("property.fire.inspection", required=True, ondelete="cascade")
    role = fields.Selection(
        [("inspector", "Inspector"), ("head", "Department Head")], required=True
    )
    signature = fields.Binary(required=True)

    def action_sign(self):
        self.ensure_one()
        self.inspection_id._sign(self.role, self.signature)
        return {"type": "ir.actions.act_window_close"}
