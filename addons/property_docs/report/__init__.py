from . import report_doc_document
