from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.property_base.tools import note_lang

KINDS = [
    ("a", "Controlled a: Internal Records"),
    ("b", "Controlled b: Drawings"),
    ("c", "Controlled c: Quality-System Documents"),
    ("d", "Controlled d: Laws and External Documents Cited by the Quality System"),
    ("e", "Controlled e: Service Contracts and Agreements"),
    ("f", "Controlled f: Owner Archives"),
    ("1", "Uncontrolled 1: Internal and Outgoing Letters"),
    ("2", "Uncontrolled 2: External Documents Not Cited"),
    ("3", "Uncontrolled 3: Contracts Unrelated to Service"),
    ("4", "Uncontrolled 4: Laws Not Cited"),
    ("5", "Uncontrolled 5: Industry Standards"),
    ("6", "Uncontrolled 6: Photos and Videos"),
    ("7", "Uncontrolled 7: Computer Storage"),
]
CONTROLLED_KINDS = ("a", "b", "c", "d", "e", "f")
CONFIDENTIALITY = [("a", "A Confidential"), ("b", "B Confidential"), ("c", "C Confidential")]


class PropertyDocDocument(models.Model):
    """A document of the document regulation (DOC-1, DOC-2, DOC-7): drafted by a department,
    reviewed by the GM assistant and approved by the general manager along the approval engine,
    then effective; a revision is a new version that makes the previous one obsolete."""

    _name = "property.doc.document"
    _description = "Document"
    _inherit = ["property.approval.mixin", "property.protected.mixin"]
    _order = "code, version desc, id desc"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    _approval_state_field = "state"
    _approval_state_from = ["draft"]
    _approval_state_pending = "review"
    _approval_state_to = "effective"
    _approval_state_rejected = "draft"
    _protected_fields = (
        "state",
        "effective_date",
        "obsolete_date",
        "destroyed_date",
        "superseded_by_id",
        "distribution_last_number",
        # what owners may borrow: the portal's record rule reads it
        "owner_borrowable",
    )

    name = fields.Char(string="Title", required=True, tracking=True)
    code = fields.Char(
        copy=False,
        tracking=True,
        index=True,
        help="Controlled documents keep their own code (e.g. Q/PH-QP-4.2.3); uncontrolled ones "
        "are numbered by category when left empty.",
    )
    kind = fields.Selection(KINDS, required=True, default="1", tracking=True)
    control = fields.Selection(
        [("controlled", "Controlled"), ("uncontrolled", "Uncontrolled")],
        compute="_compute_control",
        store=True,
    )
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True, check_company=True
    )
    confidentiality = fields.Selection(
        CONFIDENTIALITY, required=True, default="c", index=True, tracking=True
    )
    version = fields.Integer(default=1, required=True, copy=False, tracking=True)
    previous_id = fields.Many2one(
        "property.doc.document", string="Previous Version", copy=False, readonly=True, index=True
    )
    superseded_by_id = fields.Many2one(
        "property.doc.document", string="Superseded By", copy=False, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Drafted By", default=lambda self: self.env.user, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    description = fields.Html()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "property_doc_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
    )
    is_posted = fields.Boolean(
        string="Posted in Public Areas", help="Posted in the estate's public areas (5.6.4 e)."
    )
    owner_borrowable = fields.Boolean(
        string="Owners May Borrow",
        compute="_compute_owner_borrowable",
        store=True,
        index=True,
        help="Technical drawings and documents posted in public areas (5.6.4 e), "
        "unless A confidential.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Review and Approval"),
            ("effective", "Effective"),
            ("obsolete", "Obsolete"),
            ("destroyed", "Destroyed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    effective_date = fields.Date(readonly=True, copy=False)
    obsolete_date = fields.Date(readonly=True, copy=False)
    destroyed_date = fields.Date(readonly=True, copy=False)
    distribution_last_number = fields.Integer(
        string="Last Distribution Number", readonly=True, copy=False
    )
    distribution_ids = fields.One2many("property.doc.distribution", "document_id")
    borrow_ids = fields.One2many("property.doc.borrow", "document_id")
    print_ids = fields.One2many("property.doc.print", "document_id")
    archive_ids = fields.One2many("property.doc.archive", "document_id")
    disposal_ids = fields.One2many("property.doc.disposal", "document_id")
    distribution_count = fields.Integer(compute="_compute_counts")
    borrow_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "code_version_unique",
            "UNIQUE(company_id, code, version)",
            "A document code and version must be unique in a company.",
        ),
        ("version_positive", "CHECK(version > 0)", "The version must be positive."),
    ]

    @api.depends("kind")
    def _compute_control(self):
        for document in self:
            controlled = document.kind in CONTROLLED_KINDS
            document.control = "controlled" if controlled else "uncontrolled"

    @api.depends("kind", "is_posted", "confidentiality")
    def _compute_owner_borrowable(self):
        # never an A confidential document (5.6.4 a: the general manager's approval, and read
        # only by the general manager, the office and the department head)
        for document in self:
            document.owner_borrowable = document.confidentiality != "a" and (
                document.kind == "b" or document.is_posted
            )

    def _compute_counts(self):
        for document in self:
            document.distribution_count = len(document.distribution_ids)
            document.borrow_count = len(document.borrow_ids)

    @api.depends("code", "name", "version")
    def _compute_display_name(self):
        for document in self:
            label = f"{document.code} {document.name}" if document.code else document.name
            document.display_name = f"{label} (V{document.version})"

    # Constraints

    @api.constrains("kind", "code")
    def _check_code(self):
        for document in self.filtered(lambda d: d.control == "controlled" and not d.code):
            raise ValidationError(
                self.env._(
                    "The controlled document %(title)s needs its own code (e.g. Q/PH-QP-4.2.3).",
                    title=document.name,
                )
            )

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            kind = vals.get("kind") or "1"
            if not vals.get("code") and kind not in CONTROLLED_KINDS:
                number = self.env["ir.sequence"].next_by_code(f"property.doc.document.{kind}")
                vals["code"] = number or False
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if any(document.state != "draft" for document in self):
            raise UserError(
                self.env._(
                    "Only draft documents can be deleted; an issued document is made obsolete "
                    "and destroyed through its obsolete and destroy register."
                )
            )

    def write(self, vals):
        locked = {"name", "code", "kind", "confidentiality", "department_id", "attachment_ids"}
        if not self.env.su and locked & set(vals) and any(d.state != "draft" for d in self):
            raise UserError(
                self.env._(
                    "Only a draft can be changed; revise the effective version to change it "
                    "(a new version is reviewed and approved again)."
                )
            )
        return super().write(vals)

    # Actions

    def action_revise(self):
        self.ensure_one()
        self.check_access("write")
        if self.state != "effective":
            raise UserError(self.env._("Only the effective version of a document can be revised."))
        pending = self.search_count([("previous_id", "=", self.id)], limit=1)
        if pending:
            raise UserError(
                self.env._("%(document)s already has a new version.", document=self.display_name)
            )
        revision = self.copy(
            {"code": self.code, "version": self.version + 1, "previous_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": revision.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_print_document(self):
        self._check_issuable("print")
        return self.env.ref("property_docs.action_report_doc_document").report_action(self)

    def action_view_distributions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_docs.property_doc_distribution_action"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action

    def action_view_borrows(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_docs.property_doc_borrow_action"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"default_document_id": self.id}
        return action

    # Business

    def _check_issuable(self, use):
        """Only the effective version is printed, distributed or lent (DOC-7)."""
        wrong = self.filtered(lambda d: d.state != "effective")
        if not wrong:
            return
        state = dict(self._fields["state"]._description_selection(self.env))[wrong[0].state]
        messages = {
            "print": self.env._(
                "%(document)s is not the effective version (%(state)s): only the effective "
                "version can be printed.",
                document=wrong[0].display_name,
                state=state,
            ),
            "distribute": self.env._(
                "%(document)s is not the effective version (%(state)s): only the effective "
                "version can be distributed.",
                document=wrong[0].display_name,
                state=state,
            ),
            "borrow": self.env._(
                "%(document)s is not the effective version (%(state)s): only the effective "
                "version can be borrowed.",
                document=wrong[0].display_name,
                state=state,
            ),
        }
        raise UserError(messages[use])

    def _allocate_distribution_numbers(self, quantity):
        """Return ``(first, last)``: the next ``quantity`` distribution numbers of the document.

        One ``UPDATE ... RETURNING``: the row lock serialises concurrent transactions, a
        transaction that rolls back gives its numbers back, so the sequence has no gap.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "UPDATE property_doc_document SET distribution_last_number = "
                "COALESCE(distribution_last_number, 0) + %s WHERE id = %s "
                "RETURNING distribution_last_number",
                quantity,
                self.id,
            )
        )
        last = self.env.cr.fetchone()[0]
        self.invalidate_recordset(["distribution_last_number"])
        return last - quantity + 1, last

    def _approval_on_approved(self):
        today = fields.Date.context_today(self)
        self._protected_write({"effective_date": today})
        for document in self.filtered("previous_id"):
            previous = document.previous_id
            if previous.state == "effective":
                previous._do_obsolete()
                previous._protected_write({"superseded_by_id": document.id})
                previous._log(
                    lambda d, new=document: d.env._(
                        "Superseded by version %(version)s, now effective.", version=new.version
                    )
                )

    def _do_obsolete(self):
        self._protected_write(
            {"state": "obsolete", "obsolete_date": fields.Date.context_today(self)}
        )

    def _do_destroy(self):
        self._protected_write(
            {"state": "destroyed", "destroyed_date": fields.Date.context_today(self)}
        )

    def _log(self, message):
        for document in self:
            body = message(document.with_context(lang=note_lang(document)))
            document.sudo().message_post(body=Markup("<p>%s</p>") % body)

    def _holder_departments(self):
        """Departments that hold copies: distributions not recalled."""
        self.ensure_one()
        return self.distribution_ids.filtered(lambda d: d.state != "recalled").department_id

    # Demo

    def _docs_demo_act(self, user_xmlid, method, *args):
        """Demo data only: call ``method`` as the demo user ``user_xmlid`` (data files run as
        the superuser; the demo's registers go through their actions like real ones)."""
        getattr(self.with_user(self.env.ref(user_xmlid)), method)(*args)
        return True
