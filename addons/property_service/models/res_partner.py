from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    property_ticket_count = fields.Integer(
        string="Service Tickets", compute="_compute_property_ticket_count"
    )

    @api.depends_context("uid")
    def _compute_property_ticket_count(self):
        Ticket = self.env["property.service.ticket"]
        counts = {}
        if Ticket.has_access("read"):
            counts = dict(
                Ticket._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
            )
        for partner in self:
            partner.property_ticket_count = counts.get(partner, 0)

    # Actions
    def action_open_property_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_service.property_service_ticket_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
