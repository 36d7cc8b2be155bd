from odoo import api, fields, models

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
        self._check_editable()
        self._load_kpis()

    # Business

    def _load_kpis(self):
        """Store the agent's KPIs over the evaluation period, from the service statistics."""
        Report = self.env["property.service.report"].sudo()
        now = fields.Datetime.now()
        for evaluation in self:
            user = evaluation.sudo().employee_id.user_id
            kpis = {}
            if user:
                domain = [
                    ("user_id", "=", user.id),
                    ("company_id", "=", evaluation.company_id.id),
                    ("day", ">=", evaluation.date_from),
                    ("day", "<=", evaluation.date_to),
                ]
                kpis = Report._get_kpis(domain).get((), {})
            vals = {field: kpis.get(measure) or 0 for field, measure in KPI_FIELDS.items()}
            evaluation.write(dict(vals, kpi_date=now))

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
        evaluations.filtered("kpi_available")._load_kpis()
        return evaluations

    def write(self, vals):
        res = super().write(vals)
        if {"employee_id", "date_from", "date_to"} & set(vals):
            self.filtered(lambda e: e.kpi_date and e.state == "draft")._load_kpis()
        return res

    @api.model
    def _kpi_agent_employees(self, vals_list):
        employee_ids = [vals["employee_id"] for vals in vals_list if vals.get("employee_id")]
        employees = self.env["hr.employee"].sudo().browse(employee_ids)
        agent_users = self.env.ref("property_service.group_service_agent").sudo().users
        return employees.filtered(lambda e: e.user_id in agent_users)
