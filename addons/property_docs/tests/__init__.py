from . import test_security
from . import test_document
from . import test_archive
from . import test_borrow
from . import test_registers
from . import test_disposal
from . import test_security_docs
from . import test_portal
