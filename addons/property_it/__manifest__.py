{
    "name": "Property IT Management",
    "summary": "Computers, software, antivirus, fault reports, access requests and backups (IT regulation)",
    "version": "18.0.1.0.0",
    "category": "Property",
    "author": "Property Add-ons",
    "website": "https://example.com/property-addons",
    "license": "LGPL-3",
    "depends": ["property_base"],
    "data": [
        "security/property_it_groups.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["property_it/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
