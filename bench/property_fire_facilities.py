"""Benchmark of fire facilities: 20,000 facilities and the daily expiry check.

Usage: .venv/bin/python bench/property_fire_facilities.py [--config .local/odoo.conf]
       [--db property_test] [--facilities 20000]

Runs inside one transaction on an existing database with property_fire installed and rolls
everything back at the end, so the database is left as it was. Prints wall-clock times and SQL
query counts: the expiry check's count does not grow with the number of facilities (the test
``test_expiry_cron_query_count_independent_of_n`` pins it).
"""

import argparse
import time
from datetime import timedelta
from pathlib import Path

import odoo
from odoo import fields
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry

ROOT = Path(__file__).resolve().parent.parent


def measure(env, label, func):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    print(f"{label:<52} {elapsed * 1000:10.1f} ms {env.cr.sql_log_count - queries:8d} queries")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--db", default="property_test")
    parser.add_argument("--facilities", type=int, default=20000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    with Registry(args.db).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        Equipment = env["maintenance.equipment"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        today = fields.Date.context_today(Equipment)
        project = env["property.project"].create({"name": "Bench", "code": "BENCH-FIRE"})
        project.manager_id = env.ref("base.user_admin")
        category = env.ref("property_fire.equipment_category_fire")
        Equipment._cron_fire_expiry()  # the database's own facilities first
        for n in (args.facilities // 10, args.facilities):
            # a third expired, a third expiring, a third valid
            offsets = (-10, 10, 400)
            measure(
                env,
                f"create {n:,} facilities (one create)",
                lambda n=n, offsets=offsets: Equipment.create(
                    [
                        {
                            "name": f"灭火器{i}",
                            "category_id": category.id,
                            "fire_type": "extinguisher",
                            "fire_project_id": project.id,
                            "fire_expiry_date": today + timedelta(days=offsets[i % 3]),
                        }
                        for i in range(n)
                    ]
                ),
            )
            measure(env, f"expiry check, {n:,} new facilities", Equipment._cron_fire_expiry)
            measure(env, "expiry check again (nothing to change)", Equipment._cron_fire_expiry)
        cr.rollback()


if __name__ == "__main__":
    main()
