import base64

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.property_base.tests.common import PropertyBaseCommon


@tagged("post_install", "-at_install")
class TestCommunityActivity(PropertyBaseCommon):
    """SVC-7: community activities are planned, staffed, held with participants and recorded,
    through their own workflow."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups, company):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        cls.agent = user("t_act_agent", "property_service.group_service_agent", cls.company_a)
        cls.manager = user("t_act_manager", "property_service.group_service_manager", cls.company_a)
        cls.agent_b = user("t_act_agent_b", "property_service.group_service_agent", cls.company_b)
        cls.project = cls.env["property.project"].create({"name": "锦绣花园", "code": "T-ACT"})
        cls.owners = cls.env["res.partner"].create([{"name": "业主甲"}, {"name": "业主乙"}])
        cls.employee = cls.env["hr.employee"].create({"name": "客服小王"})

    def _activity(self, user=None, **vals):
        return (
            self.env["property.community.activity"]
            .with_user(user or self.agent)
            .create(
                {
                    "name": "中秋游园会",
                    "date_start": "2024-09-17 10:00:00",
                    "place": "中心广场",
                    "project_id": self.project.id,
                    "budget": 3000,
                    **vals,
                }
            )
        )

    def test_plan_and_record(self):
        activity = self._activity(
            participant_ids=[Command.set(self.owners.ids)],
            staff_ids=[Command.set(self.employee.ids)],
        )
        self.assertEqual(activity.state, "draft")
        self.assertEqual(str(activity.date_end), "2024-09-17 12:00:00")
        self.assertEqual(activity.participant_count, 2)
        activity.action_plan()
        with self.assertRaisesText(UserError, "Write the record"):
            activity.action_done()
        activity.write({"record": "<p>86 位业主参加</p>", "participant_count": 86, "cost": 2760})
        activity.action_done()
        self.assertEqual(activity.state, "done")
        self.assertEqual(activity.participant_count, 86)
        with self.assertRaisesText(UserError, "Only draft or planned"):
            activity.action_cancel()

    def test_cancel_and_reset(self):
        activity = self._activity()
        activity.action_cancel()
        with self.assertRaisesText(UserError, "Only draft activities"):
            activity.action_plan()
        activity.action_draft()
        self.assertEqual(activity.state, "draft")

    def test_dates_and_amounts_are_checked(self):
        with self.assertRaisesText(ValidationError, "cannot end before it starts"):
            self._activity(date_end="2024-09-17 09:00:00")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._activity(budget=-1)

    def test_photos_follow_the_activity(self):
        photo = (
            self.env["ir.attachment"]
            .with_user(self.agent)
            .create({"name": "现场.jpg", "datas": base64.b64encode(b"\xff\xd8\xff photo")})
        )
        activity = self._activity(photo_ids=[Command.set(photo.ids)])
        self.assertEqual(activity.photo_count, 1)
        self.assertEqual((photo.res_model, photo.res_id), (activity._name, activity.id))
        photo.invalidate_recordset()
        self.assertEqual(photo.with_user(self.manager).read(["name"])[0]["name"], "现场.jpg")

    def test_roles(self):
        activity = self._activity()
        activity.with_user(self.manager).record = "<p>ok</p>"
        with self.assertRaises(AccessError):
            activity.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            activity.with_user(self.user_staff).read(["name"])
        with self.assertRaises(AccessError):
            activity.with_user(self.agent_b).read(["name"])
        activity.with_user(self.manager).unlink()

    def test_done_activity_is_kept(self):
        activity = self._activity(record="<p>done</p>")
        activity.action_plan()
        activity.action_done()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            activity.with_user(self.manager).unlink()
