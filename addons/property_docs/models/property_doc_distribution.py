from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyDocDistribution(models.Model):
    """An entry of the distribution register QR-WD01-02-03 (5.5): scope, quantity and the
    distribution numbers of the copies, taken from the document's gap-free sequence; the
    recipient signs for them; misdistributed copies are recalled. Kept one year."""

    _name = "property.doc.distribution"
    _description = "Distribution Register Entry"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.doc.register.mixin",
        "property.protected.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _form_number = "QR-WD01-02-03"
    _register_date_field = "date"
    _protected_fields = (
        "state",
        "number_first",
        "number_last",
        "signed_date",
        "signed_by_id",
        "recalled_date",
        "recalled_by_id",
        "retention_expired",
        "reissue_id",
    )

    document_id = fields.Many2one(
        "property.doc.document",
        required=True,
        index=True,
        check_company=True,
        domain="[('state', '=', 'effective')]",
    )
    version = fields.Integer(related="document_id.version")
    department_id = fields.Many2one(
        "hr.department", string="Scope (Department)", required=True, check_company=True
    )
    recipient_user_id = fields.Many2one(
        "res.users", string="Recipient", required=True, domain="[('share', '=', False)]"
    )
    quantity = fields.Integer(required=True, default=1)
    number_first = fields.Integer(string="First Distribution Number", readonly=True, copy=False)
    number_last = fields.Integer(string="Last Distribution Number", readonly=True, copy=False)
    numbers = fields.Char(string="Distribution Numbers", compute="_compute_numbers")
    date = fields.Date(string="Distributed On", required=True, default=fields.Date.context_today)
    user_id = fields.Many2one(
        "res.users", string="Distributed By", required=True, default=lambda self: self.env.user
    )
    state = fields.Selection(
        [("issued", "Issued"), ("signed", "Signed For"), ("recalled", "Recalled")],
        default="issued",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    signed_date = fields.Datetime(string="Signed On", readonly=True, copy=False)
    signed_by_id = fields.Many2one("res.users", string="Signed By", readonly=True, copy=False)
    recall_reason = fields.Char(tracking=True)
    recalled_date = fields.Datetime(string="Recalled On", readonly=True, copy=False)
    recalled_by_id = fields.Many2one("res.users", string="Recalled By", readonly=True, copy=False)
    reissue_id = fields.Many2one(
        "property.doc.reissue", string="Reissue Request", readonly=True, copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
    ]

    @api.depends("number_first", "number_last")
    def _compute_numbers(self):
        for entry in self:
            if not entry.number_first:
                entry.numbers = False
            elif entry.number_first == entry.number_last:
                entry.numbers = f"{entry.number_first:03d}"
            else:
                entry.numbers = f"{entry.number_first:03d}-{entry.number_last:03d}"

    @api.depends("document_id", "numbers")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = self.env._(
                "%(document)s No. %(numbers)s",
                document=entry.document_id.display_name or "",
                numbers=entry.numbers or "",
            )

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries.document_id._check_issuable("distribute")
        for entry in entries:
            first, last = entry.document_id.sudo()._allocate_distribution_numbers(entry.quantity)
            entry._protected_write({"number_first": first, "number_last": last})
        return entries

    def write(self, vals):
        fixed = {"document_id", "quantity"} & set(vals)
        if fixed and not self.env.su:
            raise UserError(
                self.env._(
                    "The document and quantity of a distribution cannot change once its "
                    "distribution numbers are given; recall it and distribute again."
                )
            )
        return super().write(vals)

    # Actions

    def action_sign(self):
        """The recipient signs for the copies (5.5.1)."""
        for entry in self:
            if entry.recipient_user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only the recipient %(user)s signs for %(entry)s.",
                        user=entry.recipient_user_id.name,
                        entry=entry.display_name,
                    )
                )
            if entry.state != "issued":
                raise UserError(
                    self.env._(
                        "%(entry)s is not waiting for a signature.", entry=entry.display_name
                    )
                )
        self._protected_write(
            {"state": "signed", "signed_date": fields.Datetime.now(), "signed_by_id": self.env.uid}
        )
        return True

    def action_recall(self):
        """Recall misdistributed copies (5.5.2): the office, with a reason."""
        self._check_office()
        for entry in self:
            if entry.state == "recalled":
                raise UserError(
                    self.env._("%(entry)s is already recalled.", entry=entry.display_name)
                )
            if not (entry.recall_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason of the recall of %(entry)s first.",
                        entry=entry.display_name,
                    )
                )
        self._protected_write(
            {
                "state": "recalled",
                "recalled_date": fields.Datetime.now(),
                "recalled_by_id": self.env.uid,
            }
        )
        return True

    def _check_office(self):
        if not self.env.user.has_group("property_docs.group_docs_clerk"):
            raise UserError(self.env._("Only the office handles this step of the register."))
