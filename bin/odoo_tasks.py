"""Small tasks on an Odoo database, run by bin/run and bin/test inside the project's venv.

Usage: python bin/odoo_tasks.py CONFIG DB TASK [ARGS...]
  missing MODULE[,MODULE...]  print the modules that are not installed (comma separated)
  is-odoo                     exit 0 when DB is an Odoo database, 3 when it is not
  chinese                     make Simplified Chinese the language of the admin and demo users
  load-language LANG          load LANG's translations of every installed module
  company-country CODE        put the main company in country CODE with its currency (before
                              Accounting is installed, so that Odoo picks that country's chart)
"""

import sys

import odoo
from odoo.api import SUPERUSER_ID, Environment
from odoo.modules.registry import Registry


def _cursor(db):
    return odoo.sql_db.db_connect(db).cursor()


def is_odoo(db):
    with _cursor(db) as cr:
        cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
        return cr.fetchone()[0]


def missing(db, modules):
    with _cursor(db) as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'",
            (modules,),
        )
        installed = {name for (name,) in cr.fetchall()}
    return [m for m in modules if m not in installed]


def chinese(db):
    with Registry(db).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        users = env.ref("base.user_admin") | (env.ref("base.user_demo", False) or env["res.users"])
        users.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})


def load_language(db, lang):
    with Registry(db).cursor() as cr:
        odoo.tools.translate.load_language(cr, lang)


def company_country(db, code):
    """What Odoo's database manager does for a database created for a country."""
    with Registry(db).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        country = env["res.country"].search([("code", "=", code.upper())])
        if not country:
            raise SystemExit(f"no country with code {code}")
        country.currency_id.active = True
        env.ref("base.main_company").write(
            {"country_id": country.id, "currency_id": country.currency_id.id}
        )


def main(argv):
    config, db, task, *args = argv
    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
    odoo.netsvc.init_logger()
    if task == "is-odoo":
        return 0 if is_odoo(db) else 3
    if task == "missing":
        print(",".join(missing(db, args[0].split(","))))
        return 0
    if task == "load-language":
        load_language(db, args[0])
        return 0
    if task == "company-country":
        company_country(db, args[0])
        return 0
    if task == "chinese":
        chinese(db)
        return 0
    raise SystemExit(f"unknown task {task}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
