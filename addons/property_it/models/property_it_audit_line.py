from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyItAuditLine(models.Model):
    """One expected computer of an inventory: found or missing, and the software found."""

    _name = "property.it.audit.line"
    _description = "Computer Inventory Line"
    _order = "audit_id, computer_id"
    _check_company_auto = True

    audit_id = fields.Many2one("property.it.audit", required=True, index=True, ondelete="cascade")
    audit_state = fields.Selection(related="audit_id.state", store=True, string="Inventory State")
    date = fields.Date(related="audit_id.date", store=True)
    company_id = fields.Many2one(related="audit_id.company_id", store=True, index=True)
    computer_id = fields.Many2one(
        "maintenance.equipment", string="Computer", required=True, check_company=True
    )
    result = fields.Selection(
        [("pending", "To Check"), ("found", "Found"), ("missing", "Missing")],
        default="pending",
        required=True,
    )
    software_found = fields.Text(help="One software name per line, as found on the computer.")
    unregistered_software = fields.Char(
        compute="_compute_unregistered_software",
        string="Not in the Register",
        store=True,
    )

    @api.depends("software_found", "computer_id.it_software_ids.name")
    def _compute_unregistered_software(self):
        for line in self:
            registered = {
                software.name.strip().lower()
                for software in line.computer_id.it_software_ids
                if software.state == "installed"
            }
            found = [name.strip() for name in (line.software_found or "").splitlines()]
            line.unregistered_software = "、".join(
                name for name in found if name and name.lower() not in registered
            )

    def write(self, vals):
        if self.filtered(lambda line: line.audit_id.state != "in_progress"):
            raise UserError(
                self.env._("The lines of an inventory are filled in while it is in progress.")
            )
        return super().write(vals)
