from . import property_fire_appointment
from . import property_project
from . import property_fire_brigade
from . import maintenance_equipment
from . import maintenance_request
from . import property_fire_hazard
from . import property_fire_inspection
from . import property_fire_drill
