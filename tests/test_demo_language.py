"""No English from our modules for a Chinese reader (issue 8 item 2).

Walks the chatter messages and activities of the records of our models and fails on a text
that our modules generated in English (a msgid of their zh_CN.po, left untranslated) when its
reader speaks Chinese. Who reads a text follows docs/ARCHITECTURE.md, "Language of generated
text": an activity is read by its assignee; a message was written in the language of its
author, or, written by OdooBot (an automatic action, a data file), of the record's company;
a notification to a user (an activity assigned) is read by its recipient.
"""

import re
from functools import cached_property

from odoo import SUPERUSER_ID
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext
from odoo.tools.translate import PoFileReader

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
# record terms (not code) count when they are long enough not to be a common word in a name
# or address: several words, or the name of a document type (ir.model)
MODEL_NAME = "ir.model,name"
SKIPPED_TERMS = ("ir.model.fields,", "ir.ui.view,", "ir.ui.menu,", "ir.actions.", "res.groups,")


def _is_english(text):
    return sum(ch.isascii() and ch.isalpha() for ch in text) >= 4


class EnglishTerms:
    """The untranslated English of our modules: code messages as patterns, record terms."""

    def __init__(self, modules, lang):
        self.patterns = {}
        for module in modules:
            path = get_module_path(module)
            try:
                entries = list(PoFileReader(f"{path}/i18n/{lang}.po")) if path else []
            except OSError:
                continue
            for entry in entries:
                self._add(entry)

    def _add(self, entry):
        src, value = entry["src"], entry["value"]
        if not value or value == src or src in self.patterns:
            return
        if entry["type"] == "code":
            literals = PLACEHOLDER.split(src)
            if not _is_english("".join(literals)):
                return
            regex = ".+?".join(re.escape(part) for part in literals)
        elif entry["type"] == "model" and not entry["name"].startswith(SKIPPED_TERMS):
            if entry["name"] != MODEL_NAME and len(src.split()) < 2:
                return
            regex = rf"(?<![A-Za-z]){re.escape(src)}(?![A-Za-z])"
        else:
            return
        self.patterns[src] = re.compile(regex, re.DOTALL)

    def find(self, text):
        """Return the English msgid found in ``text``, or None."""
        if not text or not _is_english(text):
            return None
        return next((src for src, regex in self.patterns.items() if regex.search(text)), None)


@tagged("post_install", "-at_install")
class TestDemoLanguage(TransactionCase):
    """Issue 8 item 2: messages and activity summaries of the demo records read in Chinese for
    the Chinese demo users; English from our modules is reported per record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.modules = (
            cls.env["ir.module.module"]
            .search([("name", "=like", "property\\_%"), ("state", "=", "installed")])
            .mapped("name")
        )
        data = cls.env["ir.model.data"].search(
            [("module", "in", cls.modules), ("model", "=", "ir.model")]
        )
        ours = cls.env["ir.model"].browse(data.mapped("res_id")).mapped("model")
        # the records our code writes to: of our models, and employees (training reminders;
        # the messages of Odoo's own demo employees are Odoo's)
        cls.models = {m for m in ours if m.startswith("property.")} | {"hr.employee"}
        cls.our_employee_ids = set(
            cls.env["ir.model.data"]
            .search([("module", "in", cls.modules), ("model", "=", "hr.employee")])
            .mapped("res_id")
        )

    @cached_property
    def english(self):
        return EnglishTerms(self.modules, "zh_CN")

    def _company_lang(self, record):
        company = record.company_id if "company_id" in record._fields else None
        return (company or self.env.company).partner_id.lang

    def _message_reader_lang(self, message, record):
        if message.message_type == "user_notification":
            # a notification to a user (e.g. "activity assigned to you") is Odoo's template
            # rendered in its recipient's language: its recipient reads it
            return message.partner_ids[:1].lang or self._company_lang(record)
        user = message.author_id.with_context(active_test=False).user_ids[:1]
        if user and user.id != SUPERUSER_ID:
            return user.lang
        return self._company_lang(record)

    def _texts(self):
        """Yield (where, reader's language, text) of every message and activity we check."""
        Message = self.env["mail.message"].with_context(active_test=False)
        for message in Message.search([("model", "in", list(self.models))]):
            record = self.env[message.model].browse(message.res_id).exists()
            if not record or (
                record._name == "hr.employee" and record.id not in self.our_employee_ids
            ):
                continue
            lang = self._message_reader_lang(message, record)
            where = f"message {message.id} on {message.model},{message.res_id}"
            for text in (message.subject, html2plaintext(message.body or "")):
                yield where, lang, text
        Activity = self.env["mail.activity"].with_context(active_test=False)
        for activity in Activity.search([("res_model", "in", list(self.models))]):
            where = f"activity {activity.id} on {activity.res_model},{activity.res_id}"
            for text in (activity.summary, html2plaintext(activity.note or "")):
                yield where, activity.user_id.lang, text

    def test_matcher_finds_our_english(self):
        """Positive control: the known English of issue 8 is found, its Chinese is not."""
        english = [
            "Submitted for approval (round 1, route Staff evaluation). "
            "Waiting for Department head: 孙丽.",
            "Approve: Department head",
            "Ticket escalated to 周慧: no response within the deadline",
            "Escalated: SVC-2026-00019",
            "Building 创建",
        ]
        for text in english:
            self.assertTrue(self.english.find(text), text)
        chinese = [
            "已提交审批（第 1 轮，审批流程“员工考核”）。等待“部门负责人”：孙丽。",
            "审批：部门负责人",
            "已升级：SVC-2026-00019",
            "楼栋 创建",
            "SVC-2026-00019",
        ]
        for text in chinese:
            self.assertIsNone(self.english.find(text), text)

    def test_demo_texts_for_chinese_readers_are_chinese(self):
        if not self.env.ref("property_base.user_general_manager", raise_if_not_found=False):
            self.skipTest("needs the demo data")
        checked, found = 0, []
        for where, lang, text in self._texts():
            if not (lang or "").startswith("zh_") or not text:
                continue
            checked += 1
            msgid = self.english.find(text)
            if msgid:
                found.append(f"{where} ({lang}): {text!r} holds {msgid!r}")
        # the demo requests are made by Chinese demo users: some texts are always checked
        self.assertGreater(checked, 0, "no text of the demo is read by a Chinese user")
        self.assertFalse(found, "English for Chinese readers:\n" + "\n".join(found))
