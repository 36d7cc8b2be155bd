from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyItSoftware(models.Model):
    """A line of a computer's installed-software register (IT-1, 第七条)."""

    _name = "property.it.software"
    _description = "Installed Software"
    _inherit = ["property.protected.mixin"]
    _order = "computer_id, name, id"
    _check_company_auto = True
    _protected_fields = ("state", "request_id", "removal_request_id", "removed_date")

    computer_id = fields.Many2one(
        "maintenance.equipment",
        string="Computer",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('it_computer', '=', True)]",
    )
    company_id = fields.Many2one(related="computer_id.company_id", store=True, index=True)
    name = fields.Char(string="Software", required=True)
    version = fields.Char()
    licence = fields.Char()
    install_date = fields.Date(default=fields.Date.context_today)
    request_id = fields.Many2one(
        "property.it.request", string="Approved Request", readonly=True, index="btree_not_null"
    )
    removal_request_id = fields.Many2one(
        "property.it.request", string="Uninstall Request", readonly=True
    )
    removed_date = fields.Date(string="Uninstalled On", readonly=True)
    state = fields.Selection(
        [("installed", "Installed"), ("removed", "Uninstalled")],
        default="installed",
        required=True,
        readonly=True,
        index=True,
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_register(self):
        raise UserError(
            self.env._(
                "Lines of the installed-software register are kept: uninstall the software "
                "through an uninstall request instead of deleting the line."
            )
        )
