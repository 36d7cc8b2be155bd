from bisect import bisect_right
from collections import defaultdict
from itertools import accumulate

from pytz import timezone, utc

from odoo import api, fields, models

INTERNAL = "base.group_user"


class PropertyServiceTicket(models.Model):
    """What the statistics (SVC-8) read from a ticket, stored so that the SQL view reads plain
    indexed columns: the day of reception in the company's time zone (the view's date, so a
    period filter uses an index) and the response and resolution times in working hours (the
    KPIs, counted like the SLA deadlines they are compared with). Kept apart from the ticket's
    workflow; the wall-clock times stay in ``response_hours`` / ``resolution_hours``."""

    _inherit = "property.service.ticket"

    day_received = fields.Date(
        compute="_compute_day_received",
        store=True,
        index=True,
        groups=INTERNAL,
        help="Day of reception in the company's time zone (the statistics' date).",
    )
    response_work_hours = fields.Float(
        string="Response Time (working h)",
        compute="_compute_work_durations",
        store=True,
        aggregator="avg",
        groups=INTERNAL,
        help="Working hours of the team's calendar (else the company's) from the reception to "
        "the first response; wall-clock hours without any calendar.",
    )
    resolution_work_hours = fields.Float(
        string="Resolution Time (working h)",
        compute="_compute_work_durations",
        store=True,
        aggregator="avg",
        groups=INTERNAL,
        help="Working hours of the team's calendar (else the company's) from the reception to "
        "the resolution; wall-clock hours without any calendar.",
    )

    # Computes

    @api.depends("date_received", "company_id.partner_id.tz")
    def _compute_day_received(self):
        for ticket in self:
            ticket.day_received = local_day(ticket.date_received, ticket.company_id)

    @api.depends(
        "date_received",
        "date_first_response",
        "date_resolved",
        "team_id.resource_calendar_id",
        "company_id.resource_calendar_id",
    )
    def _compute_work_durations(self):
        """Working hours of each ticket's calendar, with one computation of the calendar's
        working intervals per calendar for the whole batch (not one per ticket)."""
        by_calendar = defaultdict(list)  # calendar: [ticket]
        for ticket in self:
            calendar = ticket.team_id.resource_calendar_id or ticket.company_id.resource_calendar_id
            by_calendar[calendar.sudo()].append(ticket)
        for calendar, tickets in by_calendar.items():
            periods = []
            for ticket in tickets:
                start = ticket.date_received
                periods += [(start, ticket.date_first_response), (start, ticket.date_resolved)]
            hours = iter(work_hours_batch(calendar, periods))
            for ticket in tickets:
                ticket.response_work_hours = next(hours)
                ticket.resolution_work_hours = next(hours)


def local_day(moment, company):
    """The date of the naive UTC ``moment`` in ``company``'s time zone (as the SQL view's
    ``AT TIME ZONE``), False without a moment."""
    if not moment:
        return False
    return utc.localize(moment).astimezone(timezone(company.partner_id.tz or "UTC")).date()


def work_hours_batch(calendar, periods):
    """Working hours of ``calendar`` (leaves deducted, as the SLA deadlines) within each
    (start, stop) of ``periods`` (naive UTC, 0.0 when one is missing or stop < start); the
    working intervals are computed once for the span of the whole batch. Without a calendar,
    wall-clock hours."""
    periods = [
        (start, stop) if start and stop and stop > start else None for start, stop in periods
    ]
    known = [period for period in periods if period]
    if not known:
        return [0.0] * len(periods)
    if not calendar:
        return [(p[1] - p[0]).total_seconds() / 3600 if p else 0.0 for p in periods]
    begin = utc.localize(min(start for start, _stop in known))
    end = utc.localize(max(stop for _start, stop in known))
    intervals = [
        (start.timestamp(), stop.timestamp())
        for start, stop, _meta in calendar._work_intervals_batch(
            begin, end, resources=calendar.env["resource.resource"]
        )[False]
    ]
    starts = [start for start, _stop in intervals]
    # worked seconds before each interval
    before = list(accumulate((stop - start for start, stop in intervals), initial=0.0))

    def worked_until(moment):
        """Working seconds from the first interval to ``moment``."""
        index = bisect_right(starts, moment) - 1
        if index < 0:
            return 0.0
        start, stop = intervals[index]
        return before[index] + min(moment, stop) - start

    return [
        (
            worked_until(utc.localize(p[1]).timestamp())
            - worked_until(utc.localize(p[0]).timestamp())
        )
        / 3600
        if p
        else 0.0
        for p in periods
    ]


class RatingRating(models.Model):
    """The statistics count the last rating of each ticket (``rating_last_value``, stored):
    Odoo recomputes it when a rating is changed, not when a rating is created with its
    ``res_id`` (a many2one reference has no inverse trigger), so a new ticket rating marks it
    here. Kept with the ticket's statistics: it only keeps their stored figure exact."""

    _inherit = "rating.rating"

    @api.model_create_multi
    def create(self, vals_list):
        ratings = super().create(vals_list)
        ratings._mark_ticket_ratings_to_recompute()
        return ratings

    def _mark_ticket_ratings_to_recompute(self):
        Ticket = self.env["property.service.ticket"]
        ids = [rating.res_id for rating in self if rating.res_model == Ticket._name]
        if ids:
            # the compute reads the ratings in SQL: their model (a related field) must be there
            self.flush_recordset(["res_model"])
            self.env.add_to_compute(Ticket._fields["rating_last_value"], Ticket.browse(ids))
