from . import test_training
from . import test_evaluation
from . import test_approval
from . import test_estate
from . import test_approval_performance
from . import test_access
from . import test_protected_fields
from . import test_hr_employee
