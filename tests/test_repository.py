"""Checks on the repository itself, for every module: documentation and translations."""

import ast
import re
from pathlib import Path

import polib
import pytest

ADDONS = Path(__file__).resolve().parent.parent / "addons"
MODULES = sorted(p.parent.name for p in ADDONS.glob("*/__manifest__.py"))


def test_six_modules_are_present():
    assert MODULES == [
        "property_base",
        "property_docs",
        "property_finance",
        "property_fire",
        "property_it",
        "property_service",
    ]


@pytest.mark.parametrize("module", MODULES)
def test_manifest(module):
    manifest = ast.literal_eval((ADDONS / module / "__manifest__.py").read_text())
    # 18.0.x.y.z; a module with a migration script carries that script's version
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"]), manifest["version"]
    for script in (ADDONS / module / "migrations").glob("*/*.py"):
        version = tuple(map(int, script.parent.name.split(".")))
        assert version <= tuple(map(int, manifest["version"].split("."))), f"{script} is too new"
    assert manifest["license"] == "LGPL-3"
    assert module == "property_base" or "property_base" in manifest["depends"]
    for path in manifest.get("data", []) + manifest.get("demo", []):
        assert (ADDONS / module / path).is_file(), path


@pytest.mark.parametrize("module", MODULES)
def test_readme_fragments(module):
    for name in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
        fragment = ADDONS / module / "readme" / name
        assert fragment.is_file() and fragment.read_text().strip(), f"{module}/readme/{name}"


def _needs_translation(msgid):
    """Demo records written in Chinese (e.g. department names) and markup without words
    (``<span>@</span>``) read the same in Chinese."""
    text = re.sub(r"<[^>]+>", "", msgid)
    return not re.search(r"[\u4e00-\u9fff]", msgid) and re.search(r"[A-Za-z]{2,}", text)


@pytest.mark.parametrize("module", MODULES)
def test_zh_cn_translation_is_complete(module):
    pot = polib.pofile(str(ADDONS / module / "i18n" / f"{module}.pot"))
    po = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
    to_translate = {e.msgid for e in pot if _needs_translation(e.msgid)}
    missing = to_translate - {e.msgid for e in po if e.translated()}
    assert not missing, f"{len(missing)} untranslated in {module}: {sorted(missing)[:5]}"
    assert not po.fuzzy_entries()
