from . import test_security
from . import test_roles
from . import test_billing
from . import test_late_fee
from . import test_billing_performance
from . import test_portal
from . import test_receivables
from . import test_balance_confirmation
