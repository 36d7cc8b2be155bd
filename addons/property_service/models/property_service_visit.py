from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.property_base.models.res_partner import ARCHIVE_GROUP, ID_TYPES, mask_id_number

from .property_service_ticket import normalize_phone

# what the verification checked: locked once the visit is verified
VERIFIED_FIELDS = ("visitor_name", "id_type", "id_number", "purpose", "unit_id")


class PropertyServiceVisit(models.Model):
    _name = "property.service.visit"
    _description = "Visit Registration"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _rec_name = "visitor_name"
    _check_company_auto = True
    _protected_fields = ("state", "verified_by_id", "verified_at", "date_left")

    visitor_name = fields.Char(required=True, tracking=True)
    visitor_phone = fields.Char(tracking=True)
    id_type = fields.Selection(ID_TYPES, string="ID Type", tracking=True)
    # full number for the owner archive group only, masked for everybody else (as owners')
    id_number = fields.Char(string="ID Number", copy=False, groups=ARCHIVE_GROUP)
    id_number_masked = fields.Char(string="ID (masked)", compute="_compute_id_number_masked")
    purpose = fields.Text(tracking=True)
    date = fields.Datetime(string="Arrival", required=True, default=fields.Datetime.now, index=True)
    date_left = fields.Datetime(string="Departure", readonly=True, copy=False)
    unit_id = fields.Many2one(
        "property.unit", string="Host Unit", index=True, check_company=True, tracking=True
    )
    partner_id = fields.Many2one("res.partner", string="Host", tracking=True)
    verified_by_id = fields.Many2one("res.users", string="Verified by", readonly=True, copy=False)
    verified_at = fields.Datetime(string="Verified at", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Registered"),
            ("verified", "Verified"),
            ("admitted", "Admitted"),
            ("refused", "Refused"),
            ("left", "Left"),
        ],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    refusal_reason = fields.Char(tracking=True)
    feedback = fields.Text(help="Answer given to the visitor and what was recorded (§4.2).")
    ticket_id = fields.Many2one(
        "property.service.ticket", string="Ticket", check_company=True, copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("id_number")
    @api.depends_context("uid")
    def _compute_id_number_masked(self):
        full = self.env.user.has_group(ARCHIVE_GROUP)
        for visit, number in zip(self, self.sudo().mapped("id_number"), strict=True):
            visit.id_number_masked = number if full else mask_id_number(number)

    @api.constrains("date", "verified_at", "date_left")
    def _check_dates(self):
        for visit in self:
            if visit.verified_at and visit.verified_at < visit.date:
                raise ValidationError(
                    self.env._(
                        "The visit of %(visitor)s cannot have been verified before the visitor "
                        "arrived.",
                        visitor=visit.visitor_name,
                    )
                )
            if visit.date_left and visit.date_left < visit.date:
                raise ValidationError(
                    self.env._(
                        "The visitor %(visitor)s cannot have left before they arrived.",
                        visitor=visit.visitor_name,
                    )
                )

    @api.constrains("state", "verified_by_id", "verified_at", "ticket_id")
    def _check_verified_states(self):
        """Admission, departure and tickets need a verified visitor, whatever the way in
        (buttons, import, direct write)."""
        self.filtered(lambda v: v.state in ("admitted", "left"))._check_verified(
            "state", error=ValidationError
        )
        self.filtered("ticket_id")._check_verified("ticket", error=ValidationError, refused_ok=True)
        unverified = self.filtered(lambda v: not v._is_verified())
        if unverified:  # a ticket already linked to a visit whose verification is removed
            linked = (
                self.env["property.service.ticket"]
                .sudo()
                .search([("visit_id", "in", unverified.ids)], limit=1)
            )
            linked.visit_id._check_verified("ticket", error=ValidationError, refused_ok=True)

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        owners = self.unit_id.owner_ids | self.unit_id.resident_ids
        if self.unit_id and self.partner_id not in owners:
            self.partner_id = owners[:1]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("visitor_phone"):
                vals["visitor_phone"] = normalize_phone(vals["visitor_phone"])
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_verified_fields_unchanged(vals)
        return super().write(vals)

    # Actions
    def action_verify(self):
        """The guard checked the visitor's identity and purpose: stamp who and when, and lock
        what was checked."""
        self._check_can_verify()
        self._protected_write(
            {
                "state": "verified",
                "verified_by_id": self.env.user.id,
                "verified_at": fields.Datetime.now(),
            }
        )
        return True

    def action_admit(self):
        self._check_verified("admitted")
        self._check_state(("verified",))
        self._protected_write({"state": "admitted"})
        return True

    def action_refuse(self):
        self._check_state(("draft", "verified"))
        self._protected_write({"state": "refused"})
        return True

    def action_leave(self):
        self._check_state(("admitted",))
        self._protected_write({"state": "left", "date_left": fields.Datetime.now()})
        return True

    def action_create_ticket(self):
        """Open the visit's ticket, creating it on first use; only for verified visitors."""
        self.ensure_one()
        self._check_verified("ticket")
        if not self.ticket_id:
            self.ticket_id = self.env["property.service.ticket"].create(self._ticket_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.service.ticket",
            "res_id": self.ticket_id.id,
            "view_mode": "form",
        }

    # Business
    def _check_can_verify(self):
        for visit in self:
            visit._check_state(("draft",))
            if not (
                visit.id_type
                and visit.sudo().id_number
                and (visit.purpose or "").strip()
                and visit.unit_id
            ):
                raise UserError(
                    self.env._(
                        "Visit of %(visitor)s: record the ID type, the ID number, the purpose "
                        "of the visit and the host unit before verifying it.",
                        visitor=visit.visitor_name,
                    )
                )

    def _check_verified_fields_unchanged(self, vals):
        """What the verification checked cannot change afterwards."""
        fnames = [fname for fname in VERIFIED_FIELDS if fname in vals]
        for visit in self.filtered("verified_at"):
            changed = [f for f in fnames if visit.sudo()._protected_changes(f, vals[f])]
            if changed:
                raise UserError(
                    self.env._(
                        "The visit of %(visitor)s has been verified: %(fields)s can no longer "
                        "be changed.",
                        visitor=visit.visitor_name,
                        fields="、".join(
                            self._fields[fname]._description_string(self.env) for fname in changed
                        ),
                    )
                )

    def _is_verified(self):
        self.ensure_one()
        return bool(self.verified_by_id and self.verified_at)

    def _check_verified(self, step, error=UserError, refused_ok=False):
        """Refuse ``step`` for visits whose visitor was not verified. ``step`` is "admitted",
        "left", "ticket" or "state" (the step of the visit's current state). The buttons also
        refuse visits already refused; the constraints only need the verification."""
        unverified = self.filtered(
            lambda v: not v._is_verified() or (v.state == "refused" and not refused_ok)
        )
        if not unverified:
            return
        visit = unverified[0]
        if step == "state":
            step = visit.state
        # one complete sentence per step, so that each translates on its own
        if step == "admitted":
            message = self.env._(
                "The visit of %(visitor)s cannot be admitted before the visitor's identity "
                "and purpose have been verified.",
                visitor=visit.visitor_name,
            )
        elif step == "left":
            message = self.env._(
                "The visit of %(visitor)s cannot be recorded as left before the visitor's "
                "identity and purpose have been verified.",
                visitor=visit.visitor_name,
            )
        else:
            message = self.env._(
                "The visit of %(visitor)s cannot be turned into a ticket before the visitor's "
                "identity and purpose have been verified.",
                visitor=visit.visitor_name,
            )
        raise error(message)

    def _check_state(self, allowed):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for visit in self:
            if visit.state not in allowed:
                raise UserError(
                    self.env._(
                        "The visit of %(visitor)s is %(state)s; this step is not possible now.",
                        visitor=visit.visitor_name,
                        state=labels[visit.state],
                    )
                )

    def _ticket_values(self):
        return {
            "channel": "visit",
            "subject": self.env._("Visit of %(visitor)s", visitor=self.visitor_name),
            "date_received": self.date,
            "caller_name": self.visitor_name,
            "caller_phone": self.visitor_phone,
            "partner_id": self.partner_id.id
            if self.unit_id in self.env["property.service.ticket"]._units_of(self.partner_id)
            else False,
            "unit_id": self.unit_id.id,
            "visit_id": self.id,
            "company_id": self.company_id.id,
            "description": self.purpose,
        }
