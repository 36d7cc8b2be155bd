"""Browser smoke test: in headless Chromium, the demo user opens every module's application
through the apps menu (each module registers its own tour, static/tests/tours/)."""

from odoo.tests import HttpCase, tagged

MODULES = [
    "property_base",
    "property_service",
    "property_fire",
    "property_finance",
    "property_docs",
    "property_it",
]


@tagged("post_install", "-at_install")
class TestBrowserSmoke(HttpCase):
    def test_demo_user_opens_every_application(self):
        for module in MODULES:
            with self.subTest(module=module):
                self.start_tour("/odoo", f"{module}_open_app", login="demo", timeout=120)
