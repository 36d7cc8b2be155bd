import textwrap

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ..models.property_approval_mixin import PropertyApprovalMixin
from .approval_common import ApprovalCommon


@tagged("post_install", "-at_install")
class TestApproval(ApprovalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.route = cls._route(
            [cls._users_step(cls.user_department_head), cls._users_step(cls.user_general_manager)],
            name="Two steps",
        )

    def _lines(self, record):
        return self.Line.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)],
            order="approval_round, sequence",
        )

    def _last_message(self, record):
        return self.env["mail.message"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)], order="id desc", limit=1
        )

    # Submit

    def test_submit_creates_lines_activity_and_message(self):
        record = self._create()
        record.action_approval_submit()
        self.assertEqual(record.state, "to_approve")
        self.assertEqual(record.approval_round, 1)
        self.assertEqual(record.approval_requester_id, self.user_staff)
        self.assertEqual(record.approval_route_id, self.route)
        lines = self._lines(record)
        self.assertEqual(lines.mapped("state"), ["pending", "waiting"])
        self.assertEqual(lines[0].approver_user_ids, self.user_department_head)
        self.assertEqual(record.approval_current_line_ids, lines[0])
        activities = self._pending_activities(record)
        self.assertEqual(activities.user_id, self.user_department_head, "current step only")
        self.assertIn("Submitted for approval", self._last_message(record).body)
        self.assertEqual(self._last_message(record).author_id, self.user_staff.partner_id)

    def test_leaving_the_pending_state_withdraws_the_request(self):
        record = self._create()
        record.action_approval_submit()
        record.write({"state": "draft"})
        self.assertEqual(self._lines(record).mapped("state"), ["cancelled", "cancelled"])
        self.assertFalse(self._pending_activities(record))
        self.assertFalse(record.approval_current_line_ids)
        self.assertIn("Approval request withdrawn", self._last_message(record).body)
        with self.assertRaisesText(UserError, "is not waiting for approval"):
            record.with_user(self.user_department_head).action_approval_approve()
        record.action_approval_submit()
        self.assertEqual(record.approval_round, 2, "a fresh round after the withdrawal")

    def test_submit_only_from_draft(self):
        record = self._create()
        record.action_approval_submit()
        with self.assertRaisesRegex(UserError, "cannot be submitted"):
            record.action_approval_submit()

    def test_full_approval_calls_hook_once_and_logs(self):
        record = self._create()
        record.action_approval_submit()
        record.with_user(self.user_department_head).action_approval_approve()
        self.assertEqual(record.state, "to_approve")
        self.assertEqual(self._pending_activities(record).user_id, self.user_general_manager)
        self.assertIn("Waiting for Step 2", self._last_message(record).body)
        record.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(record.state, "approved")
        self.assertEqual(record.approved_hook_count, 1)
        self.assertFalse(self._pending_activities(record))
        lines = self._lines(record)
        self.assertEqual(lines.mapped("state"), ["approved", "approved"])
        self.assertEqual(lines.done_user_id, self.user_department_head | self.user_general_manager)
        self.assertTrue(all(lines.mapped("done_date")))
        self.assertEqual(self._last_message(record).author_id, self.user_general_manager.partner_id)

    # Who may approve

    def test_wrong_approver_is_refused(self):
        record = self._create()
        record.action_approval_submit()
        for user in (self.user_general_manager, self.user_office_director):
            with self.assertRaisesRegex(UserError, "Only .* may approve or reject step Step 1"):
                record.with_user(user).action_approval_approve()
            with self.assertRaisesRegex(UserError, "Only"):
                record.with_user(user).action_approval_reject()
        self.assertFalse(record.with_user(self.user_general_manager).approval_can_approve)
        self.assertTrue(record.with_user(self.user_department_head).approval_can_approve)

    def test_requester_never_approves_own_request(self):
        route = self._route([self._users_step(self.user_general_manager)], sequence=1)
        route.domain = "[('amount', '>', 10000)]"
        record = self._create(user=self.user_general_manager, amount=20000)
        with self.assertRaisesRegex(UserError, "finds no approver"):
            record.with_user(self.user_general_manager).action_approval_submit()
        route.step_ids.write(
            {
                "approver_type": "group",
                "group_id": self.env.ref("property_base.group_general_manager").id,
            }
        )
        record.with_user(self.user_general_manager).action_approval_submit()
        self.assertNotIn(
            self.user_general_manager, record.approval_current_line_ids.approver_user_ids
        )
        self.assertFalse(record.with_user(self.user_general_manager).approval_can_approve)
        with self.assertRaisesRegex(UserError, "your own request"):
            record.with_user(self.user_general_manager).action_approval_approve()

    def test_approving_twice_is_refused(self):
        record = self._create()
        record.action_approval_submit()
        record.with_user(self.user_department_head).action_approval_approve()
        with self.assertRaisesRegex(UserError, "You already approved"):
            record.with_user(self.user_department_head).action_approval_approve()
        record.with_user(self.user_general_manager).action_approval_approve()
        with self.assertRaisesRegex(UserError, "already approved"):
            record.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(record.approved_hook_count, 1)

    # Rejection and resubmission

    def test_reject_needs_reason(self):
        record = self._create()
        record.action_approval_submit()
        head_record = record.with_user(self.user_department_head)
        for reason in (False, "", "   "):
            with self.assertRaisesRegex(UserError, "reason"):
                head_record._approval_reject(reason)
        wizard = self.env["property.approval.reject.wizard"].with_user(self.user_department_head)
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.create(
                {"res_model": record._name, "res_ids": record.ids, "reason": "  "}
            ).action_reject()
        with self.assertRaisesRegex(UserError, "does not use approvals"):
            wizard.create(
                {
                    "res_model": "res.partner",
                    "res_ids": self.user_staff.partner_id.ids,
                    "reason": "x",
                }
            ).action_reject()
        self.assertEqual(record.state, "to_approve")

    def test_reject_with_reason_returns_to_draft(self):
        record = self._create()
        record.action_approval_submit()
        action = record.with_user(self.user_department_head).action_approval_reject()
        self.assertEqual(action["res_model"], "property.approval.reject.wizard")
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.user_department_head)
            .with_context(**action["context"])
        )
        wizard.reason = "Amount is wrong"
        wizard.save().action_reject()
        self.assertEqual(record.state, "draft")
        self.assertEqual(record.rejected_hook_count, 1)
        lines = self._lines(record)
        self.assertEqual(lines.mapped("state"), ["rejected", "cancelled"])
        self.assertEqual(lines[0].reason, "Amount is wrong")
        self.assertEqual(lines[0].done_user_id, self.user_department_head)
        self.assertFalse(self._pending_activities(record))
        self.assertIn("Amount is wrong", self._last_message(record).body)
        todo = record.activity_ids.filtered(lambda a: a.user_id == self.user_staff)
        self.assertEqual(len(todo), 1, "the requester is told, with the reason")
        self.assertIn("Amount is wrong", str(todo.note))
        self.assertTrue(todo.summary.startswith("Rejected: "))

    def test_resubmission_starts_fresh_round(self):
        record = self._create()
        record.action_approval_submit()
        record.with_user(self.user_department_head)._approval_reject("Incomplete")
        record.action_approval_submit()
        self.assertEqual(record.approval_round, 2)
        lines = self._lines(record)
        self.assertEqual(len(lines), 4)
        new_round = lines.filtered(lambda line: line.approval_round == 2).sorted("sequence")
        self.assertEqual(new_round.mapped("state"), ["pending", "waiting"])
        old_round = lines - new_round
        self.assertEqual(sorted(old_round.mapped("state")), ["cancelled", "rejected"])
        record.with_user(self.user_department_head).action_approval_approve()
        record.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(record.state, "approved")

    # Routing

    def test_condition_routing(self):
        confidential = self._route(
            [self._users_step(self.user_general_manager)],
            name="Confidential A",
            sequence=1,
            domain="[('confidentiality', '=', 'A')]",
        )
        record_a, record_c = self._create() | self._create()
        record_a.confidentiality = "A"
        (record_a | record_c).action_approval_submit()
        self.assertEqual(record_a.approval_route_id, confidential)
        self.assertEqual(record_c.approval_route_id, self.route)
        self.assertEqual(
            record_a.approval_current_line_ids.approver_user_ids, self.user_general_manager
        )
        self.assertEqual(
            record_c.approval_current_line_ids.approver_user_ids, self.user_department_head
        )

    def test_no_route(self):
        record = self._create(model="property.approval.tester.direct")
        self.route.model_id = self.env["ir.model"]._get("property.approval.tester.direct")
        self.route.domain = "[('amount', '>', 10000)]"
        record.action_approval_submit()
        self.assertEqual(record.state, "approved", "the model allows approval without route")
        self.assertEqual(record.approved_hook_count, 1)
        self.assertIn("no approval route applies", self._last_message(record).body)
        record = self._create()
        with self.assertRaisesRegex(UserError, "No approval route for Approval Tester applies"):
            record.action_approval_submit()

    def test_archived_route_is_ignored(self):
        self.route.active = False
        with self.assertRaisesRegex(UserError, "No approval route"):
            self._create().action_approval_submit()

    # Step types

    def test_step_group(self):
        group = self.env.ref("property_base.group_general_manager")
        self._route([{"approver_type": "group", "group_id": group.id}], sequence=1)
        record = self._create()
        record.action_approval_submit()
        approvers = record.approval_current_line_ids.approver_user_ids
        self.assertIn(self.user_general_manager, approvers)
        self.assertIn(self.user_admin, approvers)
        self.assertNotIn(self.user_admin_b, approvers, "company B users do not approve company A")
        self.assertNotIn(self.user_department_head, approvers)
        self.assertEqual(self._pending_activities(record).user_id, approvers)
        record.with_user(self.user_admin).action_approval_approve()
        self.assertEqual(record.state, "approved")

    def test_step_department_head(self):
        self._route([{"approver_type": "department_head"}], sequence=1)
        record = self._create()
        record.action_approval_submit()
        self.assertEqual(
            record.approval_current_line_ids.approver_user_ids, self.user_department_head
        )
        record.with_user(self.user_department_head).action_approval_approve()
        self.assertEqual(record.state, "approved")

    def test_step_department_head_without_department(self):
        self._route([{"approver_type": "department_head"}], sequence=1)
        record = self._create(user=self.user_office_director)
        with self.assertRaisesRegex(UserError, "finds no approver"):
            record.with_user(self.user_office_director).action_approval_submit()

    def test_step_user_field(self):
        field = self.env["ir.model.fields"]._get("property.approval.tester", "reviewer_id")
        self._route([{"approver_type": "field", "user_field_id": field.id}], sequence=1)
        record = self._create(reviewer_id=self.user_office_director.id)
        record.action_approval_submit()
        self.assertEqual(
            record.approval_current_line_ids.approver_user_ids, self.user_office_director
        )
        with self.assertRaisesRegex(UserError, "Only"):
            record.with_user(self.user_department_head).action_approval_approve()
        record.with_user(self.user_office_director).action_approval_approve()
        self.assertEqual(record.state, "approved")

    # Configuration errors

    def test_step_without_approvers_is_refused(self):
        for step in (
            {"approver_type": "group"},
            {"approver_type": "users"},
            {"approver_type": "field"},
        ):
            with self.assertRaisesRegex(ValidationError, "has no approvers"):
                self._route([step])

    def test_step_field_of_other_model_is_refused(self):
        field = self.env["ir.model.fields"]._get("res.partner", "user_id")
        with self.assertRaisesRegex(ValidationError, "must be a user field"):
            self._route([{"approver_type": "field", "user_field_id": field.id}])

    def test_route_on_model_without_approvals_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "does not use approvals"):
            self._route([self._users_step(self.user_general_manager)], model="res.partner")

    def test_route_with_bad_condition_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "condition"):
            self._route([self._users_step(self.user_general_manager)], domain="[('nope', '=', 1)]")

    def test_route_without_steps(self):
        self.Route.create({"name": "Empty", "model_id": self.route.model_id.id, "sequence": 1})
        with self.assertRaisesRegex(UserError, "has no steps"):
            self._create().action_approval_submit()

    # Multi-company

    def test_multi_company(self):
        route_b = self._route(
            [self._users_step(self.user_admin_b)],
            name="Route B",
            company_id=self.company_b.id,
            sequence=1,
        )
        record_b = self._create(user=self.user_staff_b, company_id=self.company_b.id)
        record_b.action_approval_submit()
        self.assertEqual(record_b.approval_route_id, route_b)
        record_a = self._create()
        record_a.action_approval_submit()
        self.assertEqual(record_a.approval_route_id, self.route, "route B ignored for company A")
        with self.assertRaises(AccessError):
            record_a.with_user(self.user_staff_b).approval_line_ids.mapped("name")
        self.assertFalse(
            self.Line.with_user(self.user_staff_b).search(
                [("res_id", "=", record_a.id), ("res_model", "=", record_a._name)]
            )
        )
        record_b.with_user(self.user_admin_b).action_approval_approve()
        self.assertEqual(record_b.state, "approved")

    def test_cross_company_route_is_refused(self):
        route_b = self._route(
            [self._users_step(self.user_admin_b)], name="Route B", company_id=self.company_b.id
        )
        record_a = self._create()
        with self.assertRaisesRegex(UserError, "Route B of company .* cannot be used"):
            record_a._approval_submit(route_b)
        with self.assertRaisesRegex(UserError, "Incompatible companies"):
            self.Line.create(
                {
                    "res_model": record_a._name,
                    "res_id": record_a.id,
                    "company_id": self.company_a.id,
                    "route_id": route_b.id,
                    "name": "Forged",
                }
            )

    # My approvals, access and audit trail

    def test_my_approvals_listing(self):
        direct_route = self._route(
            [self._users_step(self.user_department_head)], model="property.approval.tester.direct"
        )
        record = self._create()
        other = self._create(model="property.approval.tester.direct")
        record.action_approval_submit()
        other.action_approval_submit()
        mine = self.Line.with_user(self.user_department_head).search(
            [("is_current_approver", "=", True)]
        )
        self.assertEqual(
            {(ln.res_model, ln.res_id) for ln in mine},
            {(record._name, record.id), (other._name, other.id)},
        )
        self.assertEqual(mine.route_id, self.route | direct_route)
        gm_mine = self.Line.with_user(self.user_general_manager).search(
            [("is_current_approver", "=", True)]
        )
        self.assertFalse(gm_mine, "step 2 waits: nothing for the general manager yet")
        self.assertFalse(
            self.Line.with_user(self.user_staff).search([("is_current_approver", "=", True)])
        )
        mine.with_user(self.user_department_head).action_approve()
        self.assertEqual(other.state, "approved")
        gm_mine = self.Line.with_user(self.user_general_manager).search(
            [("is_current_approver", "=", True)]
        )
        self.assertEqual(gm_mine.res_id, record.id)
        action = self.env.ref("property_base.property_approval_line_action")
        self.assertEqual(action.context, "{'search_default_waiting_for_me': 1}")

    def test_line_visibility(self):
        record = self._create()
        record.action_approval_submit()
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        for user, count in (
            (self.user_staff, 2),
            (self.user_general_manager, 2),
            (self.user_office_director, 0),
            (self.user_admin, 2),
            (self.user_staff_b, 0),
        ):
            self.assertEqual(self.Line.with_user(user).search_count(domain), count, user.login)

    def test_lines_are_never_deleted(self):
        record = self._create()
        record.action_approval_submit()
        lines = self._lines(record)
        with self.assertRaises(AccessError):
            lines.with_user(self.user_admin).unlink()
        with self.assertRaisesRegex(UserError, "audit trail"):
            lines.sudo().unlink()
        with self.assertRaises(AccessError):
            lines.with_user(self.user_department_head).write({"state": "approved"})

    def test_route_access(self):
        self.assertTrue(self.Route.with_user(self.user_staff).search([("id", "=", self.route.id)]))
        with self.assertRaises(AccessError):
            self.route.with_user(self.user_staff).name = "Changed"
        with self.assertRaises(AccessError):
            self._route([self._users_step(self.user_staff)]).with_user(self.user_staff).unlink()
        route = self.Route.with_user(self.user_admin).create(
            {
                "name": "Admin route",
                "model_id": self.route.model_id.id,
                "step_ids": [
                    Command.create({"name": "GM", **self._users_step(self.user_general_manager)})
                ],
            }
        )
        self.assertEqual(route.step_count, 1)

    def test_used_route_cannot_be_deleted(self):
        self._create().action_approval_submit()
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.route.unlink()

    def test_cancel_withdraws_request(self):
        record = self._create()
        record.action_approval_submit()
        record._approval_cancel()
        self.assertEqual(set(self._lines(record).mapped("state")), {"cancelled"})
        self.assertFalse(self._pending_activities(record))

    def test_form_snippet_of_the_docstring_is_valid(self):
        doc = PropertyApprovalMixin.__doc__
        snippet = textwrap.dedent(doc.split("::", 1)[1])
        snippet = "\n".join(ln for ln in snippet.splitlines() if ln.strip() != "...")
        view = self.env["ir.ui.view"].create(
            {
                "name": "tester form",
                "model": "property.approval.tester",
                "type": "form",
                "arch": f"<form>{snippet}</form>",
            }
        )
        self.assertIn("approval_can_approve", view.arch)


@tagged("post_install", "-at_install")
class TestApprovalGuard(ApprovalCommon):
    """Only the engine moves a record to its pending or approved state and sets its approval
    fields; an RPC ``write``, an import or a ``create`` cannot bypass the route."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.route = cls._route([cls._users_step(cls.user_department_head)], name="One step")

    def test_write_approved_on_draft_is_refused(self):
        record = self._create()
        for user in (self.user_staff, self.user_department_head, self.user_admin):
            for state, label in (("approved", "Approved"), ("to_approve", "To Approve")):
                with (
                    self.subTest(user=user.login, state=state),
                    self.assertRaisesText(
                        UserError,
                        f"Approval Tester records cannot be set to {label} directly: submit "
                        "them for approval and let the approvers decide.",
                    ),
                ):
                    record.with_user(user).write({"state": state})
        self.assertEqual(record.state, "draft")
        self.assertEqual(record.approved_hook_count, 0)
        self.assertFalse(record.approval_line_ids)

    def test_superuser_or_context_alone_does_not_bypass(self):
        record = self._create()
        with self.assertRaisesText(UserError, "cannot be set to Approved directly"):
            record.sudo().write({"state": "approved"})
        with self.assertRaisesText(UserError, "cannot be set to Approved directly"):
            record.with_context(property_approval_engine=True).write({"state": "approved"})
        self.assertEqual(record.state, "draft")

    def test_approval_fields_are_read_only(self):
        record = self._create()
        for vals in (
            {"approval_round": 5},
            {"approval_requester_id": self.user_admin.id},
            {"approval_route_id": self.route.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesText(
                    UserError,
                    r"The approval fields \(.+\) of Approval Tester are set by the approval "
                    "workflow only and cannot be changed directly.",
                ),
            ):
                record.with_user(self.user_admin).write(vals)

    def test_create_in_engine_state_is_refused(self):
        with self.assertRaisesText(
            UserError, "Approval Tester records cannot be set to Approved directly"
        ):
            self._create(state="approved")
        with self.assertRaisesText(UserError, "cannot be set to To Approve directly"):
            self._create(user=self.user_admin, state="to_approve")
        with self.assertRaisesText(
            UserError,
            "The approval fields of Approval Tester are set by the approval workflow only and "
            "cannot be given when creating a record.",
        ):
            self._create(approval_requester_id=self.user_staff.id)
        with self.assertRaisesText(UserError, "cannot be set to Approved directly"):
            self.Tester.with_user(self.user_staff).with_context(default_state="approved").create(
                {"name": "Default state"}
            )

    def test_other_states_stay_writable(self):
        record = self._create()
        record.write({"state": "cancelled"})
        self.assertEqual(record.state, "cancelled")
        record.write({"state": "draft", "amount": 10})
        self.assertEqual(record.state, "draft")

    def test_engine_still_approves(self):
        record = self._create()
        record.action_approval_submit()
        self.assertEqual((record.state, record.approval_round), ("to_approve", 1))
        record.write({"amount": 5, "state": "to_approve"})  # unchanged state: no bypass
        record.with_user(self.user_department_head).action_approval_approve()
        self.assertEqual(record.state, "approved")
        self.assertEqual(record.approved_hook_count, 1)
        self.assertEqual(len(record.approval_line_ids), 1)
        direct = self._create(model="property.approval.tester.direct")
        direct.action_approval_submit()
        self.assertEqual(direct.state, "approved", "approved without route by the engine")
