from odoo.tests import tagged

from .common import PropertyItCommon


@tagged("post_install", "-at_install")
class TestRegisterPerformance(PropertyItCommon):
    """IT-5, IT-1: completing software requests updates the register in a number of queries
    independent of the number of requests."""

    def _approved(self, count, operation):
        computers = self.env["maintenance.equipment"].create(
            [
                {"name": f"批量电脑{operation}{index}", "category_id": self.category.id}
                for index in range(count)
            ]
        )
        if operation == "uninstall":
            self.env["property.it.software"].create(
                [{"computer_id": c.id, "name": "旧版软件"} for c in computers]
            )
        engine = self.env["property.it.request"].sudo().with_context(property_approval_engine=True)
        return engine.create(
            [
                {
                    "request_type": "software",
                    "state": "approved",
                    "user_id": self.it_user.id,
                    "computer_id": computer.id,
                    "software_operation": operation,
                    "software_name": "旧版软件" if operation == "uninstall" else "钉钉",
                }
                for computer in computers
            ]
        )

    def test_done_query_count_independent_of_requests(self):
        for count in (3, 30):
            requests = self._approved(count, "install") | self._approved(count, "uninstall")
            self.env.invalidate_all()
            with self.assertQueryCount(__system__=25):
                requests.with_user(self.it_admin).action_done()
            self.assertEqual(set(requests.mapped("state")), {"done"})
            lines = self.env["property.it.software"].search(
                [("computer_id", "in", requests.computer_id.ids)]
            )
            self.assertEqual(len(lines.filtered(lambda s: s.state == "installed")), count)
            self.assertEqual(len(lines.filtered(lambda s: s.state == "removed")), count)
