from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.property_base.tests.common import ProtectedFieldsChecks, RecordRuleAsserts

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestDocsRecordRules(RecordRuleAsserts, DocsCommon):
    """DOC-4, DOC-10: A documents readable only by the general manager, the office and the
    head of their department unless lent; B and C by their department; owners only what they
    may borrow; registers by their own people; the other company sees nothing; the role
    matrix of every model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_a = cls._document("a")
        cls.doc_b = cls._document("b")
        cls.doc_c = cls._document("c")
        cls.posted = cls._document("c", is_posted=True)
        cls.draft = cls._document("c", effective=False)
        cls.all_docs = cls.doc_a | cls.doc_b | cls.doc_c | cls.posted | cls.draft

    def test_confidentiality(self):
        head = self.doc_a | self.doc_b | self.doc_c | self.posted | self.draft
        self.assertVisible(self.user_department_head, self.all_docs, head)
        self.assertVisible(
            self.docs_staff, self.all_docs, self.doc_b | self.doc_c | self.posted | self.draft
        )
        self.assertVisible(self.docs_other, self.all_docs, self.all_docs.browse())
        self.assertVisible(self.clerk, self.all_docs, self.all_docs)
        self.assertVisible(self.user_general_manager, self.all_docs, self.all_docs)
        self.assertVisible(self.user_admin_b, self.all_docs, self.all_docs.browse())

    def test_lent_a_document_is_readable_while_lent(self):
        borrow = self._borrow(self.doc_a, self.docs_other)
        borrow.action_approval_submit()
        borrow.with_user(self.user_general_manager).action_approval_approve()
        borrow.action_acknowledge()
        self.assertVisible(self.docs_other, self.doc_a, self.doc_a.browse())
        borrow.with_user(self.clerk).action_lend()
        self.assertVisible(self.docs_other, self.doc_a, self.doc_a)
        borrow.with_user(self.clerk)._do_return("intact", "")
        self.assertVisible(self.docs_other, self.doc_a, self.doc_a.browse())

    def test_owner_portal(self):
        portal = new_test_user(self.env, login="t_docs_portal", groups="base.group_portal")
        drawing = self._document("c", kind="b", code="DWG-9")
        docs = self.all_docs | drawing
        found = docs.with_user(portal).search([("id", "in", docs.ids)])
        self.assertEqual(found, (self.posted | drawing).with_user(portal))

    def test_registers_by_role(self):
        borrow = self._borrow(self.doc_c).with_env(self.env)
        other = self._borrow(self.doc_c, self.user_department_head).with_env(self.env)
        Borrow = self.env["property.doc.borrow"]
        self.assertVisible(self.docs_staff, borrow | other, borrow)
        self.assertVisible(self.user_department_head, borrow | other, borrow | other)
        self.assertVisible(self.docs_other, borrow | other, Borrow)
        self.assertVisible(self.clerk, borrow | other, borrow | other)
        with self.assertRaises(AccessError):
            self.env["property.doc.print"].with_user(self.docs_staff).search([])
        with self.assertRaises(AccessError):
            self.env["property.doc.archive"].with_user(self.docs_staff).search([])
        with self.assertRaises(AccessError):
            self.env["property.doc.disposal"].with_user(self.docs_staff).search([])
        with self.assertRaises(AccessError):
            self.env["property.doc.document"].with_user(self.user_staff).search([])
        with self.assertRaises(AccessError):
            self.env["property.doc.distribution"].with_user(self.docs_staff).create(
                {
                    "document_id": self.doc_c.id,
                    "department_id": self.department.id,
                    "recipient_user_id": self.docs_staff.id,
                }
            )


@tagged("post_install", "-at_install")
class TestDocsProtectedFields(ProtectedFieldsChecks, DocsCommon):
    """DOC-1, DOC-5, DOC-8, DOC-9 (house rule): states, approvals, sign-offs, recalls,
    destruction records and retention flags are written only by their actions, for every
    role; a direct write is refused and the field keeps its value."""

    def test_listing(self):
        approval = {
            "state",
            "approval_round",
            "approval_route_id",
            "approval_requester_id",
            "approval_line_ids",
        }
        self.assertProtectedListing(
            "property_docs",
            {
                "property.doc.document": approval
                | {
                    "effective_date",
                    "obsolete_date",
                    "destroyed_date",
                    "superseded_by_id",
                    "distribution_last_number",
                    "owner_borrowable",
                },
                "property.doc.archive": {"retention_expired"},
                "property.doc.print": {"retention_expired"},
                "property.doc.distribution": {
                    "state",
                    "number_first",
                    "number_last",
                    "signed_date",
                    "signed_by_id",
                    "recalled_date",
                    "recalled_by_id",
                    "retention_expired",
                    "reissue_id",
                },
                "property.doc.borrow": approval
                | {
                    "credentials_checked",
                    "credentials_checked_by_id",
                    "credentials_checked_date",
                    "acknowledged",
                    "acknowledged_date",
                    "date_lent",
                    "lent_by_id",
                    "date_returned",
                    "returned_to_id",
                    "return_condition",
                    "damage_cause",
                    "last_chased_date",
                    "retention_expired",
                },
                "property.doc.copy": approval
                | {"signed_by_id", "signed_date", "retention_expired"},
                "property.doc.reissue": approval
                | {
                    "damaged_recalled",
                    "recalled_date",
                    "new_number",
                    "new_distribution_id",
                    "retention_expired",
                },
                "property.doc.disposal": approval
                | {
                    "executor_id",
                    "supervisor_id",
                    "destroyed_date",
                    "notice_date",
                    "retention_expired",
                },
            },
        )

    def _users(self):
        return [*self.role_users, self.docs_staff, self.clerk]

    def _refused(self, record, values):
        writers = self.assertDirectWriteRefused(record, values, self._users())
        self.assertTrue(writers, "at least one role may write the record, and is refused")

    def test_direct_writes_refused(self):
        document = self._document("c")
        self._refused(
            document,
            {"state": "destroyed", "effective_date": "2020-01-01", "distribution_last_number": 9},
        )
        distribution = (
            self.env["property.doc.distribution"]
            .with_user(self.clerk)
            .create(
                {
                    "document_id": document.id,
                    "department_id": self.department.id,
                    "recipient_user_id": self.docs_staff.id,
                }
            )
        )
        self._refused(
            distribution,
            {"state": "signed", "signed_by_id": self.docs_staff.id, "number_first": 7},
        )
        borrow = self._borrow(document)
        self._refused(
            borrow,
            {"state": "lent", "acknowledged": True, "credentials_checked": True},
        )
        self._refused(borrow, {"return_condition": "intact", "retention_expired": True})
        copy = (
            self.env["property.doc.copy"]
            .with_user(self.docs_staff)
            .create({"document_id": document.id, "purpose": "培训"})
        )
        self._refused(copy, {"state": "done", "signed_by_id": self.docs_staff.id})
        reissue = (
            self.env["property.doc.reissue"]
            .with_user(self.docs_staff)
            .create(
                {"distribution_id": distribution.id, "damaged_number": distribution.number_first}
            )
        )
        self._refused(reissue, {"damaged_recalled": True, "new_number": 5})
        disposal = (
            self.env["property.doc.disposal"]
            .with_user(self.clerk)
            .create({"document_id": document.id, "reason": "过期"})
        )
        self._refused(
            disposal,
            {"state": "destroyed", "executor_id": self.clerk.id, "supervisor_id": self.clerk.id},
        )
        printed = (
            self.env["property.doc.print"]
            .with_user(self.clerk)
            .create({"document_id": document.id})
        )
        self._refused(printed, {"retention_expired": True})

    def test_owner_borrowable_is_not_written_directly(self):
        """The flag the owners' portal rule reads is computed only (never an A document)."""
        document = self._document("a")
        self.assertFalse(document.owner_borrowable)
        self._refused(document, {"owner_borrowable": True})
        self.assertFalse(document.owner_borrowable)

    def test_protected_on_create(self):
        document = self._document("c")
        with self.assertRaises(UserError):
            self.env["property.doc.borrow"].with_user(self.docs_staff).create(
                {
                    "document_id": document.id,
                    "purpose": "x",
                    "date_due": self.today,
                    "acknowledged": True,
                }
            )
