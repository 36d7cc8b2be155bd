"""What the bench scripts share (run as ``python bench/<script>.py``, which puts ``bench/``
first on the import path)."""

import time
from contextlib import closing

import odoo
from odoo.tools import SQL


def measure(env, label, func):
    """Run ``func`` once from a flushed, empty cache, flush what it wrote, print its time and
    number of SQL queries; return ``(seconds, queries, result)``."""
    env.flush_all()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    count = env.cr.sql_log_count - queries
    print(f"{label:<58} {elapsed:9.3f} s {count:9d} queries")
    return elapsed, count, result


def best_of(repeat, env, label, func):
    """``measure`` ``repeat`` times; the best run."""
    runs = [measure(env, f"{label} (run {i + 1})", func) for i in range(repeat)]
    return min(runs, key=lambda run: run[0])


def scratch_copy(source, scratch):
    """``scratch``: a fresh copy of ``source`` (PostgreSQL's template copy, in seconds)."""
    db = odoo.sql_db.db_connect("postgres")
    with closing(db.cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(scratch)))
        cr.execute(
            SQL("CREATE DATABASE %s TEMPLATE %s", SQL.identifier(scratch), SQL.identifier(source))
        )


def drop(scratch):
    odoo.sql_db.close_db(scratch)
    db = odoo.sql_db.db_connect("postgres")
    with closing(db.cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(scratch)))


def vacuum(dbname, tables):
    """VACUUM ANALYZE ``tables``, as autovacuum does on a real database after a bulk load."""
    with closing(odoo.sql_db.db_connect(dbname).cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("VACUUM ANALYZE %s", SQL(", ").join(map(SQL.identifier, tables))))
