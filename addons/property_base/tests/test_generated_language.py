from odoo.tests import tagged

from .approval_common import ApprovalCommon


@tagged("post_install", "-at_install")
class TestApprovalTextLanguage(ApprovalCommon):
    """Issue 8 item 2 (SVC-10 managers approve; the approval engine of BASE-3's roles): an
    approval activity reads in its approver's language, a chatter note in the language of the
    person acting (the company's for an automatic action), the step of an approval line in
    the reader's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.user_department_head.lang = "zh_CN"
        cls.user_staff.lang = "en_US"
        cls.route = cls._route(
            [dict(cls._users_step(cls.user_department_head), name="Department head")]
        )
        cls.route.update_field_translations("name", {"zh_CN": "员工考核"})
        cls.route.step_ids.update_field_translations("name", {"zh_CN": "部门负责人"})

    def _notes(self, record):
        return record.message_ids.filtered(lambda m: m.message_type == "notification")

    def test_activity_in_the_approvers_language_note_in_the_requesters(self):
        record = self._create()
        record.with_user(self.user_staff).action_approval_submit()
        activity = self._pending_activities(record)
        self.assertEqual(activity.user_id, self.user_department_head)
        self.assertEqual(activity.summary, "审批：部门负责人")
        note = self._notes(record)[:1]
        self.assertIn("Submitted for approval", note.body)
        self.assertIn("Department head", note.body)

    def test_chinese_requester_writes_a_chinese_note(self):
        self.user_staff.lang = "zh_CN"
        record = self._create()
        record.with_user(self.user_staff).action_approval_submit()
        body = self._notes(record)[:1].body
        self.assertIn("已提交审批", body)
        self.assertIn("员工考核", body)
        self.assertIn("部门负责人", body)
        self.assertNotIn("Department head", body)

    def test_rejection_todo_in_the_requesters_language(self):
        self.user_staff.lang = "zh_CN"
        record = self._create()
        record.with_user(self.user_staff).action_approval_submit()
        record.with_user(self.user_department_head)._approval_reject("金额有误")
        todo = record.activity_ids.filtered(lambda a: a.user_id == self.user_staff)
        self.assertEqual(todo.summary, "已驳回：部门负责人")
        self.assertIn("步骤“部门负责人”已驳回", self._notes(record)[:1].body)

    def test_line_step_reads_in_the_readers_language_and_keeps_its_name(self):
        record = self._create()
        record.with_user(self.user_staff).action_approval_submit()
        line = self.Line.search([("res_model", "=", record._name), ("res_id", "=", record.id)])
        self.assertEqual(line.with_context(lang="zh_CN").name, "部门负责人")
        self.assertEqual(line.with_context(lang="en_US").name, "Department head")
        # the audit trail keeps the name the step had at submission
        self.route.step_ids.with_context(lang="zh_CN").name = "科室负责人"
        line.invalidate_recordset(["name"])
        self.assertEqual(line.with_context(lang="zh_CN").name, "部门负责人")

    def test_automatic_action_writes_in_the_companys_language(self):
        """Nobody acting (OdooBot, no language): the note is in the company's language."""
        self.company_a.partner_id.lang = "zh_CN"
        record = self._create()
        record.with_user(self.user_staff).action_approval_submit()
        robot = record.with_user(self.env.ref("base.user_root")).with_context(lang=None)
        robot._approval_log(lambda r: r.env._("Approved directly: no approval route applies."))
        self.assertIn("没有适用的审批流程", self._notes(record)[:1].body)
        self.company_a.partner_id.lang = "en_US"
        robot._approval_log(lambda r: r.env._("Approved directly: no approval route applies."))
        self.assertIn("Approved directly", self._notes(record)[:1].body)


@tagged("post_install", "-at_install")
class TestDepartmentNameLanguage(ApprovalCommon):
    """Issue 8 item 2 (BASE-3: departments are hr.department): a department reads in the
    reader's language, with its parents, although Odoo stores its complete name once."""

    def test_department_display_name_is_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["res.lang"]._activate_lang("en_US")
        parent = self.env["hr.department"].create({"name": "General Affairs"})
        child = self.env["hr.department"].create({"name": "Archives", "parent_id": parent.id})
        parent.update_field_translations("name", {"zh_CN": "综合管理部"})
        child.update_field_translations("name", {"zh_CN": "档案室"})
        self.assertEqual(child.complete_name, "General Affairs / Archives", "stored once")
        self.assertEqual(child.with_context(lang="zh_CN").display_name, "综合管理部 / 档案室")
        self.assertEqual(
            child.with_context(lang="en_US").display_name, "General Affairs / Archives"
        )
        found = self.env["hr.department"].with_context(lang="zh_CN").name_search("档案")
        self.assertEqual([ident for ident, _name in found], [child.id])
        self.assertEqual(
            child.with_context(hierarchical_naming=False, lang="zh_CN").display_name, "档案室"
        )
        employee = self.env["hr.employee"].create(
            {"name": "张三", "department_id": child.id, "company_id": self.company_a.id}
        )
        self.assertEqual(
            employee.with_context(lang="zh_CN").department_id.display_name, "综合管理部 / 档案室"
        )
