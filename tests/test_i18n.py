"""The product speaks Chinese: menus, field labels and error messages in zh_CN."""

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

APP_NAMES_ZH = {
    "property_base.menu_property_root": "物业管理",
    "property_service.menu_service_root": "物业客服",
    "property_fire.menu_fire_root": "消防安全",
    "property_finance.menu_finance_root": "物业财务",
    "property_docs.menu_docs_root": "文件资料管理",
    "property_it.menu_it_root": "计算机管理",
}


@tagged("post_install", "-at_install")
class TestChinese(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        user = new_test_user(
            cls.env, login="zh_ga", groups="property_base.group_general_affairs", lang="zh_CN"
        )
        # the environment of a request by this user: its context carries the user's language
        cls.zh_env = cls.env(user=user, context=user.with_user(user).context_get())

    def test_application_menus_are_chinese(self):
        for xmlid, name in APP_NAMES_ZH.items():
            self.assertEqual(self.zh_env.ref(xmlid).name, name, xmlid)

    def test_field_labels_are_chinese(self):
        fields = self.zh_env["property.unit"].fields_get(["area", "building_id"])
        self.assertEqual(fields["area"]["string"], "建筑面积（㎡）")
        self.assertEqual(fields["building_id"]["string"], "楼栋")

    def test_errors_are_chinese(self):
        building = self.zh_env.ref("property_base.project_jinxiu_b1")
        with self.assertRaises(ValidationError) as catcher:
            building.generate_units([(99, "9901")], 0)
        self.assertEqual(str(catcher.exception), "房屋的建筑面积必须大于零。")

    def test_distinct_labels_for_shared_english_words(self):
        """Issue 14: a date field and a button no longer share "Start"/"End"/"Plan", and the
        stage description is not labelled as the ticket's problem description."""
        activity = self.zh_env["property.community.activity"].fields_get(
            ["date_start", "date_end", "plan", "name"]
        )
        self.assertEqual(activity["date_start"]["string"], "开始时间")
        self.assertEqual(activity["date_end"]["string"], "结束时间")
        self.assertEqual(activity["plan"]["string"], "活动方案")
        self.assertEqual(activity["name"]["string"], "活动名称")
        stage = self.zh_env["property.service.stage"].fields_get(["description"])
        ticket = self.zh_env["property.service.ticket"].fields_get(["description"])
        self.assertEqual(stage["description"]["string"], "阶段说明")
        self.assertEqual(ticket["description"]["string"], "问题描述")

    def test_glossary_terms_in_the_interface(self):
        occupancy = self.env["ir.model"].with_context(lang="zh_CN")._get("property.occupancy")
        self.assertEqual(occupancy.name, "房屋关系")
        states = dict(self.zh_env["property.unit"].fields_get(["state"])["state"]["selection"])
        self.assertEqual(states["rented"], "已出租")

    def test_rating_email_is_chinese_with_full_width_punctuation(self):
        template = self.zh_env.ref("property_service.mail_template_ticket_rating")
        body = template.with_context(lang="zh_CN").body_html
        self.assertIn("请您对本次服务进行评价：", body)
        self.assertIn("</t>：", body)
        self.assertNotIn("您好,", body)
