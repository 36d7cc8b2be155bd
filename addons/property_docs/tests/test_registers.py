import threading

import psycopg2

from odoo import api, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestRegisters(DocsCommon):
    """DOC-5: distribution register QR-WD01-02-03 (distribution numbers from a gap-free
    sequence per document, recipient sign-off, recall of misdistributed copies), copy register
    QR-WD01-02-05 (office-director approval, signature), reissue QR-WD01-02-06 (approval, the
    damaged copy recalled first, the new number continues the sequence); every register prints
    its form with its form number."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls._document("b")

    def _distribute(self, quantity=1, recipient=None):
        return (
            self.env["property.doc.distribution"]
            .with_user(self.clerk)
            .create(
                {
                    "document_id": self.document.id,
                    "department_id": self.department.id,
                    "recipient_user_id": (recipient or self.docs_staff).id,
                    "quantity": quantity,
                }
            )
        )

    def test_distribution_numbers_sign_and_recall(self):
        first = self._distribute(3)
        second = self._distribute(2)
        self.assertEqual((first.number_first, first.number_last), (1, 3))
        self.assertEqual((second.number_first, second.numbers), (4, "004-005"))
        with self.assertRaises(UserError):
            first.with_user(self.docs_other).action_sign()
        first.with_user(self.docs_staff).action_sign()
        self.assertEqual((first.state, first.signed_by_id), ("signed", self.docs_staff))
        with self.assertRaisesText(UserError, "reason"):
            second.action_recall()
        second.with_user(self.clerk).write({"recall_reason": "误发"})
        with self.assertRaises(UserError):
            second.with_user(self.docs_staff).action_recall()
        second.with_user(self.clerk).action_recall()
        self.assertEqual(second.state, "recalled")
        with self.assertRaises(UserError):
            first.with_user(self.clerk).write({"quantity": 5})

    def test_copy_register(self):
        entry = (
            self.env["property.doc.copy"]
            .with_user(self.docs_staff)
            .create({"document_id": self.document.id, "quantity": 2, "purpose": "培训"})
        )
        with self.assertRaises(UserError):
            entry.action_sign()
        entry.action_approval_submit()
        approvers = entry.approval_current_line_ids.approver_user_ids
        self.assertIn(self.user_office_director, approvers)
        self.assertNotIn(self.user_department_head, approvers)
        entry.with_user(self.user_office_director).action_approval_approve()
        with self.assertRaises(UserError):
            entry.with_user(self.docs_other).action_sign()
        entry.action_sign()
        self.assertEqual((entry.state, entry.signed_by_id), ("done", self.docs_staff))

    def test_reissue_recall_first_and_continue_sequence(self):
        distribution = self._distribute(2)
        self._distribute(1)
        Reissue = self.env["property.doc.reissue"].with_user(self.docs_staff)
        with self.assertRaisesText(ValidationError, "not one of the copies"):
            Reissue.create({"distribution_id": distribution.id, "damaged_number": 3})
        request = Reissue.create({"distribution_id": distribution.id, "damaged_number": 2})
        request.action_approval_submit()
        request.with_user(self.user_office_director).action_approval_approve()
        with self.assertRaisesText(UserError, "Recall the damaged copy"):
            request.with_user(self.clerk).action_reissue()
        request.with_user(self.clerk).action_recall_damaged()
        request.with_user(self.clerk).action_reissue()
        self.assertEqual((request.state, request.new_number), ("done", 4))
        self.assertEqual(request.new_distribution_id.reissue_id, request)

    def test_forms_print_with_their_numbers(self):
        distribution = self._distribute(1)
        borrow = self._borrow(self.document)
        copy = self.env["property.doc.copy"].create(
            {"document_id": self.document.id, "purpose": "培训"}
        )
        printed = self.env["property.doc.print"].create({"document_id": self.document.id})
        reissue = self.env["property.doc.reissue"].create(
            {"distribution_id": distribution.id, "damaged_number": distribution.number_first}
        )
        disposal = self.env["property.doc.disposal"].create(
            {"document_id": self.document.id, "reason": "过期"}
        )
        Report = self.env["ir.actions.report"].with_context(lang="zh_CN")
        for report, records, number in (
            ("report_doc_print", printed, "QR-WD01-02-01"),
            ("report_doc_distribution", distribution, "QR-WD01-02-03"),
            ("report_doc_borrow", borrow, "QR-WD01-02-04"),
            ("report_doc_copy", copy, "QR-WD01-02-05"),
            ("report_doc_reissue", reissue, "QR-WD01-02-06"),
            ("report_doc_disposal", disposal, "QR-WD01-02-07"),
        ):
            html = Report._render_qweb_html(f"property_docs.{report}", records.ids)[0].decode()
            self.assertIn(number, html, report)
            self.assertIn(records._form_number, number)


@tagged("post_install", "-at_install")
class TestDistributionConcurrency(DocsCommon):
    """DOC-5: distribution numbers stay gap-free and unique under two concurrent transactions
    (the loser of the row lock retries like Odoo's request retry; a rollback returns its
    numbers)."""

    def test_two_concurrent_transactions(self):
        db = sql_db.db_connect(self.env.cr.dbname)
        with db.cursor() as cr:
            env = api.Environment(cr, self.env.uid, {})
            department = env["hr.department"].create({"name": "并发测试部"})
            document = env["property.doc.document"].create(
                {"name": "并发", "kind": "1", "department_id": department.id}
            )
            cr.execute(
                "UPDATE property_doc_document SET state = 'effective' WHERE id = %s",
                [document.id],
            )
            cr.commit()  # pylint: disable=invalid-commit
        doc_id, dept_id = document.id, department.id
        results, errors = [], []
        first_holds, release = threading.Event(), threading.Event()

        def allocate(quantity, hold):
            for _attempt in range(3):
                with db.cursor() as cr:
                    env = api.Environment(cr, self.env.uid, {})
                    try:
                        numbers = env["property.doc.document"].browse(doc_id)
                        got = numbers._allocate_distribution_numbers(quantity)
                        if hold:
                            first_holds.set()
                            release.wait(10)
                        cr.commit()  # pylint: disable=invalid-commit
                        results.append(got)
                        return
                    except psycopg2.errors.SerializationFailure:
                        cr.rollback()
            errors.append(quantity)

        one = threading.Thread(target=allocate, args=(2, True))
        one.start()
        first_holds.wait(10)
        two = threading.Thread(target=allocate, args=(3, False))
        two.start()
        release.set()
        one.join(20)
        two.join(20)
        try:
            self.assertFalse(errors)
            numbers = sorted(n for first, last in results for n in range(first, last + 1))
            self.assertEqual(numbers, [1, 2, 3, 4, 5])
            with db.cursor() as cr:
                env = api.Environment(cr, self.env.uid, {})
                env["property.doc.document"].browse(doc_id)._allocate_distribution_numbers(4)
                cr.rollback()
            with db.cursor() as cr:
                env = api.Environment(cr, self.env.uid, {})
                got = env["property.doc.document"].browse(doc_id)._allocate_distribution_numbers(1)
                self.assertEqual(got, (6, 6), "a rolled-back allocation leaves no gap")
                cr.rollback()
        finally:
            with db.cursor() as cr:
                cr.execute(
                    "DELETE FROM mail_message WHERE model = 'property.doc.document' "
                    "AND res_id = %s",
                    [doc_id],
                )
                cr.execute("DELETE FROM property_doc_document WHERE id = %s", [doc_id])
                cr.execute("DELETE FROM hr_department WHERE id = %s", [dept_id])
                cr.commit()  # pylint: disable=invalid-commit
