from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestOwnerPortalBills(FinanceCommon):
    """FIN-6, FIN-7 (portal): an owner sees their own bills, with the unit on each line, and
    their payments through Odoo's invoice portal (/my/invoices), never another payer's."""

    def test_owner_sees_own_bills_only(self):
        portal = new_test_user(
            self.env, login="t_fin_portal", groups="base.group_portal", partner_id=self.owner_1.id
        )
        run = self.run_billing("2026-03-01")
        own = run.move_ids.filtered(lambda m: m.partner_id == self.owner_1)
        other = run.move_ids - own
        found = self.env["account.move"].with_user(portal).search([("id", "in", run.move_ids.ids)])
        self.assertEqual(found, own)
        lines = own.with_user(portal).invoice_line_ids
        self.assertEqual(
            set(lines.mapped("property_unit_id.id")), {self.unit_1.id, self.parking.id}
        )
        with self.assertRaises(AccessError):
            other.with_user(portal).check_access("read")
        # the portal's invoice page is Odoo's own: the bill has its portal URL
        self.assertTrue(own._get_share_url())
