"""Shared helpers for the tests that need no Odoo.

The pure-Python logic of each add-on lives in ``<addon>/tools/*.py`` and imports
nothing from Odoo, so it is loaded here straight from its file, without
importing the add-on package (whose ``__init__`` imports Odoo models).
"""

import importlib.util
import pathlib
import re
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
# Every client_base* folder with a manifest, client_base first.
ADDONS = tuple(sorted(p.parent.name for p in REPO.glob("client_base*/__manifest__.py")))


def load_pure(addon, module):
    """Import ``<addon>/tools/<module>.py`` without importing Odoo (as a
    submodule of :func:`load_pure_package` when it imports siblings)."""
    name = f"_cb_pure_{addon}_{module}"
    if name in sys.modules:
        return sys.modules[name]
    path = REPO / addon / "tools" / f"{module}.py"
    if re.search(r"^from \.", path.read_text(), re.MULTILINE):
        package = load_pure_package(addon)
        return importlib.import_module(f"{package.__name__}.{module}")
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def pure():
    return load_pure


def load_pure_package(addon):
    """Import ``<addon>/tools`` as a package (for modules importing siblings)."""
    name = f"_cb_pure_{addon}_tools"
    if name in sys.modules:
        return sys.modules[name]
    folder = REPO / addon / "tools"
    spec = importlib.util.spec_from_file_location(
        name, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod
