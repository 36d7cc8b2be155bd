from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PropertyItCommon


@tagged("post_install", "-at_install")
class TestAccounts(PropertyItCommon):
    """IT-3: each employee acknowledges the account and password policy for their own account;
    violations are logged and kept."""

    def test_only_the_employee_acknowledges(self):
        account = (
            self.env["property.it.account"]
            .with_user(self.it_admin)
            .create({"employee_id": self.employee.id, "login": "lina"})
        )
        with self.assertRaisesText(UserError, "Only 李娜"):
            account.with_user(self.it_admin).action_acknowledge()
        account.with_user(self.it_user).action_acknowledge()
        self.assertEqual(account.state, "acknowledged")
        self.assertEqual(account.acknowledged_user_id, self.it_user)
        with self.assertRaisesText(UserError, "kept"):
            account.with_user(self.it_admin).unlink()

    def test_violation_log_kept_and_private(self):
        Violation = self.env["property.it.violation"].with_user(self.it_admin)
        violation = Violation.create(
            {
                "employee_id": self.employee.id,
                "violation_type": "password_sharing",
                "description": "把账号借给同事登录收费系统",
            }
        )
        with self.assertRaisesText(ValidationError, "password"):
            Violation.create(
                {
                    "employee_id": self.employee.id,
                    "violation_type": "password_sharing",
                    "description": "告诉同事密码为 123456",
                }
            )
        with self.assertRaisesText(UserError, "kept"):
            violation.unlink()
        mine = self.env["property.it.violation"].with_user(self.it_user).search([])
        self.assertEqual(mine, violation)
        self.assertFalse(self.env["property.it.violation"].with_user(self.it_user2).search([]))


@tagged("post_install", "-at_install")
class TestBackups(PropertyItCommon):
    """IT-10: each department names a backup owner and frequency; backups are logged, restore
    tests recorded; overdue backups and quarters without a restore test are flagged and the
    owner reminded once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["property.it.backup.policy"].create(
            {"department_id": cls.dept.id, "owner_id": cls.it_user.id, "frequency_days": 7}
        )

    def _log(self, user, date, **vals):
        return (
            self.env["property.it.backup.log"]
            .with_user(user)
            .create(
                dict(
                    {
                        "policy_id": self.policy.id,
                        "date": date,
                        "content": "客服工单数据库",
                        "location": "NAS-01/客服部",
                        "size_mb": 512.5,
                    },
                    **vals,
                )
            )
        )

    def _flagged(self, fname):
        return self.env["property.it.backup.policy"].search(
            [(fname, "=", True), ("id", "=", self.policy.id)]
        )

    @freeze_time("2026-11-20 09:00:00")
    def test_overdue_and_restore_flags(self):
        self.assertTrue(self.policy.is_overdue)
        self.assertEqual(self._flagged("is_overdue"), self.policy)
        log = self._log(self.it_user, "2026-11-18 20:00:00")
        self.assertFalse(self.policy.is_overdue)
        self.assertFalse(self._flagged("is_overdue"))
        self.assertTrue(self.policy.restore_test_missing)
        with self.assertRaisesText(UserError, "backup owner"):
            log.with_user(self.it_user2).action_restore_tested()
        log.with_user(self.it_user).action_restore_tested()
        self.assertTrue(log.restore_test_ok)
        self.assertFalse(self.policy.restore_test_missing)
        with freeze_time("2026-11-27 09:00:00"):
            self.env.invalidate_all()
            self.assertTrue(self.policy.is_overdue)
        with freeze_time("2027-01-05 09:00:00"):
            self.env.invalidate_all()
            self.assertTrue(self._flagged("restore_test_missing"))

    @freeze_time("2026-11-20 09:00:00")
    def test_owner_reminded_once(self):
        Policy = self.env["property.it.backup.policy"]
        Policy._cron_remind()
        Policy._cron_remind()
        activities = self.policy.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.it_user)
        self.assertIn(self.dept.name, activities.summary)

    def test_logs_kept_and_only_own_plans(self):
        log = self._log(self.it_user, fields.Datetime.now() - timedelta(days=1))
        with self.assertRaisesText(UserError, "kept"):
            log.with_user(self.it_admin).unlink()
        self.assertFalse(self.env["property.it.backup.policy"].with_user(self.it_user2).search([]))
        with self.assertRaisesText(ValidationError, "negative"):
            self._log(self.it_user, fields.Datetime.now(), size_mb=-1)
