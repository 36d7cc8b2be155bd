from . import test_security
from . import test_roles
from . import test_billing
