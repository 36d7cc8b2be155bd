from . import test_security
from . import test_request
from . import test_antivirus
from . import test_register_performance
from . import test_account_backup
from . import test_audit
from . import test_protected_fields
