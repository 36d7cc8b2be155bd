from . import property_service_report
from . import property_service_monthly_report
