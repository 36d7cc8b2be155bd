import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .property_doc_document import KINDS

INDEX_PATTERN = re.compile(r"^([a-f1-7])-(\d+)\.(\d+)-(\d{2})$")


class PropertyDocArchive(models.Model):
    """An entry of the archive catalog QR-WD01-02-02 (DOC-3, 5.3, 5.4.3) with its index number
    ``category-cabinet.sequence-box``, validated and unique; kept long term."""

    _name = "property.doc.archive"
    _description = "Archive Catalog Entry"
    _inherit = ["mail.thread", "property.doc.register.mixin", "property.protected.mixin"]
    _order = "index_number, id"
    _rec_name = "index_number"
    _check_company_auto = True
    _form_number = "QR-WD01-02-02"
    _retention_years = 0
    _register_date_field = "date"
    _protected_fields = ("retention_expired",)

    document_id = fields.Many2one(
        "property.doc.document", index=True, check_company=True, tracking=True
    )
    name = fields.Char(string="Content", required=True, tracking=True)
    category = fields.Selection(KINDS, required=True, tracking=True)
    box_id = fields.Many2one(
        "property.doc.box", required=True, index=True, check_company=True, tracking=True
    )
    cabinet_id = fields.Many2one(related="box_id.cabinet_id", store=True, index=True)
    index_number = fields.Char(
        compute="_compute_index_number",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="Category code - cabinet number . same-number sequence - box number, e.g. 1-3.1-05.",
    )
    copies = fields.Integer(string="Number of Copies", default=1, required=True)
    content_note = fields.Text()
    date = fields.Date(string="Archived On", required=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", string="Archived By", default=lambda s: s.env.user)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("copies_positive", "CHECK(copies > 0)", "The number of copies must be positive."),
        # unique in the database, also under concurrent transactions (DOC-3)
        (
            "index_number_unique",
            "UNIQUE(company_id, index_number)",
            "This index number is already in the archive catalog: an index number is given "
            "once in a company.",
        ),
    ]

    @api.depends("category", "box_id")
    def _compute_index_number(self):
        for entry in self:
            if entry.category and entry.box_id:
                entry.index_number = entry._expected_index_number()
            elif not entry.index_number:
                entry.index_number = False

    def _expected_index_number(self):
        cabinet = self.box_id.cabinet_id
        return (
            f"{self.category}-{cabinet.number}.{cabinet.sequence_number}-{self.box_id.number:02d}"
        )

    @api.onchange("document_id")
    def _onchange_document_id(self):
        if self.document_id:
            self.category = self.document_id.kind
            self.name = self.name or self.document_id.name

    # Constraints

    @api.constrains("index_number", "category", "box_id")
    def _check_index_number(self):
        for entry in self:
            if not INDEX_PATTERN.match(entry.index_number or ""):
                raise ValidationError(
                    self.env._(
                        "The index number %(number)s does not follow the pattern "
                        "category-cabinet.sequence-box (e.g. 1-3.1-05).",
                        number=entry.index_number,
                    )
                )
            if entry.index_number != entry._expected_index_number():
                raise ValidationError(
                    self.env._(
                        "The index number %(number)s does not match the category, cabinet and "
                        "box of the entry (%(expected)s).",
                        number=entry.index_number,
                        expected=entry._expected_index_number(),
                    )
                )
