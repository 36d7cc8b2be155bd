"""The addons path holds exactly one copy of each module (README: where Odoo comes from).

Two copies of one module mix the code imported from one with the assets and data files read
from the other; with ``bus`` the web client then refuses every page as outdated.
"""

from collections import defaultdict
from pathlib import Path

import odoo
from odoo.modules.module import get_module_path
from odoo.tools import config


def _modules_by_entry():
    entries = [Path(p.strip()).resolve() for p in config["addons_path"].split(",") if p.strip()]
    found = defaultdict(list)
    for entry in entries:
        for manifest in entry.glob("*/__manifest__.py"):
            found[manifest.parent.name].append(entry)
    return found


def test_each_module_once_on_the_addons_path():
    found = _modules_by_entry()
    assert "bus" in found and "property_base" in found, sorted(found)[:10]
    twice = {name: entries for name, entries in found.items() if len(entries) > 1}
    assert not twice, f"{len(twice)} modules on the addons path twice, e.g. {sorted(twice)[:5]}"


def test_imported_code_is_the_module_on_the_path():
    import odoo.addons.bus as bus

    assert Path(bus.__file__).resolve().parent == Path(get_module_path("bus")).resolve()
    assert (
        Path(odoo.__file__).resolve().parent / "addons" / "base"
        == Path(get_module_path("base")).resolve()
    )


def _oca_modules():
    requirements = Path(__file__).resolve().parent.parent / "requirements" / "oca.txt"
    for line in requirements.read_text().splitlines():
        name = line.split("#")[0].strip().split("==")[0]
        if name.startswith("odoo-addon-"):
            yield name.removeprefix("odoo-addon-").replace("-", "_")


def test_oca_wheels_are_odoo_modules():
    """The pinned OCA wheels are installed where Odoo finds them (the distribution ``odoo``
    they require is the Odoo tree in use), as Odoo 18.0 modules."""
    from odoo.modules.module import get_manifest

    modules = list(_oca_modules())
    assert "date_range" in modules
    for name in modules:
        path = get_module_path(name, display_warning=False)
        assert path, f"OCA module {name} is not found by Odoo"
        assert get_manifest(name)["version"].startswith("18.0."), name
