from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .test_statistics import ServiceStatisticsCommon

GM = "property_base.group_general_manager"
GM_ASSISTANT = "property_base.group_gm_assistant"
NUMERIC = ("integer", "float", "monetary")


@tagged("post_install", "-at_install")
class TestManagersReadEveryReport(ServiceStatisticsCommon):
    """SVC-8, SVC-10 (issue 8 item 7): the general manager and the GM assistant read the
    statistics and the monthly report of every team of their company, read-only; the statistics
    open on the last full month and offer only meaningful measures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company_a.id,
                company_ids=[Command.set(cls.company_a.ids)],
            )

        cls.gm = user("t_rep_gm", GM)
        cls.gm_assistant = user("t_rep_gma", GM_ASSISTANT)
        cls.gm_agent = user("t_rep_gm_agent", f"{GM},property_service.group_service_agent")
        cls.staff = user("t_rep_staff", "base.group_user")

    def test_statistics_of_every_team(self):
        for reader in (self.gm, self.gm_assistant):
            with self.subTest(reader=reader.login):
                report = self.env["property.service.report"].with_user(reader)
                # the demo teams too, when the database has the demo data
                self.assertLessEqual(self.team_1 | self.team_2, report.search([]).team_id)
                self.assertNotIn(self.team_b, report.search([]).team_id)
                kpis = report._get_kpis([("team_id", "in", self.teams.ids)], ["user_id"])
                self.assertEqual(kpis[(self.agent_1,)]["calls_received"], 10)
                self.assertEqual(kpis[(self.agent_2,)]["calls_received"], 4)
        # a general manager who also answers calls still reads every agent's figures
        report = self.env["property.service.report"].with_user(self.gm_agent)
        rows = report.search([("team_id", "in", self.teams.ids)])
        self.assertEqual(rows.user_id, self.agent_1 | self.agent_2)
        # an agent reads only their own (positive control of the rule above)
        report = self.env["property.service.report"].with_user(self.agent_1)
        self.assertEqual(report.search([]).user_id, self.agent_1)
        with self.assertRaises(AccessError):
            self.env["property.service.report"].with_user(self.staff).search([])

    def test_monthly_report_of_every_team(self):
        wizard = (
            self.env["property.service.monthly.report.wizard"]
            .with_user(self.gm_assistant)
            .create({"month": "3", "year": 2024})
        )
        self.assertLessEqual(self.team_1 | self.team_2, wizard.team_ids)
        self.assertNotIn(self.team_b, wizard.team_ids)
        wizard.team_ids = self.team_1 | self.team_2
        action = wizard.action_print()
        report = self.env.ref("property_service.property_service_monthly_report_action")
        html, __ = report.with_user(self.gm_assistant)._render_qweb_html(
            report.report_name, None, action["data"]
        )
        html = html.decode()
        for text in (self.team_1.name, self.team_2.name, "70.0 %", "25.0 %"):
            self.assertIn(text, html)
        with self.assertRaises(AccessError):
            self.env["property.service.monthly.report.wizard"].with_user(self.staff).create(
                {"month": "3", "year": 2024}
            )

    def test_read_only_on_tickets(self):
        ticket = self.tickets_1[0]
        for reader in (self.gm, self.gm_assistant):
            with self.subTest(reader=reader.login):
                self.assertEqual(ticket.with_user(reader).subject, ticket.subject)
                with self.assertRaises(AccessError):
                    ticket.with_user(reader).write({"subject": "改写"})
                with self.assertRaises(AccessError):
                    self.env["property.service.ticket"].with_user(reader).create(
                        {"subject": "新", "channel": "web", "team_id": self.team_1.id}
                    )
                with self.assertRaises(AccessError):
                    self.team_1.with_user(reader).write({"name": "改名"})
        # with the service role the general manager works tickets like any agent
        ticket.with_user(self.gm_agent).write({"subject": "改写"})
        self.assertEqual(ticket.subject, "改写")

    def test_menus(self):
        ref = self.env.ref
        reports = {
            ref("property_service.menu_service_root").id,
            ref("property_service.menu_service_reporting").id,
            ref("property_service.menu_service_statistics").id,
            ref("property_service.menu_service_monthly_report").id,
            ref("property_service.menu_service_ticket_analysis").id,
        }
        work = {
            ref("property_service.menu_service_tickets").id,
            ref("property_service.menu_service_calls").id,
            ref("property_service.menu_service_visits").id,
            ref("property_service.menu_service_activity").id,
            ref("property_service.menu_service_config").id,
        }
        Menu = self.env["ir.ui.menu"]

        def shown(user):
            """Menus the web client shows: visible, under visible parents."""
            visible = Menu.with_user(user)._visible_menu_ids()
            menus = Menu.browse(visible)
            return {
                menu.id
                for menu in menus
                if all(int(i) in visible for i in menu.parent_path.strip("/").split("/"))
            }

        for reader in (self.gm, self.gm_assistant):
            with self.subTest(reader=reader.login):
                visible = shown(reader)
                self.assertLessEqual(reports, visible)
                self.assertFalse(work & visible)
        self.assertLessEqual(reports | work, shown(self.service_manager))
        visible = shown(self.agent_1)
        self.assertLessEqual(work - {ref("property_service.menu_service_config").id}, visible)
        self.assertFalse(reports - {ref("property_service.menu_service_root").id} & visible)
        self.assertNotIn(reports.pop(), shown(self.staff))

    def test_statistics_open_on_the_last_full_month(self):
        action = (
            self.env["ir.actions.actions"]
            .with_user(self.gm)
            ._for_xml_id("property_service.property_service_report_action")
        )
        self.assertIn("'search_default_day': 1", action["context"])
        views = (
            self.env["property.service.report"].with_user(self.gm).get_views([(False, "search")])
        )
        arch = etree.fromstring(views["views"]["search"]["arch"])
        (date_filter,) = arch.xpath("//filter[@name='day']")
        # the generator id of the web client's date filter: the month before the current one
        self.assertEqual(date_filter.get("default_period"), "month-1")

    def test_only_meaningful_measures(self):
        """What the pivot and graph offer as measures: every stored numeric field with an
        aggregator the view does not hide, as the web client lists them."""
        meaningful = {
            "calls_received", "calls_answered", "answer_rate", "tickets_received",
            "tickets_resolved", "resolution_rate", "avg_response_hours",
            "avg_response_wall_hours", "avg_resolution_hours", "avg_resolution_wall_hours",
            "sla_breach_count", "complaint_count", "rating_count", "avg_rating",
            "satisfaction_rate",
        }  # fmt: skip
        Report = self.env["property.service.report"].with_user(self.gm)
        # the web client loads the search view with them, and with it every field
        views = Report.get_views([(False, "pivot"), (False, "graph"), (False, "search")])
        fields = views["models"]["property.service.report"]["fields"]
        for view_type in ("pivot", "graph"):
            with self.subTest(view=view_type):
                arch = etree.fromstring(views["views"][view_type]["arch"])
                hidden = {node.get("name") for node in arch.xpath("//field[@invisible='1']")}
                offered = {
                    name
                    for name, field in fields.items()
                    if field["type"] in NUMERIC
                    and field.get("aggregator")
                    and name not in hidden
                    and name != "id"
                }
                self.assertEqual(offered, meaningful)
