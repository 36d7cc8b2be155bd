from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PropertyItCommon


@tagged("post_install", "-at_install")
class TestFaultReport(PropertyItCommon):
    """IT-2: a fault report needs the operation, symptom and on-screen message; the IT
    administrators handle it."""

    def test_fault_without_symptom_refused(self):
        report = self._fault(fault_symptom=False)
        with self.assertRaisesText(UserError, "Symptom"):
            report.action_approval_submit()
        self.assertEqual(report.state, "draft")

    def test_fault_handled_by_it(self):
        report = self._fault()
        self.assertRegex(report.name, r"^IT\d{6}$")
        report.action_approval_submit()
        self.assertEqual(report.state, "open")
        with self.assertRaisesText(UserError, "IT administrator"):
            report.action_done()
        report.with_user(self.it_admin).action_done()
        self.assertEqual(report.state, "done")
        self.assertEqual(report.done_user_id, self.it_admin)

    def test_password_in_a_field_refused(self):
        with self.assertRaisesText(ValidationError, "password"):
            self._fault(fault_message="登录失败，我的密码：abc123")
        with self.assertRaisesText(ValidationError, "password"):
            self._fault(description="password=Secret1")
        self.assertTrue(self._fault(description="忘记密码，请协助重置"))


@tagged("post_install", "-at_install")
class TestSoftwareRequest(PropertyItCommon):
    """IT-5, IT-1: software installs/uninstalls approved by the department head, then an IT
    administrator; external software virus-checked first; the register updated by itself."""

    def _approve_head(self, request):
        request.with_user(self.user_department_head).action_approval_approve()

    def test_install_path_updates_register(self):
        request = self._software()
        request.action_approval_submit()
        self.assertEqual(request.state, "to_approve")
        with self.assertRaisesText(UserError, "may approve"):
            request.with_user(self.it_admin).action_approval_approve()
        self._approve_head(request)
        with self.assertRaisesText(UserError, "own request"):
            request.with_user(self.it_user).action_approval_approve()
        request.with_user(self.it_admin).action_approval_approve()
        self.assertEqual(request.state, "approved")
        self.assertFalse(self.computer.it_software_ids)
        request.with_user(self.it_admin).action_done()
        line = self.computer.it_software_ids
        self.assertEqual(line.name, "WPS Office")
        self.assertEqual((line.version, line.request_id), ("12.1", request))
        self.assertEqual(
            line.install_date, fields.Date.context_today(request.with_user(self.it_admin))
        )

    def test_external_software_needs_virus_check(self):
        request = self._software(software_external=True)
        request.action_approval_submit()
        self._approve_head(request)
        with self.assertRaisesText(UserError, "virus check"):
            request.with_user(self.it_admin).action_approval_approve()
        with self.assertRaisesText(UserError, "IT administrator"):
            request.action_virus_clean()
        request.with_user(self.it_admin).action_virus_clean()
        self.assertEqual(request.virus_check_user_id, self.it_admin)
        request.with_user(self.it_admin).action_approval_approve()
        self.assertEqual(request.state, "approved")

    def test_infected_software_is_not_installed(self):
        request = self._software(software_external=True)
        request.action_approval_submit()
        self._approve_head(request)
        request.with_user(self.it_admin).action_virus_infected()
        with self.assertRaisesText(UserError, "virus check"):
            request.with_user(self.it_admin).action_approval_approve()

    def test_uninstall_removes_from_register(self):
        line = self.env["property.it.software"].create(
            {"computer_id": self.computer.id, "name": "QQ音乐"}
        )
        request = self._software(software_operation="uninstall", software_name="qq音乐 ")
        request.action_approval_submit()
        self._approve_head(request)
        request.with_user(self.it_admin).action_approval_approve()
        request.with_user(self.it_admin).action_done()
        self.assertEqual(line.state, "removed")
        self.assertEqual(line.removal_request_id, request)

    def test_uninstall_of_unregistered_software_refused(self):
        request = self._software(software_operation="uninstall", software_name="迅雷")
        request.action_approval_submit()
        self._approve_head(request)
        request.with_user(self.it_admin).action_approval_approve()
        with self.assertRaisesText(UserError, "not in the register"):
            request.with_user(self.it_admin).action_done()
        self.assertEqual(request.state, "approved")

    def test_register_lines_are_kept(self):
        line = self.env["property.it.software"].create(
            {"computer_id": self.computer.id, "name": "Office"}
        )
        with self.assertRaisesText(UserError, "kept"):
            line.with_user(self.it_admin).unlink()


@tagged("post_install", "-at_install")
class TestShareRequest(PropertyItCommon):
    """IT-6: sharing another department's resources is approved by that department's head;
    the share is password-protected, the password never stored."""

    def _share(self, **vals):
        return self._request(
            self.it_user,
            **dict(
                {
                    "request_type": "share",
                    "share_department_id": self.dept_finance.id,
                    "share_resource": r"\\fin-pc01\报表",
                    "share_password_protected": True,
                },
                **vals,
            ),
        )

    def test_owning_department_head_approves(self):
        request = self._share()
        request.action_approval_submit()
        with self.assertRaisesText(UserError, "may approve"):
            request.with_user(self.user_department_head).action_approval_approve()
        request.with_user(self.finance_head_user).action_approval_approve()
        self.assertEqual(request.state, "approved")

    def test_share_without_password_protection_refused(self):
        request = self._share(share_password_protected=False)
        with self.assertRaisesText(UserError, "protected by a password"):
            request.action_approval_submit()
        self.assertEqual(request.state, "draft")

    def test_password_never_stored(self):
        with self.assertRaisesText(ValidationError, "password"):
            self._share(share_resource=r"\\fin-pc01\报表 口令是 8888")


@tagged("post_install", "-at_install")
class TestOutsiderMediaAccess(PropertyItCommon):
    """IT-7 outsider use time-boxed and approved; IT-8 external media virus-checked before
    access; IT-9 internet/e-mail/download access approved, with an expiry and a reminder."""

    def test_outsider_use_time_boxed(self):
        now = fields.Datetime.now()
        vals = {
            "request_type": "outsider",
            "outsider_name": "审计公司 周工",
            "outsider_purpose": "年度审计查账",
            "computer_id": self.computer.id,
        }
        with self.assertRaisesText(UserError, "Use Until"):
            self._request(self.it_user, use_start=now, **vals).action_approval_submit()
        with self.assertRaisesText(ValidationError, "after its start"):
            self._request(self.it_user, use_start=now, use_end=now - timedelta(hours=1), **vals)
        request = self._request(
            self.it_user, use_start=now, use_end=now + timedelta(hours=4), **vals
        )
        request.action_approval_submit()
        request.with_user(self.user_department_head).action_approval_approve()
        request.with_user(self.it_admin).action_approval_approve()
        self.assertEqual(request.state, "approved")

    def test_media_virus_check_before_access(self):
        request = self._request(
            self.it_user, request_type="media", media_description="供应商U盘：报价资料"
        )
        request.action_approval_submit()
        self.assertEqual(request.state, "open")
        with self.assertRaisesText(UserError, "virus check"):
            request.with_user(self.it_admin).action_done()
        request.with_user(self.it_admin).action_virus_infected()
        with self.assertRaisesText(UserError, "virus check"):
            request.with_user(self.it_admin).action_done()
        request.with_user(self.it_admin).action_virus_clean()
        request.with_user(self.it_admin).action_done()
        self.assertEqual(request.state, "done")

    def test_access_without_expiry_refused(self):
        with self.assertRaisesText(ValidationError, "expiry"):
            self._request(self.it_user, request_type="access", access_kind="download")

    def test_access_approval_and_reminder_once(self):
        request = self._request(
            self.it_user,
            request_type="access",
            access_kind="internet",
            access_expiry=self.today + timedelta(days=5),
        )
        request.action_approval_submit()
        request.with_user(self.user_department_head).action_approval_approve()
        request.with_user(self.it_admin).action_approval_approve()
        request.with_user(self.it_admin).action_done()
        Request = self.env["property.it.request"]
        Request._cron_access_reminder()
        Request._cron_access_reminder()
        activities = request.activity_ids.filtered(lambda a: a.user_id == self.it_user)
        self.assertEqual(len(activities), 1)
        self.assertTrue(request.access_reminded)

    def test_cancel_by_requester_only(self):
        request = self._fault()
        with self.assertRaisesText(UserError, "requester"):
            request.with_user(self.user_department_head).action_cancel()
        request.action_cancel()
        self.assertEqual(request.state, "cancelled")
