from . import property_finance_lock_wizard
