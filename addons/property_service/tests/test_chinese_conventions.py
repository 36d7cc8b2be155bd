from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .common import ServiceCommon

WEDNESDAY_10H = "2024-03-06 02:00:00"  # 10:00 in Shanghai
THURSDAY_10H = "2024-03-07 02:00:00"


@tagged("post_install", "-at_install")
class TestServiceTextLanguage(ServiceCommon):
    """Issue 8 item 2 (SVC-6 overdue tickets escalated automatically, SVC-9 reminders): an
    activity reads in its assignee's language; the escalation note of the cron (OdooBot, no
    language) in the company's language, of a user in the user's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["res.lang"]._activate_lang("en_US")

    def _cron(self):
        self.env.ref("property_service.ir_cron_escalate_overdue_tickets").method_direct_trigger()

    def _overdue_ticket(self):
        with freeze_time(WEDNESDAY_10H):
            return self._ticket()

    def test_cron_escalation_in_the_companys_and_the_managers_language(self):
        self.company_a.partner_id.lang = "zh_CN"
        self.service_manager.lang = "zh_CN"
        ticket = self._overdue_ticket()
        with freeze_time(THURSDAY_10H):
            self._cron()
        self.assertTrue(ticket.escalated)
        note = ticket.message_ids[0].body
        self.assertIn("工单已升级至", note)
        self.assertIn("未在时限内响应", note)
        self.assertNotIn("escalated", note)
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.service_manager)
        self.assertEqual(activity.summary, f"已升级：{ticket.name}")

    def test_cron_escalation_stays_english_for_an_english_company(self):
        self.company_a.partner_id.lang = "en_US"
        self.service_manager.lang = "en_US"
        ticket = self._overdue_ticket()
        with freeze_time(THURSDAY_10H):
            self._cron()
        self.assertIn("no response within the deadline", ticket.message_ids[0].body)
        self.assertEqual(ticket.activity_ids.summary, f"Escalated: {ticket.name}")

    def test_manual_escalation_in_the_users_language(self):
        self.company_a.partner_id.lang = "en_US"
        self.agent.lang = "zh_CN"
        self.service_manager.lang = "en_US"
        ticket = self._ticket(category="complaint")
        ticket.with_user(self.agent).action_escalate()
        self.assertIn(f"由 {self.agent.name} 升级", ticket.message_ids[0].body)
        self.assertEqual(ticket.activity_ids.summary, f"Escalated: {ticket.name}")

    def test_training_reminder_in_the_managers_language(self):
        employee = self.env["hr.employee"].create(
            {"name": "新人", "user_id": self.agent.id, "company_id": self.company_a.id}
        )
        activity_type = self.env.ref("property_service.mail_activity_type_initial_training")
        self.service_manager.lang = "zh_CN"
        vals = employee._property_service_training_activity_vals(
            activity_type, self.service_manager
        )
        self.assertEqual(vals["summary"], "未完成初期培训：新人")
        self.agent_2.lang = "en_US"
        vals = employee._property_service_training_activity_vals(activity_type, self.agent_2)
        self.assertEqual(vals["summary"], "Initial training missing: 新人")
        team_vals = employee._property_service_periodic_activity_vals(
            self.team, activity_type, date(2024, 1, 1), date(2024, 3, 31)
        )
        self.assertNotIn("No periodic training", team_vals["summary"])


@tagged("post_install", "-at_install")
class TestServiceDisplayConventions(ServiceCommon):
    """Issue 8 items 2 and 3 (SVC-6 SLA policies, SVC-8 call statistics): SLA names read in
    the reader's language, talk times as minutes:seconds, years without thousands separator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["res.lang"]._activate_lang("en_US")

    def test_sla_name_in_the_readers_language(self):
        sla = self.sla_repair
        self.assertEqual(sla.with_context(lang="zh_CN").name, "维修 / 普通")
        self.assertEqual(sla.with_context(lang="en_US").name, "Repair / Normal")
        Sla = self.env["property.service.sla"]
        self.assertEqual(Sla.with_context(lang="zh_CN").search([("name", "ilike", "维修")]), sla)
        self.assertEqual(
            Sla.with_context(lang="en_US").search([("name", "=", "Repair / Normal")]), sla
        )
        self.assertNotIn(
            sla, Sla.with_context(lang="zh_CN").search([("name", "not ilike", "维修")])
        )
        ticket = self._ticket()
        self.assertEqual(ticket.with_context(lang="zh_CN").sla_id.display_name, "维修 / 普通")

    def test_call_duration_in_minutes_and_seconds(self):
        call = self.env["property.service.call"].create(
            {"caller_number": "13800138000", "duration": 205, "team_id": self.team.id}
        )
        self.assertAlmostEqual(call.duration_minutes, 205 / 60)
        groups = self.env["property.service.call"].read_group(
            [("id", "=", call.id)], ["duration_minutes:sum"], []
        )
        self.assertAlmostEqual(groups[0]["duration_minutes"], 205 / 60)
        # users read minutes:seconds: no raw seconds in the lists and reports
        for view_type in ("list", "pivot"):
            arch = etree.fromstring(
                self.env["property.service.call"].get_view(view_type=view_type)["arch"]
            )
            self.assertFalse(arch.xpath("//field[@name='duration']"), view_type)
            self.assertEqual(
                arch.xpath("//field[@name='duration_minutes']/@widget"), ["float_time"], view_type
            )

    def test_year_fields_without_thousands_separator(self):
        """Every integer field named like a year in our views turns number formatting off."""
        views = self.env["ir.ui.view"].search(
            [("model", "like", "property.%"), ("type", "in", ("form", "list"))]
        )
        checked = 0
        for view in views:
            model = self.env[view.model]
            for node in etree.fromstring(view.arch_db or "<x/>").iter("field"):
                field = model._fields.get(node.get("name"))
                if not field or field.type != "integer" or "year" not in field.name:
                    continue
                checked += 1
                self.assertIn("'enable_formatting': false", node.get("options") or "", view.xml_id)
        self.assertTrue(checked, "the monthly report wizard has a year")
