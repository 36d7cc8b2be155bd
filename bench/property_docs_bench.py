#!/usr/bin/env python3
"""Benchmark of the document list under the confidentiality rules (DOC-4, issue 12).

Usage (from the repository root)::

    .venv/bin/python bench/property_docs_bench.py [--config .local/odoo.conf]
        [--template property_test] [--documents 100000] [--keep]

Copies ``--template`` (a database with property_docs and its demo users installed: bin/test
makes ``property_test``) into its own database ``property_bench_docs``, adds ``--documents``
documents there (in one SQL insert: the figures are those of reading, not of creating), spread
over the departments, the three confidentiality levels and the kinds, with some copies
distributed to and some documents lent to the department user, then measures as the department
user (``eng_staff``: the record rules of 5.4.2/5.6.4 apply: own department's B and C, own
drafts, copies received, documents lent) and as the office director (``office``: reads all):

* the count of the list (``search_count``),
* the first page of the list view (``web_search_read``, 80 rows, the list's fields),
* the list grouped by confidentiality (``read_group``),
* a search by title on the list (``name ilike``).

Each figure is the best of three runs after a first one (caches warm), with its number of SQL
queries. The database is dropped at the end unless ``--keep``.
"""

import argparse
import time
from pathlib import Path

import psycopg2
from psycopg2 import sql

import odoo
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "property_bench_docs"
LIST_SPEC = {
    fname: {}
    for fname in (
        "code",
        "name",
        "version",
        "kind",
        "confidentiality",
        "effective_date",
        "state",
    )
} | {"department_id": {"fields": {"display_name": {}}}}


def admin_connection():
    cfg = odoo.tools.config
    conn = psycopg2.connect(
        dbname="postgres",
        host=cfg["db_host"] or None,
        port=cfg["db_port"] or None,
        user=cfg["db_user"] or None,
        password=cfg["db_password"] or None,
    )
    conn.autocommit = True
    return conn


def admin_execute(*queries):
    # not in ``with conn``: psycopg2 opens a transaction there, where DROP DATABASE fails
    conn = admin_connection()
    try:
        with conn.cursor() as cr:
            for query in queries:
                cr.execute(query)
    finally:
        conn.close()


def copy_database(template):
    admin_execute(
        sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(BENCH_DB)),
        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(BENCH_DB), sql.Identifier(template)
        ),
    )


def drop_database():
    odoo.sql_db.close_db(BENCH_DB)
    Registry.delete(BENCH_DB)
    admin_execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(BENCH_DB)))


def add_documents(env, count, staff):
    """``count`` documents in one INSERT: a fifth of them in the staff's department, the rest
    spread over the other departments; confidentiality A/B/C in turn; nine in ten effective."""
    company = env.ref("base.main_company")
    own = staff.employee_ids.department_id[:1]
    others = env["hr.department"].search([("company_id", "=", company.id), ("id", "!=", own.id)])
    env.cr.execute(
        """
        INSERT INTO property_doc_document
            (name, code, kind, control, department_id, confidentiality, version, company_id,
             state, effective_date, owner_borrowable, is_posted, user_id,
             create_uid, write_uid, create_date, write_date)
        SELECT '基准文件' || n,
               'BENCH-' || lpad(n::text, 6, '0'),
               (ARRAY['a','b','c','d','e','f'])[1 + n %% 6],
               'controlled',
               CASE WHEN n %% 5 = 0 THEN %(own)s
                    ELSE (%(others)s::int[])[1 + n %% cardinality(%(others)s::int[])] END,
               (ARRAY['a','b','c'])[1 + n %% 3],
               1,
               %(company)s,
               CASE WHEN n %% 10 = 0 THEN 'draft' ELSE 'effective' END,
               CASE WHEN n %% 10 = 0 THEN NULL ELSE now()::date END,
               n %% 6 = 1 AND n %% 3 != 0,
               false,
               %(admin)s, %(admin)s, %(admin)s, now(), now()
          FROM generate_series(1, %(count)s) AS n
        RETURNING id
        """,
        {
            "own": own.id,
            "others": others.ids,
            "company": company.id,
            "admin": SUPERUSER_ID,
            "count": count,
        },
    )
    ids = [row[0] for row in env.cr.fetchall()]
    # 1,000 copies distributed to the staff, 500 documents lent to them, 5,000 to others
    other_user = env.ref("base.user_admin")
    env.cr.execute(
        """
        INSERT INTO property_doc_distribution
            (document_id, department_id, recipient_user_id, quantity, user_id, company_id,
             state, date, create_uid, write_uid, create_date, write_date)
        SELECT d, %(own)s, CASE WHEN i <= 1000 THEN %(staff)s ELSE %(other)s END, 1,
               %(admin)s, %(company)s, 'distributed', now()::date,
               %(admin)s, %(admin)s, now(), now()
          FROM unnest(%(docs)s::int[]) WITH ORDINALITY AS t(d, i)
        """,
        {
            "own": own.id,
            "staff": staff.id,
            "other": other_user.id,
            "admin": SUPERUSER_ID,
            "company": company.id,
            "docs": ids[7::17][:6000],
        },
    )
    env.cr.execute(
        """
        INSERT INTO property_doc_borrow
            (name, document_id, company_id, borrower_type, borrower_user_id, purpose, state,
             date_request, date_due, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH-JY-' || i, d, %(company)s, 'staff', %(staff)s, '查阅', 'lent',
               now()::date, now()::date + 7, %(admin)s, %(admin)s, now(), now()
          FROM unnest(%(docs)s::int[]) WITH ORDINALITY AS t(d, i)
        """,
        {
            "staff": staff.id,
            "admin": SUPERUSER_ID,
            "company": company.id,
            "docs": ids[11::97][:500],
        },
    )
    env.cr.execute("ANALYZE property_doc_document")
    env.cr.execute("ANALYZE property_doc_distribution")
    env.cr.execute("ANALYZE property_doc_borrow")
    return len(ids)


def measure(env, label, func, runs=3):
    func()  # caches warm (record rules, views)
    best, queries, result = None, None, None
    for _run in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best:
            best, queries = elapsed, env.cr.sql_log_count - before
    print(f"  {label:<44} {best * 1000:9.1f} ms {queries:6d} queries  -> {result}")
    return result


def bench_user(env, user):
    user_env = env(user=user.id, su=False, context={"lang": user.lang or "en_US"})
    Document = user_env["property.doc.document"]
    print(f"{user.login} ({user.name}):")
    measure(user_env, "list count (search_count)", lambda: Document.search_count([]))
    measure(
        user_env,
        "list first page (web_search_read, 80)",
        lambda: len(Document.web_search_read([], LIST_SPEC, limit=80)["records"]),
    )
    measure(
        user_env,
        "grouped by confidentiality (read_group)",
        lambda: dict(Document._read_group([], ["confidentiality"], ["__count"])),
    )
    measure(
        user_env,
        "search by title (name ilike, 80)",
        lambda: len(Document.search([("name", "ilike", "基准文件12")], limit=80)),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(ROOT / ".local" / "odoo.conf"))
    parser.add_argument("--template", default="property_test")
    parser.add_argument("--documents", type=int, default=100000)
    parser.add_argument("--keep", action="store_true", help="keep property_bench_docs")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    start = time.perf_counter()
    copy_database(args.template)
    print(f"{BENCH_DB} copied from {args.template} in {time.perf_counter() - start:.1f} s")
    try:
        with Registry(BENCH_DB).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {})
            staff = env.ref("property_docs.user_engineering_staff")
            director = env.ref("property_base.user_office_director")
            start = time.perf_counter()
            added = add_documents(env, args.documents, staff)
            cr.commit()
            total = env["property.doc.document"].search_count([])
            print(
                f"{added:,} documents added in {time.perf_counter() - start:.1f} s "
                f"({total:,} in the database)"
            )
            for user in (staff, director):
                bench_user(env, user)
    finally:
        if not args.keep:
            drop_database()
            print(f"{BENCH_DB} dropped")


if __name__ == "__main__":
    main()
