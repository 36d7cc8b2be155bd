from odoo import fields, models


class PropertyDocDestroyWizard(models.TransientModel):
    """Destruction of obsolete copies by two people (5.9.3)."""

    _name = "property.doc.destroy.wizard"
    _description = "Destruction of an Obsolete Document"

    disposal_ids = fields.Many2many("property.doc.disposal", string="Register Entries")
    executor_id = fields.Many2one(
        "res.users", string="Destroyed By", required=True, domain="[('share', '=', False)]"
    )
    supervisor_id = fields.Many2one(
        "res.users", string="Supervised By", required=True, domain="[('share', '=', False)]"
    )

    def action_confirm(self):
        self.disposal_ids._do_destroy(self.executor_id, self.supervisor_id)
        return {"type": "ir.actions.act_window_close"}
