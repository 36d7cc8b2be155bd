from . import property_receivable_aging
from . import property_collection_rate
from . import property_budget_report
from . import property_financial_statement_xlsx
from . import property_consumable_consumption
