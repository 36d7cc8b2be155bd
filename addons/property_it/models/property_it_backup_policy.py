from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils

from odoo.addons.property_base.tools import person_lang


class PropertyItBackupPolicy(models.Model):
    """IT-10: a department's backup owner and frequency."""

    _name = "property.it.backup.policy"
    _description = "Department Backup Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "department_id"
    _check_company_auto = True
    _rec_name = "department_id"

    department_id = fields.Many2one("hr.department", required=True, check_company=True)
    owner_id = fields.Many2one("res.users", string="Backup Owner", required=True, tracking=True)
    frequency_days = fields.Integer(
        string="Backup Every (Days)", required=True, default=7, tracking=True
    )
    scope = fields.Char(string="Data to Back Up")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    log_ids = fields.One2many("property.it.backup.log", "policy_id", string="Backup Log")
    last_backup_date = fields.Date(compute="_compute_last_dates", store=True)
    last_restore_test_date = fields.Date(compute="_compute_last_dates", store=True)
    is_overdue = fields.Boolean(
        string="Backup Overdue", compute="_compute_flags", search="_search_is_overdue"
    )
    restore_test_missing = fields.Boolean(
        string="No Restore Test This Quarter",
        compute="_compute_flags",
        search="_search_restore_test_missing",
    )

    _sql_constraints = [
        ("department_unique", "UNIQUE(department_id)", "A department has one backup plan."),
    ]

    @api.constrains("frequency_days")
    def _check_frequency(self):
        if any(policy.frequency_days <= 0 for policy in self):
            raise ValidationError(self.env._("The backup frequency must be at least one day."))

    @api.depends("log_ids.date", "log_ids.restore_test_date")
    def _compute_last_dates(self):
        for policy in self:
            dates = [log.date.date() for log in policy.log_ids if log.date]
            tests = [
                log.restore_test_date.date() for log in policy.log_ids if log.restore_test_date
            ]
            policy.last_backup_date = max(dates) if dates else False
            policy.last_restore_test_date = max(tests) if tests else False

    @api.depends("last_backup_date", "frequency_days", "last_restore_test_date")
    def _compute_flags(self):
        overdue = set(self.search(self._overdue_domain()).ids)
        missing = set(self.search(self._restore_missing_domain()).ids)
        for policy in self:
            policy.is_overdue = policy.id in overdue
            policy.restore_test_missing = policy.id in missing

    def _search_is_overdue(self, operator, value):
        return self._flag_search(self._overdue_domain(), operator, value)

    def _search_restore_test_missing(self, operator, value):
        return self._flag_search(self._restore_missing_domain(), operator, value)

    def _flag_search(self, domain, operator, value):
        ids = self.with_context(active_test=False)._search(domain)
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", ids)]

    def _overdue_domain(self):
        """Never backed up, or the last backup older than the frequency (checked in SQL)."""
        today = fields.Date.context_today(self)
        self.flush_model(["last_backup_date", "frequency_days"])
        self.env.cr.execute(
            "SELECT id FROM property_it_backup_policy "
            "WHERE last_backup_date IS NULL OR last_backup_date + frequency_days < %s",
            [today],
        )
        return [("id", "in", [row[0] for row in self.env.cr.fetchall()])]

    def _restore_missing_domain(self):
        start = date_utils.start_of(fields.Date.context_today(self), "quarter")
        return [
            "|",
            ("last_restore_test_date", "=", False),
            ("last_restore_test_date", "<", start),
        ]

    # Crons

    @api.model
    def _cron_remind(self):
        """IT-10: remind the owner of each overdue plan or plan without a restore test this
        quarter, once while the reminder is open."""
        policies = self.search(
            ["|", ("is_overdue", "=", True), ("restore_test_missing", "=", True)]
        )
        if not policies:
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        open_ids = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", policies.ids),
                    ("activity_type_id", "=", todo.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        deadline = fields.Date.context_today(self) + timedelta(days=3)
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": policy.id,
                    "activity_type_id": todo.id,
                    "summary": policy._reminder_summary(),
                    "user_id": policy.owner_id.id,
                    "date_deadline": deadline,
                }
                for policy in policies
                if policy.id not in open_ids
            ]
        )

    def _reminder_summary(self):
        policy = self.with_context(lang=person_lang(self.owner_id))
        if policy.is_overdue:
            return policy.env._(
                "Back up the data of %(department)s: the backup is overdue.",
                department=policy.department_id.name,
            )
        return policy.env._(
            "Test a restore of the backups of %(department)s: none this quarter.",
            department=policy.department_id.name,
        )
