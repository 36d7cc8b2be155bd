from odoo import api, fields, models
from odoo.exceptions import UserError

from .property_service_ticket import normalize_phone


class PropertyServiceCall(models.Model):
    _name = "property.service.call"
    _description = "Call Record"
    _order = "date desc, id desc"
    _rec_name = "caller_number"
    _check_company_auto = True

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    caller_number = fields.Char(required=True, index=True)
    caller_name = fields.Char()
    answered = fields.Boolean(default=True, index=True)
    user_id = fields.Many2one(
        "res.users", string="Agent", index=True, default=lambda self: self.env.user
    )
    team_id = fields.Many2one("property.service.team", string="Team", check_company=True)
    duration = fields.Integer(string="Duration (s)", help="Talk time in seconds.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner / Resident",
        index=True,
        help="Filled from the number when it belongs to exactly one contact.",
    )
    ticket_id = fields.Many2one(
        "property.service.ticket", string="Ticket", check_company=True, index="btree_not_null"
    )
    note = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("duration_positive", "CHECK(duration >= 0)", "A call duration cannot be negative."),
    ]

    @api.depends("caller_number", "caller_name", "date")
    def _compute_display_name(self):
        for call in self:
            call.display_name = " ".join(p for p in (call.caller_name, call.caller_number) if p)

    # ORM overrides
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("caller_number"):
                vals["caller_number"] = normalize_phone(vals["caller_number"])
        calls = super().create(vals_list)
        calls.filtered(lambda c: not c.partner_id)._match_partners()
        return calls

    # Actions
    def action_open_ticket(self):
        """One click from an answered call to its ticket: open the linked one or create it."""
        self.ensure_one()
        self._check_can_open_ticket()
        if not self.ticket_id:
            self.ticket_id = self.env["property.service.ticket"].create(self._ticket_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.service.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    # Business
    def _check_can_open_ticket(self):
        if not self.answered:
            raise UserError(
                self.env._(
                    "The call from %(number)s was missed: call back first, then open a ticket "
                    "from the answered call.",
                    number=self.caller_number,
                )
            )

    def _ticket_values(self):
        return {
            "channel": "phone",
            "subject": self.env._("Call from %(caller)s", caller=self.display_name),
            "date_received": self.date,
            "caller_name": self.caller_name or self.partner_id.name,
            "caller_phone": self.caller_number,
            "partner_id": self.partner_id.id,
            "team_id": self.team_id.id,
            "user_id": self.user_id.id,
            "call_id": self.id,
            "company_id": self.company_id.id,
            "description": self.note,
        }

    def _match_partners(self):
        """Link each call to the only contact with that mobile or phone (one search)."""
        numbers = list(set(self.mapped("caller_number")))
        if not numbers:
            return
        partners = (
            self.env["res.partner"]
            .sudo()
            .search_fetch(
                ["|", ("mobile", "in", numbers), ("phone", "in", numbers)], ["mobile", "phone"]
            )
        )
        by_number = {}
        for partner in partners:
            for number in {partner.mobile, partner.phone} - {False}:
                by_number.setdefault(number, set()).add(partner.id)
        for call in self:
            found = by_number.get(call.caller_number, set())
            if len(found) == 1:
                call.partner_id = found.pop()
                call.caller_name = call.caller_name or call.partner_id.sudo().name
