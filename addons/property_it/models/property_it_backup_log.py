from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .tools import check_no_password


class PropertyItBackupLog(models.Model):
    """IT-10: one backup made, and whether a restore test verified it."""

    _name = "property.it.backup.log"
    _description = "Backup Log Entry"
    _inherit = ["property.protected.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _protected_fields = ("restore_test_date", "restore_test_user_id", "restore_test_ok")

    policy_id = fields.Many2one(
        "property.it.backup.policy",
        string="Backup Plan",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    department_id = fields.Many2one(related="policy_id.department_id", store=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Backed Up By", default=lambda s: s.env.user)
    content = fields.Char(string="What", required=True)
    location = fields.Char(string="Where", required=True)
    size_mb = fields.Float(string="Size (MB)", digits=(12, 1))
    restore_test_ok = fields.Boolean(string="Verified by a Restore Test", readonly=True)
    restore_test_date = fields.Datetime(string="Restore Tested On", readonly=True)
    restore_test_user_id = fields.Many2one("res.users", string="Restore Tested By", readonly=True)

    @api.constrains("size_mb")
    def _check_size(self):
        if any(log.size_mb < 0 for log in self):
            raise ValidationError(self.env._("The backup size cannot be negative."))

    @api.constrains("content", "location")
    def _check_no_password(self):
        check_no_password(self, ["content", "location"])

    def action_restore_tested(self):
        """Record a successful restore test: the plan's owner or an IT administrator."""
        is_admin = self.env.user.has_group("property_it.group_it_admin")
        if not is_admin and self.filtered(lambda log: log.policy_id.owner_id != self.env.user):
            raise UserError(
                self.env._(
                    "Only the backup owner or an IT administrator can record a restore test."
                )
            )
        self._protected_write(
            {
                "restore_test_ok": True,
                "restore_test_date": fields.Datetime.now(),
                "restore_test_user_id": self.env.uid,
            }
        )
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept(self):
        raise UserError(self.env._("Backup log entries are kept as records."))
