from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..models.property_service_ticket import COMPLAINT_CATEGORIES

# Ratio measure -> (numerator column, denominator column, factor). The view stores the sums;
# the ratio of any group is SUM(numerator) / SUM(denominator), never an average of ratios.
RATIOS = {
    "answer_rate": ("calls_answered", "calls_received", 100.0),
    "resolution_rate": ("tickets_resolved", "tickets_received", 100.0),
    "avg_response_hours": ("response_hours_sum", "response_count", 1.0),
    "avg_response_wall_hours": ("response_wall_hours_sum", "response_count", 1.0),
    "avg_resolution_hours": ("resolution_hours_sum", "resolution_count", 1.0),
    "avg_resolution_wall_hours": ("resolution_wall_hours_sum", "resolution_count", 1.0),
    "avg_rating": ("rating_sum", "rating_count", 1.0),
    "satisfaction_rate": ("rating_satisfied_count", "rating_count", 100.0),
}

# memory for the aggregation of the statistics (see _read_group)
WORK_MEM = "32MB"

KPI_MEASURES = [
    "calls_received",
    "calls_answered",
    "answer_rate",
    "tickets_received",
    "tickets_resolved",
    "resolution_rate",
    "avg_response_hours",
    "avg_resolution_hours",
    "avg_response_wall_hours",
    "avg_resolution_wall_hours",
    "sla_breach_count",
    "complaint_count",
    "rating_count",
    "avg_rating",
    "satisfaction_rate",
]


class PropertyServiceReport(models.Model):
    _name = "property.service.report"
    _description = "Customer Service Statistics"
    _auto = False
    _order = "day desc, user_id"
    _rec_name = "day"
    # what the view reads: pending changes of these fields are flushed before any query
    _depends = {
        "property.service.call": [
            "day", "user_id", "team_id", "company_id", "answered", "ticket_id",
        ],
        "property.service.ticket": [
            "day_received", "user_id", "team_id", "project_id", "category", "company_id",
            "state", "date_received", "date_first_response", "date_resolved",
            "response_work_hours", "resolution_work_hours", "sla_response_breached",
            "sla_resolution_breached", "rating_last_value",
        ],
    }  # fmt: skip

    day = fields.Date(string="Date", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    team_id = fields.Many2one("property.service.team", string="Team", readonly=True)
    project_id = fields.Many2one("property.project", string="Project", readonly=True)
    category = fields.Selection(selection="_selection_category", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)

    calls_received = fields.Integer(readonly=True, aggregator="sum")
    calls_answered = fields.Integer(readonly=True, aggregator="sum")
    tickets_received = fields.Integer(readonly=True, aggregator="sum")
    tickets_resolved = fields.Integer(readonly=True, aggregator="sum")
    response_hours_sum = fields.Float(
        string="Response Working Hours", readonly=True, aggregator="sum"
    )
    response_wall_hours_sum = fields.Float(
        string="Response Clock Hours", readonly=True, aggregator="sum"
    )
    response_count = fields.Integer(string="Tickets Answered", readonly=True, aggregator="sum")
    resolution_hours_sum = fields.Float(
        string="Resolution Working Hours", readonly=True, aggregator="sum"
    )
    resolution_wall_hours_sum = fields.Float(
        string="Resolution Clock Hours", readonly=True, aggregator="sum"
    )
    resolution_count = fields.Integer(string="Tickets Timed", readonly=True, aggregator="sum")
    sla_breach_count = fields.Integer(string="SLA Breaches", readonly=True, aggregator="sum")
    complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        aggregator="sum",
        help="Tickets of the complaint and dispute categories.",
    )
    rating_sum = fields.Float(readonly=True, aggregator="sum")
    rating_count = fields.Integer(
        string="Ratings",
        readonly=True,
        aggregator="sum",
        help="Rated tickets: the last rating of a ticket replaces its older ones.",
    )
    rating_satisfied_count = fields.Integer(
        string="Satisfied Ratings", readonly=True, aggregator="sum"
    )

    answer_rate = fields.Float(
        string="Answer Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Calls answered / calls received, in percent.",
    )
    resolution_rate = fields.Float(
        string="Resolution Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Tickets resolved / tickets received (by the day they were received), in percent.",
    )
    avg_response_hours = fields.Float(
        string="Avg. First Response (working h)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Average time from the ticket's reception to its first response, in working hours "
        "of the team's calendar (else the company's), like the SLA deadlines.",
    )
    avg_response_wall_hours = fields.Float(
        string="Avg. First Response (clock h)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Average time from the ticket's reception to its first response, in wall-clock "
        "hours (nights, weekends and holidays included).",
    )
    avg_resolution_hours = fields.Float(
        string="Avg. Resolution Time (working h)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Average time from the ticket's reception to its resolution, in working hours "
        "of the team's calendar (else the company's), like the SLA deadlines.",
    )
    avg_resolution_wall_hours = fields.Float(
        string="Avg. Resolution Time (clock h)",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Average time from the ticket's reception to its resolution, in wall-clock hours "
        "(nights, weekends and holidays included).",
    )
    avg_rating = fields.Float(
        string="Average Rating",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Average of the customers' ratings, from 1 to 5 (the last rating of each ticket).",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Ratings of 4 or 5 / all ratings, in percent.",
    )

    @api.model
    def _selection_category(self):
        return (
            self.env["property.service.ticket"]._fields["category"]._description_selection(self.env)
        )

    # Aggregation: ratios computed from the sums of each group

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        # PostgreSQL has no statistics on the columns of a UNION ALL: it assumes 200 values
        # per column, expects ~30,000 groups for agents x months where there are a few hundred,
        # and with its default 4 MB of work_mem sorts a year of rows on disk instead of hashing
        # them. Raise work_mem (never lower it) for this transaction: one more query.
        self.env.cr.execute(
            SQL(
                "SELECT set_config('work_mem', %(mem)s, true) WHERE "
                "pg_size_bytes(current_setting('work_mem')) < pg_size_bytes(%(mem)s)",
                mem=WORK_MEM,
            )
        )
        return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = aggregate_spec.partition(":")
        if fname in RATIOS and func in ("avg", "sum"):
            numerator, denominator, factor = RATIOS[fname]
            return SQL(
                "(%s * SUM(%s) / NULLIF(SUM(%s), 0))::double precision",
                factor,
                self._field_to_sql(self._table, numerator, query),
                self._field_to_sql(self._table, denominator, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _kpi_measures(self):
        return list(KPI_MEASURES)

    @api.model
    def _get_kpis(self, domain, groupby=()):
        """KPIs of the rows matching ``domain``: {group key tuple: {measure: value}}.

        One SQL query whatever the number of tickets and calls; ratios are exact per group.
        """
        groupby = list(groupby)
        aggregates = [f"{name}:{self._fields[name].aggregator}" for name in KPI_MEASURES]
        rows = self._read_group(domain, groupby, aggregates)
        size = len(groupby)
        return {row[:size]: dict(zip(KPI_MEASURES, row[size:], strict=True)) for row in rows}

    # SQL view

    def _select_calls(self):
        return SQL(
            """
            SELECT
                call.id::bigint * 2 AS id,
                call.day AS day,
                call.user_id AS user_id,
                call.team_id AS team_id,
                ticket.project_id AS project_id,
                ticket.category AS category,
                call.company_id AS company_id,
                1 AS calls_received,
                CASE WHEN call.answered THEN 1 ELSE 0 END AS calls_answered,
                0 AS tickets_received,
                0 AS tickets_resolved,
                0.0::double precision AS response_hours_sum,
                0.0::double precision AS response_wall_hours_sum,
                0 AS response_count,
                0.0::double precision AS resolution_hours_sum,
                0.0::double precision AS resolution_wall_hours_sum,
                0 AS resolution_count,
                0 AS sla_breach_count,
                0 AS complaint_count,
                0.0::double precision AS rating_sum,
                0 AS rating_count,
                0 AS rating_satisfied_count
            FROM property_service_call call
            LEFT JOIN property_service_ticket ticket ON ticket.id = call.ticket_id
            """
        )

    def _select_tickets(self):
        """One row per ticket (``date_part`` is a float, EXTRACT a slower numeric); its rating
        is its last one (``rating_last_value``, the latest
        consumed rating of the ticket): a new rating after a reopening replaces the old one."""
        return SQL(
            """
            SELECT
                ticket.id::bigint * 2 + 1,
                ticket.day_received,
                ticket.user_id,
                ticket.team_id,
                ticket.project_id,
                ticket.category,
                ticket.company_id,
                0,
                0,
                1,
                CASE WHEN ticket.state IN ('resolved', 'closed')
                    OR ticket.date_resolved IS NOT NULL THEN 1 ELSE 0 END,
                CASE WHEN ticket.date_first_response IS NOT NULL
                    THEN COALESCE(ticket.response_work_hours, 0.0) ELSE 0.0 END,
                COALESCE(date_part('epoch', ticket.date_first_response - ticket.date_received)
                    / 3600.0, 0.0),
                CASE WHEN ticket.date_first_response IS NOT NULL THEN 1 ELSE 0 END,
                CASE WHEN ticket.date_resolved IS NOT NULL
                    THEN COALESCE(ticket.resolution_work_hours, 0.0) ELSE 0.0 END,
                COALESCE(date_part('epoch', ticket.date_resolved - ticket.date_received)
                    / 3600.0, 0.0),
                CASE WHEN ticket.date_resolved IS NOT NULL THEN 1 ELSE 0 END,
                CASE WHEN ticket.sla_response_breached
                    OR ticket.sla_resolution_breached THEN 1 ELSE 0 END,
                CASE WHEN ticket.category IN %(complaints)s THEN 1 ELSE 0 END,
                CASE WHEN ticket.rating_last_value >= 1
                    THEN ticket.rating_last_value ELSE 0.0 END,
                CASE WHEN ticket.rating_last_value >= 1 THEN 1 ELSE 0 END,
                CASE WHEN ticket.rating_last_value >= 4 THEN 1 ELSE 0 END
            FROM property_service_ticket ticket
            WHERE ticket.state != 'cancelled'
            """,
            complaints=COMPLAINT_CATEGORIES,
        )

    def _query(self):
        """One row per call and per (not cancelled) ticket, no aggregation in the view: the
        groupings of ``_read_group`` sum the rows once, and the filters on the grouping columns
        (day, user_id...) are pushed down into both scans, where ``day`` is an indexed stored
        column (a month reads only that month's rows). The ratios of a group are computed from
        its sums (``_read_group_select``), so they are exact on any grouping; on a single row
        they are that row's own. Ids: calls even, tickets odd."""
        return SQL(
            """
            SELECT activity.*,
                %(answer_rate)s AS answer_rate,
                %(resolution_rate)s AS resolution_rate,
                %(avg_response_hours)s AS avg_response_hours,
                %(avg_response_wall_hours)s AS avg_response_wall_hours,
                %(avg_resolution_hours)s AS avg_resolution_hours,
                %(avg_resolution_wall_hours)s AS avg_resolution_wall_hours,
                %(avg_rating)s AS avg_rating,
                %(satisfaction_rate)s AS satisfaction_rate
            FROM (%(calls)s UNION ALL %(tickets)s) AS activity
            """,
            calls=self._select_calls(),
            tickets=self._select_tickets(),
            **{
                name: SQL(
                    "(%s * %s / NULLIF(%s, 0))::double precision",
                    factor,
                    SQL.identifier("activity", numerator),
                    SQL.identifier("activity", denominator),
                )
                for name, (numerator, denominator, factor) in RATIOS.items()
            },
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
