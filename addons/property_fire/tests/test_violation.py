from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.property_base.tests.common import RecordRuleAsserts

from .common import FireCommon


@tagged("post_install", "-at_install")
class TestFireViolation(RecordRuleAsserts, FireCommon):
    """FIRE-7 (issue 11, item 7): violations with the offender (owner or unit through
    property_base, or another person with name and phone), location, description and photos;
    a log of dissuasion and stop actions (who, when, what, result); reported, dissuaded or
    stopped, rectified and closed, or escalated to the fire authority with a date and a
    reference, only after a logged action that was ignored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls.env["property.unit"].create(
            {"name": "0601", "building_id": cls.building.id, "floor": 6, "area": 89.5}
        )
        cls.owner = cls.env["res.partner"].create({"name": "汪强", "mobile": "18257658496"})
        cls.env["property.occupancy"].create(
            {
                "unit_id": cls.unit.id,
                "partner_id": cls.owner.id,
                "role": "owner",
                "date_from": date(2020, 1, 1),
            }
        )

    def _violation(self, user=None, **vals):
        return (
            self.env["property.fire.violation"]
            .with_user(user or self.fire_officer)
            .create(
                {
                    "project_id": self.project.id,
                    "violation_type": "fire_lane",
                    "location": "北侧消防车通道",
                    "description": "车辆占用消防车通道",
                    "offender_type": "other",
                    "offender_name": "刘先生",
                    "offender_phone": "13602581147",
                    **vals,
                }
            )
        )

    def _log(self, violation, result, user=None, kind="dissuasion"):
        return (
            self.env["property.fire.violation.action"]
            .with_user(user or self.fire_officer)
            .create(
                {
                    "violation_id": violation.id,
                    "kind": kind,
                    "description": "要求立即挪车",
                    "result": result,
                }
            )
        )

    def test_offender(self):
        with self.assertRaisesText(ValidationError, "offending owner or unit"):
            self._violation(offender_type="owner", offender_name=False)
        with self.assertRaisesText(ValidationError, "name of the offender"):
            self._violation(offender_name=False)
        violation = self._violation(
            offender_type="owner", unit_id=self.unit.id, offender_name=False
        )
        self.assertTrue(violation.name.startswith("WG"))
        self.assertEqual(violation.reported_by_id, self.fire_officer)
        form = Form(self.env["property.fire.violation"].with_user(self.fire_officer))
        form.project_id = self.project
        form.location = "1栋楼梯间"
        form.description = "楼道充电"
        form.unit_id = self.unit
        self.assertEqual(form.partner_id, self.owner)

    def test_dissuaded_rectified_closed(self):
        violation = self._violation()
        self.assertEqual(violation.state, "reported")
        action = self._log(violation, "complied")
        self.assertEqual(violation.state, "dissuaded")
        self.assertEqual(action.user_id, self.fire_officer)
        self.assertTrue(action.date)
        with self.assertRaisesText(UserError, "Describe how"):
            violation.with_user(self.fire_officer).action_rectify()
        violation.with_user(self.fire_officer).rectification_note = "已挪车"
        violation.with_user(self.fire_officer).action_rectify()
        self.assertEqual(violation.state, "rectified")
        self.assertEqual(violation.rectified_date, fields.Date.today())
        with self.assertRaisesText(UserError, "already rectified"):
            self._log(violation, "ignored")
        violation.with_user(self.fire_manager).action_close()
        self.assertEqual(violation.state, "closed")
        self.assertEqual(violation.closed_by_id, self.fire_manager)

    def test_escalation_needs_an_ignored_action(self):
        violation = self._violation()
        as_officer = violation.with_user(self.fire_officer)
        as_officer.write({"authority_date": date.today(), "authority_reference": "深南消救001"})
        with self.assertRaisesText(UserError, "only after a dissuasion or stop action"):
            as_officer.action_escalate()
        self._log(violation, "promised")
        with self.assertRaisesText(UserError, "was ignored"):
            as_officer.action_escalate()
        self._log(violation, "ignored", user=self.fire_manager, kind="stop")
        as_officer.write({"authority_reference": False})
        with self.assertRaisesText(UserError, "date and the reference"):
            as_officer.action_escalate()
        as_officer.write(
            {"authority_reference": "深南消救001", "authority_date": date.today() + timedelta(1)}
        )
        with self.assertRaisesText(UserError, "cannot be in the future"):
            as_officer.action_escalate()
        as_officer.authority_date = date.today()
        as_officer.action_escalate()
        self.assertEqual(violation.state, "escalated")
        self.assertEqual(violation.escalated_date, fields.Date.today())
        # the reference is fixed once escalated
        with self.assertRaisesText(UserError, "Fire Authority Reference"):
            as_officer.authority_reference = "改"
        # the offender may still rectify after the escalation
        as_officer.rectification_note = "消防救援机构责令后已驶离"
        as_officer.action_rectify()
        self.assertEqual(violation.state, "rectified")

    def test_log_is_kept_and_the_actor_is_the_user(self):
        violation = self._violation()
        with self.assertRaisesText(UserError, "Taken By"):
            self.env["property.fire.violation.action"].with_user(self.fire_officer).create(
                {
                    "violation_id": violation.id,
                    "description": "劝阻",
                    "result": "ignored",
                    "user_id": self.fire_manager.id,
                }
            )
        action = self._log(violation, "ignored")
        with self.assertRaisesText(UserError, "cannot be deleted"):
            action.with_user(self.fire_manager).unlink()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            violation.with_user(self.fire_manager).unlink()

    def test_roles_and_companies(self):
        with self.assertRaises(AccessError):
            self._violation(user=self.user_staff)
        violation_a = self._violation()
        violation_b = self._violation(
            user=self.fire_officer_b, project_id=self.project_b.id, location="乙"
        )
        both = violation_a | violation_b
        self.assertVisible(self.fire_officer, both, violation_a)
        self.assertVisible(self.fire_officer_b, both, violation_b)
        with self.assertRaises(AccessError):
            self._log(violation_b, "ignored")
