from odoo import api, fields, models
from odoo.exceptions import UserError


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

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        followups._check_ticket_open()
        return followups

    def write(self, vals):
        self._check_ticket_open()
        result = super().write(vals)
        if "ticket_id" in vals:
            self._check_ticket_open()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed_ticket(self):
        self._check_ticket_open()

    # Checks

    def _check_ticket_open(self):
        """The follow-ups of a closed complaint are the proof its closing needed (SVC-4): they
        are kept as they were; reopen the ticket to add or correct one."""
        if self.env.su:
            return
        closed = self.ticket_id.filtered(lambda t: t.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is closed: its follow-ups can no longer be added, changed "
                    "or deleted. Reopen the ticket first.",
                    ticket=", ".join(closed.mapped("name")),
                )
            )
