from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireReward(FireCommon):
    """FIRE-10 (issue 11, item 10): a reward for a confirmed owner's report, approved along
    the property_base approval engine, then paid through Accounting as a vendor bill to the
    reporter; the amount, state and bill are not written directly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["property.approval.route"].search(
            [("model_name", "=", "property.fire.reward")]
        ).active = False
        cls.env["property.approval.route"].create(
            {
                "name": "奖励审批",
                "model_id": cls.env["ir.model"]._get_id("property.fire.reward"),
                "step_ids": [
                    Command.create(
                        {
                            "name": "总经理",
                            "approver_type": "group",
                            "group_id": cls.env.ref("property_base.group_general_manager").id,
                        }
                    )
                ],
            }
        )
        cls.owner = cls.env["res.partner"].create({"name": "汪强"})
        cls.report = cls.env["property.fire.violation"].create(
            {
                "project_id": cls.project.id,
                "location": "6楼楼梯间",
                "description": "电动车楼道充电",
                "offender_type": "other",
                "offender_name": "不详",
                "reporter_partner_id": cls.owner.id,
            }
        )

    def _reward(self, **vals):
        return (
            self.env["property.fire.reward"]
            .with_user(self.fire_manager)
            .create({"violation_id": self.report.id, "amount": 200, **vals})
        )

    def test_only_confirmed_reports_rewarded(self):
        with self.assertRaisesText(ValidationError, "not a confirmed"):
            self._reward()
        self.report.with_user(self.fire_officer).action_confirm_report()
        with self.assertRaisesText(ValidationError, "positive"):
            self._reward(amount=0)
        with self.assertRaises(AccessError):
            self.env["property.fire.reward"].with_user(self.fire_officer).create(
                {"violation_id": self.report.id, "amount": 100}
            )

    def test_approved_then_billed_to_the_reporter(self):
        self.report.with_user(self.fire_officer).action_confirm_report()
        reward = self._reward()
        self.assertEqual(reward.partner_id, self.owner)
        with self.assertRaisesText(UserError, "Only an approved reward"):
            reward.action_create_bill()
        reward.action_approval_submit()
        self.assertEqual(reward.state, "to_approve")
        with self.assertRaisesText(UserError, "fixed once it is submitted"):
            reward.amount = 500
        reward.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(reward.state, "approved")
        reward.with_user(self.fire_manager).action_create_bill()
        self.assertEqual(reward.state, "billed")
        bill = reward.bill_id
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.owner)
        self.assertEqual(bill.amount_total, 200)
        self.assertEqual(bill.state, "draft", "Accounting posts and pays it")
        self._refused_direct_writes(reward)

    def _refused_direct_writes(self, reward):
        for user in (self.fire_manager, self.fire_officer, self.user_general_manager):
            with self.assertRaises(UserError, msg=user.login):
                reward.with_user(user).write({"state": "approved"})
            with self.assertRaises(UserError, msg=user.login):
                reward.with_user(user).write({"bill_id": False})
        self.assertEqual(reward.state, "billed")
