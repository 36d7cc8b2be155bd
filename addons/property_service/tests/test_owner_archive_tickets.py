from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestOwnerArchiveTickets(ServiceCommon):
    """BASE-5 with SVC-1: the owner archive shows the owner's service tickets to the customer
    service, counted in one query for a batch; staff without the service app see no count."""

    def test_ticket_button(self):
        self._ticket()
        self._ticket(subject="门禁卡失效")
        owner = self.owner_1.with_user(self.agent)
        self.assertEqual(owner.property_ticket_count, 2)
        action = owner.action_open_property_tickets()
        found = self.env["property.service.ticket"].with_user(self.agent).search(action["domain"])
        self.assertEqual(len(found), 2)
        self.assertEqual(self.owner_2.with_user(self.agent).property_ticket_count, 0)
        self.assertEqual(self.owner_1.with_user(self.user_staff).property_ticket_count, 0)

    def test_button_on_archive_form_for_agents_only(self):
        view = self.env.ref("property_base.res_partner_view_form_owner_archive")
        for user, shown in ((self.agent, True), (self.user_staff, False)):
            arch = self.env["res.partner"].with_user(user).get_views([(view.id, "form")])
            self.assertEqual(
                "action_open_property_tickets" in arch["views"]["form"]["arch"], shown, user.login
            )
