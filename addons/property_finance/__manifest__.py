{
    "name": "Property Finance",
    "summary": "Budgets, fee billing, receivables, assets and financial reports on Odoo Accounting (finance regulation)",
    "version": "18.0.1.0.0",
    "category": "Property",
    "author": "Property Add-ons",
    "website": "https://example.com/property-addons",
    "license": "LGPL-3",
    "depends": ["property_base", "account"],
    "data": [
        "security/property_finance_groups.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["property_finance/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
