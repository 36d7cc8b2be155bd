from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks

from .test_statistics import ServiceStatisticsCommon

MANUAL_SCORES = (90, 80, 70)  # service attitude 30, problem solving 40, communication 30
QUERIES_LOAD_KPIS = 10


class EvaluationCommon(ProtectedFieldsChecks, ServiceStatisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo route, if any, does not decide here: the shipped default route does
        cls.env["property.approval.route"].search(
            [
                ("model_name", "=", "property.evaluation"),
                ("id", "!=", cls.env.ref("property_base.approval_route_evaluation").id),
            ]
        ).active = False
        Employee = cls.env["hr.employee"]
        cls.emp_1 = Employee.create({"name": "客服一号", "user_id": cls.agent_1.id})
        cls.emp_2 = Employee.create({"name": "客服二号", "user_id": cls.agent_2.id})
        cls.agent_3 = new_test_user(
            cls.env, login="t_agent_3", groups="property_service.group_service_agent"
        )
        cls.emp_3 = Employee.create({"name": "其他组客服", "user_id": cls.agent_3.id})
        cls.emp_manager = Employee.create({"name": "客服经理", "user_id": cls.service_manager.id})

    def _evaluation(self, employee, user=None, scores=MANUAL_SCORES, **vals):
        evaluation = (
            self.env["property.evaluation"]
            .with_user(user or self.service_manager)
            .create(
                {
                    "employee_id": employee.id,
                    "date_from": "2024-03-01",
                    "date_to": "2024-03-31",
                    **vals,
                }
            )
        )
        manual = evaluation.line_ids.filtered(lambda line: line.kind == "manual")
        for line, score in zip(manual, scores, strict=False):
            line.score = score
        return evaluation


@tagged("post_install", "-at_install")
class TestEvaluationKpiScore(EvaluationCommon):
    """SVC-10, SVC-8 (issue 7 item 4): KPI criteria scored from the period's statistics by the
    documented scale, weighted with the manual criteria; one batch for many evaluations."""

    def _kpi_scores(self, evaluation):
        return {
            line.kind: (round(line.score, 2), line.no_data)
            for line in evaluation.line_ids
            if line.kind != "manual"
        }

    def test_kpi_criteria_follow_the_scale(self):
        evaluation = self._evaluation(self.emp_1)
        self.assertEqual(
            self._kpi_scores(evaluation),
            {
                "kpi_answer_rate": (70.0, False),  # 7 of 10 calls
                "kpi_resolution_rate": (75.0, False),  # 3 of 4 tickets
                "kpi_satisfaction": (66.67, False),  # 2 ratings of 4-5 out of 3
                "kpi_complaint_handling": (100.0, False),  # the complaint is resolved
                "kpi_response_sla": (50.0, False),  # 2 breaches in 4 tickets: (4 - 2) / 4
            },
        )
        kpis = 10 * 70 + 15 * 75 + 15 * 66.67 + 10 * 100 + 10 * 50
        self.assertAlmostEqual(
            evaluation.score, (30 * 90 + 40 * 80 + 30 * 70 + kpis) / 160, places=2
        )

    def test_kpi_without_data_is_left_out(self):
        evaluation = self._evaluation(self.emp_2, scores=(100, 100, 100))
        scores = self._kpi_scores(evaluation)
        self.assertEqual(scores["kpi_complaint_handling"], (0.0, True), "no complaint")
        self.assertEqual(scores["kpi_answer_rate"], (25.0, False))
        self.assertEqual(scores["kpi_resolution_rate"], (50.0, False))
        self.assertEqual(scores["kpi_satisfaction"], (100.0, False))
        # the resolved ticket, answered only on resolution at 20:00, after its 12:00 deadline:
        # 1 breach in 2 tickets → (2 - 1) / 2
        self.assertEqual(scores["kpi_response_sla"], (50.0, False))
        # weights 100 (manual) + 10 + 15 + 15 + 10 (SLA): complaint handling is not counted
        expected = (100 * 100 + 10 * 25 + 15 * 50 + 15 * 100 + 10 * 50) / 150
        self.assertAlmostEqual(evaluation.score, expected, places=2)
        # a period without any activity: only the manual criteria count
        empty = self._evaluation(
            self.emp_2, scores=(80, 80, 80), date_from="2023-01-01", date_to="2023-01-31"
        )
        self.assertTrue(all(no_data for _s, no_data in self._kpi_scores(empty).values()))
        self.assertAlmostEqual(empty.score, 80.0)

    def test_kpi_scores_are_protected(self):
        evaluation = self._evaluation(self.emp_1)
        kpi_line = evaluation.line_ids.filtered(lambda line: line.kind == "kpi_answer_rate")
        manual = evaluation.line_ids.filtered(lambda line: line.kind == "manual")[0]
        users = [self.service_manager, self.agent_1, self.user_department_head, self.user_admin]
        writers = self.assertDirectWriteRefused(
            kpi_line, {"score": 100.0, "no_data": True, "kind": "manual"}, users
        )
        self.assertGreaterEqual(writers, 6, "the evaluator and the administrator reach the guard")
        self.assertDirectWriteRefused(
            evaluation,
            {"kpi_answer_rate": 100.0, "kpi_satisfaction": 100.0, "score": 100.0},
            users,
            allowed={"note": "<p>认真</p>"},
        )
        # positive controls: the evaluator scores a manual criterion; KPIs come from the button
        manual.with_user(self.service_manager).score = 60
        self.assertEqual(manual.score, 60)
        self._make_calls(self.agent_1, self.team_1, 10, 10)  # 17 answered of 20
        self.env.flush_all()
        evaluation.with_user(self.service_manager).action_load_kpis()
        self.assertAlmostEqual(kpi_line.score, 85.0)
        self.assertAlmostEqual(evaluation.kpi_answer_rate, 85.0)
        with self.assertRaisesRegex(UserError, "workflow"):
            self.env["property.evaluation.line"].with_user(self.service_manager).create(
                {
                    "evaluation_id": evaluation.id,
                    "name": "x",
                    "kind": "kpi_answer_rate",
                    "score": 100,
                }
            )

    def test_batch_recompute_constant_queries(self):
        Evaluation = self.env["property.evaluation"].with_user(self.service_manager)
        one = self._evaluation(self.emp_1)
        many = one | Evaluation.browse(
            [self._evaluation(emp).id for emp in (self.emp_2, self.emp_1, self.emp_2, self.emp_1)]
        )
        # warm-up, with new statistics written back as in the measured runs: the registry's
        # caches (access rules, groups, the fields written) are not what is measured, and
        # tests run before this one may have emptied them
        self._make_calls(self.agent_1, self.team_1, 5, 5)
        self._make_calls(self.agent_2, self.team_2, 5, 0)
        self.env.flush_all()
        self.env.invalidate_all()
        many._load_kpis()
        self.env.flush_all()
        # one evaluation or five: the same queries (read the evaluations and their employees,
        # one grouped read of the statistics per period, read the criteria, write back)
        # one evaluation or five, each time with new statistics, so that the KPIs, the
        # criteria and the composite scores are written back: the same queries (read the
        # evaluations and their employees, one grouped read of the statistics per period, read
        # the criteria, one UPDATE per table and set of changed columns)
        for evaluations, new_calls in ((one, 10), (many, 20)):
            self._make_calls(self.agent_1, self.team_1, new_calls, new_calls)
            self._make_calls(self.agent_2, self.team_2, new_calls, 0)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_LOAD_KPIS):
                evaluations._load_kpis()
                self.env.flush_all()
        self.assertEqual(len(set(many.mapped("kpi_date"))), 1)
        self.assertEqual(
            many.line_ids.filtered(lambda line: line.kind == "kpi_answer_rate").mapped("score"),
            [93.33, 2.56, 93.33, 2.56, 93.33],  # 42 of 45 calls, 1 of 39
        )


@tagged("post_install", "-at_install")
class TestEvaluationServiceManager(EvaluationCommon):
    """SVC-10, BASE-3 (issue 7 item 4, §3.2, §5.2): the customer-service manager sees, creates
    and scores the evaluations of the agents of their teams; the department head keeps their
    access; an agent sees only their own approved evaluations; nobody evaluates or approves
    themselves; the shipped default route lets a database without demo submit evaluations."""

    def test_manager_works_on_the_agents_of_their_teams(self):
        evaluation = self._evaluation(self.emp_1)
        self.assertEqual(evaluation.evaluator_id, self.service_manager)
        Evaluation = self.env["property.evaluation"].with_user(self.service_manager)
        self.assertEqual(Evaluation.search([("id", "=", evaluation.id)]), evaluation)
        other = self._evaluation(self.emp_3, user=self.user_general_manager)
        self.assertFalse(Evaluation.search([("id", "=", other.id)]), "not an agent of theirs")
        with self.assertRaises(AccessError):
            other.with_user(self.service_manager).read(["score"])
        with self.assertRaises(AccessError):
            self._evaluation(self.emp_3)
        # their own evaluation (by the general manager): not through their team rule
        own = self._evaluation(self.emp_manager, user=self.user_general_manager)
        with self.assertRaises(AccessError):
            own.with_user(self.service_manager).read(["score"])

    def test_department_head_keeps_access(self):
        department = self.env["hr.department"].create(
            {"name": "客服部二", "manager_id": self.department.manager_id.id}
        )
        self.emp_3.department_id = department
        evaluation = self._evaluation(self.emp_3, user=self.user_department_head)
        self.assertEqual(
            self.env["property.evaluation"]
            .with_user(self.user_department_head)
            .search([("id", "=", evaluation.id)]),
            evaluation,
        )
        with self.assertRaises(AccessError):
            evaluation.with_user(self.service_manager).read(["score"])

    def test_agent_sees_own_approved_only(self):
        evaluation = self._evaluation(self.emp_1)
        other = self._evaluation(self.emp_2)
        mine = self.env["property.evaluation"].with_user(self.agent_1)
        self.assertFalse(mine.search([]), "a draft is not shown to the agent")
        (evaluation | other).with_user(self.service_manager).action_approval_submit()
        self.assertFalse(mine.search([]), "nor a pending one")
        (evaluation | other).with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(mine.search([]), evaluation)
        self.assertEqual(evaluation.with_user(self.agent_1).read(["score"])[0]["id"], evaluation.id)
        with self.assertRaises(AccessError):
            other.with_user(self.agent_1).read(["score"])
        with self.assertRaises(AccessError):
            evaluation.with_user(self.agent_1).write({"note": "x"})

    def test_nobody_evaluates_or_approves_themselves(self):
        with self.assertRaises(AccessError):
            self._evaluation(self.emp_manager, user=self.service_manager)
        gm_employee = self.env["hr.employee"].create(
            {"name": "总经理", "user_id": self.user_general_manager.id}
        )
        with self.assertRaisesRegex(ValidationError, "own evaluation"):
            self._evaluation(gm_employee, user=self.user_general_manager)
        # the general manager's own evaluation: the other general managers approve it
        evaluation = self._evaluation(
            gm_employee,
            user=self.user_admin,
            template_id=self.env.ref("property_base.evaluation_template_general").id,
        )
        evaluation.with_user(self.user_admin).action_approval_submit()
        approvers = evaluation.approval_line_ids.approver_user_ids
        self.assertNotIn(self.user_general_manager, approvers)
        self.assertNotIn(self.user_admin, approvers, "nor the requester")
        self.assertTrue(approvers)
        with self.assertRaises(UserError):
            evaluation.with_user(self.user_general_manager).action_approval_approve()

    def test_shipped_default_route(self):
        route = self.env.ref("property_base.approval_route_evaluation")
        self.assertTrue(route.active)
        self.assertEqual(route.model_id.model, "property.evaluation")
        evaluation = self._evaluation(self.emp_1)
        evaluation.with_user(self.service_manager).action_approval_submit()
        self.assertEqual(evaluation.approval_route_id, route)
        self.assertEqual(evaluation.state, "to_approve")
        evaluation.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(evaluation.state, "approved")
        # the administrator changes it; other roles cannot
        step = route.step_ids
        with self.assertRaises(AccessError):
            step.with_user(self.service_manager).write({"name": "x"})
        step.with_user(self.user_admin).write(
            {"approver_type": "users", "user_ids": [Command.set(self.user_office_director.ids)]}
        )
        second = self._evaluation(self.emp_2)
        second.with_user(self.service_manager).action_approval_submit()
        self.assertEqual(second.approval_line_ids.approver_user_ids, self.user_office_director)

    def test_list_action_loads_many(self):
        evaluations = self._evaluation(self.emp_1) | self._evaluation(self.emp_2)
        self._make_calls(self.agent_1, self.team_1, 10, 10)  # 17 answered of 20
        self._make_calls(self.agent_2, self.team_2, 4, 3)  # 4 answered of 8
        self.env.flush_all()
        action = self.env.ref("property_service.property_evaluation_action_load_kpis")
        action.with_user(self.service_manager).with_context(
            active_model="property.evaluation", active_ids=evaluations.ids
        ).run()
        self.assertEqual(evaluations.mapped("kpi_answer_rate"), [85.0, 50.0])
        with self.assertRaises(AccessError):
            action.with_user(self.agent_1).with_context(
                active_model="property.evaluation", active_ids=evaluations.ids
            ).run()
