from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PropertyItCommon


@tagged("post_install", "-at_install")
class TestInventory(PropertyItCommon):
    """IT-11, IT-1: the yearly inventory lists a department's computers, found or missing, and
    records software found outside the register as a violation (第七条)."""

    def test_inventory_flow(self):
        self.env["property.it.software"].create(
            {"computer_id": self.computer.id, "name": "WPS Office"}
        )
        other = self._computer("客服部电脑02", self.employee)
        audit = (
            self.env["property.it.audit"]
            .with_user(self.it_admin)
            .create({"department_id": self.dept.id, "date": "2026-12-01"})
        )
        audit.action_start()
        self.assertEqual(audit.line_ids.computer_id, self.computer | other)
        line = audit.line_ids.filtered(lambda ln: ln.computer_id == self.computer)
        line.write({"result": "found", "software_found": "wps office\n迅雷\n"})
        self.assertEqual(line.unregistered_software, "迅雷")
        with self.assertRaisesText(UserError, "客服部电脑02"):
            audit.action_done()
        (audit.line_ids - line).result = "missing"
        audit.action_done()
        self.assertEqual(audit.state, "done")
        self.assertEqual(audit.missing_count, 1)
        violation = audit.violation_ids
        self.assertEqual(violation.violation_type, "unregistered_software")
        self.assertEqual(
            (violation.computer_id, violation.employee_id), (self.computer, self.employee)
        )
        self.assertIn("迅雷", violation.description)
        self.assertEqual(str(self.computer.it_last_audit_date), "2026-12-01")
        self.assertFalse(other.it_last_audit_date)
        with self.assertRaisesText(UserError, "in progress"):
            line.result = "missing"
        with self.assertRaisesText(UserError, "kept"):
            audit.unlink()

    def test_computer_users_cannot_audit(self):
        with self.assertRaises(UserError):
            self.env["property.it.audit"].with_user(self.it_user).create(
                {"department_id": self.dept.id}
            )
