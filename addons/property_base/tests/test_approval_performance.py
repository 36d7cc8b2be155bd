from unittest.mock import patch

from odoo.tests import tagged

from .approval_common import ApprovalCommon


@tagged("post_install", "-at_install")
class TestApprovalPerformance(ApprovalCommon):
    """Batch submit and approve cost a number of queries independent of the batch size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._route([cls._users_step(cls.user_department_head)], name="One step")

    def _flush(self):
        """Flush the ORM and run the precommit hooks (tracking), as assertQueryCount does."""
        self.env.flush_all()
        self.env.cr.flush()

    def _submitted(self, count):
        records = self._create(count=count)
        records.action_approval_submit()
        self._flush()
        self.env.invalidate_all()
        return records.with_user(self.user_department_head)

    def _count_queries(self, method, records):
        self._flush()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        with patch("random.random", lambda: 1):
            getattr(records, method)()
            self._flush()
        return self.env.cr.sql_log_count - start

    def test_batch_approve_constant_queries(self):
        self._count_queries("action_approval_approve", self._submitted(3))  # warm-up
        small = self._count_queries("action_approval_approve", self._submitted(10))
        records = self._submitted(100)
        with self.assertQueryCount(small):
            records.action_approval_approve()
        self.assertEqual(set(records.mapped("state")), {"approved"})
        self.assertEqual(set(records.mapped("approved_hook_count")), {1})

    def test_batch_submit_scales_with_notifications_only(self):
        """Submit costs a constant number of queries plus what Odoo's activity mail costs."""
        self._count_queries("action_approval_submit", self._create(count=3))  # warm-up
        small = self._count_queries(
            "action_approval_submit",
            self._create(count=10).with_context(mail_activity_quick_update=True),
        )
        large = self._count_queries(
            "action_approval_submit",
            self._create(count=100).with_context(mail_activity_quick_update=True),
        )
        self.assertEqual(small, large)
