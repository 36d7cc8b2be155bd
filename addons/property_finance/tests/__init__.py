from . import test_security
from . import test_roles
from . import test_billing
from . import test_late_fee
