from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.property_base.tools import note_lang


class PropertyDocDisposal(models.Model):
    """An entry of the obsolete and destroy register QR-WD01-02-07 (DOC-8, 5.9): approved by
    the general manager, the document becomes obsolete and the departments holding copies get
    a written notice; one or two copies are kept, the rest destroyed by two different people,
    one executing and one supervising. Kept one year."""

    _name = "property.doc.disposal"
    _description = "Obsolete and Destroy Register Entry"
    _inherit = [
        "property.approval.mixin",
        "property.doc.register.mixin",
        "property.protected.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True
    _form_number = "QR-WD01-02-07"
    _register_date_field = "date"
    _approval_state_pending = "to_approve"
    _approval_state_to = "obsolete"
    _protected_fields = (
        "state",
        "executor_id",
        "supervisor_id",
        "destroyed_date",
        "notice_date",
        "retention_expired",
    )

    document_id = fields.Many2one(
        "property.doc.document", required=True, index=True, check_company=True, tracking=True
    )
    version = fields.Integer(related="document_id.version")
    document_obsolete_date = fields.Date(related="document_id.obsolete_date", string="Obsolete On")
    reason = fields.Text(required=True)
    copies_kept = fields.Integer(
        required=True, default=1, help="One or two copies are kept (5.9.3)."
    )
    distribution_numbers = fields.Char(
        compute="_compute_distribution_numbers", string="Distribution Numbers Made Obsolete"
    )
    date = fields.Date(string="Requested On", required=True, default=fields.Date.context_today)
    requester_id = fields.Many2one(
        "res.users", string="Applicant", required=True, default=lambda self: self.env.user
    )
    notice_date = fields.Datetime(string="Notice Sent On", readonly=True, copy=False)
    executor_id = fields.Many2one("res.users", string="Destroyed By", readonly=True, copy=False)
    supervisor_id = fields.Many2one("res.users", string="Supervised By", readonly=True, copy=False)
    destroyed_date = fields.Datetime(string="Destroyed On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("obsolete", "Obsolete"),
            ("destroyed", "Destroyed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "executor_supervisor_differ",
            "CHECK(executor_id IS NULL OR executor_id != supervisor_id)",
            "The destruction is executed and supervised by two different people.",
        ),
    ]

    @api.depends("document_id.distribution_ids.numbers")
    def _compute_distribution_numbers(self):
        for entry in self:
            entries = entry.document_id.distribution_ids.filtered("numbers")
            entry.distribution_numbers = ", ".join(entries.mapped("numbers"))

    @api.depends("document_id")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = entry.document_id.display_name or ""

    @api.constrains("copies_kept")
    def _check_copies_kept(self):
        for entry in self.filtered(lambda e: not 1 <= e.copies_kept <= 2):
            raise ValidationError(
                self.env._(
                    "Keep one or two copies of an obsolete document, not %(count)s (5.9.3).",
                    count=entry.copies_kept,
                )
            )

    def write(self, vals):
        fixed = {"document_id", "reason", "copies_kept"}
        if not self.env.su and fixed & set(vals) and any(e.state != "draft" for e in self):
            raise UserError(self.env._("The register entry can be changed only in a draft."))
        return super().write(vals)

    # Actions

    def action_destroy(self):
        self._check_office()
        if any(entry.state != "obsolete" for entry in self):
            raise UserError(self.env._("Only an approved obsolete document is destroyed."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Destroy"),
            "res_model": "property.doc.destroy.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_disposal_ids": self.ids},
        }

    def action_print_notice(self):
        return self.env.ref("property_docs.action_report_doc_obsolete_notice").report_action(self)

    # Business

    def _do_destroy(self, executor, supervisor):
        self._check_office()
        Users = self.env["res.users"]
        executor = Users.browse(executor) if isinstance(executor, int) else executor
        supervisor = Users.browse(supervisor) if isinstance(supervisor, int) else supervisor
        if not executor or not supervisor:
            raise UserError(self.env._("Name who destroys and who supervises the destruction."))
        if executor == supervisor:
            raise UserError(
                self.env._(
                    "The destruction is executed and supervised by two different people; "
                    "%(user)s cannot do both (5.9.3).",
                    user=executor.name,
                )
            )
        if any(entry.state != "obsolete" for entry in self):
            raise UserError(self.env._("Only an approved obsolete document is destroyed."))
        self._protected_write(
            {
                "state": "destroyed",
                "executor_id": executor.id,
                "supervisor_id": supervisor.id,
                "destroyed_date": fields.Datetime.now(),
            }
        )
        self.document_id._do_destroy()

    def _approval_check_can_submit(self):
        result = super()._approval_check_can_submit()
        wrong = self.filtered(lambda e: e.document_id.state != "effective")
        if wrong:
            raise UserError(
                self.env._(
                    "%(document)s is not effective: only an effective document is made obsolete.",
                    document=wrong[0].document_id.display_name,
                )
            )
        return result

    def _approval_on_approved(self):
        self.document_id._do_obsolete()
        self._send_notice()

    def _send_notice(self):
        """Written notice of obsolescence to the departments holding copies (5.9.4): a message
        to their heads and the recipients of copies, and the printable notice."""
        for entry in self:
            document = entry.document_id
            holders = document.distribution_ids.filtered(lambda d: d.state != "recalled")
            users = holders.recipient_user_id | holders.department_id.manager_id.user_id
            lang = note_lang(entry)
            body = entry.with_context(lang=lang).env._(
                "Notice of obsolescence: %(document)s is obsolete from today and must no longer "
                "be used; its copies (distribution numbers %(numbers)s) are handed back to the "
                "office.",
                document=document.display_name,
                numbers=entry.distribution_numbers or "-",
            )
            document.sudo().message_post(
                body=Markup("<p>%s</p>") % body,
                partner_ids=users.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self._protected_write({"notice_date": fields.Datetime.now()})

    def _check_office(self):
        if not self.env.user.has_group("property_docs.group_docs_clerk"):
            raise UserError(self.env._("Only the office records the destruction."))
