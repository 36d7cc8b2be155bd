from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestObsoleteAndDestroy(DocsCommon):
    """DOC-8: the general manager approves the obsolescence; the departments holding copies
    get the notice (message and printable notice); one or two copies kept; destruction by an
    executor and a supervisor who are different people."""

    def test_obsolete_notice_and_destroy(self):
        document = self._document("b")
        self.env["property.doc.distribution"].with_user(self.clerk).create(
            {
                "document_id": document.id,
                "department_id": self.department.id,
                "recipient_user_id": self.docs_staff.id,
                "quantity": 2,
            }
        )
        Disposal = self.env["property.doc.disposal"].with_user(self.clerk)
        with self.assertRaisesText(ValidationError, "one or two copies"):
            Disposal.create({"document_id": document.id, "reason": "过期", "copies_kept": 3})
        entry = Disposal.create({"document_id": document.id, "reason": "过期", "copies_kept": 2})
        entry.action_approval_submit()
        approvers = entry.approval_current_line_ids.approver_user_ids
        self.assertIn(self.user_general_manager, approvers)
        self.assertNotIn(self.user_office_director - self.user_general_manager, approvers)
        entry.with_user(self.user_general_manager).action_approval_approve()
        self.assertEqual((entry.state, document.state), ("obsolete", "obsolete"))
        notice = document.message_ids.filtered(
            lambda m: self.docs_staff.partner_id in m.partner_ids
        )
        self.assertTrue(notice, "the holder of copies is notified")
        self.assertIn(self.user_department_head.partner_id, notice.partner_ids)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "property_docs.action_report_doc_obsolete_notice", entry.ids
        )[0]
        self.assertIn(b"001-002", html)
        wizard = self.env["property.doc.destroy.wizard"].with_user(self.clerk)
        same = wizard.create(
            {
                "disposal_ids": entry.ids,
                "executor_id": self.clerk.id,
                "supervisor_id": self.clerk.id,
            }
        )
        with self.assertRaisesText(UserError, "two different people"):
            same.action_confirm()
        self.assertEqual(entry.state, "obsolete")
        wizard.create(
            {
                "disposal_ids": entry.ids,
                "executor_id": self.clerk.id,
                "supervisor_id": self.user_office_director.id,
            }
        ).action_confirm()
        self.assertEqual((entry.state, document.state), ("destroyed", "destroyed"))
        self.assertEqual(entry.supervisor_id, self.user_office_director)

    def test_only_effective_documents_are_made_obsolete(self):
        draft = self._document(effective=False)
        entry = (
            self.env["property.doc.disposal"]
            .with_user(self.clerk)
            .create({"document_id": draft.id, "reason": "作废"})
        )
        with self.assertRaisesText(UserError, "not effective"):
            entry.action_approval_submit()


@tagged("post_install", "-at_install")
class TestRetention(DocsCommon):
    """DOC-9: each register keeps its records for its period of the §6 table (one year;
    the archive catalog long term); a cron flags expired records for a disposal review;
    nothing is deleted before, and a deletion after is logged on the document."""

    def test_retention(self):
        document = self._document()
        printed = (
            self.env["property.doc.print"]
            .with_user(self.clerk)
            .create({"document_id": document.id})
        )
        self.assertEqual(printed.retention_until, printed.date + relativedelta(years=1))
        box = self.env["property.doc.box"].create(
            {
                "cabinet_id": self.env["property.doc.cabinet"].create({"number": 9}).id,
                "number": 1,
            }
        )
        entry = (
            self.env["property.doc.archive"]
            .with_user(self.clerk)
            .create({"name": "目录", "category": "1", "box_id": box.id, "document_id": document.id})
        )
        self.assertFalse(entry.retention_until, "the catalog is kept long term")
        with self.assertRaisesText(UserError, "cannot be deleted"):
            printed.with_user(self.clerk).unlink()
        Print = self.env["property.doc.print"]
        Print._cron_flag_expired_registers()
        self.assertFalse(printed.retention_expired)
        later = printed.date + relativedelta(years=1, days=2)
        with freeze_time(later):
            Print._cron_flag_expired_registers()
            self.assertTrue(printed.retention_expired)
            with self.assertRaisesText(UserError, "cannot be deleted"):
                entry.with_user(self.clerk).unlink()
            # the note in English (the clerk's language is the database's default otherwise)
            printed.with_user(self.clerk).with_context(lang="en_US").unlink()
        self.assertFalse(printed.exists())
        self.assertTrue(
            document.message_ids.filtered(lambda m: "after its retention period" in (m.body or ""))
        )
