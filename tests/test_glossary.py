"""Every module's zh_CN.po speaks one Chinese: the glossary's terms and full-width punctuation.

Issue 14, ``shared/spec/GLOSSARY.md``. Pure file checks (no Odoo): each ``addons/*/i18n/zh_CN.po``
is read with polib. Only translated, non-obsolete entries are checked; a msgid that is itself
Chinese (demo data) is checked as its own translation.

**Punctuation rule.** In the text a reader sees, a half-width ``, : ; ( ) ?`` must not stand
directly after or directly before a Chinese character (a CJK ideograph, or a CJK/full-width
punctuation mark such as ``，`` or ``）``). The text a reader sees is the msgstr with

* markup tags removed (``处理人:</strong>`` reads ``处理人:``), but the values of the
  attributes a reader sees (``alt``, ``title``, ``placeholder``, ``aria-label``) kept as text;
* placeholders replaced by a neutral mark, so that a character touching a placeholder counts
  as touching neither Chinese nor ASCII: ``%(name)s``, ``%s``/``%d``, ``{{ expr }}``,
  ``{name}``/``{floor:02d}``, ``${expr}``. The brackets of ``%(name)s`` are therefore never
  punctuation, and ``%(a)s:%(b)s`` is not judged.

Half-width punctuation between ASCII characters stays (``0755-86001234``, ``12:30``,
``e.g.``, ``[('amount', '>', 10000)]``, URLs), and so does one after a space (``中文 (x)`` is
flagged only by its ``)`` when that touches Chinese).

**Glossary rule.** ``tests/glossary.json`` lists each English term with its forms, the Chinese a
translation must contain and the Chinese it must not contain. A term applies to an entry when

* ``match: exact`` — the whole msgid (markup and placeholders removed, case-insensitive, a final
  ``:``/``.``/``…``/``?`` ignored) is one of the forms: for short words that are also verbs or
  adjectives elsewhere (``Done``, ``Call``, ``Month``);
* ``match: word`` — a form appears in the msgid as a whole word (not inside a longer word or a
  hyphenated compound; case-insensitive; spaces match any whitespace).

Forms are matched longest first, and a matched span is masked before shorter forms are tried, so
``Average Rating`` is held to 平均评分 and not also to the 评价 of ``Rating``. A term may be
limited to some modules (``inspection`` means 消防安全检查 in property_fire only).
"""

import json
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent
ADDONS = ROOT.parent / "addons"
PO_FILES = sorted(ADDONS.glob("*/i18n/zh_CN.po"))
GLOSSARY = json.loads((ROOT / "glossary.json").read_text(encoding="utf-8"))["terms"]

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
HALF_WIDTH = ",:;()?"
NEUTRAL = "\x00"
PLACEHOLDER = re.compile(
    r"%\([^)\s]+\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %(name)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]"  # %s %d %%
    r"|\{\{.*?\}\}|#\{.*?\}|\$\{.*?\}"  # {{ expr }}  #{expr}  ${expr}
    r"|\{[A-Za-z_][\w.]*(?::[^{}]*)?\}|\{\d*\}",  # {floor} {floor:02d} {0} {}
    re.S,
)
TAG = re.compile(r"<[^<>]*>", re.S)
SEEN_ATTRIBUTE = re.compile(r"""\b(?:alt|title|placeholder|aria-label)\s*=\s*(["'])(.*?)\1""", re.S)
PUNCTUATION = re.compile(
    rf"(?<=[{CJK}])[{re.escape(HALF_WIDTH)}]|[{re.escape(HALF_WIDTH)}](?=[{CJK}])"
)


def reader_text(text):
    """The text a reader sees: tags dropped (their visible attributes kept on their own line),
    placeholders turned into a neutral mark."""
    attributes = [value for tag in TAG.findall(text) for _q, value in SEEN_ATTRIBUTE.findall(tag)]
    text = "\n".join([TAG.sub("", text), *attributes])
    return PLACEHOLDER.sub(NEUTRAL, text)


def punctuation_errors(msgstr):
    """The half-width marks touching Chinese, each shown with its neighbours."""
    text = reader_text(msgstr)
    return [text[max(m.start() - 6, 0) : m.end() + 6].strip() for m in PUNCTUATION.finditer(text)]


def _pattern(form):
    words = r"\s+".join(re.escape(word) for word in form.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


FORMS = sorted(
    ((form, term) for term in GLOSSARY for form in term["en"]),
    key=lambda item: -len(item[0]),
)


def glossary_terms(msgid, module):
    """The glossary terms that apply to this msgid (see the module docstring)."""
    text = re.sub(r"\s+", " ", reader_text(msgid).replace(NEUTRAL, " ")).strip()
    exact = text.rstrip(":.…?").strip().lower()
    found = []
    for form, term in FORMS:
        if module not in term.get("modules", [module]) or term in found:
            continue
        if term["match"] == "exact":
            if exact == form:
                found.append(term)
            continue
        pattern = _pattern(form)
        if pattern.search(text):
            found.append(term)
            text = pattern.sub(lambda m: NEUTRAL * len(m.group()), text)
    return found


def glossary_errors(msgid, msgstr, module):
    """One line per glossary term that this translation does not follow."""
    errors = []
    for term in glossary_terms(msgid, module):
        if not any(zh in msgstr for zh in term["zh"]):
            errors.append(f"{term['en'][0]!r} must read {'/'.join(term['zh'])}")
        errors += [
            f"{term['en'][0]!r} must not read {bad}" for bad in term.get("not", []) if bad in msgstr
        ]
    return errors


def _shown_text(entry):
    if entry.obsolete:
        return None
    if entry.msgstr:
        return entry.msgstr
    return entry.msgid if re.search(f"[{CJK}]", entry.msgid) else None


def po_errors(po, module):
    """Every punctuation and glossary error of one .po file: (msgid, line, error) triples."""
    errors = []
    for entry in po:
        shown = _shown_text(entry)
        if shown is None:
            continue
        found = [f"half-width in {bad!r}" for bad in punctuation_errors(shown)]
        if entry.msgstr:
            found += glossary_errors(entry.msgid, entry.msgstr, module)
        errors += [(entry.msgid, entry.linenum, error) for error in found]
    return errors


def test_every_module_has_a_zh_cn_po():
    assert {p.parent.parent.name for p in PO_FILES} == {
        p.parent.name for p in ADDONS.glob("*/__manifest__.py")
    }


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_zh_cn_follows_the_glossary_and_punctuation(path):
    module = path.parent.parent.name
    errors = po_errors(polib.pofile(str(path)), module)
    report = [
        f"{module}/i18n/zh_CN.po:{line} {msgid[:60]!r}: {error}" for msgid, line, error in errors
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(report)


# The checks checked: a small .po with wrong entries is caught, and correct ones pass.

FIXTURE = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Occupancies"
msgstr "入住记录"

msgid "Average Rating"
msgstr "平均评分"

msgid "Ratings"
msgstr "点评"

msgid "Done"
msgstr "完成"

msgid "Mark Done"
msgstr "标记为完成"

msgid "Team %(team)s has no manager (%(count)s tickets)."
msgstr "班组 %(team)s 没有主管（%(count)s 张工单）。"

msgid "<strong>Handled by:</strong>"
msgstr "<strong>处理人:</strong>"

msgid "Prepared by: %(name)s, %(date)s"
msgstr "编制人：%(name)s,%(date)s"

msgid "'%s - %s' % (object.code, object.name)"
msgstr "'%s - %s' % (object.code, object.name)"

msgid "Call 0755-86001234 (9:00-18:00)?"
msgstr "请拨打 0755-86001234（9:00-18:00）(周一至周五)，好吗?"

msgid "<img alt=\"Satisfied\" title=\"Satisfied\"/>"
msgstr "<img alt=\"满意:\" title=\"满意\"/>"

msgid "Escalate to Manager"
msgstr "升级给主管"

msgid "Teamwork"
msgstr "团队协作"
"""


def test_the_checks_catch_wrong_entries_and_pass_right_ones():
    errors = po_errors(polib.pofile(FIXTURE), "property_service")
    by_msgid = {}
    for msgid, _line, error in errors:
        by_msgid.setdefault(msgid, []).append(error)
    assert set(by_msgid) == {
        "Occupancies",  # 入住记录 instead of 房屋关系
        "Ratings",  # 点评 instead of 评价
        "Done",  # 完成 instead of 已完成
        "<strong>Handled by:</strong>",  # 处理人: across the closing tag
        "Call 0755-86001234 (9:00-18:00)?",  # (周一至周五)? but not 9:00-18:00
        '<img alt="Satisfied" title="Satisfied"/>',  # a visible attribute
        "Escalate to Manager",  # 升级给 instead of 上报
    }, errors
    assert len(by_msgid["Occupancies"]) == 2  # missing 房屋关系, and forbidden 入住记录
    assert len(by_msgid["Call 0755-86001234 (9:00-18:00)?"]) == 3  # ( ) ? touching Chinese


def test_placeholders_are_not_punctuation():
    assert not punctuation_errors("%(name)s 于 %(date)s 起：%(a)s,%(b)s（%(count)s）")
    assert not punctuation_errors("{{ object.name }}:{{ object.partner_id.name }}")
    assert not punctuation_errors("{floor:02d}{unit:02d} 生成 0101、0102")
    assert punctuation_errors("%(team)s:他们") == ["\x00:他们"]
