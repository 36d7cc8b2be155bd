{
    "name": "Property Customer Service",
    "summary": "Calls, visits, service tickets, complaints and owner portal (customer-service regulation)",
    "version": "18.0.1.0.0",
    "category": "Property",
    "author": "Property Add-ons",
    "website": "https://example.com/property-addons",
    "license": "LGPL-3",
    "depends": ["property_base", "portal", "rating", "resource"],
    "data": [
        "security/property_service_groups.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "application": True,
    "installable": True,
}
