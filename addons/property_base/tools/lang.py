"""The language of generated text (docs/ARCHITECTURE.md, "Language of generated text").

- Text for one person (an activity's summary and note, a notification) is written in that
  person's language: ``records.with_context(lang=person_lang(user)).env._(...)``.
- A chatter note is written in the language of the person acting: the language of their
  request, else their own; an automatic action (a cron or data file running as OdooBot, with
  no language) writes in the language of the record's company.
"""

from odoo import SUPERUSER_ID


def _active(env, lang):
    """``lang`` if it is an active language (a deactivated one cannot translate), else English."""
    return lang if lang and env["res.lang"]._get_data(code=lang) else "en_US"


def person_lang(person):
    """Return the language of ``person`` (a user or a partner), English when unset."""
    return _active(person.env, person.lang)


def company_lang(company):
    """Return the language of ``company``: the language of its partner."""
    return _active(company.env, company.partner_id.lang)


def note_lang(record):
    """Return the language of a chatter note written now on ``record``."""
    env = record.env
    if env.context.get("lang"):
        return env.context["lang"]
    if env.uid != SUPERUSER_ID and env.user.lang:
        return person_lang(env.user)
    company = record.company_id if "company_id" in record._fields else None
    return company_lang((company or env.company).sudo())
