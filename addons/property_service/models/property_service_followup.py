from odoo import fields, models


class PropertyServiceFollowup(models.Model):
    _name = "property.service.followup"
    _description = "Complaint Follow-up"
    _inherit = ["property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # the author of the follow-up is whoever records it
    _protected_fields = ("user_id",)

    ticket_id = fields.Many2one(
        "property.service.ticket",
        string="Ticket",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, default=lambda self: self.env.user
    )
    note = fields.Text(required=True)
    with_complainant = fields.Boolean(
        string="With the Complainant",
        help="The complainant was contacted and their view of the handling recorded.",
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
