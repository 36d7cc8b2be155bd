from . import property_finance_lock_wizard
from . import property_staff_loan_settle_wizard
from . import property_budget_split_wizard
from . import property_asset_stocktake_sign_wizard
from . import property_profit_distribution_wizard
