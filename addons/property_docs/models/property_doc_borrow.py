from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.property_base.tools import person_lang

BORROWER_TYPES = [
    ("staff", "Staff"),
    ("regulator", "Industry Regulator"),
    ("owner", "Owner"),
    ("law_enforcement", "Law Enforcement"),
    ("other", "Other"),
]


class PropertyDocBorrow(models.Model):
    """An entry of the borrowing register QR-WD01-02-04 (DOC-4, DOC-6, 5.6): who borrows what,
    approved by confidentiality (A the general manager, B the office director, C the head of
    the document's department) under the rules of 5.6.4 for each kind of borrower; returned with
    a condition check; overdue returns chased by a cron. Kept one year."""

    _name = "property.doc.borrow"
    _description = "Borrowing Register Entry"
    _inherit = [
        "property.approval.mixin",
        "property.doc.register.mixin",
        "property.protected.mixin",
    ]
    _order = "date_request desc, id desc"
    _check_company_auto = True
    _form_number = "QR-WD01-02-04"
    _register_date_field = "date_request"
    _approval_state_pending = "to_approve"
    _approval_state_to = "approved"
    _protected_fields = (
        "state",
        "credentials_checked",
        "credentials_checked_by_id",
        "credentials_checked_date",
        "acknowledged",
        "acknowledged_date",
        "date_lent",
        "lent_by_id",
        "date_returned",
        "returned_to_id",
        "return_condition",
        "damage_cause",
        "last_chased_date",
        "retention_expired",
    )

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/", index=True
    )
    document_id = fields.Many2one(
        "property.doc.document", required=True, index=True, check_company=True, tracking=True
    )
    document_code = fields.Char(related="document_id.code", string="Document Number")
    confidentiality = fields.Selection(
        related="document_id.confidentiality", store=True, index=True
    )
    drawing_number = fields.Char(help="Drawing number of a borrowed drawing (5.6.1).")
    borrower_type = fields.Selection(
        BORROWER_TYPES, required=True, default="staff", tracking=True, index=True
    )
    borrower_user_id = fields.Many2one(
        "res.users",
        string="Borrowing Employee",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        index=True,
    )
    partner_id = fields.Many2one("res.partner", string="Borrowing Owner or Person", tracking=True)
    borrower_name = fields.Char(
        compute="_compute_borrower_name", store=True, readonly=False, precompute=True
    )
    organisation = fields.Char(help="Organisation of an external borrower (regulator, police...).")
    credential_type = fields.Char(help="E.g. police officer card.")
    credential_number = fields.Char()
    credentials_checked = fields.Boolean(readonly=True, copy=False)
    credentials_checked_by_id = fields.Many2one(
        "res.users", string="Credentials Checked By", readonly=True, copy=False
    )
    credentials_checked_date = fields.Datetime(
        string="Credentials Checked On", readonly=True, copy=False
    )
    purpose = fields.Char(required=True)
    date_request = fields.Date(
        string="Requested On", required=True, default=fields.Date.context_today
    )
    date_due = fields.Date(string="Due On", required=True, tracking=True)
    acknowledged = fields.Boolean(
        string="No-Copy Rule Acknowledged",
        readonly=True,
        copy=False,
        help="The borrower acknowledged that borrowed documents are not copied, excerpted, "
        "lent on or spread without permission (5.6.2).",
    )
    acknowledged_date = fields.Datetime(string="Acknowledged On", readonly=True, copy=False)
    date_lent = fields.Datetime(string="Lent On", readonly=True, copy=False)
    lent_by_id = fields.Many2one("res.users", string="Handled By", readonly=True, copy=False)
    date_returned = fields.Datetime(string="Returned On", readonly=True, copy=False)
    returned_to_id = fields.Many2one(
        "res.users", string="Return Checked By", readonly=True, copy=False
    )
    return_condition = fields.Selection(
        [("intact", "Intact"), ("damaged", "Damaged")], readonly=True, copy=False
    )
    damage_cause = fields.Text(string="Remarks (Damage Cause)", readonly=True, copy=False)
    last_chased_date = fields.Date(string="Last Reminder", readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("lent", "Lent"),
            ("returned", "Returned"),
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

    @api.depends("borrower_type", "borrower_user_id", "partner_id")
    def _compute_borrower_name(self):
        for borrow in self:
            person = (
                borrow.borrower_user_id if borrow.borrower_type == "staff" else borrow.partner_id
            )
            borrow.borrower_name = person.name or borrow.borrower_name

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for borrow in self:
            borrow.is_overdue = borrow.state == "lent" and borrow.date_due < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue borrowings."))
        today = fields.Date.context_today(self)
        domain = [("state", "=", "lent"), ("date_due", "<", today)]
        positive = (operator == "=") == value
        return domain if positive else ["!", "&", *domain]

    # Constraints (5.6.4)

    @api.constrains("borrower_type", "document_id", "borrower_user_id", "partner_id")
    def _check_borrower_rules(self):
        for borrow in self:
            borrow._check_borrower_rule()

    def _check_borrower_rule(self):
        document = self.document_id
        if self.borrower_type == "staff" and not self.borrower_user_id:
            raise ValidationError(self.env._("Name the employee who borrows the document."))
        if self.borrower_type != "staff" and not (self.partner_id or self.borrower_name):
            raise ValidationError(self.env._("Name the person who borrows the document."))
        if self.borrower_type == "regulator" and document.confidentiality == "a":
            raise ValidationError(
                self.env._(
                    "Industry regulators borrow only B and C confidential documents; "
                    "%(document)s is A confidential (5.6.4 d).",
                    document=document.display_name,
                )
            )
        if self.borrower_type == "owner" and document.confidentiality == "a":
            raise ValidationError(
                self.env._(
                    "Owners do not borrow A confidential documents; %(document)s is A "
                    "confidential (5.6.4 a, e).",
                    document=document.display_name,
                )
            )
        if self.borrower_type == "owner" and not document.owner_borrowable:
            raise ValidationError(
                self.env._(
                    "Owners borrow only technical drawings and documents posted in public "
                    "areas; %(document)s is neither (5.6.4 e).",
                    document=document.display_name,
                )
            )

    @api.constrains("date_request", "date_due")
    def _check_dates(self):
        for borrow in self.filtered(lambda b: b.date_due < b.date_request):
            raise ValidationError(
                self.env._("The due date of %(borrow)s is before its request.", borrow=borrow.name)
            )

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("property.doc.borrow") or "/"
        return super().create(vals_list)

    def write(self, vals):
        fixed = {"document_id", "borrower_type", "borrower_user_id", "partner_id"}
        if not self.env.su and fixed & set(vals) and any(b.state != "draft" for b in self):
            raise UserError(
                self.env._("The document and the borrower can be changed only in a draft.")
            )
        return super().write(vals)

    # Actions

    def action_check_credentials(self):
        """The office director checks and registers a law-enforcement borrower's credentials
        (organisation, credential type and number) before the request (5.6.4 f)."""
        self._check_office_director()
        for borrow in self:
            if borrow.state != "draft":
                raise UserError(self.env._("Credentials are checked before the request."))
            if not (borrow.organisation and borrow.credential_type and borrow.credential_number):
                raise UserError(
                    self.env._(
                        "Register the organisation, the credential type and the credential "
                        "number of %(borrow)s before checking them.",
                        borrow=borrow.name,
                    )
                )
        self._protected_write(
            {
                "credentials_checked": True,
                "credentials_checked_by_id": self.env.uid,
                "credentials_checked_date": fields.Datetime.now(),
            }
        )
        return True

    def action_acknowledge(self):
        """The borrower acknowledges the no-copy, no-lending rule (5.6.2); an employee
        acknowledges themselves, the office registers an external borrower's signature."""
        for borrow in self:
            own = borrow.borrower_type == "staff" and borrow.borrower_user_id == self.env.user
            office = borrow.borrower_type != "staff" and self.env.user.has_group(
                "property_docs.group_docs_clerk"
            )
            if not (own or office):
                raise UserError(
                    self.env._(
                        "Only the borrower acknowledges the rule of %(borrow)s (the office for "
                        "an external borrower).",
                        borrow=borrow.name,
                    )
                )
        self._protected_write({"acknowledged": True, "acknowledged_date": fields.Datetime.now()})
        return True

    def action_lend(self):
        """The office hands the approved document over; to law enforcement, the office
        director in person (5.6.4 f)."""
        self._check_office()
        for borrow in self:
            if borrow.state != "approved":
                raise UserError(self.env._("%(borrow)s is not approved yet.", borrow=borrow.name))
            if not borrow.acknowledged:
                raise UserError(
                    self.env._(
                        "The borrower of %(borrow)s has not acknowledged the no-copy, "
                        "no-lending rule yet.",
                        borrow=borrow.name,
                    )
                )
            if borrow.borrower_type == "law_enforcement":
                borrow._check_office_director()
        self.document_id._check_issuable("borrow")
        self._protected_write(
            {"state": "lent", "date_lent": fields.Datetime.now(), "lent_by_id": self.env.uid}
        )
        return True

    def action_return(self):
        self._check_office()
        if any(borrow.state != "lent" for borrow in self):
            raise UserError(self.env._("Only lent documents can be returned."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return"),
            "res_model": "property.doc.borrow.return.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_borrow_ids": self.ids},
        }

    # Business

    def _do_return(self, condition, cause):
        self._check_office()
        if any(borrow.state != "lent" for borrow in self):
            raise UserError(self.env._("Only lent documents can be returned."))
        if condition == "damaged" and not (cause or "").strip():
            raise UserError(
                self.env._(
                    "A damaged document comes back with the borrower's account of the cause "
                    "(5.6.3)."
                )
            )
        self._protected_write(
            {
                "state": "returned",
                "date_returned": fields.Datetime.now(),
                "returned_to_id": self.env.uid,
                "return_condition": condition,
                "damage_cause": (cause or "").strip() or False,
            }
        )

    def _approval_check_can_submit(self):
        result = super()._approval_check_can_submit()
        for borrow in self:
            borrow._check_borrower_rule()
            borrow.document_id._check_issuable("borrow")
            if borrow.borrower_type == "law_enforcement" and not borrow.credentials_checked:
                raise UserError(
                    self.env._(
                        "Law enforcement borrows only after the office director has checked "
                        "and registered their credentials (organisation, credential type and "
                        "number) (5.6.4 f)."
                    )
                )
        return result

    def _approval_get_department(self):
        """C confidential: the head of the document's department approves (5.6.4 c)."""
        self.ensure_one()
        department = self.document_id.department_id
        while department and department.manager_id.user_id == self.env.user:
            department = department.parent_id
        return department

    @api.model
    def _portal_owner(self):
        """The owner the current (portal) user borrows for: their person or its company when
        it owns a unit today (property_base occupancies), else an empty recordset."""
        partner = self.env.user.partner_id.sudo()
        return (partner | partner.commercial_partner_id).filtered("property_is_owner")[:1]

    @api.model
    def _portal_request(self, document_id, purpose, date_due, acknowledged):
        """An owner's borrow request from the portal (DOC-6, 5.6.4 e): only a document the
        owner may see (a technical drawing or a posted notice, effective), with the no-copy
        rule acknowledged; registered for the owner, then submitted to its approval route."""
        env = self.env
        owner = self._portal_owner()
        if not owner:
            raise AccessError(
                env._("Only owners registered with the property company borrow documents.")
            )
        document = env["property.doc.document"].search(
            [("id", "=", document_id), ("owner_borrowable", "=", True), ("state", "=", "effective")]
        )
        if not document:
            raise AccessError(
                env._(
                    "Owners borrow only technical drawings and documents posted in public "
                    "areas, in their effective version (5.6.4 e)."
                )
            )
        purpose = (purpose or "").strip()
        if not purpose:
            raise ValidationError(env._("Say what you borrow the document for."))
        try:
            due = fields.Date.to_date(date_due) if date_due else False
        except ValueError:
            due = False
        today = fields.Date.context_today(self)
        if not due or due < today:
            raise ValidationError(env._("Give the date you return the document, from today."))
        if not acknowledged:
            raise ValidationError(
                env._(
                    "Acknowledge that a borrowed document is not copied, excerpted, lent on or "
                    "spread without permission (5.6.2)."
                )
            )
        borrow = self.sudo().create(
            {
                "document_id": document.id,
                "borrower_type": "owner",
                "borrower_user_id": False,
                "partner_id": env.user.partner_id.id,
                "purpose": purpose[:200],
                "date_request": today,
                "date_due": due,
                "company_id": document.company_id.id,
            }
        )
        borrow._protected_write({"acknowledged": True, "acknowledged_date": fields.Datetime.now()})
        borrow.action_approval_submit()
        return borrow

    def _check_office(self):
        if not self.env.user.has_group("property_docs.group_docs_clerk"):
            raise UserError(self.env._("Only the office lends documents and checks returns."))

    def _check_office_director(self):
        if not self.env.user.has_group("property_base.group_office_director"):
            raise UserError(
                self.env._(
                    "Only the office director checks law-enforcement credentials and hands "
                    "documents to law enforcement in person (5.6.4 f)."
                )
            )

    # Crons

    @api.model
    def _cron_chase_overdue(self):
        """Chase the overdue returns (DOC-6): one to-do per overdue borrowing and day, for the
        employee who borrowed it or, for an external borrower, who handed it over."""
        today = fields.Date.context_today(self)
        overdue = self.sudo().search(
            [
                ("state", "=", "lent"),
                ("date_due", "<", today),
                "|",
                ("last_chased_date", "=", False),
                ("last_chased_date", "<", today),
            ]
        )
        if not overdue:
            return True
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for borrow in overdue:
            user = borrow.borrower_user_id if borrow.borrower_type == "staff" else borrow.lent_by_id
            borrow_lang = borrow.with_context(lang=person_lang(user))
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": borrow.id,
                    "activity_type_id": todo.id,
                    "summary": borrow_lang.env._(
                        "Overdue: return %(document)s (due %(date)s)",
                        document=borrow.document_id.display_name,
                        date=borrow.date_due,
                    ),
                    "user_id": user.id,
                    "date_deadline": today,
                }
            )
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )
        overdue._protected_write({"last_chased_date": today})
        return True
