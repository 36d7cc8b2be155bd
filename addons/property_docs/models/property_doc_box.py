from odoo import api, fields, models


class PropertyDocBox(models.Model):
    """A document box in a cabinet (5.3): the last part of the index number."""

    _name = "property.doc.box"
    _description = "Document Box"
    _order = "cabinet_id, number, id"
    _check_company_auto = True

    cabinet_id = fields.Many2one(
        "property.doc.cabinet", required=True, ondelete="restrict", index=True, check_company=True
    )
    number = fields.Integer(string="Box Number", required=True)
    label = fields.Char()
    company_id = fields.Many2one(related="cabinet_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("number_unique", "UNIQUE(cabinet_id, number)", "A box number is unique in its cabinet."),
        (
            "number_range",
            "CHECK(number > 0 AND number < 100)",
            "A box number has two digits (1 to 99).",
        ),
    ]

    @api.depends("cabinet_id", "number")
    def _compute_display_name(self):
        for box in self:
            box.display_name = self.env._(
                "%(cabinet)s, Box %(number)02d",
                cabinet=box.cabinet_id.display_name,
                number=box.number,
            )
