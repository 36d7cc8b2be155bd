from . import property_finance_lock_wizard
from . import property_staff_loan_settle_wizard
from . import property_profit_distribution_wizard
