from odoo import fields, models
from odoo.exceptions import UserError


class PropertyApprovalRejectWizard(models.TransientModel):
    """Ask for the reason of a rejection, then reject."""

    _name = "property.approval.reject.wizard"
    _description = "Reject Approval Request"

    res_model = fields.Char(required=True, readonly=True)
    res_ids = fields.Json(readonly=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        self._get_records()._approval_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}

    def _get_records(self):
        if self.res_model not in self.env["property.approval.route"]._approval_model_names():
            raise UserError(self.env._("%(model)s does not use approvals.", model=self.res_model))
        return self.env[self.res_model].browse(self.res_ids or [])
