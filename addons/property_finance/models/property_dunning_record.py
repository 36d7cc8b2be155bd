from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from .property_dunning_level import CHANNELS

RESULTS = [
    ("sent", "Sent"),
    ("promised", "Promised to Pay"),
    ("paid", "Paid"),
    ("disputed", "Disputes the Bill"),
    ("refused", "Refuses to Pay"),
    ("unreachable", "Not Reached"),
]
ACTIVITY_TYPES = {
    "letter": "mail.mail_activity_data_todo",
    "phone": "mail.mail_activity_data_call",
    "visit": "mail.mail_activity_data_todo",
}


class PropertyDunningRecord(models.Model):
    """催缴记录: one contact with a payer about their overdue bills, at one dunning level, with
    its channel and result. Made by the dunning run only; the e-mail goes out at once, letters,
    calls and visits are the collector's activities and are closed by logging their result."""

    _name = "property.dunning.record"
    _description = "Dunning Record"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = (
        "partner_id",
        "level_id",
        "channel",
        "move_ids",
        "amount_due",
        "date",
        "state",
        "result",
        "date_done",
        "done_user_id",
    )

    partner_id = fields.Many2one("res.partner", string="Payer", required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    level_id = fields.Many2one(
        "property.dunning.level", string="Level", required=True, check_company=True
    )
    channel = fields.Selection(CHANNELS, required=True)
    move_ids = fields.Many2many("account.move", string="Overdue Bills", readonly=True)
    amount_due = fields.Monetary(readonly=True)
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    user_id = fields.Many2one("res.users", string="Collector", check_company=True)
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done")],
        required=True,
        default="todo",
        tracking=True,
        copy=False,
        index=True,
    )
    result = fields.Selection(RESULTS, tracking=True, copy=False, readonly=True)
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    done_user_id = fields.Many2one("res.users", string="Done By", readonly=True, copy=False)
    note = fields.Text(help="What the owner said, what was agreed.")
    letter_text = fields.Text(compute="_compute_letter_text")

    @api.depends("level_id", "partner_id")
    def _compute_display_name(self):
        for record in self:
            record.display_name = f"{record.partner_id.name or ''} · {record.level_id.name or ''}"

    @api.depends_context("lang")
    @api.depends("level_id.text")
    def _compute_letter_text(self):
        policy = self._dunning_policy_text()
        for record in self:
            record.letter_text = "\n\n".join(filter(None, [record.level_id.text, policy]))

    @api.model
    def _dunning_policy_text(self):
        """Said in every dunning text (民法典 第九百四十四条)."""
        return self.env._(
            "Whatever is owed, we never cut off water, electricity, heating or gas to collect "
            "property fees (Civil Code of the People's Republic of China, Article 944); we ask "
            "you to settle the bills or to contact our service centre."
        )

    def _dunning_salutation(self):
        return self.env._("Dear %(name)s,", name=self.partner_id.name)

    # Actions

    def action_log_result(self):
        """Close the contacts with the result given in the context (``dunning_result``)."""
        result = self.env.context.get("dunning_result")
        self._check_can_log_result(result)
        self._protected_write(
            {
                "state": "done",
                "result": result,
                "date_done": fields.Datetime.now(),
                "done_user_id": self.env.uid,
            }
        )
        label = dict(self._fields["result"]._description_selection(self.env))[result]
        self.activity_ids.action_feedback(feedback=label)
        return True

    def _check_can_log_result(self, result):
        user = self.env.user
        if not (
            user.has_group("property_finance.group_finance_cashier")
            or user.has_group("property_finance.group_finance_accountant")
        ):
            raise UserError(self.env._("Only finance staff log dunning results."))
        self.check_access("write")
        if result not in dict(RESULTS) or (
            result == "sent" and self.filtered(lambda r: r.channel != "letter")
        ):
            raise UserError(self.env._("Choose the result of the contact."))
        if self.filtered(lambda r: r.state == "done"):
            raise UserError(self.env._("This dunning contact is already logged."))

    def action_print_letter(self):
        return self.env.ref("property_finance.action_report_dunning_letter").report_action(self)

    @api.model
    def action_run_dunning(self):
        """Button of the accountant: run the dunning now."""
        if not self.env.user.has_group("property_finance.group_finance_accountant"):
            raise UserError(self.env._("Only an accountant runs the dunning."))
        records = self.sudo()._run_dunning()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._("%(count)s dunning contacts created.", count=len(records)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # Business

    @api.model
    def _cron_dunning(self):
        self.sudo()._run_dunning()
        return True

    @api.model
    def _run_dunning(self, today=None, domain=None):
        """Every overdue property bill (within ``domain`` if given) moves up to its next
        dunning level once that level's days are reached, each level once; one contact per
        payer and level, in one batch. A second run the same day creates nothing."""
        today = today or fields.Date.context_today(self)
        levels = self.env["property.dunning.level"].search([("active", "=", True)])
        if not levels:
            return self.browse()
        levels_by_company = defaultdict(list)
        for level in levels:
            levels_by_company[level.company_id.id].append(level)
        bills = self.env["account.move"].search_fetch(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", today),
                ("company_id", "in", list(levels_by_company)),
                "|",
                ("property_billing_run_id", "!=", False),
                ("invoice_line_ids.fee_line_kind", "=", "late_fee"),
                *(domain or []),
            ],
            [
                "company_id",
                "commercial_partner_id",
                "invoice_date_due",
                "amount_residual_signed",
                "property_dunning_level_id",
            ],
        )
        groups = defaultdict(lambda: self.env["account.move"])
        for bill in bills:
            level = self._next_level(levels_by_company[bill.company_id.id], bill, today)
            if level:
                groups[(bill.commercial_partner_id, level)] |= bill
        if not groups:
            return self.browse()
        records = self.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": level.company_id.id,
                    "level_id": level.id,
                    "channel": level.channel,
                    "move_ids": [Command.set(moves.ids)],
                    "amount_due": sum(moves.mapped("amount_residual_signed")),
                    "date": today,
                    "user_id": (level.user_id or self.env.user).id,
                }
                for (partner, level), moves in groups.items()
            ]
        )
        by_level = defaultdict(lambda: self.env["account.move"])
        for (_partner, level), moves in groups.items():
            by_level[level] |= moves
        for level, moves in by_level.items():
            moves.write({"property_dunning_level_id": level.id})
        records._dunning_contact()
        return records

    @api.model
    def _next_level(self, levels, bill, today):
        """The level after the bill's current one, if its days are reached."""
        current = bill.property_dunning_level_id
        later = levels[levels.index(current) + 1 :] if current in levels else levels
        days = (today - bill.invoice_date_due).days
        return later[0] if later and days >= later[0].days_overdue else None

    def _dunning_contact(self):
        """E-mails go out now (and are done); the other channels become the collector's
        activities."""
        emails = self.filtered(lambda r: r.channel == "email")
        for record in emails:
            lang = record.partner_id.lang or self.env.lang
            record.message_post(
                body=record.with_context(lang=lang)._dunning_mail_body(),
                subject=record.level_id.name,
                partner_ids=record.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        emails._protected_write(
            {"state": "done", "result": "sent", "date_done": fields.Datetime.now()}
        )
        # one batch of activities per level and collector (same summary and note)
        groups = defaultdict(lambda: self.browse())
        for record in self.filtered(lambda r: r.channel in ACTIVITY_TYPES):
            groups[(record.level_id, record.user_id)] |= record
        for (level, user), records in groups.items():
            records.activity_schedule(
                ACTIVITY_TYPES[level.channel],
                summary=level.name,
                note=records[0].letter_text,
                user_id=user.id,
            )

    def _dunning_mail_body(self):
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "property_finance.dunning_mail_body",
            {"record": self, "bills": self.move_ids},
            lang=self.env.lang,
        )
