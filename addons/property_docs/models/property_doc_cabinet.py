from odoo import api, fields, models


class PropertyDocCabinet(models.Model):
    """A filing cabinet of the office (5.3, 5.4.3): its number and its sequence among the
    cabinets of the same number; its label shows the index range of what it holds."""

    _name = "property.doc.cabinet"
    _description = "Cabinet"
    _order = "number, sequence_number, id"
    _check_company_auto = True

    number = fields.Integer(string="Cabinet Number", required=True)
    sequence_number = fields.Integer(
        string="Same-Number Sequence",
        required=True,
        default=1,
        help="Sequence of the cabinet among the cabinets of the same number.",
    )
    location = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    box_ids = fields.One2many("property.doc.box", "cabinet_id", string="Boxes")
    archive_ids = fields.One2many("property.doc.archive", "cabinet_id", string="Archive Entries")
    index_range = fields.Char(compute="_compute_index_range")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "number_unique",
            "UNIQUE(company_id, number, sequence_number)",
            "A cabinet number and sequence must be unique in a company.",
        ),
        (
            "number_positive",
            "CHECK(number > 0 AND sequence_number > 0)",
            "Cabinet numbers and sequences are positive.",
        ),
    ]

    @api.depends("number", "sequence_number")
    def _compute_display_name(self):
        for cabinet in self:
            cabinet.display_name = self.env._(
                "Cabinet %(number)s.%(sequence)s",
                number=cabinet.number,
                sequence=cabinet.sequence_number,
            )

    def _compute_index_range(self):
        groups = self.env["property.doc.archive"]._read_group(
            [("cabinet_id", "in", self.ids)],
            ["cabinet_id"],
            ["index_number:min", "index_number:max"],
        )
        ranges = {cabinet.id: (low, high) for cabinet, low, high in groups}
        for cabinet in self:
            low, high = ranges.get(cabinet.id, (False, False))
            cabinet.index_range = f"{low} ~ {high}" if low else False
