from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    fire_facility = fields.Boolean(related="equipment_id.fire_facility", store=True)
    fire_yearly_test = fields.Boolean(
        string="Yearly Full Test",
        compute="_compute_fire_yearly_test",
        store=True,
        help="The yearly full test of a fire facility by a qualified firm.",
    )
    fire_firm_id = fields.Many2one(
        "res.partner", string="Qualified Firm", help="The firm qualified for fire-facility tests."
    )
    fire_report_attachment_ids = fields.Many2many(
        "ir.attachment",
        "maintenance_request_fire_report_rel",
        "request_id",
        "attachment_id",
        string="Test Report",
    )

    @api.depends("maintenance_kind_id")
    def _compute_fire_yearly_test(self):
        yearly = self.env.ref("property_fire.maintenance_kind_fire_yearly", False)
        for request in self:
            request.fire_yearly_test = bool(yearly) and request.maintenance_kind_id == yearly

    @api.constrains("stage_id", "fire_firm_id", "fire_report_attachment_ids")
    def _check_fire_yearly_test(self):
        for request in self:
            if (
                request.fire_yearly_test
                and request.stage_id.done
                and not (request.fire_firm_id and request.fire_report_attachment_ids)
            ):
                raise ValidationError(
                    self.env._(
                        "The yearly full test %(request)s can only be done with the qualified "
                        "firm and its test report attached.",
                        request=request.name,
                    )
                )
