"""Benchmark of the financial statements (FIN-11): the income statement and the balance sheet of
a year with ``--lines`` posted move lines, computed by their mis_builder templates, against the
``account.move.line`` ``_read_group`` by account that gives the same balances.

Usage: .venv/bin/python bench/property_finance_statements.py [--config .local/odoo.conf]
       [--db property_bench_fin] [--lines 200000] [--year 2015] [--repeat 3] [--keep]

``--db`` is a database with property_finance installed on the Chinese chart (l10n_cn); it is
not changed. The bench copies it into a scratch database (``<db>_statements``, dropped at the
end unless ``--keep``), posts one journal entry in ``--year`` and copies it in SQL until the
year holds ``--lines`` more move lines, spread over the days of the year and over revenue, cost,
expense, cash, receivable and payable accounts, each entry balanced. The rows are committed and
vacuumed as autovacuum does on a real ledger. Then, best of ``--repeat``:

1. the income statement of the year: one evaluation of its template (what the statement does
   for each of its two columns), beside the ``_read_group`` of the year's posted lines by
   account;
2. the balance sheet at the end of the year (balances from the beginning), beside the
   ``_read_group`` of every posted line up to that day by account;
3. for information, the statement's whole computation (both columns and the snapshot lines).

Both sides give the same net profit and the same total assets; the goal is the template
within 2× the ``_read_group``.
"""

import argparse
from pathlib import Path

from benchlib import best_of, drop, scratch_copy, vacuum

import odoo
from odoo import Command
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry
from odoo.tools import SQL

ROOT = Path(__file__).resolve().parent.parent
# debit side, credit side of the copied entries (l10n_cn codes)
DEBITS = ("1001", "1122", "6401", "6602", "6601", "6403")
CREDITS = ("6001", "6051", "2202", "2211", "2221", "6301")


def make_lines(env, year, count):
    """``count`` more posted move lines in ``year``: copies of one entry, made in SQL."""
    company = env.company
    Account = env["account.account"]
    domain = Account._check_company_domain(company)

    def accounts(codes):
        found = [Account.search([*domain, ("code", "=like", f"{c}%")], limit=1) for c in codes]
        return [a.id for a in found if a]

    debits, credits = accounts(DEBITS), accounts(CREDITS)
    journal = company._property_distribution_journal()
    company.sudo().fiscalyear_lock_date = False
    template = env["account.move"].create(
        {
            "journal_id": journal.id,
            "date": f"{year}-01-01",
            "ref": "bench",
            "line_ids": [
                Command.create({"account_id": debits[0], "debit": 100.0}),
                Command.create({"account_id": credits[0], "credit": 100.0}),
            ],
        }
    )
    template.action_post()
    env.flush_all()
    cr = env.cr
    copies = count // 2

    def columns(table, skip):
        cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table]
        )
        return [c for (c,) in cr.fetchall() if c not in skip]

    move_cols = columns("account_move", {"id", "name", "date"})
    line_cols = columns(
        "account_move_line",
        {"id", "move_id", "account_id", "date", "debit", "credit", "balance", "amount_currency"},
    )
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_moves AS
            WITH new AS (
                INSERT INTO account_move (%(cols)s, name, date)
                SELECT %(cols)s, name || '/S' || g, %(start)s::date + mod(g, 365)
                  FROM account_move, generate_series(1, %(copies)s) g
                 WHERE id = %(template)s
             RETURNING id, date
            ) SELECT id, date, row_number() OVER () AS n FROM new
            """,
            cols=SQL(", ").join(map(SQL.identifier, move_cols)),
            start=f"{year}-01-01",
            copies=copies,
            template=template.id,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO account_move_line
                   (%(cols)s, move_id, date, account_id, debit, credit, balance, amount_currency)
            SELECT %(lcols)s, m.id, m.date,
                   CASE WHEN line.debit > 0 THEN (%(debits)s)[1 + mod(m.n, %(nd)s)]
                        ELSE (%(credits)s)[1 + mod(m.n, %(nc)s)] END,
                   line.debit * (1 + mod(m.n, 7)), line.credit * (1 + mod(m.n, 7)),
                   line.balance * (1 + mod(m.n, 7)), line.amount_currency * (1 + mod(m.n, 7))
              FROM account_move_line line, bench_moves m
             WHERE line.move_id = %(template)s
            """,
            cols=SQL(", ").join(map(SQL.identifier, line_cols)),
            lcols=SQL(", ").join(SQL("line.%s", SQL.identifier(c)) for c in line_cols),
            debits=SQL("ARRAY[%s]", SQL(", ").join(debits)),
            credits=SQL("ARRAY[%s]", SQL(", ").join(credits)),
            nd=len(debits),
            nc=len(credits),
            template=template.id,
        )
    )
    return copies * 2


def statement(env, kind, year):
    record = env["property.financial.statement"].create(
        {"kind": kind, "period_type": "year", "year": year}
    )
    return record


def evaluate_once(record):
    """One column of the statement: its template evaluated over the statement's period."""
    report = record.report_id.with_company(record.company_id)
    aep = report._prepare_aep(record.company_id)
    start = record._evaluation_start(record.date_from, record.date_to)
    return report.evaluate(aep, start, record.date_to, target_move="posted")


def read_group(env, date_from, date_to, pl_only):
    domain = [
        ("company_id", "=", env.company.id),
        ("parent_state", "=", "posted"),
        ("date", "<=", date_to),
    ]
    if pl_only:
        domain += [("date", ">=", date_from), ("account_id.include_initial_balance", "=", False)]
    groups = env["account.move.line"]._read_group(domain, ["account_id"], ["balance:sum"])
    return dict(groups)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--db", default="property_bench_fin")
    parser.add_argument("--lines", type=int, default=200000)
    parser.add_argument("--year", type=int, default=2015)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    scratch = f"{args.db}_statements"
    scratch_copy(args.db, scratch)
    try:
        with Registry(scratch).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
            made = make_lines(env, args.year, args.lines)
        vacuum(scratch, ["account_move", "account_move_line", "account_account"])
        with Registry(scratch).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
            year_lines = env["account.move.line"].search_count(
                [("date", ">=", f"{args.year}-01-01"), ("date", "<=", f"{args.year}-12-31")]
            )
            print(f"{made} move lines copied and committed; {year_lines} lines in {args.year}")
            income = statement(env, "income_statement", args.year)
            balance = statement(env, "balance_sheet", args.year)
            dates = (income.date_from, income.date_to)
            results = {}
            for label, record, pl_only in (
                ("income statement", income, True),
                ("balance sheet", balance, False),
            ):
                t_mis, q_mis, values = best_of(
                    args.repeat,
                    env,
                    f"{label}: template (mis_builder)",
                    lambda r=record: evaluate_once(r),
                )
                t_rg, q_rg, groups = best_of(
                    args.repeat,
                    env,
                    f"{label}: _read_group by account",
                    lambda p=pl_only: read_group(env, *dates, p),
                )
                t_prep, q_prep, _ = best_of(
                    args.repeat,
                    env,
                    f"{label}: parsing the template alone",
                    lambda r=record: r.report_id._prepare_aep(r.company_id),
                )
                results[label] = (t_mis, q_mis, t_rg, q_rg, values, groups, t_prep, q_prep)
            values, groups = results["income statement"][4:6]
            same_profit = abs(values["net_profit"] + sum(groups.values())) < 0.01
            print(f"same net profit: {same_profit} ({values['net_profit']:.2f})")
            values, groups = results["balance sheet"][4:6]
            assets = sum(b for a, b in groups.items() if a.code.startswith("1"))
            print(
                f"same total assets: {abs(values['assets_total'] - assets) < 0.01} "
                f"({values['assets_total']:.2f}); balanced: "
                f"{abs(values['assets_total'] - values['liab_equity_total']) < 0.01}"
            )
            t_all, q_all, _ = best_of(
                args.repeat, env, "income statement: whole computation", income.action_compute
            )
            for label, (t_mis, q_mis, t_rg, q_rg, _, _, t_prep, q_prep) in results.items():
                print(
                    f"{label}, best of {args.repeat}: template {t_mis:.3f} s ({q_mis} queries), "
                    f"_read_group {t_rg:.3f} s ({q_rg} queries): {t_mis / t_rg:.2f}× (goal ≤ 2×); "
                    f"of which parsing its lines' account selectors {t_prep:.3f} s ({q_prep} "
                    "queries, the same whatever the ledger's size)"
                )
            print(
                f"income statement computed and snapshotted (2 columns): {t_all:.3f} s, "
                f"{q_all} queries"
            )
    finally:
        if args.keep:
            print(f"kept the scratch database {scratch}")
        else:
            drop(scratch)
            print(f"dropped the scratch database {scratch}: {args.db} is unchanged")


if __name__ == "__main__":
    main()
