"""Benchmark of the budget control (FIN-3): the budget check of N vendor bills posted in one
batch, against the posting of the same bills that no budget controls.

Usage: .venv/bin/python bench/property_finance_budget.py [--config .local/odoo.conf]
       [--db property_test] [--bills 1000]

Runs inside one transaction on an existing database with property_finance installed and rolls
everything back at the end, so the database is left as it was. Makes an analytic account with a
confirmed budget for 2030 (one expense account, split into months, large enough for every bill)
and, in the same transaction:

1. ``_property_budget_check()`` alone on N draft bills of that project (one line each, spread
   over the 12 months);
2. ``_post()`` of those N bills (Odoo's posting plus the check);
3. ``_post()`` of N identical bills without analytic account (not controlled: the check finds
   nothing to check and Odoo's posting is the whole cost);

and prints the times and query counts: the check's queries do not depend on N. (The
controlled posting also creates the bills' analytic lines, Odoo's own cost: the rest of the
difference between 2 and 3.) Measured on the demo database, 1,000 bills: the check 0.34 s and
10 queries, the controlled posting 27.6 s and 14,146 queries, the uncontrolled one 26.7 s and
13,100 queries.
"""

import argparse
from pathlib import Path

from benchlib import measure

import odoo
from odoo import Command
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry

ROOT = Path(__file__).resolve().parent.parent


def setup(env):
    company = env.ref("base.main_company")
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    analytic = env["account.analytic.account"].create(
        {
            "name": "预算压测项目",
            "plan_id": env.ref("property_finance.analytic_plan_property_projects").id,
            "company_id": company.id,
        }
    )
    Account = env["account.account"]
    account = Account.search(
        [*Account._check_company_domain(company), ("account_type", "=", "expense")],
        order="code",
        limit=1,
    )
    budget = env["mis.budget.by.account"].create(
        {
            "name": "2030年度压测预算",
            "date_from": "2030-01-01",
            "date_to": "2030-12-31",
            "analytic_account_id": analytic.id,
            "company_id": company.id,
        }
    )
    env["property.budget.split.wizard"].create(
        {"budget_id": budget.id, "account_id": account.id, "amount": 1e9}
    ).action_split()
    budget.action_confirm()
    journal = env["account.journal"].search(
        [("type", "=", "purchase"), ("company_id", "=", company.id)], limit=1
    )
    supplier = env["res.partner"].create({"name": "压测供应商"})
    return env, analytic, account, journal, supplier


def bills_vals(count, analytic, account, journal, supplier):
    return [
        {
            "move_type": "in_invoice",
            "partner_id": supplier.id,
            "journal_id": journal.id,
            "invoice_date": f"2030-{1 + index % 12:02d}-10",
            "date": f"2030-{1 + index % 12:02d}-10",
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "维修材料",
                        "account_id": account.id,
                        "price_unit": 100.0,
                        "tax_ids": [Command.clear()],
                        "analytic_distribution": analytic and {str(analytic.id): 100.0},
                    }
                )
            ],
        }
        for index in range(count)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--db", default="property_test")
    parser.add_argument("--bills", type=int, default=1000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    with Registry(args.db).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
        env, analytic, account, journal, supplier = setup(env)
        Move = env["account.move"]
        print(f"creating 2 × {args.bills} vendor bills ...")
        controlled = Move.create(bills_vals(args.bills, analytic, account, journal, supplier))
        free = Move.create(bills_vals(args.bills, False, account, journal, supplier))
        t_check, q_check, _ = measure(
            env, f"budget check alone, {args.bills} bills", controlled._property_budget_check
        )
        t_post, q_post, _ = measure(
            env,
            f"_post with the budget check, {args.bills} bills",
            lambda: controlled._post(soft=False),
        )
        t_free, q_free, _ = measure(
            env,
            f"_post not controlled (no analytic), {args.bills} bills",
            lambda: free._post(soft=False),
        )
        assert set(controlled.mapped("state")) == {"posted"}
        print(
            f"the check is {100 * t_check / t_post:.1f} % of the controlled posting's time "
            f"and {q_check} of its {q_post} queries (uncontrolled posting: {q_free} queries)"
        )
        cr.rollback()
        print("rolled back: the database is unchanged")


if __name__ == "__main__":
    main()
