from odoo import api, models
from odoo.exceptions import AccessError

TICKET = "property.service.ticket"


class RatingRating(models.Model):
    _inherit = "rating.rating"

    # ORM overrides
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            ticket_model_id = self.env["ir.model"]._get_id(TICKET)
            if any(
                vals.get("res_model_id") == ticket_model_id or vals.get("res_model") == TICKET
                for vals in vals_list
            ):
                self._raise_ticket_rating_refused()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(rating.res_model == TICKET for rating in self.sudo()):
            self._raise_ticket_rating_refused()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ticket_rating(self):
        if not self.env.su and any(rating.res_model == TICKET for rating in self.sudo()):
            self._raise_ticket_rating_refused()

    # Checks
    def _raise_ticket_rating_refused(self):
        """Ticket ratings feed the satisfaction statistics of the agents: only the owner's
        rating link (run as superuser after its own checks) makes or changes them."""
        raise AccessError(
            self.env._(
                "Ratings of service tickets are given only by the ticket's owner or resident "
                "through their rating link; they cannot be created, changed or deleted here."
            )
        )
