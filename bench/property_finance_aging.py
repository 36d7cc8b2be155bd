"""Benchmark of the receivable aging (FIN-6): the SQL view ``property.receivable.aging``
grouped by project and age against an ORM loop over the same open bills.

Usage: .venv/bin/python bench/property_finance_aging.py [--config .local/odoo.conf]
       [--db property_bench_fin] [--items 100000] [--keep]

``--db`` is a database with property_finance installed and its demo data (one open bill of a
billing run is the template); it is not changed. The bench copies it into a scratch database
(``<db>_aging``, dropped at the end unless ``--keep``), copies the template bill there in SQL
until there are ``--items`` more open bill lines (a read benchmark: how the rows were made does
not matter), commits them and lets PostgreSQL vacuum and analyse the tables, as autovacuum
does on a real ledger. Rows read in the transaction that wrote them are not what a user's
database holds. Then, on the same rows:

1. the SQL view: one ``_read_group`` by project and age bucket, the amounts summed;
2. the ORM loop a module without the view would write: search the open bills, loop over their
   fee lines, compute each line's share of the residual and its age bucket in Python, and sum;

checks that both give the same totals and prints both times, query counts and the ratio
(goal: ≥ 50×). Each is run ``--repeat`` times (default 3) and the best time is kept.
"""

import argparse
from collections import defaultdict
from pathlib import Path

from benchlib import best_of, drop, scratch_copy, vacuum

import odoo
from odoo import fields
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry
from odoo.tools import SQL

ROOT = Path(__file__).resolve().parent.parent


def copy_columns(cr, table, skip):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
        [table],
    )
    return [SQL.identifier(c) for (c,) in cr.fetchall() if c not in skip]


def make_items(env, count):
    """``count`` more open bill lines: copies of an open billing-run bill, made in SQL."""
    cr = env.cr
    template = env["account.move"].search(
        [
            ("property_billing_run_id", "!=", False),
            ("state", "=", "posted"),
            ("payment_state", "=", "not_paid"),
            ("invoice_line_ids.property_unit_id", "!=", False),
        ],
        limit=1,
    )
    if not template:
        raise SystemExit("no open bill of a billing run to copy: load the demo data first")
    lines = template.line_ids
    per_bill = len(lines.filtered("fee_line_kind"))
    copies = -(-count // per_bill)
    move_cols = copy_columns(cr, "account_move", {"id", "name"})
    line_cols = copy_columns(cr, "account_move_line", {"id", "move_id", "fee_billing_key"})
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_moves AS
            WITH new AS (
                INSERT INTO account_move (%(cols)s, name)
                SELECT %(cols)s, name || '/B' || g
                  FROM account_move, generate_series(1, %(copies)s) g
                 WHERE id = %(template)s
             RETURNING id
            ) SELECT id FROM new
            """,
            cols=SQL(", ").join(move_cols),
            copies=copies,
            template=template.id,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO account_move_line (%(cols)s, move_id)
            SELECT %(lcols)s, bench_moves.id
              FROM account_move_line line, bench_moves
             WHERE line.move_id = %(template)s
            """,
            cols=SQL(", ").join(line_cols),
            lcols=SQL(", ").join(SQL("line.%s", c) for c in line_cols),
            template=template.id,
        )
    )
    return copies * per_bill


def bucket(days):
    for limit, name in ((0, "0_not_due"), (30, "1_30"), (60, "2_60"), (90, "3_90"), (180, "4_180")):
        if days <= limit:
            return name
    return "5_older"


def orm_loop(env):
    today = fields.Date.context_today(env["account.move"])
    bills = env["account.move"].search(
        [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("line_ids.fee_line_kind", "!=", False),
        ]
    )
    totals = defaultdict(float)
    for bill in bills:
        if not bill.amount_total:
            continue
        days = (today - (bill.invoice_date_due or bill.invoice_date)).days
        for line in bill.invoice_line_ids:
            if not line.fee_line_kind:
                continue
            project = (
                line.property_unit_id.project_id
                or bill.property_project_id
                or line.late_fee_source_move_id.property_project_id
            )
            share = round(bill.amount_residual_signed * line.price_total / bill.amount_total, 2)
            totals[(project.id, bucket(days))] += share
    return totals


def sql_view(env):
    groups = env["property.receivable.aging"]._read_group(
        [], ["project_id", "age_bucket"], ["amount_residual:sum"]
    )
    return {(project.id, age): amount for project, age, amount in groups}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--db", default="property_bench_fin")
    parser.add_argument("--items", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    scratch = f"{args.db}_aging"
    scratch_copy(args.db, scratch)
    try:
        with Registry(scratch).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
            made = make_items(env, args.items)
        vacuum(scratch, ["account_move", "account_move_line", "property_unit"])
        with Registry(scratch).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
            rows = env["property.receivable.aging"].search_count([])
            print(f"{made} open bill lines copied and committed, {rows} rows in the aging view")
            t_sql, q_sql, by_sql = best_of(
                args.repeat, env, "SQL view: _read_group by project and age", lambda: sql_view(env)
            )
            t_orm, q_orm, by_orm = best_of(
                args.repeat, env, "ORM loop over the open bills", lambda: orm_loop(env)
            )
            keys = set(by_sql) | set(by_orm)
            worst = max(abs(by_sql.get(k, 0.0) - by_orm.get(k, 0.0)) for k in keys)
            print(f"same totals: {worst < 0.01 * max(rows, 1)} (largest difference {worst:.2f})")
            print(
                f"best of {args.repeat}: SQL view {t_sql:.3f} s, ORM loop {t_orm:.3f} s; "
                f"ratio ORM loop / SQL view: time {t_orm / t_sql:.1f}×, queries {q_orm}/{q_sql}"
            )
    finally:
        if args.keep:
            print(f"kept the scratch database {scratch}")
        else:
            drop(scratch)
            print(f"dropped the scratch database {scratch}: {args.db} is unchanged")


if __name__ == "__main__":
    main()
