#!/usr/bin/env python3
"""Benchmark of the IT regulation's batch flows (IT-4, IT-5) on 5,000 computers.

Usage (from the repository root)::

    .venv/bin/python bench/property_it_bench.py [--config .local/odoo.conf] --db DB
        [--computers 5000]

On a database where ``property_it`` is installed, in one transaction that is rolled back at
the end (nothing is kept):

1. creates a tenth of ``--computers`` computers in one ``create()``, half of them with an
   expired antivirus and a tenth not monitoring, and runs the antivirus cron (IT-4) over them;
2. does the same with ``--computers`` computers; each time it prints the time, the number of
   SQL queries and the requests opened, then runs the cron again (idempotence: none opened);
3. completes approved software requests (IT-5) for a tenth, then for all the computers (half
   installs, half uninstalls of registered software) and prints time and queries of the
   register update.

The queries do not grow per computer: what grows is Odoo's batching (prefetch, inserts).
The tests pin the counts at small sizes.
"""

import argparse
import time

import odoo
import odoo.sql_db
from odoo.modules.registry import Registry
from odoo.tools import config


def counted(env, func):
    env.invalidate_all()
    before = odoo.sql_db.sql_counter
    start = time.perf_counter()
    func()
    env.flush_all()
    return time.perf_counter() - start, odoo.sql_db.sql_counter - before


def make_computers(env, count, tag):
    category = env.ref("property_it.equipment_category_computer")
    return env["maintenance.equipment"].create(
        [
            {
                "name": f"BENCH-{tag}-{index:05d}",
                "category_id": category.id,
                "it_antivirus_product": "360",
                "it_antivirus_expiry": "2020-01-01" if index % 2 else "2099-01-01",
                "it_antivirus_monitoring": index % 10 != 0,
            }
            for index in range(count)
        ]
    )


def bench_antivirus(env, count):
    Request = env["property.it.request"]
    # the database's own problems first, so that the figures are the benchmark's
    Request._cron_antivirus()
    for label, size in (("a tenth", count // 10), ("all", count)):
        start = time.perf_counter()
        computers = make_computers(env, size, f"V{size}")
        env.flush_all()
        print(f"{size} computers created in {time.perf_counter() - start:.2f} s")
        before = Request.search_count([("request_type", "=", "antivirus")])
        seconds, queries = counted(env, Request._cron_antivirus)
        opened = Request.search_count([("request_type", "=", "antivirus")]) - before
        print(
            f"antivirus cron, {label} ({size} computers): {seconds:.2f} s, "
            f"{queries} queries, {opened} requests opened"
        )
        seconds, queries = counted(env, Request._cron_antivirus)
        again = Request.search_count([("request_type", "=", "antivirus")]) - before - opened
        print(f"  again (idempotent): {seconds:.2f} s, {queries} queries, {again} opened")
        # healthy again, so that the next round counts only its own computers
        computers.write({"it_antivirus_expiry": "2099-01-01", "it_antivirus_monitoring": True})


def bench_register(env, computers):
    Software = env["property.it.software"]
    engine = env["property.it.request"].with_context(property_approval_engine=True)
    user = env.ref("base.user_admin")
    for label, batch in (("a tenth", computers[: len(computers) // 10]), ("all", computers)):
        half = len(batch) // 2
        Software.create([{"computer_id": c.id, "name": "旧版软件"} for c in batch[half:]])
        requests = engine.create(
            [
                {
                    "request_type": "software",
                    "state": "approved",
                    "user_id": user.id,
                    "computer_id": computer.id,
                    "software_operation": "install" if index < half else "uninstall",
                    "software_name": "钉钉" if index < half else "旧版软件",
                }
                for index, computer in enumerate(batch)
            ]
        )
        seconds, queries = counted(env, requests.with_user(user).action_done)
        print(
            f"software register update, {label} ({len(requests)} requests): "
            f"{seconds:.2f} s, {queries} queries"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default=".local/odoo.conf")
    parser.add_argument("--db", required=True)
    parser.add_argument("--computers", type=int, default=5000)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"])
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        bench_antivirus(env, args.computers)
        bench_register(env, make_computers(env, args.computers, "R"))
        cr.rollback()
    print("rolled back: nothing kept")


if __name__ == "__main__":
    main()
