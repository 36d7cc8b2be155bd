from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_statistics import ServiceStatisticsCommon


@tagged("post_install", "-at_install")
class TestEvaluationKpi(ServiceStatisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_agent = Employee.create(
            {"name": "客服一号", "user_id": cls.agent_1.id, "department_id": cls.department.id}
        )
        cls.emp_other = Employee.create({"name": "保安", "department_id": cls.department.id})
        cls.template = cls.env.ref("property_base.evaluation_template_customer_service")

    def _evaluation(self, employee=None, **vals):
        return (
            self.env["property.evaluation"]
            .with_user(self.user_department_head)
            .create(
                {
                    "employee_id": (employee or self.emp_agent).id,
                    "date_from": "2024-03-01",
                    "date_to": "2024-03-31",
                    **vals,
                }
            )
        )

    def test_agent_evaluation_is_prefilled(self):
        evaluation = self._evaluation()
        self.assertTrue(evaluation.kpi_available)
        self.assertEqual(evaluation.template_id, self.template)
        self.assertEqual(
            evaluation.line_ids.mapped("name"),
            ["Service attitude", "Problem solving", "Communication", "Answer rate",
             "Resolution rate", "Satisfaction", "Complaint handling", "Within SLA"],
        )  # fmt: skip
        self.assertEqual(evaluation.kpi_calls_received, 10)
        self.assertAlmostEqual(evaluation.kpi_answer_rate, 70.0)
        self.assertEqual(evaluation.kpi_tickets_received, 4)
        self.assertAlmostEqual(evaluation.kpi_resolution_rate, 75.0)
        # 0.5, 1.5, 5 (the complaint, answered on resolution) and 1 working hours → 8 / 4
        self.assertAlmostEqual(evaluation.kpi_avg_response_hours, 2.0)
        # in working hours of the company's calendar (2, 3 and 5 h), like the SLA deadlines
        self.assertAlmostEqual(evaluation.kpi_avg_resolution_hours, 10 / 3, places=2)
        self.assertEqual(evaluation.kpi_complaints, 1)
        self.assertEqual(evaluation.kpi_sla_breaches, 2)  # the urgent repair, the complaint
        self.assertEqual(evaluation.kpi_rating_count, 3)
        self.assertAlmostEqual(evaluation.kpi_avg_rating, 3.67)
        self.assertAlmostEqual(evaluation.kpi_satisfaction, 66.7)
        self.assertTrue(evaluation.kpi_date)

    def test_period_change_reloads_kpis(self):
        evaluation = self._evaluation()
        evaluation.write({"date_from": "2024-04-01", "date_to": "2024-06-30"})
        self.assertEqual(evaluation.kpi_calls_received, 0)
        self.assertEqual(evaluation.kpi_answer_rate, 0.0)
        evaluation.write({"date_from": "2024-01-01"})
        self.assertAlmostEqual(evaluation.kpi_answer_rate, 70.0)

    def test_load_kpis_button(self):
        evaluation = self._evaluation()
        self._make_calls(self.agent_1, self.team_1, 10, 10)  # now 17 answered of 20
        self.env.flush_all()
        evaluation.action_load_kpis()
        self.assertAlmostEqual(evaluation.kpi_answer_rate, 85.0)

    def test_manager_scores_and_approval_freezes_kpis(self):
        evaluation = self._evaluation()
        manual = evaluation.line_ids.filtered(lambda line: line.kind == "manual")
        for line, score in zip(manual, (90, 80, 70), strict=True):
            line.score = score
        # KPIs: answer 70, resolution 75, satisfaction 66.67, complaints 100, within SLA 50
        # (2 breaches in 4 tickets)
        kpis = 10 * 70 + 15 * 75 + 15 * 66.67 + 10 * 100 + 10 * 50
        expected = (30 * 90 + 40 * 80 + 30 * 70 + kpis) / 160
        self.assertAlmostEqual(evaluation.score, expected, places=2)
        self.env["property.approval.route"].create(
            {
                "name": "Evaluation approval",
                "model_id": self.env["ir.model"]._get_id("property.evaluation"),
                "step_ids": [
                    Command.create(
                        {
                            "name": "General manager",
                            "approver_type": "group",
                            "group_id": self.env.ref("property_base.group_general_manager").id,
                        }
                    )
                ],
            }
        )
        evaluation.action_approval_submit()
        self.assertEqual(evaluation.state, "to_approve")
        with self.assertRaisesText(UserError, "can no longer be changed"):
            evaluation.action_load_kpis()
        evaluation.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(evaluation.state, "approved")
        self.assertAlmostEqual(evaluation.kpi_answer_rate, 70.0)

    def test_other_employees_get_no_kpis(self):
        evaluation = self._evaluation(self.emp_other)
        self.assertFalse(evaluation.kpi_available)
        self.assertFalse(evaluation.template_id)
        self.assertFalse(evaluation.kpi_date)

    def test_kpis_are_per_company(self):
        self._make_calls(self.agent_1, self.team_b, 5, 0)  # answered for company B
        self.env.flush_all()
        evaluation = self._evaluation()
        self.assertEqual(evaluation.kpi_calls_received, 10)
        self.assertAlmostEqual(evaluation.kpi_answer_rate, 70.0)
