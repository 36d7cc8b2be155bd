import csv

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.base.models.ir_qweb import QWebException

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestTicketWorkflow(ServiceCommon):
    # Creation and caller data (SVC-1)
    def test_reference_and_defaults(self):
        ticket = self._ticket()
        self.assertRegex(ticket.name, r"^SVC-\d{4}-\d{5}$")
        self.assertEqual(ticket.state, "new")
        self.assertEqual(ticket.project_id, self.project)
        self.assertEqual(ticket.company_id, self.company_a)
        self.assertNotEqual(self._ticket().name, ticket.name)

    def test_phone_ticket_needs_caller_phone(self):
        with self.assertRaisesText(ValidationError, "caller's name and phone number"):
            self._ticket(caller_phone=False)
        with self.assertRaisesText(ValidationError, "caller's name and phone number"):
            self._ticket(channel="visit", caller_name=False)

    def test_email_and_portal_tickets_may_lack_phone(self):
        ticket = self._ticket(channel="email", caller_phone=False)
        self.assertFalse(ticket.caller_phone)

    def test_phone_number_format(self):
        for good in (
            "13800138000",
            "0755-86001234",
            "010-12345678",
            "0755-86001234-808",
            "0755-86001234转808",
            "+86 138 0013 8000",
            "075586001234",
            "0755 86001234",
        ):
            self.assertTrue(self._ticket(caller_phone=good).caller_phone)
        self.assertEqual(self._ticket(caller_phone="+86 138 0013 8000").caller_phone, "13800138000")
        for bad in ("12800138000", "1380013800", "86001234", "0755-123", "abc", "12345"):
            with self.assertRaisesText(ValidationError, "is not a valid phone number"):
                self._ticket(caller_phone=bad)

    def test_unit_must_belong_to_owner(self):
        with self.assertRaisesText(ValidationError, "is not one of the units of 王伟"):
            self._ticket(unit_id=self.unit_2.id)
        # without an owner any unit may be named (e.g. a passer-by reporting a broken lamp)
        self.assertEqual(
            self._ticket(partner_id=False, unit_id=self.unit_2.id).unit_id, self.unit_2
        )

    def test_team_from_project_and_onchange(self):
        ticket = self._ticket(team_id=False, user_id=False)
        self.assertEqual(ticket.team_id, self.team)

    # Workflow (SVC-2)
    def test_full_workflow(self):
        ticket = self._ticket()
        ticket.action_start()
        self.assertEqual(ticket.state, "in_progress")
        self.assertTrue(ticket.date_first_response)
        ticket.resolution = "已更换水龙头阀芯"
        ticket.action_resolve()
        self.assertEqual(ticket.state, "resolved")
        self.assertTrue(ticket.date_resolved)
        ticket.write({"caller_confirmed": True, "caller_thanked": True})
        ticket.action_close()
        self.assertEqual(ticket.state, "closed")
        self.assertTrue(ticket.date_closed)

    def test_resolve_needs_resolution(self):
        ticket = self._ticket()
        with self.assertRaisesText(UserError, "record the answer or solution"):
            ticket.action_resolve()
        # the kanban drag and drop goes through the same check
        with self.assertRaisesText(UserError, "record the answer or solution"):
            ticket.stage_id = self.env.ref("property_service.stage_resolved")
        ticket.write(
            {"resolution": "已电话答复", "stage_id": ticket._stage_for_state("resolved").id}
        )
        self.assertEqual(ticket.state, "resolved")

    def test_close_needs_confirmation_and_thanks(self):
        ticket = self._ticket(resolution="已答复")
        ticket.action_resolve()
        with self.assertRaisesText(UserError, "confirmed the solution and has been thanked"):
            ticket.action_close()
        ticket.caller_confirmed = True
        with self.assertRaisesText(UserError, "confirmed the solution and has been thanked"):
            ticket.action_close()
        ticket.caller_thanked = True
        ticket.action_close()
        self.assertEqual(ticket.state, "closed")

    def test_forbidden_transitions(self):
        ticket = self._ticket(resolution="x", caller_confirmed=True, caller_thanked=True)
        with self.assertRaisesText(UserError, "cannot go from New to Closed"):
            ticket.action_close()
        ticket.action_cancel()
        with self.assertRaisesText(UserError, "cannot go from Cancelled to Resolved"):
            ticket.action_resolve()
        ticket.action_reset()
        self.assertEqual(ticket.state, "new")

    def test_only_manager_reopens_closed_ticket(self):
        ticket = self._ticket(resolution="x", caller_confirmed=True, caller_thanked=True)
        ticket.action_resolve()
        ticket.action_close()
        with self.assertRaisesText(AccessError, "Only a customer service manager"):
            ticket.action_reopen()
        ticket.with_user(self.service_manager).action_reopen()
        self.assertEqual(ticket.state, "in_progress")
        self.assertFalse(ticket.date_closed)

    def test_worked_tickets_are_kept(self):
        ticket = self._ticket()
        ticket.action_start()
        with self.assertRaisesText(UserError, "cannot be deleted"):
            ticket.with_user(self.service_manager).unlink()
        new_ticket = self._ticket()
        new_ticket.with_user(self.service_manager).unlink()
        self.assertFalse(new_ticket.exists())
        with self.assertRaises(AccessError):
            self._ticket().unlink()  # agents never delete

    # Complaints and disputes (SVC-4)
    def _resolved_complaint(self):
        ticket = self._ticket(
            category="complaint",
            subject="保安态度差",
            complained_party="门岗保安",
            resolution="已批评教育当班保安",
        )
        ticket.action_resolve()
        ticket.write({"caller_confirmed": True, "caller_thanked": True})
        return ticket

    def test_complaint_needs_corrective_action(self):
        ticket = self._resolved_complaint()
        with self.assertRaisesText(UserError, "without a corrective action"):
            ticket.action_close()

    def test_complaint_needs_followup_with_complainant(self):
        ticket = self._resolved_complaint()
        ticket.corrective_action = "当班保安重新培训服务礼仪"
        ticket.followup_ids = [Command.create({"note": "已与保安队长沟通"})]
        with self.assertRaisesText(UserError, "follow-up with the complainant"):
            ticket.action_close()
        ticket.followup_ids = [
            Command.create({"note": "回访投诉人,对处理结果满意", "with_complainant": True})
        ]
        ticket.action_close()
        self.assertEqual(ticket.state, "closed")
        self.assertEqual(ticket.followup_ids.user_id, self.agent)

    def test_dispute_follows_complaint_rules(self):
        ticket = self._ticket(category="dispute", resolution="已调解")
        ticket.action_resolve()
        ticket.write({"caller_confirmed": True, "caller_thanked": True})
        with self.assertRaisesText(UserError, "without a corrective action"):
            ticket.action_close()

    def test_escalation_to_manager(self):
        ticket = self._ticket(category="complaint")
        ticket.action_escalate()
        self.assertTrue(ticket.escalated)
        activity = ticket.activity_ids
        self.assertEqual(activity.user_id, self.service_manager)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("property_service.mail_activity_type_escalation"),
        )
        self.assertIn("escalated by", ticket.message_ids[0].body)
        no_manager = self._ticket(team_id=self.team.copy({"manager_id": False}).id)
        with self.assertRaisesText(UserError, "no team manager"):
            no_manager.action_escalate()

    def test_complaint_fields_hidden_from_portal(self):
        ticket = self._ticket(category="complaint", root_cause="保安未按规定执勤")
        with self.assertRaises(AccessError):
            ticket.with_user(self.portal_1).read(["root_cause"])
        self.assertEqual(
            ticket.with_user(self.portal_1).read(["subject"])[0]["subject"], "水管漏水"
        )

    # Rating
    def test_rating_only_after_resolution(self):
        """SVC-5: the owner's rating link works once the ticket is resolved (the rating
        controller runs ``rating_apply`` as superuser for the visitor, as here)."""
        ticket = self._ticket()
        self.assertFalse(ticket._open_rating_token(), "no rating link before resolution")
        early_token = ticket.sudo()._rating_get_access_token()  # e.g. a stale link
        as_owner = ticket.with_user(self.portal_1).sudo()
        with self.assertRaisesText(UserError, "can only be rated once it is resolved"):
            as_owner.rating_apply(5, token=early_token)
        with self.assertRaisesText(AccessError, "rated by their owner or resident"):
            ticket.with_user(self.portal_1).message_post(body="好", rating_value=5)
        ticket.write({"resolution": "已修好"})
        ticket.action_resolve()
        self.assertEqual(ticket._open_rating_token(), early_token, "one open rating")
        as_owner.rating_apply(5, token=early_token, feedback="很满意")
        self.assertEqual(ticket.rating_last_value, 5)

    def test_rating_request_sent_on_resolution(self):
        ticket = self._ticket(resolution="已修好")
        ticket.action_resolve()
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", ticket._name), ("res_id", "=", ticket.id)])
        )
        self.assertTrue(mail, "the owner gets the satisfaction survey")
        self.assertIn("/rate/", mail.body_html)

    # Calls and visits (SVC-1, SVC-3)
    def test_call_opens_ticket_in_one_click(self):
        Call = self.env["property.service.call"].with_user(self.agent)
        call = Call.create({"caller_number": "138 0013 8000", "team_id": self.team.id})
        self.assertEqual(call.caller_number, "13800138000")
        self.assertEqual(call.partner_id, self.owner_1, "matched by the number")
        action = call.action_open_ticket()
        ticket = call.ticket_id
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(
            (ticket.channel, ticket.caller_phone, ticket.partner_id, ticket.call_id),
            ("phone", "13800138000", self.owner_1, call),
        )
        self.assertEqual(call.action_open_ticket()["res_id"], ticket.id, "linked, not duplicated")

    def test_missed_call_cannot_open_ticket(self):
        call = (
            self.env["property.service.call"]
            .with_user(self.agent)
            .create({"caller_number": "0755-86001234", "answered": False})
        )
        with self.assertRaisesText(UserError, "was missed"):
            call.action_open_ticket()

    def test_visit_needs_verification(self):
        Visit = self.env["property.service.visit"].with_user(self.agent)
        visit = Visit.create(
            {"visitor_name": "陈立", "visitor_phone": "13612345678", "unit_id": self.unit_1.id}
        )
        with self.assertRaisesText(UserError, "cannot be admitted before"):
            visit.action_admit()
        with self.assertRaisesText(UserError, "cannot be turned into a ticket before"):
            visit.action_create_ticket()
        with self.assertRaisesText(UserError, "the purpose of the visit and the host unit"):
            visit.action_verify()
        visit.write(
            {"id_type": "resident_id", "id_number": "110105194912310029", "purpose": "看望亲戚"}
        )
        visit.action_verify()
        self.assertEqual((visit.state, visit.verified_by_id), ("verified", self.agent))
        visit.action_admit()
        visit.action_create_ticket()
        self.assertEqual(
            (visit.ticket_id.channel, visit.ticket_id.caller_name, visit.ticket_id.visit_id),
            ("visit", "陈立", visit),
        )
        visit.action_leave()
        self.assertEqual(visit.state, "left")
        # the agent reads the owner archive (BASE-2): the full number
        self.assertEqual(visit.id_number_masked, "110105194912310029")

    def test_refused_visit_cannot_be_admitted(self):
        visit = (
            self.env["property.service.visit"]
            .with_user(self.agent)
            .create(
                {
                    "visitor_name": "刘洋",
                    "id_type": "passport",
                    "id_number": "E1234567",
                    "purpose": "送货",
                    "unit_id": self.unit_1.id,
                }
            )
        )
        visit.action_verify()
        visit.action_refuse()
        with self.assertRaisesText(UserError, "cannot be admitted before"):
            visit.action_admit()

    # Mail gateway
    def test_mail_to_team_alias_creates_ticket(self):
        self.env["mail.alias.domain"].create({"name": "example.com"})
        self.team.alias_domain_id = self.env["mail.alias.domain"].search([], limit=1)
        alias = self.team.alias_id
        message = (
            "From: 王伟 <wangwei@example.com>\r\n"
            f"To: {alias.alias_name}@{alias.alias_domain_id.name}\r\n"
            "Subject: 电梯故障\r\n"
            "Message-ID: <svc-test-1@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "2号电梯停在5楼不动了。\r\n"
        )
        ticket_id = self.env["mail.thread"].message_process(False, message.encode())
        ticket = self.env["property.service.ticket"].browse(ticket_id)
        self.assertEqual(
            (ticket.channel, ticket.team_id, ticket.subject, ticket.partner_id),
            ("email", self.team, "电梯故障", self.owner_1),
        )

    # Report
    def test_ticket_report_renders(self):
        """The agent prints the ticket; someone without access to it cannot."""
        ticket = self._ticket(description="<p>厨房漏水</p>")
        for user in (self.agent, self.service_manager):
            html, _type = (
                self.env["ir.actions.report"]
                .with_user(user)
                ._render_qweb_html("property_service.report_service_ticket", ticket.ids)
            )
            self.assertIn(ticket.name, html.decode())
            self.assertIn("厨房漏水", html.decode())
        for user in (self.agent_b, self.user_staff):
            # refused by the access rights, or by the record rule while rendering (a request
            # of its own: nothing read by the others in the cache)
            self.env.invalidate_all()
            try:
                self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                    "property_service.report_service_ticket", ticket.ids
                )
            except (AccessError, QWebException) as error:
                self.assertRegex(str(error), "(doesn't have|not allowed to access) ", user.login)
            else:
                self.fail(f"{user.login} printed a ticket they cannot read")

    def test_import_phone_system_csv(self):
        """The sample export of the phone system loads with the standard import."""
        with open(file_path("property_service/static/sample/property_service_call.csv")) as f:
            header, *rows = list(csv.reader(f))
        # names of the sample, made unique to this test's agent and team
        self.team.name = "测试导入客服组"
        self.agent.name = "测试导入专员"
        agent, team = "测试导入专员", "测试导入客服组"
        rows = [[*row[:5], agent if row[5] == "林晓燕" else "", team] for row in rows]
        result = self.env["property.service.call"].with_user(self.agent).load(header, rows)
        self.assertFalse(result["messages"], result["messages"])
        calls = self.env["property.service.call"].browse(result["ids"])
        self.assertEqual(len(calls), 5)
        self.assertEqual(calls.mapped("answered"), [True, True, False, True, True])
        self.assertEqual(calls[3].caller_number, "19247454257", "+86 and blanks dropped")
        self.assertEqual(calls[0].user_id, self.agent)
