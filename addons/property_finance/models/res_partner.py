from odoo import fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    property_dunning_record_ids = fields.One2many(
        "property.dunning.record", "partner_id", string="Dunning Records"
    )

    def action_print_owner_statement(self):
        """对账单: the owner's open property bills per unit, with their age, as a PDF."""
        user = self.env.user
        if not (
            user.has_group("property_finance.group_finance_cashier")
            or user.has_group("property_finance.group_finance_accountant")
        ):
            raise UserError(self.env._("Only finance staff print owner statements."))
        return self.env.ref("property_finance.action_report_owner_statement").report_action(self)

    def _property_statement_lines(self):
        """The open bill lines of this owner (from the aging view), oldest first."""
        self.ensure_one()
        return (
            self.env["property.receivable.aging"]
            .sudo()
            .search(
                [("partner_id", "=", self.commercial_partner_id.id)],
                order="date_due, move_id, id",
            )
        )
