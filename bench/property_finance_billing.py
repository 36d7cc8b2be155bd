"""Benchmark of the monthly billing run (FIN-7): one billing run of N units against one raw
``account.move.create(vals_list)`` + post of the same invoices.

Usage: .venv/bin/python bench/property_finance_billing.py [--config .local/odoo.conf]
       [--db property_test] [--units 10000]

Runs inside one transaction on an existing database with property_finance installed and rolls
everything back at the end, so the database is left as it was. Makes a project of N units, each
with its owner, and an approved area-based fee standard (6 % VAT on its product); then, in the
same transaction:

1. the billing run of a month (plan, invoices created and posted, prepayments, skipped units);
2. the invoice values of the same plan for another month, created with one
   ``account.move.create(vals_list)`` and posted with one ``_post()``: Odoo's own cost;

and prints both times, query counts and the ratio (goal: within 2×). Prints wall-clock times
and SQL query counts.
"""

import argparse
from pathlib import Path

from benchlib import measure

import odoo
from odoo import Command
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry

ROOT = Path(__file__).resolve().parent.parent


def setup(env, size):
    company = env.ref("base.main_company")
    project = env["property.project"].create(
        {"name": "计费压测", "code": "BENCH-FIN", "company_id": company.id}
    )
    building = env["property.building"].create(
        {"name": "压测楼", "project_id": project.id, "floor_count": 99}
    )
    units = env["property.unit"].create(
        [{"name": f"{i:05d}", "building_id": building.id, "area": 90.0} for i in range(size)]
    )
    owners = env["res.partner"].create([{"name": f"压测业主{i}"} for i in range(size)])
    env["property.occupancy"].create(
        [
            {"unit_id": u.id, "partner_id": o.id, "date_from": "2020-01-01"}
            for u, o in zip(units, owners, strict=True)
        ]
    )
    tax = env["account.tax"].create(
        {"name": "压测 6%", "amount": 6.0, "type_tax_use": "sale", "company_id": company.id}
    )
    product = env["product.product"].create(
        {"name": "压测物业费", "type": "service", "taxes_id": [Command.set(tax.ids)]}
    )
    item = env["property.fee.item"].create(
        {"name": "压测物业费", "method": "area", "product_id": product.id}
    )
    standard = env["property.fee.standard"].create(
        {
            "name": "压测标准",
            "fee_item_id": item.id,
            "price": 2.5,
            "date_from": "2020-01-01",
            "project_ids": [Command.set(project.ids)],
        }
    )
    # approved as the engine does at the end of the approval (the route is not the point)
    standard.with_context(property_approval_engine=True)._protected_write({"state": "approved"})
    env["property.fee.standard"].search(
        [("id", "!=", standard.id), ("state", "=", "approved")]
    )._protected_write({"state": "superseded"})
    return project


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--db", default="property_test")
    parser.add_argument("--units", type=int, default=10000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    with Registry(args.db).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
        accountant = env.ref("property_finance.user_accountant", raise_if_not_found=False)
        print(f"setting up {args.units} units with owners ...")
        project = setup(env, args.units)
        if accountant:
            env = env(user=accountant.id, su=True)
        Run = env["property.billing.run"]
        run = Run.create({"project_id": project.id, "period_start": "2030-01-01"})
        t_run, q_run, moves = measure(
            env, f"billing run, {args.units} units", lambda: run._do_run()
        )
        other = Run.create({"project_id": project.id, "period_start": "2030-02-01"})
        plan = other._compute_plan()
        vals_list, _skips = other._prepare_moves(plan, set())
        for vals in vals_list:
            vals.pop("property_billing_run_id")

        def raw():
            created = env["account.move"].create(vals_list)
            created._post(soft=False)
            return created

        t_raw, q_raw, raw_moves = measure(
            env, f"raw account.move.create + _post, {len(vals_list)} invoices", raw
        )
        print(f"bills: {len(moves)} by the run, {len(raw_moves)} raw")
        print(f"ratio run / raw: time {t_run / t_raw:.2f}×, queries {q_run / max(q_raw, 1):.2f}×")
        cr.rollback()
        print("rolled back: the database is unchanged")


if __name__ == "__main__":
    main()
