"""18.0.1.1.0: what owners may borrow now also depends on the confidentiality (never A), and
an update does not recompute a stored field whose dependencies changed: recompute it."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    documents = env["property.doc.document"].with_context(active_test=False).search([])
    env.add_to_compute(documents._fields["owner_borrowable"], documents)
    documents.flush_recordset(["owner_borrowable"])
