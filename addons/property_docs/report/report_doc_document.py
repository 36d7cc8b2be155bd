from odoo import api, models
from odoo.exceptions import UserError


class ReportDocDocument(models.AbstractModel):
    """The printed document: only the effective version, or an obsolete one stamped obsolete
    (DOC-7, DOC-8); a draft or a document under review is not printed."""

    _name = "report.property_docs.report_doc_document"
    _description = "Document Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        documents = self.env["property.doc.document"].browse(docids)
        wrong = documents.filtered(lambda d: d.state not in ("effective", "obsolete"))
        if wrong:
            raise UserError(
                self.env._(
                    "%(document)s is not effective: only the effective version is printed "
                    "(an obsolete one is stamped obsolete).",
                    document=wrong[0].display_name,
                )
            )
        return {"doc_ids": docids, "doc_model": documents._name, "docs": documents}
