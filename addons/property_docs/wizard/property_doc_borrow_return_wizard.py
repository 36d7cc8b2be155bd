from odoo import fields, models


class PropertyDocBorrowReturnWizard(models.TransientModel):
    """The office checks a returned document (5.6.3)."""

    _name = "property.doc.borrow.return.wizard"
    _description = "Return of a Borrowed Document"

    borrow_ids = fields.Many2many("property.doc.borrow", string="Borrowings")
    condition = fields.Selection(
        [("intact", "Intact"), ("damaged", "Damaged")], required=True, default="intact"
    )
    damage_cause = fields.Text(string="Damage Cause (Borrower's Account)")

    def action_confirm(self):
        self.borrow_ids._do_return(self.condition, self.damage_cause)
        return {"type": "ir.actions.act_window_close"}
