from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import ServiceCommon

TICKET_FIELDS = {
    "state",
    "date_first_response",
    "date_resolved",
    "date_closed",
    "response_hours",
    "resolution_hours",
    "sla_id",
    "response_deadline",
    "resolution_deadline",
    "sla_response_breached",
    "sla_resolution_breached",
    "escalated",
    "date_escalated",
    "day_received",
    "response_work_hours",
    "resolution_work_hours",
    "rating_last_value",
}


@tagged("post_install", "-at_install")
class TestServiceProtectedFields(ProtectedFieldsChecks, ServiceCommon):
    """SVC-2, SVC-3, SVC-4, SVC-8, BASE (issue 7, item 1): states, stamped dates, SLA flags,
    verifications and call records are written only by their transitions, for every role;
    the transitions themselves still work (positive controls)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # every role that reaches the module, the property administrator included
        cls.staff_roles = (
            cls.agent,
            cls.agent_2,
            cls.service_manager,
            cls.user_admin,
            cls.user_department_head,
        )
        cls.later = fields.Datetime.add(fields.Datetime.now(), hours=3)

    def _refused(self, record, values, users, allowed):
        writers = self.assertDirectWriteRefused(record, values, users, allowed=allowed)
        self.assertTrue(writers, "at least one role may write the record, and is refused")

    def test_listing(self):
        self.assertProtectedListing(
            "property_service",
            {
                "property.service.ticket": TICKET_FIELDS,
                "property.service.stage": {"state"},
                "property.service.visit": {"state", "verified_by_id", "verified_at", "date_left"},
                "property.service.call": {
                    "date",
                    "answered",
                    "duration",
                    "user_id",
                    "team_id",
                    "day",
                },
                "property.service.followup": {"user_id"},
                "property.community.activity": {"state"},
            },
        )

    # Tickets
    def test_ticket_fields_refused_to_every_role(self):
        ticket = self._ticket()
        ticket.action_start()
        stage = ticket.stage_id
        self._refused(
            ticket,
            {
                "state": "closed",
                "date_first_response": self.later,
                "date_resolved": self.later,
                "date_closed": self.later,
                "response_hours": 0.1,
                "resolution_hours": 0.1,
                "sla_id": False,
                "response_deadline": self.later,
                "resolution_deadline": self.later,
                "sla_response_breached": True,
                "sla_resolution_breached": True,
                "escalated": True,
                "date_escalated": self.later,
            },
            (*self.staff_roles, self.portal_1),
            allowed={"subject": "水管漏水(已上门)"},
        )
        self.assertEqual(ticket.subject, "水管漏水(已上门)")
        # the related state never wrote through to the stage
        self.assertEqual((ticket.state, stage.state), ("in_progress", "in_progress"))
        # positive control: the workflow's own moves, button and kanban drag, stamp the dates
        ticket.write({"resolution": "已更换阀门"})
        ticket.write({"stage_id": self.env.ref("property_service.stage_resolved").id})
        self.assertEqual(ticket.state, "resolved")
        self.assertTrue(ticket.date_resolved)
        ticket.write({"caller_confirmed": True, "caller_thanked": True})
        ticket.action_close()
        self.assertEqual(ticket.state, "closed")
        self.assertTrue(ticket.date_closed)

    def test_ticket_created_without_workflow_values(self):
        for fname, value in (
            ("escalated", True),
            ("date_first_response", self.later),
            ("sla_resolution_breached", True),
        ):
            with self.subTest(field=fname), self.assertRaisesText(UserError, "only be changed"):
                self._ticket(**{fname: value})
        closed = self.env.ref("property_service.stage_closed")
        with self.assertRaisesText(UserError, "cannot go from New to Closed"):
            self._ticket(stage_id=closed.id, resolution="x", caller_confirmed=True)
        # allowed: a ticket created in a later stage, through the moves from New
        resolved = self._ticket(
            stage_id=self.env.ref("property_service.stage_resolved").id, resolution="已答复"
        )
        self.assertEqual(resolved.state, "resolved")
        self.assertTrue(resolved.date_first_response and resolved.date_resolved)

    def test_reception_date_fixed_once_answered(self):
        ticket = self._ticket()
        earlier = fields.Datetime.subtract(ticket.date_received, hours=1)
        ticket.write({"date_received": earlier})  # corrected before anybody answered
        self.assertEqual(ticket.date_received, earlier)
        ticket.action_start()
        for user in (self.agent, self.service_manager, self.user_admin):
            with self.assertRaisesText(UserError, "reception date can no longer be changed"):
                ticket.with_user(user).write({"date_received": ticket.date_first_response})
        self.assertEqual(ticket.date_received, earlier)

    def test_escalation_writes_its_flags(self):
        ticket = self._ticket()
        ticket.action_escalate()
        self.assertTrue(ticket.escalated and ticket.date_escalated)
        with self.assertRaisesText(UserError, "only be changed"):
            ticket.write({"escalated": False})
        self.assertTrue(ticket.escalated)

    # Stages
    def test_stage_state_fixed_once_created(self):
        stage = self.env.ref("property_service.stage_in_progress")
        self._refused(
            stage,
            {"state": "closed"},
            (self.service_manager, self.user_admin, self.agent, self.portal_1),
            allowed={"fold": True},
        )
        self.assertTrue(stage.fold)
        self.assertEqual(stage.state, "in_progress")
        # a new stage gets the state it stands for
        waiting = (
            self.env["property.service.stage"]
            .with_user(self.service_manager)
            .create({"name": "等待配件", "state": "in_progress", "sequence": 15})
        )
        self.assertEqual(waiting.state, "in_progress")
        ticket = self._ticket()
        ticket.write({"stage_id": waiting.id})
        self.assertEqual(ticket.state, "in_progress")
        self.assertTrue(ticket.date_first_response)

    # Visits
    def _verified_visit(self):
        visit = (
            self.env["property.service.visit"]
            .with_user(self.agent)
            .create(
                {
                    "visitor_name": "陈立",
                    "id_type": "resident_id",
                    "id_number": "110105194912310029",
                    "purpose": "看望亲戚",
                    "unit_id": self.unit_1.id,
                }
            )
        )
        visit.action_verify()
        return visit

    def test_visit_fields_refused_to_every_role(self):
        visit = self._verified_visit()
        self._refused(
            visit,
            {
                "state": "admitted",
                "verified_by_id": self.agent_2.id,
                "verified_at": self.later,
                "date_left": self.later,
            },
            self.staff_roles,
            allowed={"feedback": "已联系业主"},
        )
        self.assertEqual((visit.state, visit.verified_by_id), ("verified", self.agent))
        visit.action_admit()
        visit.action_leave()
        self.assertEqual(visit.state, "left")
        self.assertTrue(visit.date_left)

    def test_visit_created_without_workflow_values(self):
        Visit = self.env["property.service.visit"].with_user(self.agent)
        for values in (
            {"state": "admitted"},
            {"verified_by_id": self.agent.id, "verified_at": fields.Datetime.now()},
        ):
            with self.subTest(values=values), self.assertRaisesText(UserError, "only be changed"):
                Visit.create({"visitor_name": "陈立", **values})
        self.assertEqual(Visit.create({"visitor_name": "陈立"}).state, "draft")

    # Calls
    def test_call_record_fixed_once_recorded(self):
        call = (
            self.env["property.service.call"]
            .with_user(self.agent)
            .create({"caller_number": "13800138000", "answered": False, "duration": 0})
        )
        self.assertFalse(call.answered, "the phone system's values are taken at creation")
        self._refused(
            call,
            {
                "answered": True,
                "duration": 120,
                "date": fields.Datetime.subtract(call.date, days=1),
                "user_id": self.agent_2.id,
                "team_id": False,
            },
            (*self.staff_roles, self.portal_1),
            allowed={"note": "已回拨"},
        )
        self.assertEqual(call.note, "已回拨")

    # Follow-ups
    def test_followup_author_is_who_records_it(self):
        ticket = self._ticket(category="complaint")
        Followup = self.env["property.service.followup"].with_user(self.agent)
        with self.assertRaisesText(UserError, "only be changed"):
            Followup.create({"ticket_id": ticket.id, "note": "代记", "user_id": self.agent_2.id})
        followup = Followup.create({"ticket_id": ticket.id, "note": "已回访投诉人"})
        self.assertEqual(followup.user_id, self.agent)
        self._refused(
            followup,
            {"user_id": self.agent_2.id},
            self.staff_roles,
            allowed={"with_complainant": True},
        )
        self.assertTrue(followup.with_complainant)

    def _closed_complaint(self):
        ticket = self._ticket(category="complaint")
        ticket.with_user(self.agent).action_start()
        ticket.sudo().write({"corrective_action": "更换保洁人员"})
        followup = (
            self.env["property.service.followup"]
            .with_user(self.agent)
            .create({"ticket_id": ticket.id, "note": "已回访投诉人", "with_complainant": True})
        )
        ticket.with_user(self.agent).write(
            {"resolution": "已处理", "caller_confirmed": True, "caller_thanked": True}
        )
        ticket.with_user(self.agent).action_resolve()
        ticket.with_user(self.agent).action_close()
        return ticket, followup

    def test_closed_complaint_follow_ups_are_kept(self):
        """SVC-4: the follow-ups a closed complaint was closed with stay as they were."""
        ticket, followup = self._closed_complaint()
        Followup = self.env["property.service.followup"]
        for user in (self.agent, self.service_manager):
            with self.assertRaisesText(UserError, "is closed: its follow-ups"):
                Followup.with_user(user).create({"ticket_id": ticket.id, "note": "补记"})
            with self.assertRaisesText(UserError, "is closed: its follow-ups"):
                followup.with_user(user).write({"with_complainant": False})
        # agents may not delete follow-ups at all; the manager, who may, is refused here
        with self.assertRaisesText(UserError, "is closed: its follow-ups"):
            followup.with_user(self.service_manager).unlink()
        self.assertTrue(followup.exists() and followup.with_complainant)
        # positive control: reopened by the manager, the complaint takes a new follow-up
        ticket.with_user(self.service_manager).action_reopen()
        Followup.with_user(self.agent).create({"ticket_id": ticket.id, "note": "再次回访"})
        self.assertEqual(len(ticket.sudo().followup_ids), 2)

    def test_settled_ticket_keeps_what_statistics_count(self):
        """SVC-8, SVC-2: once resolved, what the statistics count a ticket by (category,
        team, agent…) is settled, and once closed also its handling; reopening frees them."""
        ticket = self._ticket()
        ticket.with_user(self.agent).write({"category": "inquiry", "priority": "2"})  # open
        ticket.with_user(self.agent).write({"resolution": "已答复"})
        ticket.with_user(self.agent).action_resolve()
        for user in (self.agent, self.service_manager, self.user_admin):
            for vals in ({"category": "complaint"}, {"user_id": self.agent_2.id}):
                with self.assertRaisesText(UserError, "reopen it to change"):
                    ticket.with_user(user).write(vals)
        self.assertEqual((ticket.category, ticket.user_id), ("inquiry", self.agent))
        # resolved: the caller's confirmation is still recorded before closing
        ticket.with_user(self.agent).write({"caller_confirmed": True, "caller_thanked": True})
        ticket.with_user(self.agent).action_close()
        with self.assertRaisesText(UserError, "reopen it to change"):
            ticket.with_user(self.service_manager).write({"resolution": "改写的答复"})
        self.assertEqual(ticket.resolution, "已答复")
        # rewriting a value unchanged (a form saved as it was) is no change
        ticket.with_user(self.agent).write({"category": "inquiry"})
        # positive control: reopened, the ticket can be reclassified
        ticket.with_user(self.service_manager).action_reopen()
        ticket.with_user(self.agent).write({"category": "repair"})
        self.assertEqual(ticket.category, "repair")

    # Community activities
    def test_activity_state_only_by_its_actions(self):
        activity = (
            self.env["property.community.activity"]
            .with_user(self.agent)
            .create({"name": "重阳节敬老活动", "project_id": self.project.id})
        )
        self._refused(
            activity,
            {"state": "done"},
            self.staff_roles,
            allowed={"place": "会所二楼"},
        )
        self.assertEqual(activity.state, "draft")
        activity.action_plan()
        activity.write({"record": "<p>60 位老人参加</p>"})
        activity.action_done()
        self.assertEqual(activity.state, "done")

    def test_role_without_access_is_refused_by_access_rights(self):
        """The department head of another department has no access to customer service at
        all: refused by the access rights before the workflow rule."""
        ticket = self._ticket()
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_department_head).write({"subject": "x"})
        ticket.with_user(self.service_manager).write({"team_id": self.team.id})
        self.assertEqual(ticket.team_id, self.team)
