from . import test_security
from . import test_organisation
from . import test_brigade
from . import test_facility
from . import test_inspection
from . import test_hazard
from . import test_protected_fields
from . import test_access_matrix
