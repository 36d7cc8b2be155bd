from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import PropertyItCommon


@tagged("post_install", "-at_install")
class TestProtectedFields(ProtectedFieldsChecks, PropertyItCommon):
    """IT-2, IT-3, IT-5, IT-8, IT-10, IT-11: states, approvals, virus checks, sign-offs and
    restore tests are written only through their actions; direct writes are refused for every
    role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = [*cls.role_users, cls.it_user, cls.it_admin]

    def test_listing(self):
        self.assertProtectedListing(
            "property_it",
            {
                "property.it.request": {
                    "state",
                    "user_id",
                    "virus_check_result",
                    "virus_check_user_id",
                    "virus_check_date",
                    "done_user_id",
                    "done_date",
                    "antivirus_problem",
                    "access_reminded",
                    # the approval mixin's fields, guarded by the mixin
                    "approval_round",
                    "approval_route_id",
                    "approval_requester_id",
                    "approval_line_ids",
                },
                "property.it.software": {
                    "state",
                    "request_id",
                    "removal_request_id",
                    "removed_date",
                },
                "property.it.account": {"state", "acknowledged_date", "acknowledged_user_id"},
                "property.it.violation": {"audit_id"},
                "property.it.backup.log": {
                    "restore_test_ok",
                    "restore_test_date",
                    "restore_test_user_id",
                },
                "property.it.audit": {"state", "done_date", "done_user_id"},
            },
        )

    def test_request(self):
        request = self._software(software_external=True)
        writers = self.assertDirectWriteRefused(
            request,
            {
                "state": "done",
                "virus_check_result": "clean",
                "virus_check_user_id": self.it_admin.id,
                "done_user_id": self.it_admin.id,
                "user_id": self.it_user2.id,
                "access_reminded": True,
                "antivirus_problem": "expired",
            },
            self.users,
            allowed={"description": "请尽快安装"},
        )
        self.assertTrue(writers)
        request.action_approval_submit()
        self.assertDirectWriteRefused(request, {"state": "approved"}, self.users)
        with self.assertRaisesText(UserError, "workflow"):
            self.env["property.it.request"].with_user(self.it_admin).create(
                {"request_type": "fault", "state": "done"}
            )

    def test_software_line(self):
        line = self.env["property.it.software"].create(
            {"computer_id": self.computer.id, "name": "WPS Office"}
        )
        request = self._software()
        self.assertTrue(
            self.assertDirectWriteRefused(
                line,
                {"state": "removed", "request_id": request.id, "removed_date": "2026-01-01"},
                self.users,
                allowed={"version": "2026"},
            )
        )

    def test_account_violation_backup_audit(self):
        account = self.env["property.it.account"].create(
            {"employee_id": self.employee.id, "login": "lina"}
        )
        self.assertTrue(
            self.assertDirectWriteRefused(
                account,
                {"state": "acknowledged", "acknowledged_user_id": self.it_user.id},
                self.users,
                allowed={"login": "lina01"},
            )
        )
        audit = self.env["property.it.audit"].create({"department_id": self.dept.id})
        violation = self.env["property.it.violation"].create(
            {"violation_type": "other", "description": "非工作用途上网"}
        )
        self.assertTrue(
            self.assertDirectWriteRefused(violation, {"audit_id": audit.id}, self.users)
        )
        self.assertTrue(
            self.assertDirectWriteRefused(
                audit, {"state": "done", "done_user_id": self.it_admin.id}, self.users
            )
        )
        policy = self.env["property.it.backup.policy"].create(
            {"department_id": self.dept.id, "owner_id": self.it_user.id}
        )
        log = self.env["property.it.backup.log"].create(
            {"policy_id": policy.id, "content": "数据库", "location": "NAS"}
        )
        self.assertTrue(
            self.assertDirectWriteRefused(
                log,
                {"restore_test_ok": True, "restore_test_user_id": self.it_user.id},
                self.users,
                allowed={"size_mb": 10.0},
            )
        )
