"""Benchmark of the estate register: bulk unit generation and owner look-ups.

Usage: .venv/bin/python bench/bench_estate.py [--config .local/odoo.conf] [--db property_test]
       [--units 10000]

Runs inside one transaction on an existing database with property_base installed (bin/test
makes ``property_test``, bin/run makes ``property``) and rolls everything back at the end, so
the database is left as it was. Prints wall-clock times and SQL query counts.
"""

import argparse
import time
from pathlib import Path

import odoo
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
    parser.add_argument("--units", type=int, default=10000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    with Registry(args.db).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        project = env["property.project"].create({"name": "Bench", "code": "BENCH"})
        building = env["property.building"].create({"name": "B", "project_id": project.id})
        floors = max(args.units // 10, 1)
        numbers = [(f, f"{f:03d}{u:02d}") for f in range(1, floors + 1) for u in range(1, 11)]
        units = measure(
            env,
            f"generate {len(numbers):,} units (one create)",
            lambda: building.generate_units(numbers, 88.0),
        )
        partners = env["res.partner"].create([{"name": f"业主{i}"} for i in range(1000)])
        measure(
            env,
            "register 1,000 owners (one create)",
            lambda: env["property.occupancy"].create(
                [
                    {
                        "unit_id": u.id,
                        "partner_id": p.id,
                        "role": "owner",
                        "date_from": "2020-01-01",
                    }
                    for u, p in zip(units[:1000], partners, strict=True)
                ]
            ),
        )
        measure(
            env,
            "search units by owner name",
            lambda: env["property.unit"].search([("owner_ids.name", "ilike", "业主99")]),
        )
        measure(
            env,
            "project unit count and area",
            lambda: project.read(["unit_count", "unit_area"]),
        )
        cr.rollback()
        print("rolled back: the database is unchanged")


if __name__ == "__main__":
    main()
