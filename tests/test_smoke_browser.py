"""Browser smoke test: the demo user opens the main menu of every module in headless Chromium."""

from odoo.tests import HttpCase, tagged

# (top menu, name the navbar shows once the application is open)
APPS = [
    "property_base.menu_property_root",
    "property_service.menu_service_root",
    "property_fire.menu_fire_root",
    "property_finance.menu_finance_root",
    "property_docs.menu_docs_root",
    "property_it.menu_it_root",
]

OPEN_APP_JS = """
(async () => {
    const wait = async (selector) => {
        for (let i = 0; i < 300; i++) {
            const el = document.querySelector(selector);
            if (el) { return el; }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error("not shown within 30 s: " + selector);
    };
    (await wait(".o_navbar_apps_menu button")).click();
    (await wait('.o_app[data-menu-xmlid="%(xmlid)s"]')).click();
    await wait(".o_action_manager .o_view_controller");
    const brand = (await wait(".o_menu_brand")).textContent.trim();
    if (brand !== %(name)r) {
        throw new Error("expected the application %(name)s, the navbar shows " + brand);
    }
    console.log("test successful");
})().catch((error) => console.error(error.message));
"""


@tagged("post_install", "-at_install")
class TestBrowserSmoke(HttpCase):
    def test_demo_user_opens_every_application(self):
        demo = self.env.ref("base.user_demo")
        for xmlid in APPS:
            menu = self.env.ref(xmlid).with_user(demo).with_context(lang=demo.lang)
            code = OPEN_APP_JS % {"xmlid": xmlid, "name": menu.name}
            self.browser_js("/odoo", code, ready="odoo.isReady", login="demo", timeout=90)
