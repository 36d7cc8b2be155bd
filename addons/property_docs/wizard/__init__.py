from . import property_doc_borrow_return_wizard
from . import property_doc_destroy_wizard
