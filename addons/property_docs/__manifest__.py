{
    "name": "Property Document Control",
    "summary": "Documents, archive index, registers, borrowing and destruction (document-control regulation)",
    "version": "18.0.1.0.0",
    "category": "Property",
    "author": "Property Add-ons",
    "website": "https://example.com/property-addons",
    "license": "LGPL-3",
    "depends": ["property_base"],
    "data": [
        "security/property_docs_groups.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["property_docs/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
