"""Department heads no longer imply the owner-archive reader group (篇5 5.6.4 b).

Odoo added the implied group to every department head as a membership of its own; take it back
from the users whose roles no longer imply it."""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    archive = env.ref("property_base.group_owner_archive", raise_if_not_found=False)
    if not archive:
        return
    readers = (
        env["res.groups"]
        .search([])
        .filtered(lambda group: group != archive and archive in group.trans_implied_ids)
    )
    keep = readers.with_context(active_test=False).users
    removed = archive.with_context(active_test=False).users - keep
    archive.users = [Command.unlink(user.id) for user in removed]
