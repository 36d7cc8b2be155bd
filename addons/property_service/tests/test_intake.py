from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.property_service.models.property_service_intake_mixin import phone_key

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestFastIntake(ServiceCommon):
    """SVC-1, SVC-11 (issue 8 item 4): the caller's number, however it is spelt, finds the owner or
    resident and proposes their units; picking a unit fills the owner / resident (the current
    owner, else the only resident); units read 项目 楼栋-房号; calls carry what was found into
    their ticket; missed calls get a call-back activity for their agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        building = cls.unit_1.building_id
        cls.unit_3, cls.unit_4, cls.unit_5, cls.unit_6 = building.generate_units(
            [(2, "0201"), (2, "0202"), (2, "0203"), (2, "0204")], 100.0
        )
        # a couple sharing the home number: he owns unit 3 where she lives; she owns unit 4
        cls.husband = Partner.create({"name": "张强", "phone": "+86 755 2600 1234"})
        cls.wife = Partner.create(
            {"name": "刘芳", "mobile": "137-0000-1111", "phone": "075526001234"}
        )
        cls.tenant = Partner.create({"name": "赵敏", "mobile": "(0086) 186 1234 5678"})
        Occupancy = cls.env["property.occupancy"]
        Occupancy.create(
            [
                {"unit_id": cls.unit_3.id, "partner_id": cls.husband.id, "date_from": "2021-01-01"},
                {
                    "unit_id": cls.unit_3.id,
                    "partner_id": cls.wife.id,
                    "role": "family",
                    "date_from": "2021-01-01",
                },
                {"unit_id": cls.unit_4.id, "partner_id": cls.wife.id, "date_from": "2021-01-01"},
                {
                    "unit_id": cls.unit_5.id,
                    "partner_id": cls.tenant.id,
                    "role": "tenant",
                    "date_from": "2023-01-01",
                },
            ]
            + [
                {
                    "unit_id": cls.unit_6.id,
                    "partner_id": Partner.create({"name": name}).id,
                    "role": "tenant",
                    "date_from": "2024-01-01",
                }
                for name in ("合租甲", "合租乙")
            ]
        )

    def _ticket_form(self):
        return Form(self.env["property.service.ticket"].with_user(self.agent))

    def test_phone_key(self):
        for spelt, key in (
            ("+86 138 0013 8000", "13800138000"),
            ("(0086) 13800138000", "13800138000"),
            ("138-0013-8000", "13800138000"),
            ("0755-86001234", "075586001234"),
            ("+86 755 8600 1234", "075586001234"),
            ("86001234", "86001234"),
        ):
            self.assertEqual(phone_key(spelt), key, spelt)

    def test_unit_display_name(self):
        self.assertEqual(self.unit_1.display_name, "测试花园 1栋-0101")

    def test_new_ticket_is_not_called_slash(self):
        form = self._ticket_form()
        self.assertEqual(form.name, "/")  # numbered when saved
        draft = self.env["property.service.ticket"].with_user(self.agent).new({})
        self.assertEqual(draft.display_name, "New Ticket")  # the breadcrumb of the form
        form.subject = "报修"
        form.caller_name, form.caller_phone = "王伟", "13800138000"
        ticket = form.save()
        self.assertRegex(ticket.display_name, r"^SVC-\d{4}-\d{5} 报修$")

    def test_phone_finds_the_owner_and_their_unit(self):
        form = self._ticket_form()
        form.caller_phone = "+86 138 0013 8000"
        self.assertEqual(form.caller_phone, "13800138000")
        self.assertEqual(form.partner_id, self.owner_1)
        self.assertEqual(form.caller_name, "王伟")
        self.assertEqual(form.unit_id, self.unit_1, "the only unit is picked")
        self.assertEqual(form.team_id, self.team, "and with it the project's team")
        form.subject = "漏水"
        ticket = form.save()
        self.assertEqual((ticket.partner_id, ticket.unit_id), (self.owner_1, self.unit_1))

    def test_phone_spelt_otherwise_in_the_contact(self):
        form = self._ticket_form()
        form.caller_phone = "18612345678"
        self.assertEqual(form.partner_id, self.tenant)
        self.assertEqual(form.unit_id, self.unit_5, "a tenant's unit")

    def test_shared_number_proposes_the_units_of_everyone(self):
        form = self._ticket_form()
        form.caller_phone = "0755 26001234"
        self.assertFalse(form.partner_id, "two people answer on that number: the agent asks")
        self.assertEqual(set(form.caller_partner_ids.ids), {self.husband.id, self.wife.id})
        self.assertEqual(set(form.caller_unit_ids.ids), {self.unit_3.id, self.unit_4.id})
        # the unit the caller names decides: unit 4 is the wife's alone
        form.unit_id = self.unit_4
        self.assertEqual(form.partner_id, self.wife)
        form.subject = "门锁坏了"
        form.caller_name = "刘芳"
        self.assertEqual(form.save().partner_id, self.wife)

    def test_shared_unit_keeps_the_caller(self):
        form = self._ticket_form()
        form.caller_phone = "137 0000 1111"
        self.assertEqual(form.partner_id, self.wife)
        self.assertEqual(set(form.caller_unit_ids.ids), {self.unit_3.id, self.unit_4.id})
        self.assertFalse(form.unit_id, "two units: the agent picks one")
        form.unit_id = self.unit_3
        self.assertEqual(form.partner_id, self.wife, "she lives there: the caller is kept")

    def test_unit_fills_owner_or_only_resident(self):
        form = self._ticket_form()
        form.unit_id = self.unit_2
        self.assertEqual(form.partner_id, self.owner_2, "the current owner")
        form.unit_id = self.unit_5
        self.assertEqual(form.partner_id, self.tenant, "no owner: the only resident")
        form.unit_id = self.unit_3
        self.assertEqual(form.partner_id, self.husband, "the owner before his family")
        form.unit_id = self.unit_6
        self.assertFalse(form.partner_id, "two tenants and no caller among them: the agent asks")

    def test_unknown_caller(self):
        form = self._ticket_form()
        form.caller_phone = "13999999999"
        self.assertFalse(form.partner_id)
        self.assertFalse(form.caller_unit_ids)
        # the property company's own number is not a caller (positive control: the wife)
        self.company_a.partner_id.phone = "0755-26001234"
        form = self._ticket_form()
        form.caller_phone = "0755-26001234"
        self.assertEqual(set(form.caller_partner_ids.ids), {self.husband.id, self.wife.id})

    def test_call_finds_the_caller_and_carries_the_unit(self):
        Call = self.env["property.service.call"].with_user(self.agent)
        form = Form(Call)
        form.caller_number = "+86 186 1234 5678"
        self.assertEqual(form.partner_id, self.tenant)
        self.assertEqual(form.caller_name, "赵敏")
        self.assertEqual(form.caller_unit_ids[:], self.unit_5)
        call = form.save()
        self.assertEqual(call.caller_number, "18612345678")
        call.action_open_ticket()
        self.assertEqual(
            (call.ticket_id.partner_id, call.ticket_id.unit_id), (self.tenant, self.unit_5)
        )
        # imports of the phone system match numbers however the contact spells them
        imported = Call.create(
            [{"caller_number": "13700001111"}, {"caller_number": "075526001234"}]
        )
        self.assertEqual(imported[0].partner_id, self.wife)
        self.assertFalse(imported[1].partner_id, "a shared number names nobody")

    def test_missed_call_gets_a_call_back_activity(self):
        Call = self.env["property.service.call"].with_user(self.agent)
        missed = Call.create({"caller_number": "13800138000", "answered": False})
        missed.action_schedule_callback()
        activity = missed.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.user_id, self.agent)
        self.assertEqual(activity.date_deadline, fields.Date.context_today(missed))
        self.assertIn("13800138000", activity.summary)
        missed.action_schedule_callback()
        self.assertEqual(len(missed.activity_ids), 1, "one call-back at a time")
        answered = Call.create({"caller_number": "13800138000"})
        with self.assertRaisesRegex(UserError, "was answered"):
            answered.action_schedule_callback()
        self.assertFalse(answered.activity_ids)
