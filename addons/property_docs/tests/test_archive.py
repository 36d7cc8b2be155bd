from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestArchiveIndex(DocsCommon):
    """DOC-3: archive index number category-cabinet.sequence-box, validated and unique; the
    catalog QR-WD01-02-02 and the cabinet labels with their index range print."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Cabinet = cls.env["property.doc.cabinet"].with_user(cls.clerk)
        cls.cabinet = Cabinet.create({"number": 3, "sequence_number": 1, "location": "档案室"})
        cls.box = (
            cls.env["property.doc.box"]
            .with_user(cls.clerk)
            .create({"cabinet_id": cls.cabinet.id, "number": 5})
        )
        cls.box_2 = (
            cls.env["property.doc.box"]
            .with_user(cls.clerk)
            .create({"cabinet_id": cls.cabinet.id, "number": 12})
        )

    def _entry(self, **vals):
        return (
            self.env["property.doc.archive"]
            .with_user(self.clerk)
            .create({"name": "内行文", "category": "1", "box_id": self.box.id, **vals})
        )

    def test_index_number(self):
        entry = self._entry()
        self.assertEqual(entry.index_number, "1-3.1-05")
        self._assert_duplicate_refused(self._entry)
        with self.assertRaisesText(ValidationError, "pattern"):
            self._entry(box_id=self.box_2.id, index_number="1-3-12")
        with self.assertRaisesText(ValidationError, "does not match"):
            self._entry(box_id=self.box_2.id, index_number="2-3.1-12")
        other = self._entry(box_id=self.box_2.id, category="b")
        self.assertEqual(other.index_number, "b-3.1-12")
        self.assertEqual(self.cabinet.index_range, "1-3.1-05 ~ b-3.1-12")

    def _assert_duplicate_refused(self, func):
        """``func`` gives an index number twice: refused by the database's unique index, with
        the translated message the user reads."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as catcher,
            self.env.cr.savepoint(),
        ):
            func()
            self.env.flush_all()
        error = catcher.exception
        self.assertEqual(error.diag.constraint_name, "property_doc_archive_index_number_unique")
        message = str(_as_validation_error(self.env, error))
        self.assertIn("This index number is already in the archive catalog", message)
        if self.env["res.lang"]._lang_get("zh_CN"):
            chinese = str(_as_validation_error(self.env(context={"lang": "zh_CN"}), error))
            self.assertNotIn("archive catalog", chinese)

    def test_index_number_unique_in_the_database(self):
        """Unique in the database, whoever writes: a raw copy of the row (as a concurrent
        transaction the ORM cannot see) and a move to a box that holds the number; another
        company numbers its own archive."""
        entry = self._entry()
        query = SQL(
            "INSERT INTO property_doc_archive (name, category, box_id, cabinet_id, index_number, "
            "copies, date, company_id) SELECT name, category, box_id, cabinet_id, index_number, "
            "copies, date, company_id FROM property_doc_archive WHERE id = %s",
            entry.id,
        )
        self._assert_duplicate_refused(lambda: self.env.cr.execute(query))
        other = self._entry(box_id=self.box_2.id)
        self._assert_duplicate_refused(lambda: other.write({"box_id": self.box.id}))
        company_b = self.company_b
        cabinet_b = self.env["property.doc.cabinet"].create(
            {"number": 3, "sequence_number": 1, "location": "档案室", "company_id": company_b.id}
        )
        box_b = self.env["property.doc.box"].create({"cabinet_id": cabinet_b.id, "number": 5})
        entry_b = self.env["property.doc.archive"].create(
            {"name": "内行文", "category": "1", "box_id": box_b.id, "company_id": company_b.id}
        )
        self.assertEqual(entry_b.index_number, entry.index_number)

    def test_catalog_and_label_print(self):
        entry = self._entry(copies=2, content_note="原件")
        Report = self.env["ir.actions.report"].with_context(lang="zh_CN")
        html = Report._render_qweb_html("property_docs.action_report_doc_archive", entry.ids)[0]
        self.assertIn(b"QR-WD01-02-02", html)
        self.assertIn(b"1-3.1-05", html)
        label = Report._render_qweb_html(
            "property_docs.action_report_doc_cabinet_label", self.cabinet.ids
        )[0]
        self.assertIn(b"1-3.1-05", label)
