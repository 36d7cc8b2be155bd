from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestCallVisit(ServiceCommon):
    """Calls and visits: one-click tickets, phone formats, enforced visit verification, team
    defaults and batch creation without per-record queries."""

    def _call(self, user=None, **vals):
        return self.env["property.service.call"].with_user(user or self.agent).create(vals)

    def _visit(self, user=None, **vals):
        values = {
            "visitor_name": "陈立",
            "visitor_phone": "13612345678",
            "id_type": "resident_id",
            "id_number": "110105194912310029",
            "purpose": "看望亲戚",
            "unit_id": self.unit_1.id,
        }
        values.update(vals)
        return self.env["property.service.visit"].with_user(user or self.agent).create(values)

    # One-click ticket from a call
    def test_unknown_landline_without_name_opens_ticket(self):
        call = self._call(caller_number="0755 86001234")
        self.assertEqual(call.caller_number, "075586001234")
        self.assertFalse(call.partner_id, "no contact has this number")
        self.assertFalse(call.caller_name)
        call.action_open_ticket()
        ticket = call.ticket_id
        self.assertEqual(
            (ticket.caller_name, ticket.caller_phone, ticket.call_id),
            ("075586001234", "075586001234", call),
            "the number stands for the unknown caller's name",
        )

    def test_ticket_caller_name_from_contact_or_call(self):
        named = self._call(caller_number="075586001234", caller_name="张先生")
        named.action_open_ticket()
        self.assertEqual(named.ticket_id.caller_name, "张先生")
        known = self._call(caller_number="13900139000", caller_name="李女士")
        self.assertEqual(known.partner_id, self.owner_2)
        known.action_open_ticket()
        self.assertEqual(known.ticket_id.caller_name, "李娜", "the contact's name comes first")

    def test_call_ticket_refused_to_other_staff_and_missed_calls(self):
        call = self._call(caller_number="075586001234")
        with self.assertRaises(AccessError):
            call.with_user(self.user_staff).action_open_ticket()
        missed = self._call(caller_number="075586001234", answered=False)
        with self.assertRaisesText(UserError, "was missed"):
            missed.action_open_ticket()
        self.assertFalse(missed.ticket_id)

    def test_landline_formats(self):
        for number in ("075586001234", "0755 86001234", "0755-86001234", "010 12345678"):
            with self.subTest(number=number):
                ticket = self._ticket(caller_phone=number, partner_id=False, unit_id=False)
                self.assertEqual(ticket.caller_phone, number.replace(" ", ""))
        for bad in ("12345", "0755--86001234", "0755-8600", "075586001234567", "电话"):
            with (
                self.subTest(number=bad),
                self.assertRaisesText(ValidationError, "is not a valid phone number"),
            ):
                self._ticket(caller_phone=bad)

    # Visit verification, whatever the way in
    def test_unverified_visit_cannot_be_admitted_even_as_data(self):
        """The agent moves a visit only by its buttons; data loaded as superuser (demo data,
        an administrator's server-side import), which the workflow rule lets through, still
        meets the verification constraint."""
        visit = self._visit()
        with self.assertRaisesText(UserError, "only be changed through the workflow"):
            visit.write({"state": "admitted"})
        as_data = visit.sudo()
        for state, message in (
            ("admitted", "cannot be admitted before"),
            ("left", "cannot be recorded as left before"),
        ):
            with self.subTest(state=state), self.assertRaisesText(ValidationError, message):
                as_data.write({"state": state})
        Visit = self.env["property.service.visit"].sudo()
        with self.assertRaisesText(ValidationError, "cannot be admitted before"):
            Visit.create({"visitor_name": "陈立", "state": "admitted"})
        with self.assertRaisesText(ValidationError, "cannot be admitted before"):
            # no verification time
            Visit.create(
                {"visitor_name": "陈立", "state": "admitted", "verified_by_id": self.agent.id}
            )
        # allowed: the buttons, and verified history loaded as data
        visit.action_verify()
        visit.action_admit()
        self.assertEqual(visit.state, "admitted")
        imported = Visit.create(
            {
                "visitor_name": "陈立",
                "state": "left",
                "verified_by_id": self.agent.id,
                "verified_at": fields.Datetime.now(),
                "date_left": fields.Datetime.now(),
            }
        )
        self.assertEqual(imported.state, "left")
        with self.assertRaisesText(ValidationError, "cannot be recorded as left before"):
            imported.write({"verified_by_id": False})

    def test_visit_lock_and_id_number_masking(self):
        """SVC-3, BASE-2: what the verification checked is locked afterwards; the visitor's
        ID number is full for the owner archive readers only, masked for everybody else."""
        visit = self._visit()
        visit.write({"id_number": "E1234567", "id_type": "passport"})  # before verification
        visit.action_verify()
        self.assertEqual((visit.verified_by_id, visit.state), (self.agent, "verified"))
        for user in (self.agent, self.service_manager):
            for fname, value in (
                ("id_number", "E7654321"),
                ("id_type", "other"),
                ("purpose", "推销"),
                ("unit_id", self.unit_2.id),
                ("visitor_name", "陈力"),
            ):
                with (
                    self.subTest(user=user.login, field=fname),
                    self.assertRaisesText(UserError, "has been verified"),
                ):
                    visit.with_user(user).write({fname: value})
        visit.with_user(self.service_manager).write({"feedback": "已登记"})  # not locked
        self.assertEqual((visit.sudo().id_number, visit.feedback), ("E1234567", "已登记"))
        # a role that reads visits without the owner archive (e.g. a gate guard)
        guard_group = self.env["res.groups"].create({"name": "Gate guard (test)"})
        self.env["ir.model.access"].create(
            {
                "name": "visit guard",
                "model_id": self.env["ir.model"]._get_id(visit._name),
                "group_id": guard_group.id,
                "perm_read": True,
            }
        )
        guard = self.env["res.users"].create(
            {
                "name": "门岗",
                "login": "t_svc_guard",
                "groups_id": [Command.set([self.env.ref("base.group_user").id, guard_group.id])],
            }
        )
        self.assertFalse(guard.has_group("property_base.group_owner_archive"))
        self.assertEqual(visit.with_user(guard).id_number_masked, "E******7")
        with self.assertRaises(AccessError):
            visit.with_user(guard).read(["id_number"])
        self.assertEqual(visit.with_user(self.agent).id_number_masked, "E1234567")
        self.assertEqual(
            visit.with_user(self.agent).read(["id_number"])[0]["id_number"], "E1234567"
        )

    def test_ticket_cannot_link_unverified_visit(self):
        visit = self._visit()
        with self.assertRaisesText(ValidationError, "cannot be turned into a ticket before"):
            self._ticket(channel="visit", visit_id=visit.id)
        ticket = self._ticket(channel="visit")
        with self.assertRaisesText(ValidationError, "cannot be turned into a ticket before"):
            ticket.write({"visit_id": visit.id})
        with self.assertRaisesText(ValidationError, "cannot be turned into a ticket before"):
            visit.write({"ticket_id": ticket.id})
        visit.action_verify()
        ticket.write({"visit_id": visit.id})
        self.assertEqual(ticket.visit_id, visit)
        with self.assertRaisesText(UserError, "only be changed through the workflow"):
            visit.write({"verified_by_id": False, "verified_at": False, "state": "draft"})
        with self.assertRaisesText(ValidationError, "cannot be turned into a ticket before"):
            visit.sudo().write({"verified_by_id": False, "verified_at": False, "state": "draft"})

    # Team of the call
    def test_call_team_from_agent_membership(self):
        self.assertEqual(self._call(caller_number="13800138000").team_id, self.team)
        other_team = self.env["property.service.team"].create(
            {
                "name": "夜班",
                "sequence": 1,
                "company_id": self.company_a.id,
                "member_ids": [Command.set(self.agent_2.ids)],
            }
        )
        calls = self.env["property.service.call"].create(
            [
                {
                    "caller_number": "13800138000",
                    "user_id": user.id,
                    "company_id": self.company_a.id,
                    **extra,
                }
                for user, extra in (
                    (self.agent, {}),
                    (self.agent_2, {}),
                    (self.service_manager, {}),
                    (self.agent, {"team_id": False}),
                )
            ]
        )
        self.assertEqual(calls.mapped("team_id"), self.team | other_team, "first team by sequence")
        self.assertEqual(calls[1].team_id, other_team)
        self.assertFalse(calls[2].team_id, "the manager is no member of a team")
        self.assertEqual(calls[3].team_id, self.team)
        # a given team is kept; another company's team is never picked
        given = self._call(caller_number="13800138000", team_id=other_team.id)
        self.assertEqual(given.team_id, other_team)
        call_b = self._call(self.agent_b, caller_number="13800138000")
        self.assertEqual(call_b.team_id, self.team_b)
        self.assertEqual(call_b.company_id, self.company_b)
        # refused: no agent role, no call
        with self.assertRaises(AccessError):
            self._call(self.user_staff, caller_number="13800138000")

    # Batch creation
    def _create_calls(self, count, offset):
        vals_list = [
            {"caller_number": f"1370013{offset + index:04d}", "duration": index}
            for index in range(count)
        ]
        vals_list[0]["caller_number"] = "13800138000"  # one known caller per batch
        return self.env["property.service.call"].with_user(self.agent).create(vals_list)

    def _queries(self, create, *args):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        records = create(*args)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, records

    def test_call_batch_queries_do_not_grow(self):
        self._create_calls(5, 0)  # warm the caches
        queries_10, calls_10 = self._queries(self._create_calls, 10, 100)
        queries_100, calls_100 = self._queries(self._create_calls, 100, 200)
        self.assertEqual(queries_10, queries_100, "no query per call")
        self.assertEqual(calls_100[0].partner_id, self.owner_1)
        self.assertEqual(calls_100[0].caller_name, "王伟")
        self.assertEqual(calls_100.team_id, self.team)
        self.assertFalse(calls_10[1:].partner_id)
        # partners of the numbers, teams of the agent, their members, the insert, and the
        # company's time zone for the calls' day (SVC-8 statistics)
        with self.assertQueryCount(5):
            self._create_calls(50, 400)

    def _create_tickets(self, count):
        return (
            self.env["property.service.ticket"]
            .with_user(self.agent)
            .create(
                [
                    {
                        "subject": f"报修 {index}",
                        "caller_name": "王伟",
                        "caller_phone": "13800138000",
                        "category": "repair",
                        "team_id": self.team.id,
                        "user_id": self.agent.id,
                        "unit_id": self.unit_1.id,
                        "partner_id": self.owner_1.id,
                    }
                    for index in range(count)
                ]
            )
        )

    def test_ticket_batch_queries(self):
        """Creating tickets in batch costs per ticket only its reference (ir.sequence)."""
        self._create_tickets(3)  # warm the caches
        queries_10, tickets_10 = self._queries(self._create_tickets, 10)
        queries_100, tickets_100 = self._queries(self._create_tickets, 100)
        per_reference, _name = self._queries(
            self.env["property.service.ticket"].with_user(self.agent)._next_reference,
            {"company_id": self.company_a.id},
        )
        self.assertEqual(queries_100 - queries_10, 90 * per_reference)
        self.assertEqual(len(set((tickets_10 | tickets_100).mapped("name"))), 110)
        self.assertEqual(set(tickets_100.mapped("state")), {"new"})
        # same deadlines as planned ticket by ticket
        ticket = tickets_100[-1]
        self.assertEqual(
            ticket.response_deadline,
            self.calendar.plan_hours(2, ticket.date_received, compute_leaves=True),
        )
        self.assertEqual(
            ticket.resolution_deadline,
            self.calendar.plan_hours(8, ticket.date_received, compute_leaves=True),
        )
