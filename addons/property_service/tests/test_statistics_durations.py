from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .common import ServiceCommon

# Office hours of the test team in Shanghai (UTC+8): Mon-Fri 09-12 and 13-18.
FRIDAY_17H = datetime(2024, 3, 8, 9, 0)  # Friday 17:00 in Shanghai
MONDAY_10H = datetime(2024, 3, 11, 2, 0)
MONDAY_15H = datetime(2024, 3, 11, 7, 0)
TUESDAY_10H = datetime(2024, 3, 12, 2, 0)
TUESDAY_20H = datetime(2024, 3, 12, 12, 0)
WEDNESDAY_09H30 = datetime(2024, 3, 13, 1, 30)
WEDNESDAY_14H = datetime(2024, 3, 13, 6, 0)
WEDNESDAY_01H = datetime(2024, 3, 12, 17, 0)  # still Tuesday in UTC


@tagged("post_install", "-at_install")
class TestWorkingHourDurations(ServiceCommon):
    """SVC-8, SVC-4 (issue 7, item 7): the response and resolution times of the KPIs are
    counted in the working hours of the team's calendar (else the company's), as the SLA
    deadlines they are compared with; the wall-clock hours stay available beside them, on the
    ticket and in the statistics view."""

    def _kpis(self, team=None):
        report = self.env["property.service.report"].with_user(self.service_manager)
        return report._get_kpis([("team_id", "=", (team or self.team).id)])[()]

    def _answer_and_resolve(self, received, answered, resolved, **vals):
        with freeze_time(received):
            ticket = self._ticket(**vals)
        with freeze_time(answered):
            ticket.action_start()
        with freeze_time(resolved):
            ticket.write({"resolution": "已更换阀门"})
            ticket.action_resolve()
        return ticket

    def test_durations_skip_the_weekend(self):
        ticket = self._answer_and_resolve(FRIDAY_17H, MONDAY_10H, MONDAY_15H)
        # answered at its SLA deadline: Friday 17-18, then Monday 09-10 → 2 working hours
        self.assertEqual(ticket.response_deadline, MONDAY_10H)
        self.assertAlmostEqual(ticket.response_work_hours, ticket.sla_id.response_hours)
        self.assertAlmostEqual(ticket.response_work_hours, 2.0)
        self.assertFalse(ticket.sla_response_breached)
        # Friday 17-18, Monday 09-12 and 13-15 → 6 working hours
        self.assertAlmostEqual(ticket.resolution_work_hours, 6.0)
        # the wall-clock hours stay: 65 h and 70 h
        self.assertAlmostEqual(ticket.response_hours, 65.0)
        self.assertAlmostEqual(ticket.resolution_hours, 70.0)
        kpis = self._kpis()
        self.assertAlmostEqual(kpis["avg_response_hours"], 2.0)
        self.assertAlmostEqual(kpis["avg_resolution_hours"], 6.0)
        self.assertAlmostEqual(kpis["avg_response_wall_hours"], 65.0)
        self.assertAlmostEqual(kpis["avg_resolution_wall_hours"], 70.0)

    def test_durations_skip_the_night_and_lunch(self):
        night = self._answer_and_resolve(TUESDAY_20H, WEDNESDAY_09H30, WEDNESDAY_14H)
        # received after hours: the clock starts Wednesday 09:00
        self.assertAlmostEqual(night.response_work_hours, 0.5)
        # Wednesday 09-12 and 13-14 → 4 h
        self.assertAlmostEqual(night.resolution_work_hours, 4.0)
        self.assertAlmostEqual(night.response_hours, 13.5)
        self.assertAlmostEqual(night.resolution_hours, 18.0)
        day = self._answer_and_resolve(TUESDAY_10H, TUESDAY_10H, WEDNESDAY_09H30)
        self.assertEqual(day.response_work_hours, 0.0)
        # Tuesday 10-12 and 13-18, Wednesday 09-09:30 → 7.5 h (23.5 h on the clock)
        self.assertAlmostEqual(day.resolution_work_hours, 7.5)
        # exact averages over both tickets, in either measure
        kpis = self._kpis()
        self.assertAlmostEqual(kpis["avg_response_hours"], 0.25)
        self.assertAlmostEqual(kpis["avg_resolution_hours"], (4.0 + 7.5) / 2)
        self.assertAlmostEqual(kpis["avg_resolution_wall_hours"], (18.0 + 23.5) / 2)

    def test_company_calendar_without_team_calendar(self):
        mornings = self.env["resource.calendar"].create(
            {
                "name": "上午班",
                "tz": "Asia/Shanghai",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {"name": f"{day}", "dayofweek": str(day), "hour_from": 8, "hour_to": 12,
                         "day_period": "morning"}
                    )
                    for day in range(5)
                ],
            }
        )  # fmt: skip
        self.team.resource_calendar_id = False
        self.company_a.resource_calendar_id = mornings
        ticket = self._answer_and_resolve(TUESDAY_10H, TUESDAY_20H, WEDNESDAY_09H30)
        # Tuesday 10-12 → 2 h; then Wednesday 08-09:30 → 3.5 h in all
        self.assertAlmostEqual(ticket.response_work_hours, 2.0)
        self.assertAlmostEqual(ticket.resolution_work_hours, 3.5)
        self.assertAlmostEqual(self._kpis()["avg_resolution_hours"], 3.5)

    def test_reopened_ticket_counts_its_new_resolution(self):
        ticket = self._answer_and_resolve(TUESDAY_10H, TUESDAY_10H, TUESDAY_20H)
        self.assertAlmostEqual(ticket.resolution_work_hours, 7.0)  # 10-12, 13-18
        with freeze_time(WEDNESDAY_09H30):
            ticket.action_reopen()
        self.assertEqual(ticket.resolution_work_hours, 0.0, "no resolution, no time")
        self.assertEqual(self._kpis()["tickets_resolved"], 0)
        with freeze_time(WEDNESDAY_14H):
            ticket.action_resolve()
        self.assertAlmostEqual(ticket.resolution_work_hours, 7.0 + 4.0)
        self.assertAlmostEqual(self._kpis()["avg_resolution_hours"], 11.0)

    def test_computed_in_one_batch(self):
        """The calendar's working time is computed once per calendar for a batch: the number
        of queries does not grow with the number of tickets."""

        def recompute_queries(tickets):
            self.env.add_to_compute(tickets._fields["response_work_hours"], tickets)
            before = self.env.cr.sql_log_count
            tickets.flush_recordset()
            return self.env.cr.sql_log_count - before

        with freeze_time(FRIDAY_17H):
            tickets = self.env["property.service.ticket"].create(
                [
                    {"subject": f"报修 {index}", "caller_name": "王伟",
                     "caller_phone": "13800138000", "team_id": self.team.id}
                    for index in range(20)
                ]
            )  # fmt: skip
        with freeze_time(MONDAY_10H):
            tickets.action_start()
        self.env.invalidate_all()
        few = recompute_queries(tickets[:2])
        self.env.invalidate_all()
        many = recompute_queries(tickets)
        self.assertEqual(many, few)
        self.assertEqual(set(tickets.mapped("response_work_hours")), {2.0})


@tagged("post_install", "-at_install")
class TestStatisticsFieldsProtected(ProtectedFieldsChecks, ServiceCommon):
    """SVC-8 (issue 7, items 1 and 7): the stored figures the statistics read (the day, the
    working-hour durations, the last rating) are computed only; no role writes them."""

    def test_statistics_fields_refused_to_every_role(self):
        with freeze_time(TUESDAY_10H):
            ticket = self._ticket()
        with freeze_time(WEDNESDAY_09H30):
            ticket.action_start()
        roles = (self.agent, self.service_manager, self.user_admin, self.portal_1)
        writers = self.assertDirectWriteRefused(
            ticket,
            {
                "day_received": "2024-01-01",
                "response_work_hours": 0.1,
                "resolution_work_hours": 0.1,
                "rating_last_value": 5,
            },
            roles,
            allowed={"subject": "水管漏水(已上门)"},
        )
        self.assertTrue(writers)
        self.assertEqual(ticket.subject, "水管漏水(已上门)")
        # positive control: the figures follow the workflow
        self.assertEqual(str(ticket.day_received), "2024-03-12")
        self.assertAlmostEqual(ticket.response_work_hours, 7.5)  # 10-12, 13-18, 09-09:30
        self.company_a.partner_id.tz = "Asia/Shanghai"
        call = self.env["property.service.call"].with_user(self.agent).create(
            {"caller_number": "13800138000", "date": WEDNESDAY_01H, "team_id": self.team.id}
        )  # fmt: skip
        self.assertEqual(str(call.day), "2024-03-13", "Wednesday 01:00 in Shanghai")
        self.assertTrue(
            self.assertDirectWriteRefused(call, {"day": "2024-03-14"}, roles[:3], allowed={})
        )


@tagged("post_install", "-at_install")
class TestRatingAfterReopening(ServiceCommon):
    """SVC-8, SVC-5 (issue 7, item 2): a ticket reopened and resolved anew is rated again by
    its owner through the rating link; the statistics count the new rating instead of the
    old one."""

    def _kpis(self):
        report = self.env["property.service.report"].with_user(self.service_manager)
        return report._get_kpis([("team_id", "=", self.team.id)])[()]

    def _rate(self, ticket, value):
        token = ticket._open_rating_token()
        self.assertTrue(token, "the owner has a rating link")
        ticket.with_user(self.portal_1).sudo().rating_apply(value, token=token)

    def test_new_rating_replaces_the_old_one(self):
        ticket = self._ticket(resolution="已修好")
        ticket.action_resolve()
        self._rate(ticket, 5)
        self.assertEqual((self._kpis()["rating_count"], self._kpis()["avg_rating"]), (1, 5.0))
        ticket.action_reopen()
        ticket.action_resolve()
        self._rate(ticket, 2)
        kpis = self._kpis()
        self.assertEqual((kpis["rating_count"], kpis["avg_rating"]), (1, 2.0))
        self.assertEqual(kpis["satisfaction_rate"], 0.0)
        ratings = ticket.sudo().rating_ids.filtered("consumed")
        self.assertEqual(sorted(ratings.mapped("rating")), [2.0, 5.0], "the old one is kept")
