"""18.0.1.0.1: the tickets' multi-company rule applies to staff only, so that an owner sees
their tickets in every company (a unit of a branch company) through the portal rule. The rule
is noupdate data, which an update does not load again: apply the change here."""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("property_service.property_service_ticket_rule_company", False)
    if rule and not rule.groups:
        rule.groups = [Command.link(env.ref("base.group_user").id)]
