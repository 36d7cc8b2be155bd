from . import property_fire_sign_wizard
from . import property_fire_archive
from . import property_fire_compliance_wizard
