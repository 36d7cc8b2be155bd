from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.property_base.tools import note_lang

REGISTER_MODELS = (
    "property.doc.print",
    "property.doc.archive",
    "property.doc.distribution",
    "property.doc.borrow",
    "property.doc.copy",
    "property.doc.reissue",
    "property.doc.disposal",
)


class PropertyDocRegisterMixin(models.AbstractModel):
    """A register of the document regulation (DOC-5) with its form number and its retention
    (DOC-9, the table of §6): a record is kept for ``_retention_years`` after its register date
    (0: long term, never deleted); a cron flags the expired ones for a disposal review; a
    deletion after the retention is logged on the document, never silent."""

    _name = "property.doc.register.mixin"
    _description = "Document Register"

    _form_number = ""
    _retention_years = 1
    _register_date_field = "create_date"

    retention_until = fields.Date(
        string="Kept Until",
        compute="_compute_retention_until",
        store=True,
        help="End of the retention period (empty: kept long term).",
    )
    retention_expired = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Flagged by the daily check: the record may be reviewed for disposal.",
    )
    form_number = fields.Char(compute="_compute_form_number")

    def _compute_form_number(self):
        for record in self:
            record.form_number = self._form_number

    @api.depends(lambda self: [self._register_date_field])
    def _compute_retention_until(self):
        for record in self:
            start = record[self._register_date_field]
            if not self._retention_years or not start:
                record.retention_until = False
                continue
            record.retention_until = fields.Date.to_date(start) + relativedelta(
                years=self._retention_years
            )

    # ORM overrides

    @api.ondelete(at_uninstall=False)
    def _unlink_except_retention(self):
        today = fields.Date.context_today(self)
        kept = self.filtered(lambda r: not r.retention_until or r.retention_until >= today)
        if kept:
            raise UserError(
                self.env._(
                    "%(register)s %(record)s is kept until %(date)s (retention of the document "
                    "regulation) and cannot be deleted before.",
                    register=self._description,
                    record=kept[0].display_name,
                    date=kept[0].retention_until or self.env._("long term"),
                )
            )
        self._register_log_deletion()

    def _register_log_deletion(self):
        """Deletion after the retention: noted on each document, with who deleted what."""
        for record in self.filtered("document_id"):
            document = record.document_id
            body = document.with_context(lang=note_lang(document)).env._(
                "%(register)s %(record)s (kept until %(date)s) deleted after its retention "
                "period by %(user)s.",
                register=self._description,
                record=record.display_name,
                date=record.retention_until,
                user=self.env.user.name,
            )
            document.sudo().message_post(body=Markup("<p>%s</p>") % body)

    # Crons

    @api.model
    def _cron_flag_expired_registers(self):
        """Flag the records of every register whose retention ended (DOC-9); nothing is
        deleted: the office reviews the list (filter "Retention Expired")."""
        today = fields.Date.context_today(self)
        for model_name in REGISTER_MODELS:
            records = (
                self.env[model_name]
                .sudo()
                .search([("retention_until", "<", today), ("retention_expired", "=", False)])
            )
            if records:
                records._protected_write({"retention_expired": True})
        return True

    # Demo

    def _docs_demo_act(self, user_xmlid, method, *args):
        """Demo data only: call ``method`` as the demo user ``user_xmlid`` (data files run as
        the superuser; the demo's registers go through their actions like real ones)."""
        getattr(self.with_user(self.env.ref(user_xmlid)), method)(*args)
        return True
