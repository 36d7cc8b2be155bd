from collections import defaultdict

from odoo import api, fields, models

from ..report.property_service_report import RATIOS
from .property_service_ticket import COMPLAINT_CATEGORIES

# Criterion kinds scored from the statistics (property.service.report) of the period.
KPI_KINDS = [
    ("kpi_answer_rate", "KPI: Answer Rate"),
    ("kpi_resolution_rate", "KPI: Resolution Rate"),
    ("kpi_satisfaction", "KPI: Satisfaction"),
    ("kpi_complaint_handling", "KPI: Complaint Handling"),
    ("kpi_response_sla", "KPI: Within SLA"),
]
# The scale (readme/CONFIGURE.md): score = 100 × numerator / denominator over the period,
# between 0 and 100; a denominator of zero means no data, and the criterion is left out.
KPI_SCALES = {
    "kpi_answer_rate": ("calls_answered", "calls_received"),
    "kpi_resolution_rate": ("tickets_resolved", "tickets_received"),
    "kpi_satisfaction": ("rating_satisfied_count", "rating_count"),
    "kpi_complaint_handling": ("complaints_resolved", "complaints_received"),
    "kpi_response_sla": ("tickets_within_sla", "tickets_received"),
}
KPI_KIND_HELP = (
    "KPI kinds are scored from the service statistics of the evaluation period, from 0 to "
    "100: answer rate = answered / received calls; resolution rate = resolved / received "
    "tickets; satisfaction = ratings of 4 or 5 / all ratings; complaint handling = resolved / "
    "received complaint and dispute tickets; within SLA = tickets without a response or "
    "resolution breach / received tickets. Without any call, ticket, rating or complaint for "
    "the KPI in the period, the criterion has no data and is left out of the composite score."
)
# Sums of the statistics view read per agent (and category) for the KPIs.
KPI_SUMS = [
    "calls_received",
    "calls_answered",
    "tickets_received",
    "tickets_resolved",
    "response_hours_sum",
    "response_count",
    "resolution_hours_sum",
    "resolution_count",
    "sla_breach_count",
    "complaint_count",
    "rating_sum",
    "rating_count",
    "rating_satisfied_count",
]

# Evaluation field -> measure of property.service.report.
KPI_FIELDS = {
    "kpi_calls_received": "calls_received",
    "kpi_answer_rate": "answer_rate",
    "kpi_tickets_received": "tickets_received",
    "kpi_resolution_rate": "resolution_rate",
    "kpi_avg_response_hours": "avg_response_hours",
    "kpi_avg_resolution_hours": "avg_resolution_hours",
    "kpi_sla_breaches": "sla_breach_count",
    "kpi_complaints": "complaint_count",
    "kpi_rating_count": "rating_count",
    "kpi_avg_rating": "avg_rating",
    "kpi_satisfaction": "satisfaction_rate",
}


class PropertyEvaluation(models.Model):
    _inherit = "property.evaluation"
    # the score and the KPIs: loaded from the statistics only
    _protected_fields = ("score", *KPI_FIELDS, "kpi_date")

    kpi_available = fields.Boolean(
        string="Customer Service Agent",
        compute="_compute_kpi_available",
        help="The evaluated employee is a customer-service agent: the service KPIs apply.",
    )
    kpi_date = fields.Datetime(string="KPIs Loaded On", readonly=True, copy=False)
    kpi_calls_received = fields.Integer(string="Calls Received", readonly=True, copy=False)
    kpi_answer_rate = fields.Float(
        string="Answer Rate (%)", digits=(5, 1), readonly=True, copy=False, aggregator="avg"
    )
    kpi_tickets_received = fields.Integer(string="Tickets Received", readonly=True, copy=False)
    kpi_resolution_rate = fields.Float(
        string="Resolution Rate (%)", digits=(5, 1), readonly=True, copy=False, aggregator="avg"
    )
    kpi_avg_response_hours = fields.Float(
        string="Avg. First Response (h)", digits=(16, 2), readonly=True, copy=False
    )
    kpi_avg_resolution_hours = fields.Float(
        string="Avg. Resolution Time (h)", digits=(16, 2), readonly=True, copy=False
    )
    kpi_sla_breaches = fields.Integer(string="SLA Breaches", readonly=True, copy=False)
    kpi_complaints = fields.Integer(
        string="Complaints",
        readonly=True,
        copy=False,
        help="Complaint tickets handled by the agent in the period.",
    )
    kpi_rating_count = fields.Integer(string="Number of Ratings", readonly=True, copy=False)
    kpi_avg_rating = fields.Float(string="Average Rating", digits=(3, 2), readonly=True, copy=False)
    kpi_satisfaction = fields.Float(
        string="Satisfaction (%)",
        digits=(5, 1),
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Customer ratings of 4 or 5 out of all ratings of the agent's tickets.",
    )

    # Computes

    @api.depends("employee_id.user_id")
    def _compute_kpi_available(self):
        agent_users = self.env.ref("property_service.group_service_agent").sudo().users
        for evaluation in self:
            evaluation.kpi_available = evaluation.sudo().employee_id.user_id in agent_users

    # Actions

    def action_load_kpis(self):
        self.check_access("write")
        self._check_editable()
        self._load_kpis()

    # Business

    def _load_kpis(self):
        """Store the agents' KPIs over their evaluation periods and score the KPI criteria,
        from the service statistics: one query per distinct (company, period), whatever the
        number of evaluations."""
        sums = self._kpi_sums()
        now = fields.Datetime.now()
        for evaluation in self:
            mine = sums.get(evaluation.id, {})
            vals = {
                field: self._kpi_measure(measure, mine) for field, measure in KPI_FIELDS.items()
            }
            evaluation.with_context(mail_notrack=True)._protected_write(dict(vals, kpi_date=now))
        self.line_ids.filtered(lambda line: line.kind in KPI_SCALES)._score_kpis(sums)

    def _kpi_sums(self):
        """{evaluation id: {sum: value}} of each evaluated agent over the evaluation period,
        with the complaint tickets counted apart."""
        Report = self.env["property.service.report"].sudo()
        periods = defaultdict(lambda: self.browse())
        for evaluation in self:
            key = (evaluation.company_id.id, evaluation.date_from, evaluation.date_to)
            periods[key] |= evaluation
        result = {}
        for (company_id, date_from, date_to), evaluations in periods.items():
            users = evaluations.sudo().employee_id.user_id
            if not users:
                continue
            rows = Report._read_group(
                [
                    ("user_id", "in", users.ids),
                    ("company_id", "=", company_id),
                    ("day", ">=", date_from),
                    ("day", "<=", date_to),
                ],
                ["user_id", "category"],
                [f"{name}:sum" for name in KPI_SUMS],
            )
            by_user = defaultdict(lambda: defaultdict(float))
            for user, category, *values in rows:
                totals = by_user[user.id]
                for name, value in zip(KPI_SUMS, values, strict=True):
                    totals[name] += value or 0
                if category in COMPLAINT_CATEGORIES:
                    totals["complaints_received"] += values[KPI_SUMS.index("tickets_received")]
                    totals["complaints_resolved"] += values[KPI_SUMS.index("tickets_resolved")]
            for evaluation in evaluations:
                totals = by_user.get(evaluation.sudo().employee_id.user_id.id)
                if totals:
                    totals["tickets_within_sla"] = max(
                        totals["tickets_received"] - totals["sla_breach_count"], 0
                    )
                    result[evaluation.id] = totals
        return result

    @api.model
    def _kpi_measure(self, measure, sums):
        """A measure of property.service.report from the period's sums (ratios from sums)."""
        if measure in RATIOS:
            numerator, denominator, factor = RATIOS[measure]
            return factor * sums[numerator] / sums[denominator] if sums.get(denominator) else 0
        return sums.get(measure, 0)

    def _locked_fields(self):
        return super()._locked_fields() | set(KPI_FIELDS) | {"kpi_date"}

    # ORM overrides

    @api.model_create_multi
    def create(self, vals_list):
        template = self.env.ref(
            "property_base.evaluation_template_customer_service", raise_if_not_found=False
        )
        agents = self._kpi_agent_employees(vals_list)
        for vals in vals_list:
            if template and vals.get("employee_id") in agents.ids and "template_id" not in vals:
                vals["template_id"] = template.id
        evaluations = super().create(vals_list)
        evaluations.filtered(
            lambda e: e.kpi_available or any(line.kind in KPI_SCALES for line in e.line_ids)
        )._load_kpis()
        return evaluations

    def write(self, vals):
        res = super().write(vals)
        if {"employee_id", "date_from", "date_to", "line_ids", "template_id"} & set(vals):
            self.filtered(
                lambda e: e.state == "draft"
                and (e.kpi_date or any(line.kind in KPI_SCALES for line in e.line_ids))
            )._load_kpis()
        return res

    @api.model
    def _kpi_agent_employees(self, vals_list):
        employee_ids = [vals["employee_id"] for vals in vals_list if vals.get("employee_id")]
        employees = self.env["hr.employee"].sudo().browse(employee_ids)
        agent_users = self.env.ref("property_service.group_service_agent").sudo().users
        return employees.filtered(lambda e: e.user_id in agent_users)


class PropertyEvaluationLine(models.Model):
    _inherit = "property.evaluation.line"

    kind = fields.Selection(
        selection_add=KPI_KINDS,
        ondelete={kind: "set default" for kind, _label in KPI_KINDS},
        help=KPI_KIND_HELP,
    )

    def _score_kpis(self, sums):
        """Score these KPI criteria from ``sums`` ({evaluation id: sums}) by the scale of
        KPI_SCALES, in one batch of writes."""
        for line in self:
            numerator, denominator = KPI_SCALES[line.kind]
            mine = sums.get(line.evaluation_id.id, {})
            if mine.get(denominator):
                score = min(max(100.0 * mine[numerator] / mine[denominator], 0.0), 100.0)
                vals = {"score": round(score, 2), "no_data": False}
            else:
                vals = {"score": 0.0, "no_data": True}
            line._protected_write(vals)


class PropertyEvaluationTemplateLine(models.Model):
    _inherit = "property.evaluation.template.line"

    kind = fields.Selection(
        selection_add=KPI_KINDS,
        ondelete={kind: "set default" for kind, _label in KPI_KINDS},
        help=KPI_KIND_HELP,
    )
