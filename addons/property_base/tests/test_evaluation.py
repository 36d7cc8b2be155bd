from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.base.models.ir_qweb import QWebException

from .common import EvaluationRouteIsolation, PropertyBaseCommon


@tagged("post_install", "-at_install")
class TestEvaluation(EvaluationRouteIsolation, PropertyBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("property_base.evaluation_template_customer_service")
        cls._archive_evaluation_routes()
        cls.emp_staff = cls.env["hr.employee"].create(
            {"name": "王芳", "user_id": cls.user_staff.id, "department_id": cls.department.id}
        )
        cls.emp_other = cls.env["hr.employee"].create(
            {"name": "李强", "department_id": cls.department.id}
        )
        cls.emp_b = cls.env["hr.employee"].create(
            {"name": "乙公司员工", "company_id": cls.company_b.id}
        )
        Department = cls.env["hr.department"]
        cls.emp_head = cls.department.manager_id
        cls.sub_department = Department.create({"name": "客服一组", "parent_id": cls.department.id})
        cls.sub_sub_department = Department.create(
            {"name": "客服一组夜班", "parent_id": cls.sub_department.id}
        )
        cls.emp_sub = cls.env["hr.employee"].create(
            {"name": "一组组员", "department_id": cls.sub_department.id}
        )
        cls.emp_sub_sub = cls.env["hr.employee"].create(
            {"name": "夜班组员", "department_id": cls.sub_sub_department.id}
        )
        cls.emp_office_director = cls.env["hr.employee"].create(
            {"name": "办公室主任", "user_id": cls.user_office_director.id}
        )
        cls.office = Department.create({"name": "办公室", "manager_id": cls.emp_office_director.id})
        cls.emp_office = cls.env["hr.employee"].create(
            {"name": "文员", "department_id": cls.office.id}
        )
        cls.emp_gm = cls.env["hr.employee"].create(
            {"name": "总经理", "user_id": cls.user_general_manager.id}
        )
        cls.route = cls._route(
            "Evaluation approval",
            {"approver_type": "group", "group_id": cls.env.ref(
                "property_base.group_general_manager").id},
        )  # fmt: skip

    @classmethod
    def _route(cls, name, step_vals):
        return cls.env["property.approval.route"].create(
            {
                "name": name,
                "model_id": cls.env["ir.model"]._get_id("property.evaluation"),
                "step_ids": [Command.create({"name": name, **step_vals})],
            }
        )

    def _evaluation(self, user=None, scores=(90, 80, 70), **vals):
        evaluation = (
            self.env["property.evaluation"]
            .with_user(user or self.user_department_head)
            .create(
                {
                    "employee_id": self.emp_staff.id,
                    "date_from": "2024-01-01",
                    "date_to": "2024-03-31",
                    "template_id": self.template.id,
                    **vals,
                }
            )
        )
        for line, score in zip(evaluation.line_ids, scores, strict=False):
            line.score = score
        return evaluation

    # Templates and score

    def test_data_template(self):
        # modules after this one may add their own criteria (property_service: KPIs)
        manual = self.template.line_ids.filtered(lambda line: line.kind == "manual")
        self.assertEqual(manual.mapped("weight"), [30, 40, 30])
        self.assertEqual(self.template.total_weight, sum(self.template.line_ids.mapped("weight")))

    def test_template_fills_lines(self):
        evaluation = self._evaluation()
        self.assertEqual(evaluation.line_ids.mapped("name"), self.template.line_ids.mapped("name"))
        self.assertAlmostEqual(evaluation.score, (30 * 90 + 40 * 80 + 30 * 70) / 100)
        with Form(self.env["property.evaluation"].with_user(self.user_department_head)) as form:
            form.employee_id = self.emp_other
            form.date_from = "2024-01-01"
            form.date_to = "2024-06-30"
            form.template_id = self.env.ref("property_base.evaluation_template_fire_safety")
            self.assertEqual(len(form.line_ids), 4)
        self.assertEqual(form.record.line_ids.mapped("weight"), [25, 30, 25, 20])

    def test_score_weighted_average(self):
        evaluation = self._evaluation(
            scores=(),
            template_id=False,
            line_ids=[
                Command.create({"name": "A", "weight": 1, "score": 100}),
                Command.create({"name": "B", "weight": 3, "score": 60}),
            ],
        )
        self.assertAlmostEqual(evaluation.score, 70.0)

    # Constraints

    def test_constraints(self):
        with self.assertRaisesRegex(ValidationError, "cannot be before its start"):
            self._evaluation(date_from="2024-04-01", date_to="2024-03-31")
        evaluation = self._evaluation()
        line = evaluation.line_ids[0]
        for score in (101, -1):
            with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
                line.score = score
        for weight in (0, -5):
            with self.assertRaisesRegex(ValidationError, "greater than zero"):
                line.weight = weight
        with self.assertRaisesRegex(ValidationError, "greater than zero"):
            self.template.line_ids[0].weight = 0

    def test_reward_amount(self):
        evaluation = self._evaluation()
        with self.assertRaisesRegex(ValidationError, "reward needs an amount"):
            evaluation.outcome = "reward"
        evaluation.write({"outcome": "reward", "reward_amount": 500})
        self.assertEqual(evaluation.reward_amount, 500)
        self.assertEqual(evaluation.currency_id, self.company_a.currency_id)
        evaluation.outcome = "commendation"
        self.assertEqual(evaluation.reward_amount, 0, "the amount is reset without a reward")
        with self.assertRaisesRegex(ValidationError, "Only an evaluation with a reward"):
            evaluation.reward_amount = 100

    # Workflow

    def test_workflow_approve(self):
        evaluation = self._evaluation()
        evaluation.action_approval_submit()
        self.assertEqual(evaluation.state, "to_approve")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            evaluation.line_ids[0].score = 10
        with self.assertRaisesRegex(UserError, "your own request"):
            evaluation.action_approval_approve()
        as_gm = evaluation.with_user(self.user_general_manager)
        self.assertTrue(as_gm.approval_can_approve)
        as_gm.action_approval_approve()
        self.assertEqual(evaluation.state, "approved")
        self.assertEqual(evaluation.approval_requester_id, self.user_department_head)

    def test_approved_is_locked(self):
        evaluation = self._evaluation()
        evaluation.action_approval_submit()
        evaluation.with_user(self.user_general_manager).action_approval_approve()
        as_gm = evaluation.with_user(self.user_general_manager)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_gm.line_ids[0].score = 10
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_gm.write({"outcome": "warning"})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_gm.line_ids[0].unlink()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            as_gm.line_ids = [Command.create({"name": "x", "weight": 1, "score": 1})]
        with self.assertRaisesRegex(UserError, "Only draft evaluations can be deleted"):
            as_gm.unlink()
        as_gm.note = "<p>Comment after approval</p>"

    def test_reject_returns_to_draft(self):
        evaluation = self._evaluation()
        evaluation.action_approval_submit()
        evaluation.with_user(self.user_general_manager)._approval_reject("Scores too high")
        self.assertEqual(evaluation.state, "draft")
        evaluation.line_ids[0].score = 50
        evaluation.unlink()

    def test_submit_checks(self):
        evaluation = self._evaluation(template_id=False)
        with self.assertRaisesRegex(UserError, "has no criteria"):
            evaluation.action_approval_submit()
        self.route.active = False
        with self.assertRaisesRegex(UserError, "No approval route"):
            self._evaluation().action_approval_submit()
        with self.assertRaises(AccessError):
            self._evaluation().with_user(self.user_staff).action_approval_submit()

    def test_department_head_route(self):
        self.route.active = False
        self._route("Head of the evaluated employee", {"approver_type": "department_head"})
        evaluation = self._evaluation(user=self.user_general_manager)
        evaluation.action_approval_submit()
        evaluation.with_user(self.user_department_head).action_approval_approve()
        self.assertEqual(evaluation.state, "approved")

    # Access

    def test_access_staff_own_evaluation(self):
        evaluation = self._evaluation()
        Evaluation = self.env["property.evaluation"].with_user(self.user_staff)
        self.assertFalse(Evaluation.search([]), "drafts are not visible to the employee")
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_staff).read(["score"])
        evaluation.action_approval_submit()
        evaluation.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(Evaluation.search([]), evaluation)
        own = evaluation.with_user(self.user_staff)
        self.assertEqual(len(own.line_ids), len(self.template.line_ids))
        own.read(["score", "outcome"])
        with self.assertRaises(AccessError):
            own.write({"note": "x"})

    def test_access_staff_others(self):
        other = self._evaluation(employee_id=self.emp_other.id)
        other.action_approval_submit()
        other.with_user(self.user_general_manager).action_approval_approve()
        with self.assertRaises(AccessError):
            other.with_user(self.user_staff).read(["score"])
        with self.assertRaises(AccessError):
            self._evaluation(user=self.user_staff)
        with self.assertRaises(AccessError):
            self._evaluation(user=self.user_plain)

    def test_access_managers(self):
        evaluation = self._evaluation()
        for user in (self.user_general_manager, self.user_admin):
            evaluation.with_user(user).read(["score"])
        # Office director and GM assistant are department heads, not of this department.
        for user in (self.user_office_director, self.user_gm_assistant, self.user_general_affairs):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                evaluation.with_user(user).read(["score"])

    def _visible(self, user, evaluations):
        Evaluation = self.env["property.evaluation"].with_user(user)
        return Evaluation.search([("id", "in", evaluations.ids)])

    def test_access_department_head_sees_own_departments_only(self):
        evaluations = {
            emp: self._evaluation(user=self.user_general_manager, employee_id=emp.id)
            for emp in (
                self.emp_staff, self.emp_sub, self.emp_sub_sub, self.emp_office, self.emp_head,
            )
        }  # fmt: skip
        every = self.env["property.evaluation"].union(*evaluations.values())
        head_sees = evaluations[self.emp_staff] | evaluations[self.emp_sub]
        self.assertEqual(self._visible(self.user_department_head, every), head_sees)
        self.assertEqual(
            self._visible(self.user_department_head, every).line_ids,
            head_sees.line_ids,
            "the criteria follow their evaluation",
        )
        self.assertEqual(
            self._visible(self.user_office_director, every), evaluations[self.emp_office]
        )
        self.assertFalse(self._visible(self.user_gm_assistant, every))
        self.assertEqual(self._visible(self.user_general_manager, every), every)
        self.assertEqual(self._visible(self.user_admin, every), every)
        with self.assertRaises(AccessError):
            evaluations[self.emp_office].with_user(self.user_department_head).read(["score"])
        with self.assertRaises(AccessError):
            evaluations[self.emp_sub_sub].with_user(self.user_department_head).write({"note": "x"})
        evaluations[self.emp_sub].with_user(self.user_department_head).write({"note": "<p>ok</p>"})
        with self.assertRaises(AccessError):
            self._evaluation(employee_id=self.emp_office.id)
        self._evaluation(user=self.user_office_director, employee_id=self.emp_office.id)

    def test_access_department_head_own_evaluation_read_only(self):
        own = self._evaluation(user=self.user_general_manager, employee_id=self.emp_head.id)
        as_head = own.with_user(self.user_department_head)
        with self.assertRaises(AccessError):
            as_head.read(["score"])
        own.with_user(self.user_general_manager).action_approval_submit()
        own.with_user(self.user_admin).action_approval_approve()
        as_head.read(["score"])
        self.assertEqual(len(as_head.line_ids), len(self.template.line_ids))
        with self.assertRaises(AccessError):
            as_head.write({"note": "<p>I deserve more</p>"})
        with self.assertRaises(AccessError):
            as_head.line_ids[0].check_access("write")

    def test_no_self_evaluation(self):
        with self.assertRaisesText(
            ValidationError, "总经理 cannot be the evaluator of their own evaluation."
        ):
            self._evaluation(user=self.user_general_manager, employee_id=self.emp_gm.id)
        evaluation = self._evaluation(employee_id=self.emp_staff.id)
        with self.assertRaisesText(
            ValidationError, "王芳 cannot be the evaluator of their own evaluation."
        ):
            evaluation.evaluator_id = self.user_staff
        gm_evaluation = self._evaluation(
            user=self.user_general_manager,
            employee_id=self.emp_gm.id,
            evaluator_id=self.user_admin.id,
        )
        with self.assertRaisesText(
            ValidationError, "总经理 cannot submit their own evaluation for approval."
        ):
            gm_evaluation.with_user(self.user_general_manager).action_approval_submit()
        self.assertEqual(gm_evaluation.state, "draft")
        gm_evaluation.with_user(self.user_admin).action_approval_submit()
        self.assertEqual(gm_evaluation.state, "to_approve")

    # Approval guard

    def test_state_cannot_bypass_the_route(self):
        evaluation = self._evaluation()
        for user in (self.user_department_head, self.user_general_manager, self.user_admin):
            with (
                self.subTest(user=user.login),
                self.assertRaisesText(
                    UserError,
                    "Employee Evaluation records cannot be set to Approved directly: submit "
                    "them for approval and let the approvers decide.",
                ),
            ):
                evaluation.with_user(user).write({"state": "approved"})
        with self.assertRaisesText(UserError, "set by the approval workflow only"):
            evaluation.with_user(self.user_admin).write({"approval_route_id": self.route.id})
        with self.assertRaisesText(UserError, "cannot be set to To Approve directly"):
            self._evaluation(scores=(), template_id=False, state="to_approve")
        self.assertEqual(evaluation.state, "draft")
        self.assertFalse(evaluation.approval_line_ids)
        evaluation.action_approval_submit()
        evaluation.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(evaluation.state, "approved")
        self.assertEqual(evaluation.approval_line_ids.state, "approved")

    def test_access_templates(self):
        self.template.with_user(self.user_staff).read(["name"])
        with self.assertRaises(AccessError):
            self.template.with_user(self.user_department_head).write({"name": "x"})
        template = (
            self.env["property.evaluation.template"]
            .with_user(self.user_admin)
            .create(
                {"name": "保洁员考核", "line_ids": [Command.create({"name": "x", "weight": 1})]}
            )
        )
        self.assertEqual(template.total_weight, 1)

    def test_multi_company(self):
        evaluation = self._evaluation()
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_admin_b).read(["score"])
        with self.assertRaises(AccessError):
            self._evaluation(company_id=self.company_b.id)
        with self.assertRaises(UserError):
            self._evaluation(employee_id=self.emp_b.id)
        own_template = self.env["property.evaluation.template"].create(
            {"name": "甲公司模板", "company_id": self.company_a.id}
        )
        templates = self.env["property.evaluation.template"].with_user(self.user_admin_b).search([])
        self.assertIn(self.template, templates)
        self.assertNotIn(own_template, templates)

    # Report

    def test_report(self):
        """The evaluator prints the evaluation form; the employee prints their own once it is
        approved; other staff cannot print it."""
        evaluation = self._evaluation()
        report = "property_base.property_evaluation_report_action"

        def render(user):
            self.env.invalidate_all()  # a print request of its own, nothing cached
            Report = self.env["ir.actions.report"].with_user(user)
            # in tests Odoo renders the HTML of a PDF report (no wkhtmltopdf run)
            content, _type = Report._render_qweb_pdf(report, evaluation.ids)
            return content.decode()

        html = render(self.user_department_head)
        for text in ("王芳", "Service attitude", "Signature", "80.00"):
            self.assertIn(text, html)
        refused = (AccessError, QWebException)  # QWeb wraps the access error of the record
        with self.assertRaisesRegex(refused, "read' access"):
            render(self.user_staff)
        evaluation.action_approval_submit()
        evaluation.with_user(self.user_general_manager).action_approval_approve()
        self.assertIn("王芳", render(self.user_staff))
        self.assertIn("王芳", render(self.user_general_manager))
        with self.assertRaisesRegex(refused, "read' access"):
            render(self.user_general_affairs)
