from odoo import fields, models


class PropertyFireComplianceWizard(models.TransientModel):
    """The year of the compliance views (FIRE-8): projects without a drill and employees
    without fire training in that year."""

    _name = "property.fire.compliance.wizard"
    _description = "Fire-Safety Compliance Year"

    year = fields.Integer(required=True, default=lambda s: fields.Date.context_today(s).year)

    def _open(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["name"] = f"{action['name']} ({self.year})"
        action["context"] = {"fire_year": self.year}
        return action

    def action_projects_without_drill(self):
        return self._open("property_fire.action_fire_drill_missing")

    def action_employees_without_training(self):
        return self._open("property_fire.action_fire_training_missing")
