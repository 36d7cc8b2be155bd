from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestDocumentLifecycle(DocsCommon):
    """DOC-1, DOC-2, DOC-7: draft, review by the GM assistant, approval by the general manager,
    effective; controlled codes and uncontrolled numbering by category; a revision supersedes
    the previous version; only the effective version is printed or distributed."""

    def test_review_then_approval_then_effective(self):
        document = self._document(effective=False)
        document.with_user(self.user_department_head).action_approval_submit()
        self.assertEqual(document.state, "review")
        with self.assertRaisesText(UserError, "Only"):
            document.with_user(self.user_office_director).action_approval_approve()
        document.with_user(self.user_gm_assistant).action_approval_approve()
        self.assertEqual(document.state, "review")
        document.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual(document.state, "effective")
        self.assertEqual(document.effective_date, self.today)

    def test_codes(self):
        first = self._document(kind="3", effective=False)
        second = self._document(kind="3", effective=False)
        self.assertRegex(first.code, r"^3-\d{4}$")
        self.assertNotEqual(first.code, second.code)
        self.assertEqual(first.control, "uncontrolled")
        with self.assertRaisesText(ValidationError, "needs its own code"):
            self._document(kind="c", effective=False)
        controlled = self._document(kind="c", code="Q/T-QP-9.9.9", effective=False)
        self.assertEqual(controlled.control, "controlled")
        self.assertEqual(controlled.code, "Q/T-QP-9.9.9")

    def test_revision_supersedes_previous(self):
        document = self._document(kind="c", code="Q/T-QP-9.9.9")
        with self.assertRaisesText(UserError, "revise"):
            document.with_user(self.user_department_head).write({"name": "改名"})
        action = document.with_user(self.user_department_head).action_revise()
        revision = self.env["property.doc.document"].browse(action["res_id"])
        self.assertEqual(
            (revision.version, revision.code, revision.state), (2, document.code, "draft")
        )
        with self.assertRaises(UserError):
            document.with_user(self.user_department_head).action_revise()
        self.assertEqual(document.state, "effective")
        self._make_effective(revision)
        self.assertEqual(document.state, "obsolete")
        self.assertEqual(document.superseded_by_id, revision)
        self.assertEqual(revision.state, "effective")

    def test_only_effective_is_printed_or_distributed(self):
        draft = self._document(effective=False)
        Print = self.env["property.doc.print"].with_user(self.clerk)
        Distribution = self.env["property.doc.distribution"].with_user(self.clerk)
        with self.assertRaisesText(UserError, "only the effective version can be printed"):
            Print.create({"document_id": draft.id, "quantity": 2})
        with self.assertRaisesText(UserError, "only the effective version can be distributed"):
            Distribution.create(
                {
                    "document_id": draft.id,
                    "department_id": self.department.id,
                    "recipient_user_id": self.docs_staff.id,
                }
            )
        with self.assertRaisesText(UserError, "not effective"):
            self.env["ir.actions.report"]._render_qweb_html(
                "property_docs.action_report_doc_document", draft.ids
            )
        self._make_effective(draft)
        self.assertTrue(Print.create({"document_id": draft.id, "quantity": 2}))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "property_docs.action_report_doc_document", draft.ids
        )[0]
        self.assertNotIn(b"OBSOLETE", html)

    def test_obsolete_pdf_carries_the_mark(self):
        document = self._document()
        document._do_obsolete()
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html("property_docs.action_report_doc_document", document.ids)[0]
        )
        self.assertIn("作废", html.decode())

    def test_only_drafts_are_deleted(self):
        draft = self._document(effective=False)
        effective = self._document()
        with self.assertRaises(UserError):
            effective.with_user(self.clerk).unlink()
        draft.with_user(self.clerk).unlink()
        self.assertFalse(draft.exists())
