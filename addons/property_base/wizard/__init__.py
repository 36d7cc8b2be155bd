from . import property_approval_reject_wizard
from . import property_unit_generate_wizard
