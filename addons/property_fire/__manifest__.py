{
    "name": "Property Fire Safety",
    "summary": "Fire-safety organisation, facilities, inspections, hazards and drills (fire-safety regulation)",
    "version": "18.0.1.0.0",
    "category": "Property",
    "author": "Property Add-ons",
    "website": "https://example.com/property-addons",
    "license": "LGPL-3",
    "depends": ["property_base", "maintenance"],
    "data": [
        "security/property_fire_groups.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["property_fire/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
