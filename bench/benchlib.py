"""What the bench scripts share (run as ``python bench/<script>.py``, which puts ``bench/``
first on the import path)."""

import time


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
