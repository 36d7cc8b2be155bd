from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import ServiceCommon

# 2024-03-08 is a Friday. Office hours in Shanghai (UTC+8): Mon-Fri 09-12 and 13-18.
FRIDAY_17H = "2024-03-08 09:00:00"  # 17:00 in Shanghai
TUESDAY_20H = "2024-03-05 12:00:00"  # 20:00 in Shanghai
WEDNESDAY_10H = "2024-03-06 02:00:00"
WEDNESDAY_03H = "2024-03-05 19:00:00"  # 03:00 in Shanghai, Wednesday


@tagged("post_install", "-at_install")
class TestSla(ServiceCommon):
    def _cron(self):
        self.env.ref("property_service.ir_cron_escalate_overdue_tickets").method_direct_trigger()

    def test_deadlines_skip_the_weekend(self):
        with freeze_time(FRIDAY_17H):
            ticket = self._ticket()
        self.assertEqual(ticket.sla_id, self.sla_repair)
        # 2 h: Friday 17-18, then Monday 09-10
        self.assertEqual(ticket.response_deadline, datetime(2024, 3, 11, 2, 0))
        # 8 h: Friday 17-18, Monday 09-12 and 13-17
        self.assertEqual(ticket.resolution_deadline, datetime(2024, 3, 11, 9, 0))

    def test_deadlines_skip_the_night_and_lunch(self):
        with freeze_time(TUESDAY_20H):
            ticket = self._ticket()
        # received after hours: the clock starts Wednesday 09:00, 2 h → 11:00
        self.assertEqual(ticket.response_deadline, datetime(2024, 3, 6, 3, 0))
        # 8 h: Wednesday 09-12 and 13-18 → 18:00
        self.assertEqual(ticket.resolution_deadline, datetime(2024, 3, 6, 10, 0))

    def test_team_policy_beats_general_policy(self):
        team_sla = self.env["property.service.sla"].create(
            {
                "category": "repair",
                "priority": "1",
                "team_id": self.team.id,
                "response_hours": 1,
                "resolution_hours": 4,
            }
        )
        with freeze_time(WEDNESDAY_10H):
            ticket = self._ticket()
            other = self.env["property.service.ticket"].create(
                {
                    "subject": "乙",
                    "channel": "email",
                    "category": "repair",
                    "team_id": self.team_b.id,
                }
            )
        self.assertEqual(ticket.sla_id, team_sla)
        self.assertEqual(ticket.response_deadline, datetime(2024, 3, 6, 3, 0))
        self.assertEqual(other.sla_id, self.sla_repair, "a shared policy serves every company")

    def test_no_policy_no_deadline(self):
        ticket = self._ticket(category="other")
        self.assertFalse(ticket.sla_id)
        self.assertFalse(ticket.response_deadline)

    def test_late_answer_is_flagged(self):
        with freeze_time(FRIDAY_17H):
            ticket = self._ticket()
        with freeze_time("2024-03-11 03:00:00"):  # Monday 11:00, an hour late
            ticket.action_start()
        self.assertTrue(ticket.sla_response_breached)
        self.assertFalse(ticket.escalated, "a late answer is counted, not escalated")

    def test_cron_escalates_each_breach_once(self):
        with freeze_time(FRIDAY_17H):
            ticket = self._ticket()
            on_time = self._ticket()
        with freeze_time("2024-03-11 01:00:00"):  # Monday 09:00, still on time
            on_time.action_start()
            self._cron()
        self.assertFalse(ticket.escalated)
        with freeze_time("2024-03-11 03:00:00"):  # Monday 11:00: response overdue
            self._cron()
            self._cron()
        self.assertTrue(ticket.sla_response_breached)
        self.assertFalse(ticket.sla_resolution_breached)
        self.assertTrue(ticket.escalated)
        self.assertEqual(len(ticket.activity_ids), 1)
        self.assertEqual(ticket.activity_ids.user_id, self.service_manager)
        notes = ticket.message_ids.filtered(lambda m: "Ticket escalated" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertFalse(on_time.escalated)
        with freeze_time("2024-03-11 10:00:00"):  # Monday 18:00: resolution overdue too
            self._cron()
            self._cron()
        self.assertTrue(ticket.sla_resolution_breached)
        self.assertTrue(on_time.sla_resolution_breached)
        self.assertEqual(len(ticket.activity_ids), 2, "one escalation per breach")
        self.assertEqual(len(on_time.activity_ids), 1)

    def test_closed_tickets_are_not_escalated(self):
        with freeze_time(FRIDAY_17H):
            ticket = self._ticket(resolution="已答复")
            ticket.action_resolve()
        with freeze_time("2024-03-12 03:00:00"):
            self._cron()
        self.assertFalse(ticket.escalated)

    def test_cron_query_count_independent_of_volume(self):
        def overdue(count):
            with freeze_time(FRIDAY_17H):
                return self.env["property.service.ticket"].create(
                    [
                        {
                            "subject": f"T{i}",
                            "channel": "email",
                            "category": "repair",
                            "team_id": self.team.id,
                            "user_id": self.agent.id,
                        }
                        for i in range(count)
                    ]
                )

        Ticket = self.env["property.service.ticket"]
        with freeze_time("2024-03-12 03:00:00"):
            overdue(2)
            Ticket._cron_escalate_overdue()  # warm-up: caches, sequences
            small = overdue(3)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Ticket._cron_escalate_overdue()
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
            self.assertLessEqual(queries, 25)
            large = overdue(15)
            self.env.flush_all()
            self.env.invalidate_all()
            # five times the tickets, not one query more
            with self.assertQueryCount(queries):
                Ticket._cron_escalate_overdue()
        self.assertTrue(all((small | large).mapped("escalated")))

    def test_reply_to_caller_is_the_first_response(self):
        with freeze_time(WEDNESDAY_10H):
            ticket = self._ticket()
            ticket.message_post(body="内部备注", subtype_xmlid="mail.mt_note")
            self.assertFalse(ticket.date_first_response, "an internal note answers nobody")
            ticket.message_post(
                body="您好，维修师傅下午上门。",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.assertEqual(ticket.date_first_response, datetime(2024, 3, 6, 2, 0))
            self.assertEqual(ticket.response_hours, 0.0)


@tagged("post_install", "-at_install")
class TestAssignment(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        evening = cls.env["resource.calendar"].create(
            {
                "name": "Evening shift",
                "tz": "Asia/Shanghai",
                "company_id": cls.company_a.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": "evening",
                            "dayofweek": str(day),
                            "hour_from": 18,
                            "hour_to": 23,
                            "day_period": "afternoon",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        cls.agent_3 = new_test_user(
            cls.env, login="t_svc_agent_3", groups="property_service.group_service_agent"
        )
        cls.team.member_ids = [Command.link(cls.agent_3.id)]
        cls.env["resource.resource"].create(
            [
                {"name": cls.agent.name, "user_id": cls.agent.id, "calendar_id": cls.calendar.id},
                {"name": cls.agent_2.name, "user_id": cls.agent_2.id, "calendar_id": evening.id},
                # agent 3 has no resource: works the team's hours
            ]
        )

    def _unassigned(self, count=1):
        return self.env["property.service.ticket"].create(
            [
                {
                    "subject": f"A{i}",
                    "channel": "email",
                    "category": "inquiry",
                    "team_id": self.team.id,
                }
                for i in range(count)
            ]
        )

    def test_least_loaded_working_agent(self):
        with freeze_time(WEDNESDAY_10H):
            self._ticket(user_id=self.agent_3.id)
            ticket = self._unassigned()
        # agent 2 works evenings; agent 3 already has an open ticket
        self.assertEqual(ticket.user_id, self.agent)

    def test_batch_spreads_the_load(self):
        with freeze_time(WEDNESDAY_10H):
            tickets = self._unassigned(4)
        self.assertEqual(sorted(tickets.user_id.ids), sorted((self.agent | self.agent_3).ids))
        self.assertEqual(len(tickets.filtered(lambda t: t.user_id == self.agent)), 2)

    def test_evening_shift(self):
        with freeze_time("2024-03-06 12:00:00"):  # Wednesday 20:00
            ticket = self._unassigned()
        self.assertEqual(ticket.user_id, self.agent_2)

    def test_nobody_working(self):
        with freeze_time(WEDNESDAY_03H):
            ticket = self._unassigned()
            self.assertFalse(ticket.user_id)
            with self.assertRaisesText(UserError, "No agent of team"):
                ticket.with_user(self.service_manager).action_assign_auto()
