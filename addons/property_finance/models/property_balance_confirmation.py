from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyBalanceConfirmation(models.Model):
    """对账确认 (FIN-6): the balance an owner owes at a date, sent to them, confirmed or
    disputed by the owner in the portal; the answer is the owner's only."""

    _name = "property.balance.confirmation"
    _description = "Balance Confirmation"
    _inherit = ["mail.thread", "portal.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = (
        "partner_id",
        "date",
        "state",
        "balance",
        "date_sent",
        "date_answered",
        "answer_note",
    )

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one("res.partner", string="Owner", required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Balance Date", required=True, default=fields.Date.context_today)
    balance = fields.Monetary(
        compute="_compute_balance",
        store=True,
        readonly=True,
        help="What the owner owes at the balance date on the receivable accounts.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("confirmed", "Confirmed"),
            ("disputed", "Disputed"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    date_answered = fields.Datetime(string="Answered On", readonly=True, copy=False)
    answer_note = fields.Text(string="Owner's Remark", readonly=True, copy=False)

    _sql_constraints = [
        (
            "partner_date_uniq",
            "unique(partner_id, company_id, date)",
            "This owner already has a balance confirmation at this date.",
        ),
    ]

    @api.depends("partner_id", "date")
    def _compute_name(self):
        for record in self:
            record.name = f"{record.partner_id.name or ''} {record.date or ''}".strip()

    @api.depends("partner_id", "date", "company_id")
    def _compute_balance(self):
        """One grouped query for all records."""
        if not self.ids and not self:
            return
        max_date = max(self.mapped("date"), default=False)
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "child_of", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("date", "<=", max_date),
                ],
                ["partner_id", "company_id", "date:day"],
                ["balance:sum"],
            )
        )
        for record in self:
            record.balance = sum(
                amount
                for partner, company, day, amount in groups
                if partner.commercial_partner_id == record.partner_id.commercial_partner_id
                and company == record.company_id
                and day <= record.date
            )

    def _protected_create_allowed(self, fname, vals):
        return fname in ("partner_id", "date")

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for record in self:
            record.access_url = f"/my/balance-confirmations/{record.id}"
        return res

    # Actions

    def action_send(self):
        """Accountant: send the balance to the owner (mail with the portal link)."""
        self._check_accountant()
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only a draft balance confirmation is sent."))
        self._protected_write({"state": "sent", "date_sent": fields.Datetime.now()})
        for record in self:
            record.message_subscribe(partner_ids=record.partner_id.ids)
            record.message_post(
                body=self.env._(
                    "Dear owner, by our books you owe %(amount)s on %(date)s. Please confirm "
                    "or dispute this balance on your account page: %(url)s",
                    amount=record._format_balance(),
                    date=record.date,
                    url=record.get_base_url() + record.access_url,
                ),
                partner_ids=record.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_portal_confirm(self):
        """The owner (portal) confirms the balance of their own confirmation."""
        self._check_owner_answer()
        self._protected_write({"state": "confirmed", "date_answered": fields.Datetime.now()})
        self._owner_log(self.env._("The owner confirmed the balance."))
        return True

    def action_portal_dispute(self, note):
        """The owner (portal) disputes the balance, saying why."""
        self._check_owner_answer()
        if not (note or "").strip():
            raise UserError(self.env._("Say what you disagree with."))
        self._protected_write(
            {"state": "disputed", "date_answered": fields.Datetime.now(), "answer_note": note}
        )
        self._owner_log(self.env._("The owner disputed the balance: %(note)s", note=note))
        return True

    @api.model
    def action_create_for_date(self, date, partners):
        """Accountant: a confirmation per owner at ``date``, in one batch."""
        self._check_accountant()
        return self.create([{"partner_id": p.id, "date": date} for p in partners])

    # Checks

    def _check_accountant(self):
        if not self.env.user.has_group("property_finance.group_finance_accountant"):
            raise UserError(
                self.env._("Only an accountant prepares and sends balance confirmations.")
            )
        self.check_access("write")

    def _check_owner_answer(self):
        self.ensure_one()
        self.check_access("read")
        if self.env.user.commercial_partner_id != self.partner_id.commercial_partner_id:
            raise UserError(self.env._("Only the owner answers their balance confirmation."))
        if self.state != "sent":
            raise UserError(self.env._("This balance confirmation is not waiting for an answer."))

    def _owner_log(self, body):
        """The owner's answer in the chatter, as the owner (a portal user may not post)."""
        self.sudo().message_post(body=body, author_id=self.env.user.partner_id.id)

    def _format_balance(self):
        return self.currency_id.format(self.balance) if self.currency_id else str(self.balance)
