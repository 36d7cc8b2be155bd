from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.property_base.tests.common import PropertyBaseCommon


class DocsCommon(PropertyBaseCommon):
    """Document-control roles on top of the base roles: a department employee, an employee of
    another department and an office clerk; documents made effective through the approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company_a
        cls.other_department = cls.env["hr.department"].create(
            {"name": "工程部", "company_id": company.id}
        )

        def user(login, groups, department):
            new = new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
            cls.env["hr.employee"].create(
                {
                    "name": login,
                    "user_id": new.id,
                    "department_id": department.id,
                    "company_id": company.id,
                }
            )
            return new

        cls.docs_staff = user("t_docs_staff", "property_docs.group_docs_user", cls.department)
        cls.docs_other = user("t_docs_other", "property_docs.group_docs_user", cls.other_department)
        cls.clerk = user("t_docs_clerk", "property_docs.group_docs_clerk", cls.other_department)
        # the staff's today (the day their actions stamp), not the superuser's: from 16:00 to
        # 24:00 UTC the two differ by a day
        cls.today = fields.Date.context_today(cls.env["res.users"].with_user(cls.clerk))

    @classmethod
    def _document(cls, confidentiality="c", kind="1", effective=True, **vals):
        document = (
            cls.env["property.doc.document"]
            .with_user(cls.user_department_head)
            .create(
                {
                    "name": vals.pop("name", "测试文件"),
                    "kind": kind,
                    "department_id": cls.department.id,
                    "confidentiality": confidentiality,
                    **vals,
                }
            )
        )
        if effective:
            cls._make_effective(document)
        return document.with_user(cls.env.user)

    @classmethod
    def _make_effective(cls, document):
        document.with_user(document.user_id).action_approval_submit()
        document.with_user(cls.user_gm_assistant).action_approval_approve()
        document.with_user(cls.user_general_manager).action_approval_approve()

    def _borrow(self, document, user=None, **vals):
        values = {
            "document_id": document.id,
            "purpose": "查阅",
            "date_due": fields.Date.add(self.today, days=7),
            **vals,
        }
        return self.env["property.doc.borrow"].with_user(user or self.docs_staff).create(values)
