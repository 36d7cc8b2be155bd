from odoo.exceptions import ValidationError
from odoo.tests import tagged

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
        with self.assertRaisesText(ValidationError, "already in the archive catalog|unique"):
            self._entry()
        with self.assertRaisesText(ValidationError, "pattern"):
            self._entry(box_id=self.box_2.id, index_number="1-3-12")
        with self.assertRaisesText(ValidationError, "does not match"):
            self._entry(box_id=self.box_2.id, index_number="2-3.1-12")
        other = self._entry(box_id=self.box_2.id, category="b")
        self.assertEqual(other.index_number, "b-3.1-12")
        self.assertEqual(self.cabinet.index_range, "1-3.1-05 ~ b-3.1-12")

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
