from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.property_base.tests.common import PropertyBaseCommon

DAY = datetime(2024, 3, 5, 2, 0)  # 10:00 in Shanghai


class ServiceStatisticsCommon(PropertyBaseCommon):
    """A hand-made month of calls, tickets and ratings with known KPIs, worked through the
    ticket workflow (its own dates, states and breach flags).

    All received on Tuesday 2024-03-05 at 10:00 in Shanghai; company A works 08-12 and 13-17.
    Policies: repair 2 h to answer, 16 h to resolve (deadlines 12:00 and Thursday 10:00);
    urgent repair 0.5 h and 4 h (10:30 and 15:00); complaint 1 h and 24 h (11:00, Friday 10:00).
    Agent 1 (team 1, project 1): 10 calls, 7 answered → 70 %; 4 tickets, 3 resolved → 75 %;
    first responses after 0.5 h, 1.5 h (the urgent one: late), 6 h (the complaint, resolved
    without being started: answered on resolution at 16:00, late) and 1 h (in progress), that
    is 0.5, 1.5, 5 and 1 working hours → 8 / 4 = 2 h (9 / 4 = 2.25 h on the clock);
    resolutions after 2, 4 and 6 h (clock) → 4 h, that is 2, 3 and 5 working hours (lunch
    break) → 3.33 h; 1 complaint, 2 SLA breaches; ratings 5, 4 and 2 → 3.67, satisfaction
    2/3; one cancelled ticket ignored.
    Agent 2 (team 2, project 2): 4 calls, 1 answered → 25 %; 2 tickets, 1 resolved after 10 h
    (20:00, 6 working hours), never started: answered then, after its 12:00 deadline → 1 SLA
    breach, 50 %; rating 5. Company B: 5 calls, all answered, and one ticket, for its own agent.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.partner_id.tz = "Asia/Shanghai"
        # the teams of company A have no calendar: the company's one counts (08-12, 13-17)
        cls.company_a.resource_calendar_id = cls.env["resource.calendar"].create(
            {
                "name": "客服工作时间",
                "tz": "Asia/Shanghai",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {"name": f"{day}-{start}", "dayofweek": str(day), "hour_from": start,
                         "hour_to": stop, "day_period": period}
                    )
                    for day in range(5)
                    for start, stop, period in ((8, 12, "morning"), (13, 17, "afternoon"))
                ],
            }
        )  # fmt: skip

        def user(login, groups, company):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )

        agent, manager = (
            "property_service.group_service_agent",
            "property_service.group_service_manager",
        )
        cls.agent_1 = user("t_agent_1", agent, cls.company_a)
        cls.agent_2 = user("t_agent_2", agent, cls.company_a)
        cls.service_manager = user("t_service_manager", manager, cls.company_a)
        cls.agent_b = user("t_agent_b", agent, cls.company_b)
        cls.service_manager_b = user("t_service_manager_b", manager, cls.company_b)
        Project = cls.env["property.project"]
        cls.project_1 = Project.create({"name": "锦绣花园", "code": "T-JX"})
        cls.project_2 = Project.create({"name": "翠湖苑", "code": "T-CH"})
        project_b = Project.create(
            {"name": "乙项目", "code": "T-B", "company_id": cls.company_b.id}
        )
        Team = cls.env["property.service.team"]
        cls.team_1 = Team.create(
            {"name": "一组", "manager_id": cls.service_manager.id, "member_ids": cls.agent_1.ids}
        )
        cls.team_2 = Team.create(
            {"name": "二组", "manager_id": cls.service_manager.id, "member_ids": cls.agent_2.ids}
        )
        cls.team_b = Team.create(
            {
                "name": "乙组",
                "company_id": cls.company_b.id,
                "resource_calendar_id": cls.company_b.resource_calendar_id.id,
                "manager_id": cls.service_manager_b.id,
                "member_ids": cls.agent_b.ids,
            }
        )
        cls.teams = cls.team_1 | cls.team_2 | cls.team_b
        # the policies the deadlines come from, whatever the database's own (working hours)
        Sla = cls.env["property.service.sla"]
        Sla.search([]).active = False
        Sla.create(
            [
                {"category": category, "priority": priority, "response_hours": response,
                 "resolution_hours": resolution, "company_id": False}
                for category, priority, response, resolution in (
                    ("repair", "1", 2, 16), ("repair", "3", 0.5, 4), ("complaint", "1", 1, 24)
                )
            ]
        )  # fmt: skip
        cls._make_calls(cls.agent_1, cls.team_1, 10, 7)
        cls._make_calls(cls.agent_2, cls.team_2, 4, 1)
        cls._make_calls(cls.agent_b, cls.team_b, 5, 5)
        t = cls._make_ticket
        # the urgent repair answered after its 0.5 h deadline is the breach the workflow flags;
        # the complaint, never started, is answered when resolved (late too); starting a
        # ticket answers it, so the one in progress has a response time
        cls.tickets_1 = (
            t(cls.agent_1, cls.team_1, cls.project_1, "resolved", 0.5, 2, rating=5)
            | t(cls.agent_1, cls.team_1, cls.project_1, "closed", 1.5, 4, rating=4, priority="3")
            | t(cls.agent_1, cls.team_1, cls.project_1, "resolved", None, 6, rating=2,
                category="complaint")
            | t(cls.agent_1, cls.team_1, cls.project_1, "in_progress", 1, None)
        )  # fmt: skip
        cls.cancelled = t(cls.agent_1, cls.team_1, cls.project_1, "cancelled", None, None)
        cls.tickets_2 = t(
            cls.agent_2, cls.team_2, cls.project_2, "resolved", None, 10, rating=5
        ) | t(cls.agent_2, cls.team_2, cls.project_2, "new", None, None)
        cls.ticket_b = t(cls.agent_b, cls.team_b, project_b, "resolved", 1, 3, rating=1)
        cls.env.flush_all()

    @classmethod
    def _make_calls(cls, agent, team, count, answered, day=DAY):
        return (
            cls.env["property.service.call"]
            .sudo()
            .create(
                [
                    {
                        "date": day + timedelta(minutes=index),
                        "caller_number": f"1380013{index:04d}",
                        "answered": index < answered,
                        "user_id": agent.id,
                        "team_id": team.id,
                        "company_id": team.company_id.id,
                    }
                    for index in range(count)
                ]
            )
        )

    @classmethod
    def _make_ticket(
        cls, agent, team, project, state, response, resolution,
        rating=None, priority="1", category="repair", day=DAY,
    ):  # fmt: skip
        """A ticket received on ``day`` and worked by its agent through the workflow: started
        ``response`` hours later, resolved ``resolution`` hours later (a ticket resolved without
        being started is first answered then), closed or cancelled; the dates, the state and
        the breach flags are the workflow's own."""
        if state == "in_progress" and response is None:
            raise ValueError("a ticket in progress has been answered: give its response time")
        with freeze_time(day):
            ticket = (
                cls.env["property.service.ticket"]
                .sudo()  # the fixture's data; its agent works it below
                .create(
                    {
                        "subject": "报修",
                        "caller_name": "张先生",
                        "caller_phone": "13800138000",
                        "category": category,
                        "priority": priority,
                        "team_id": team.id,
                        "user_id": agent.id,
                        "project_id": project.id,
                        "company_id": team.company_id.id,
                        "date_received": day,
                    }
                )
            )
            ticket = ticket.with_user(agent)
            if state == "cancelled":
                ticket.action_cancel()
        if response is not None:
            with freeze_time(day + timedelta(hours=response)):
                ticket.action_start()
        if state in ("resolved", "closed"):
            with freeze_time(day + timedelta(hours=resolution)):
                ticket.resolution = "已派维修工处理"
                ticket.action_resolve()
                if state == "closed":
                    ticket.write({"caller_confirmed": True, "caller_thanked": True})
                    ticket.action_close()
        if ticket.state != state:
            raise AssertionError(f"fixture ticket {ticket.name} is {ticket.state}, not {state}")
        ticket.flush_recordset()
        if rating:
            cls.env["rating.rating"].sudo().create(
                {
                    "res_model_id": cls.env["ir.model"]._get_id(ticket._name),
                    "res_id": ticket.id,
                    "rating": rating,
                    "consumed": True,
                }
            )
        return ticket.with_env(cls.env)

    def kpis(self, groupby=(), user=None, domain=()):
        """KPIs of this dataset's teams only (the database may hold demo data)."""
        report = self.env["property.service.report"].with_user(user or self.service_manager)
        return report._get_kpis([("team_id", "in", self.teams.ids), *domain], groupby)


@tagged("post_install", "-at_install")
class TestServiceStatistics(ServiceStatisticsCommon):
    def assertKpis(self, kpis, **expected):
        for name, value in expected.items():
            self.assertAlmostEqual(kpis[name], value, places=2, msg=name)

    def test_kpis_per_agent(self):
        kpis = self.kpis(["user_id"])
        self.assertKpis(
            kpis[(self.agent_1,)],
            calls_received=10, calls_answered=7, answer_rate=70.0,
            tickets_received=4, tickets_resolved=3, resolution_rate=75.0,
            # (0.5 + 1.5 + 5 + 1) / 4 working hours, (0.5 + 1.5 + 6 + 1) / 4 on the clock
            avg_response_hours=2.0, avg_resolution_hours=10 / 3, sla_breach_count=2,
            avg_response_wall_hours=2.25, avg_resolution_wall_hours=4.0,
            complaint_count=1, rating_count=3, avg_rating=11 / 3, satisfaction_rate=200 / 3,
        )  # fmt: skip
        self.assertKpis(
            kpis[(self.agent_2,)],
            calls_received=4, calls_answered=1, answer_rate=25.0,
            tickets_received=2, tickets_resolved=1, resolution_rate=50.0,
            # answered when resolved at 20:00: 10-12 and 13-17 → 6 working hours, 10 clock
            avg_response_hours=6.0, avg_response_wall_hours=10.0, sla_breach_count=1,
            avg_resolution_hours=6.0, avg_resolution_wall_hours=10.0, complaint_count=0,
            avg_rating=5.0, satisfaction_rate=100,
        )  # fmt: skip
        self.assertEqual(set(kpis), {(self.agent_1,), (self.agent_2,)}, "company A only")
        # the breaches the workflow flagged: the urgent repair and the complaint answered late
        breached = (self.tickets_1 | self.tickets_2).filtered("sla_response_breached")
        self.assertEqual(breached, self.tickets_1[1:3] | self.tickets_2[0])
        self.assertFalse((self.tickets_1 | self.tickets_2).filtered("sla_resolution_breached"))

    def test_ratios_are_exact_on_any_grouping(self):
        total = self.kpis()[()]
        # 8 answered of 14 calls, not the mean of 70 % and 25 %
        self.assertKpis(total, calls_received=14, answer_rate=800 / 14)
        self.assertKpis(total, tickets_received=6, resolution_rate=400 / 6)
        self.assertKpis(total, avg_resolution_hours=(2 + 3 + 5 + 6) / 4, avg_rating=4.0)
        self.assertKpis(total, avg_resolution_wall_hours=(2 + 4 + 6 + 10) / 4)
        by_team = self.kpis(["team_id"])
        self.assertKpis(by_team[(self.team_1,)], answer_rate=70.0, resolution_rate=75.0)
        self.assertKpis(by_team[(self.team_2,)], answer_rate=25.0, resolution_rate=50.0)
        by_month = self.kpis(["day:month"])
        self.assertEqual(len(by_month), 1)
        self.assertKpis(next(iter(by_month.values())), answer_rate=800 / 14)

    def test_public_read_group_like_the_pivot(self):
        groups = (
            self.env["property.service.report"]
            .with_user(self.service_manager)
            .read_group(
                [("team_id", "in", self.teams.ids)],
                ["calls_received", "answer_rate", "resolution_rate", "avg_rating"],
                ["company_id"],
            )
        )
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0]["answer_rate"], 800 / 14, places=2)
        self.assertAlmostEqual(groups[0]["resolution_rate"], 400 / 6, places=2)
        self.assertAlmostEqual(groups[0]["avg_rating"], 4.0, places=2)

    def test_category_and_project(self):
        by_category = self.kpis(["category"])
        self.assertEqual(by_category[("complaint",)]["complaint_count"], 1)
        self.assertEqual(by_category[("complaint",)]["tickets_received"], 1)
        by_project = self.kpis(["project_id"])
        self.assertEqual(by_project[(self.project_1,)]["tickets_received"], 4)
        self.assertEqual(by_project[(self.project_2,)]["tickets_received"], 2)

    def test_day_in_company_timezone(self):
        # 2024-03-31 20:00 UTC is 2024-04-01 04:00 in Shanghai
        night = datetime(2024, 3, 31, 20, 0)
        self._make_calls(self.agent_1, self.team_1, 1, 1, day=night)
        ticket = self._make_ticket(
            self.agent_1, self.team_1, self.project_1, "new", None, None, day=night
        )
        self.assertEqual(str(ticket.day_received), "2024-04-01")
        april = self.kpis(domain=[("day", ">=", "2024-04-01")])[()]
        self.assertEqual((april["calls_received"], april["tickets_received"]), (1, 1))
        march = self.kpis(domain=[("day", "<", "2024-04-01")])[()]
        self.assertEqual((march["calls_received"], march["tickets_received"]), (14, 6))

    def test_agents_see_their_own_figures(self):
        kpis = self.kpis(["user_id"], user=self.agent_1)
        self.assertEqual(list(kpis), [(self.agent_1,)])
        self.assertEqual(kpis[(self.agent_1,)]["answer_rate"], 70.0)
        rows = self.env["property.service.report"].with_user(self.agent_2).search([])
        self.assertEqual(rows.user_id, self.agent_2)
        self.assertEqual(sum(rows.mapped("calls_received")), 4)

    def test_managers_see_their_companies_only(self):
        self.assertEqual(self.kpis(user=self.service_manager)[()]["calls_received"], 14)
        kpis_b = self.kpis(user=self.service_manager_b)[()]
        self.assertEqual(kpis_b["calls_received"], 5)
        self.assertEqual(kpis_b["avg_rating"], 1.0)
        self.assertEqual(self.kpis(user=self.agent_b)[()]["tickets_received"], 1)

    def test_other_staff_cannot_read_statistics(self):
        with self.assertRaises(AccessError):
            self.env["property.service.report"].with_user(self.user_staff).search([])

    def test_query_count_does_not_depend_on_volume(self):
        report = self.env["property.service.report"].with_user(self.service_manager)
        domain = [("team_id", "in", self.teams.ids)]
        report._get_kpis(domain, ["user_id"])  # warm the caches (rules, fields)
        # the planner setting (work_mem) and the statistics themselves
        with self.assertQueryCount(2):
            small = report._get_kpis(domain, ["user_id", "team_id"])
        for index in range(30):
            self._make_ticket(self.agent_2, self.team_2, self.project_2, "resolved", 1, 2 + index)
        self._make_calls(self.agent_2, self.team_2, 60, 30)
        self.env.flush_all()
        with self.assertQueryCount(2):
            large = report._get_kpis(domain, ["user_id", "team_id"])
        self.assertEqual(small[(self.agent_2, self.team_2)]["tickets_received"], 2)
        self.assertEqual(large[(self.agent_2, self.team_2)]["tickets_received"], 32)
        self.assertEqual(large[(self.agent_2, self.team_2)]["calls_received"], 64)


@tagged("post_install", "-at_install")
class TestServiceMonthlyReport(HttpCase, ServiceStatisticsCommon):
    def test_monthly_report_per_team(self):
        wizard = (
            self.env["property.service.monthly.report.wizard"]
            .with_user(self.service_manager)
            .create({"team_ids": self.team_1.ids, "month": "3", "year": 2024})
        )
        action = wizard.action_print()
        self.assertEqual(
            action["data"],
            {"team_ids": self.team_1.ids, "date_from": "2024-03-01", "date_to": "2024-03-31"},
        )
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        report = self.env.ref("property_service.property_service_monthly_report_action")
        report = report.with_user(self.service_manager)
        html, __ = report._render_qweb_html(report.report_name, self.team_1.ids, action["data"])
        html = html.decode()
        for text in ("Customer Service Monthly Report", self.team_1.name, self.agent_1.name,
                     "70.0 %", "75.0 %", "3.67", "66.7 %", "Team total"):  # fmt: skip
            self.assertIn(text, html)
        self.assertNotIn(self.agent_2.name, html)
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.team_1.ids, action["data"]
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))

    def test_monthly_report_of_an_empty_month(self):
        report = self.env.ref("property_service.property_service_monthly_report_action")
        html, __ = report._render_qweb_html(
            report.report_name,
            self.team_2.ids,
            {"date_from": "2023-01-01", "date_to": "2023-01-31"},
        )
        self.assertIn("No calls or tickets in this period.", html.decode())


@tagged("post_install", "-at_install")
class TestOneRatingPerTicket(ServiceStatisticsCommon):
    """SVC-8, SVC-5 (issue 7, item 2): the statistics count one rating per ticket, its latest
    one; the older ratings are kept on the ticket, not counted."""

    def test_latest_rating_replaces_the_older_one(self):
        ticket = self.tickets_2.filtered(lambda t: t.state == "resolved")
        before = self.kpis(["user_id"])[(self.agent_2,)]
        self.assertEqual((before["rating_count"], before["avg_rating"]), (1, 5.0))
        self.env["rating.rating"].sudo().create(
            {
                "res_model_id": self.env["ir.model"]._get_id(ticket._name),
                "res_id": ticket.id,
                "rating": 2,
                "consumed": True,
            }
        )
        after = self.kpis(["user_id"])[(self.agent_2,)]
        self.assertEqual(after["rating_count"], 1, "one rating per ticket")
        self.assertEqual(after["avg_rating"], 2.0, "the latest one")
        self.assertEqual(after["satisfaction_rate"], 0.0)
        self.assertEqual(len(ticket.sudo().rating_ids.filtered("consumed")), 2, "nothing lost")
        # the other tickets keep theirs: 3 ratings of agent 1, 1 of agent 2
        self.assertEqual(self.kpis()[()]["rating_count"], 4)
        self.assertAlmostEqual(self.kpis()[()]["avg_rating"], (5 + 4 + 2 + 2) / 4)
