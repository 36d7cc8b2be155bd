#!/usr/bin/env python3
"""Benchmark of the customer-service statistics (SVC-8) on a realistic volume.

Usage (from the repository root)::

    .venv/bin/python bench/bench_service_stats.py [--config .local/odoo.conf] [--db stat_bench]
        [--tickets 100000] [--calls 200000] [--agents 30] [--months 12]

What it does, then stops by itself:

1. Uses the database given with ``--db`` (default ``stat_bench``); creates it when it does not
   exist and installs ``property_service`` in it without demo data.
2. Generates, once, ``--tickets`` service tickets and ``--calls`` call records over the last
   ``--months`` months, across 2 projects, 2 teams and ``--agents`` agents, plus a rating on
   about a third of the resolved tickets. Rows are written by ``INSERT ... SELECT
   generate_series`` (a few seconds); a second run on the same database reuses them.
   Dates, agents and call answers are drawn with ``random()`` after ``setseed``; rows are
   inserted in date order, as they are created in production. What the
   ORM would have stored with them is then filled in: the day of each call and ticket in the
   company's time zone, and, by the ORM's own compute methods, the tickets' durations in
   working hours and their last rating; then ``VACUUM ANALYZE``, as autovacuum would.
3. Measures, side by side, the monthly statistics of every agent for the last full month:

   * through the SQL view ``property.service.report`` with one ``_read_group`` (as the pivot
     view does), as a service manager, record rules applied;
   * computed by looping over the tickets, calls and ratings with the ORM (search + read),
     as a naive implementation would;

   checks that both give the same figures (it stops if they differ) and prints both times and
   their ratio; then the same for the last 12 months per agent and month (the view's cost
   hardly grows, the loop's grows with the number of records). Then prints the ``EXPLAIN
   ANALYZE`` of the view's query for the last month: index scans on the calls' and tickets'
   stored day, no row of the other months read.
4. Measures an agent opening the ticket list: ``search_read`` of the first page (80 rows,
   list-view fields, default order) with the agent's record rules, plus the count that the
   list view shows, for "My Tickets" and for all open tickets.

Every figure is the best of ``--repeat`` runs (default 3) with the ORM cache cleared before
each run; the number of SQL queries of one run is printed next to it. Nothing is written
outside the generated data; the measuring transactions are rolled back.
"""

import argparse
import logging
import time
from datetime import date, datetime, timedelta

import psycopg2
import pytz
from dateutil.relativedelta import relativedelta

import odoo
from odoo import Command
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import SQL, config

BENCH_TAG = "BENCH"
MEASURES = ["calls_received", "calls_answered", "tickets_received", "tickets_resolved",
            "complaint_count", "rating_count", "answer_rate", "resolution_rate",
            "avg_response_hours", "avg_response_wall_hours", "avg_resolution_hours",
            "avg_resolution_wall_hours", "avg_rating"]  # fmt: skip
LIST_FIELDS = ["name", "subject", "date_received", "channel", "category", "priority",
               "caller_name", "unit_id", "team_id", "user_id", "stage_id", "state",
               "sla_response_breached", "sla_resolution_breached"]  # fmt: skip


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--config", default=".local/odoo.conf", help="Odoo configuration file")
    parser.add_argument("--db", default="stat_bench", help="database (created when missing)")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--agents", type=int, default=30)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


# Set-up


def prepare_database(name):
    """Create the database and install property_service when needed; return the registry."""
    if not db_service.exp_db_exist(name):
        print(f"Creating database {name} and installing property_service (a few minutes)...")
        db_service._create_empty_database(name)
        config["init"] = {"property_service": 1}
        config["without_demo"] = "all"
        return Registry.new(name, update_module=True)
    registry = Registry(name)
    if "property.service.report" not in registry:
        print(f"Installing property_service in {name}...")
        config["init"] = {"property_service": 1}
        return Registry.new(name, update_module=True)
    return registry


def ensure_people(env, n_agents):
    """2 projects, 2 teams, a manager and ``n_agents`` agents (made once)."""
    Users = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True)
    agents = Users.search([("login", "=like", "bench_agent_%")], order="id")
    if len(agents) < n_agents:
        agent_group = env.ref("property_service.group_service_agent")
        agents |= Users.create(
            [
                {
                    "name": f"Bench Agent {index:02d}",
                    "login": f"bench_agent_{index:02d}",
                    "groups_id": [Command.set(agent_group.ids)],
                }
                for index in range(len(agents), n_agents)
            ]
        )
    agents = agents[:n_agents]
    manager = Users.search([("login", "=", "bench_manager")]) or Users.create(
        {
            "name": "Bench Manager",
            "login": "bench_manager",
            "groups_id": [Command.set(env.ref("property_service.group_service_manager").ids)],
        }
    )
    Project = env["property.project"]
    projects = Project.search([("code", "in", ["BENCH-1", "BENCH-2"])], order="code")
    if len(projects) < 2:
        projects = Project.create(
            [{"name": "Bench Project 1", "code": "BENCH-1"},
             {"name": "Bench Project 2", "code": "BENCH-2"}]
        )  # fmt: skip
    Team = env["property.service.team"]
    teams = Team.search([("name", "in", ["Bench Team 1", "Bench Team 2"])], order="name")
    if len(teams) < 2:
        half = len(agents) // 2
        teams = Team.create(
            [
                {"name": "Bench Team 1", "manager_id": manager.id,
                 "member_ids": [Command.set(agents[:half].ids)],
                 "project_ids": [Command.set(projects[:1].ids)]},
                {"name": "Bench Team 2", "manager_id": manager.id,
                 "member_ids": [Command.set(agents[half:].ids)],
                 "project_ids": [Command.set(projects[1:].ids)]},
            ]
        )  # fmt: skip
    return agents, manager, projects, teams


def generate(env, args, agents, projects, teams):
    """Tickets, calls and ratings, by INSERT ... SELECT generate_series (made once)."""
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM property_service_ticket WHERE subject = %s", [BENCH_TAG])
    if cr.fetchone()[0] >= args.tickets:
        print("Reusing the generated tickets, calls and ratings.")
        complete_stored_figures(env)
        return
    print(f"Generating {args.tickets} tickets and {args.calls} calls...")
    started = time.perf_counter()
    stages = {
        state: env["property.service.ticket"]._stage_for_state(state).id
        for state in ("new", "in_progress", "resolved", "closed", "cancelled")
    }
    end = datetime.combine(date.today(), datetime.min.time())
    seconds = int((end - (end - relativedelta(months=args.months))).total_seconds())
    # agent i works in team (i < half ? 1 : 2), on that team's project
    half = len(agents) // 2
    agent_ids = agents.ids
    common = {
        "agents": agent_ids,
        "n": len(agent_ids),
        "half": half,
        "team1": teams[0].id,
        "team2": teams[1].id,
        "project1": projects[0].id,
        "project2": projects[1].id,
        "company": env.company.id,
        "start": end - relativedelta(months=args.months),
        "seconds": seconds,
        "uid": env.uid,
    }
    cr.execute("SELECT setseed(0.42)")  # the same data on every database
    cr.execute(
        """
        INSERT INTO property_service_ticket (
            name, subject, channel, category, priority, date_received, caller_name,
            caller_phone, team_id, user_id, project_id, company_id, stage_id, state,
            date_first_response, date_resolved, date_closed, sla_response_breached,
            sla_resolution_breached, create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH-' || g, %(tag)s,
               (ARRAY['phone','visit','portal','email'])[1 + g %% 4],
               (ARRAY['repair','complaint','dispute','inquiry','patrol','facility','other',
                      'repair','inquiry','repair'])[1 + g %% 10],
               (g %% 3)::varchar,
               t.received, '业主', '13800138000',
               CASE WHEN a.idx < %(half)s THEN %(team1)s ELSE %(team2)s END,
               a.agent,
               CASE WHEN a.idx < %(half)s THEN %(project1)s ELSE %(project2)s END,
               %(company)s,
               CASE WHEN g %% 20 = 0 THEN %(cancelled)s WHEN g %% 10 = 1 THEN %(new)s
                    WHEN g %% 10 = 2 THEN %(in_progress)s WHEN g %% 10 < 6 THEN %(resolved)s
                    ELSE %(closed)s END,
               CASE WHEN g %% 20 = 0 THEN 'cancelled' WHEN g %% 10 = 1 THEN 'new'
                    WHEN g %% 10 = 2 THEN 'in_progress' WHEN g %% 10 < 6 THEN 'resolved'
                    ELSE 'closed' END,
               CASE WHEN g %% 10 <> 1 THEN t.received + (g %% 180) * INTERVAL '1 minute' END,
               CASE WHEN g %% 10 > 2 THEN t.received + (g %% 72) * INTERVAL '1 hour' END,
               CASE WHEN g %% 10 > 5 THEN t.received + (g %% 72 + 24) * INTERVAL '1 hour' END,
               g %% 17 = 0, g %% 13 = 0,
               %(uid)s, t.received, %(uid)s, t.received
          FROM generate_series(1, %(count)s) AS g,
               LATERAL (SELECT %(start)s::timestamp
                               + floor(random() * %(seconds)s + g * 0) * INTERVAL '1 second'
                               AS received) AS t,
               LATERAL (SELECT floor(random() * %(n)s + g * 0)::int AS idx) AS i,
               LATERAL (SELECT (%(agents)s::int[])[1 + i.idx] AS agent, i.idx) AS a
         ORDER BY t.received  -- created as time goes by, as in production
        """,
        dict(common, tag=BENCH_TAG, count=args.tickets, **stages),
    )
    cr.execute(
        """
        INSERT INTO property_service_call (
            date, day, caller_number, answered, user_id, team_id, duration, company_id,
            create_uid, create_date, write_uid, write_date)
        SELECT t.called, (t.called AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
               '139' || lpad((g %% 100000000)::text, 8, '0'), random() < 0.85, a.agent,
               CASE WHEN a.idx < %(half)s THEN %(team1)s ELSE %(team2)s END,
               30 + g %% 600, %(company)s, %(uid)s, t.called, %(uid)s, t.called
          FROM generate_series(1, %(count)s) AS g,
               LATERAL (SELECT %(start)s::timestamp
                               + floor(random() * %(seconds)s + g * 0) * INTERVAL '1 second'
                               AS called) AS t,
               LATERAL (SELECT floor(random() * %(n)s + g * 0)::int AS idx) AS i,
               LATERAL (SELECT (%(agents)s::int[])[1 + i.idx] AS agent, i.idx) AS a
         ORDER BY t.called
        """,
        dict(common, count=args.calls, tz=env.company.partner_id.tz or "UTC"),
    )
    cr.execute(
        """
        INSERT INTO rating_rating (res_model_id, res_model, res_id, rating, consumed,
                                   create_uid, create_date, write_uid, write_date)
        SELECT %(model)s, 'property.service.ticket', t.id, 1 + (t.id %% 5), TRUE,
               %(uid)s, t.date_resolved, %(uid)s, t.date_resolved
          FROM property_service_ticket t
         WHERE t.subject = %(tag)s AND t.state IN ('resolved', 'closed') AND t.id %% 3 = 0
        """,
        {"model": env["ir.model"]._get_id("property.service.ticket"), "uid": env.uid,
         "tag": BENCH_TAG},
    )  # fmt: skip
    complete_stored_figures(env)
    print(f"  generated in {time.perf_counter() - started:.1f} s")


def complete_stored_figures(env, chunk=20_000):
    """What the ORM stores when it creates these records and that the raw INSERTs above left
    empty: the day in the company's time zone (same expression as the former view), and, by
    the ORM's own compute methods, the working-hour durations and the last rating of the
    tickets. Done once (skipped when already complete)."""
    cr = env.cr
    cr.execute(
        """
        UPDATE property_service_call call
           SET day = (call.date AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(cp.tz, 'UTC'))::date
          FROM res_company company JOIN res_partner cp ON cp.id = company.partner_id
         WHERE company.id = call.company_id AND call.day IS NULL
        """
    )
    cr.execute(
        """
        SELECT t.id FROM property_service_ticket t
         WHERE t.subject = %s
           AND (t.day_received IS NULL
                OR (t.date_resolved IS NOT NULL AND t.resolution_work_hours IS NULL)
                OR (COALESCE(t.rating_last_value, 0) = 0 AND EXISTS (
                       SELECT FROM rating_rating r WHERE r.res_model = 'property.service.ticket'
                          AND r.res_id = t.id AND r.consumed)))
        ORDER BY t.id
        """,
        [BENCH_TAG],
    )
    ids = [row[0] for row in cr.fetchall()]
    if not ids:
        return
    print(f"  storing the computed figures of {len(ids)} tickets with the ORM...")
    Ticket = env["property.service.ticket"]
    fields_ = [Ticket._fields[name] for name in
               ("day_received", "response_work_hours", "rating_last_value")]  # fmt: skip
    for index in range(0, len(ids), chunk):
        tickets = Ticket.browse(ids[index : index + chunk])
        for field in fields_:
            env.add_to_compute(field, tickets)
        tickets.flush_recordset()
        env.invalidate_all()


def vacuum(db_name):
    """``VACUUM ANALYZE`` of the generated tables, as autovacuum does after a mass update
    (outside any transaction, hence its own connection)."""
    __, info = odoo.sql_db.connection_info_for(db_name)
    connection = psycopg2.connect(**info)
    try:
        connection.autocommit = True
        with connection.cursor() as cr:
            for table in ("property_service_ticket", "property_service_call", "rating_rating"):
                cr.execute(f"VACUUM ANALYZE {table}")
    finally:
        connection.close()


# Measures


def measure(registry, uid, repeat, func):
    """Best time of ``repeat`` runs of ``func(env)`` in rolled-back transactions, with the
    number of queries of the last run and its result."""
    best, result, queries = None, None, 0
    for _run in range(repeat):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, uid, {})
            env.invalidate_all()
            before = cr.sql_log_count
            started = time.perf_counter()
            result = func(env)
            elapsed = time.perf_counter() - started
            queries = cr.sql_log_count - before
            cr.rollback()
        best = elapsed if best is None else min(best, elapsed)
    return best, queries, result


def last_months(count):
    """The ``count`` last full months, as (first day, first day of the next month)."""
    first = date.today().replace(day=1)
    return [
        (first - relativedelta(months=index), first - relativedelta(months=index - 1))
        for index in range(count, 0, -1)
    ]


def to_utc(env, day):
    """Local midnight of ``day`` in the company's time zone, as naive UTC (like the view)."""
    tz = pytz.timezone(env.company.partner_id.tz or "UTC")
    local = tz.localize(datetime.combine(day, datetime.min.time()))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def stats_with_view(env, agents, months):
    """{(agent id, month start): figures} with one read_group on the SQL view."""
    report = env["property.service.report"]
    aggregates = [f"{name}:{report._fields[name].aggregator}" for name in MEASURES]
    rows = report._read_group(
        [("day", ">=", months[0][0]), ("day", "<", months[-1][1]), ("user_id", "in", agents.ids)],
        ["user_id", "day:month"],
        aggregates,
    )
    return {
        (user.id, month): dict(zip(MEASURES, values, strict=True)) for user, month, *values in rows
    }


def stats_with_orm_loop(env, agents, months):
    """The same figures, computed record by record with the ORM, per agent and month."""
    result = {}
    for agent in agents:
        for first, last in months:
            stats = agent_month_with_orm(env, agent, to_utc(env, first), to_utc(env, last))
            if stats["calls_received"] or stats["tickets_received"]:
                result[(agent.id, first)] = stats
    return result


def agent_month_with_orm(env, agent, start, stop):
    tickets = env["property.service.ticket"].search(
        [("user_id", "=", agent.id), ("date_received", ">=", start),
         ("date_received", "<", stop), ("state", "!=", "cancelled")]
    )  # fmt: skip
    calls = env["property.service.call"].search(
        [("user_id", "=", agent.id), ("date", ">=", start), ("date", "<", stop)]
    )
    stats = dict.fromkeys(MEASURES, 0)
    response, resolution, ratings = [], [], []
    for call in calls:
        stats["calls_received"] += 1
        stats["calls_answered"] += call.answered
    for ticket in tickets:
        stats["tickets_received"] += 1
        stats["tickets_resolved"] += bool(
            ticket.date_resolved or ticket.state in ("resolved", "closed")
        )
        stats["complaint_count"] += ticket.category in ("complaint", "dispute")
        # (working hours, clock hours), the working hours as the ticket stores them
        if ticket.date_first_response:
            delta = ticket.date_first_response - ticket.date_received
            response.append((ticket.response_work_hours, delta.total_seconds() / 3600))
        if ticket.date_resolved:
            delta = ticket.date_resolved - ticket.date_received
            resolution.append((ticket.resolution_work_hours, delta.total_seconds() / 3600))
        # one rating per ticket: its latest consumed one
        given = ticket.rating_ids.filtered("consumed").sorted(lambda r: (r.write_date, r.id))
        if given and given[-1].rating >= 1:
            ratings.append(given[-1].rating)
    stats["rating_count"] = len(ratings)
    stats["answer_rate"] = ratio(stats["calls_answered"], stats["calls_received"], 100)
    stats["resolution_rate"] = ratio(stats["tickets_resolved"], stats["tickets_received"], 100)
    for name, pairs in (("response", response), ("resolution", resolution)):
        stats[f"avg_{name}_hours"] = ratio(sum(work for work, _clock in pairs), len(pairs))
        stats[f"avg_{name}_wall_hours"] = ratio(sum(clock for _work, clock in pairs), len(pairs))
    stats["avg_rating"] = ratio(sum(ratings), len(ratings))
    return stats


def ratio(numerator, denominator, factor=1):
    return factor * numerator / denominator if denominator else 0.0


def same_figures(left, right):
    return left.keys() == right.keys() and all(
        abs((left[key][name] or 0) - (right[key][name] or 0)) < 1e-6
        for key in left
        for name in MEASURES
    )


def explain_view(registry, uid, agent_ids, months):
    """The ``EXPLAIN ANALYZE`` of the SQL query that ``stats_with_view`` sends for ``months``
    (captured as it runs, record rules included), as printed lines."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, uid, {})
        captured = []
        execute = cr.execute

        def capture(query, params=None, log_exceptions=True):
            captured.append((query, params))
            return execute(query, params, log_exceptions)

        cr.execute = capture
        try:
            stats_with_view(env, env["res.users"].browse(agent_ids), months)
        finally:
            del cr.execute
        query, params = next(
            (query, params) for query, params in reversed(captured)
            if '"property_service_report"' in str(query)
        )  # fmt: skip
        if isinstance(query, SQL):
            query, params = query.code, query.params
        cr.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {query}", params)
        plan = [line for (line,) in cr.fetchall()]
        cr.rollback()
    return plan


def agent_ticket_list(agent, domain):
    def run(env):
        Ticket = env["property.service.ticket"].with_user(agent)
        rows = Ticket.search_read(domain, LIST_FIELDS, limit=80)
        return len(rows), Ticket.search_count(domain)

    return run


def main():
    args = parse_args()
    config.parse_config(["-c", args.config, "--http-port=18671", "--log-level=warn"])
    logging.getLogger("odoo").setLevel(logging.WARNING)
    registry = prepare_database(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        agents, manager, projects, teams = ensure_people(env, args.agents)
        generate(env, args, agents, projects, teams)
        agent_id, agent_login = agents[0].id, agents[0].login
        agent_ids, manager_id = agents.ids, manager.id
        cr.execute(
            "SELECT (SELECT COUNT(*) FROM property_service_ticket),"
            " (SELECT COUNT(*) FROM property_service_call)"
        )
        n_tickets, n_calls = cr.fetchone()
    vacuum(args.db)

    print(f"\nDatabase {args.db}: {n_tickets} tickets, {n_calls} calls, {len(agent_ids)} agents")

    def browse_agents(env):
        return env["res.users"].browse(agent_ids)

    for label, months in (
        ("Monthly statistics per agent", last_months(1)),
        ("Yearly statistics per agent and month", last_months(12)),
    ):
        print(f"{label}, {months[0][0]} to {months[-1][1] - timedelta(days=1)}:")
        view_time, view_queries, view_stats = measure(
            registry, manager_id, args.repeat,
            lambda env, m=months: stats_with_view(env, browse_agents(env), m),
        )  # fmt: skip
        loop_time, loop_queries, loop_stats = measure(
            registry, manager_id, args.repeat,
            lambda env, m=months: stats_with_orm_loop(env, browse_agents(env), m),
        )  # fmt: skip
        same = "yes" if same_figures(view_stats, loop_stats) else "NO"
        print(f"  SQL view (read_group)   {view_time * 1000:9.1f} ms  {view_queries:6d} queries")
        print(f"  ORM loop over records   {loop_time * 1000:9.1f} ms  {loop_queries:6d} queries")
        print(f"  ratio loop / view       {loop_time / view_time:9.1f} x   same figures: {same}")
        assert same == "yes", "the view and the ORM loop disagree"
        sample = view_stats.get((agent_ids[0], months[-1][0]))
        if sample:
            print(
                "  e.g. agent 1 in {month}: {tickets_received} tickets, resolution "
                "{resolution_rate:.1f} %, {calls_received} calls, answer rate {answer_rate:.1f} %, "
                "rating {avg_rating:.2f}".format(month=months[-1][0].strftime("%Y-%m"), **sample)
            )

    months = last_months(1)
    print(f"EXPLAIN ANALYZE of the view's query for {months[0][0]:%Y-%m} (one month):")
    for line in explain_view(registry, manager_id, agent_ids, months):
        print(f"  {line}")

    print(f"Agent {agent_login} opens the ticket list (first page of 80, record rules applied):")
    for label, domain in (
        ("My Tickets", [("user_id", "=", agent_id)]),
        ("Open tickets", [("state", "in", ("new", "in_progress"))]),
    ):
        list_time, list_queries, (rows, count) = measure(
            registry, agent_id, args.repeat, agent_ticket_list(agent_id, domain)
        )
        print(
            f"  {label:<22}  {list_time * 1000:9.1f} ms  {list_queries:6d} queries"
            f"  ({rows} rows of {count})"
        )


if __name__ == "__main__":
    main()
