"""The package's layers (ARCHITECTURE.md, "Layers"): who may import whom, read from the source.

Each subpackage may import only the layers below it; only the adapters (``site``, ``cli``)
import ``mkdocs``; nothing imports an adapter but its own entry point.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "sop_portal"

# layer -> the layers it may import (itself always allowed)
ALLOWED = {
    "shared": set(),
    "format": {"shared"},
    "bagan": {"format", "shared"},
    "kinerja": {"format", "shared"},
    "site": {"format", "bagan", "kinerja", "shared"},
    "cli": {"format", "bagan", "kinerja", "shared", "site"},
}
MAY_IMPORT_MKDOCS = {"site", "cli"}


def imports_of(path: Path, package: Path) -> list[tuple[str, int]]:
    """Every imported module of one file, resolved to an absolute dotted name, with its line."""
    layer_parts = path.relative_to(package.parent).with_suffix("").parts  # sop_portal, layer, module
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(layer_parts[: len(layer_parts) - node.level])
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, node.lineno))
            found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "sop_portal" and parts[1] in ALLOWED else None


def violations(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if len(parts) < 2:
            continue  # the package's own __init__
        layer = parts[0]
        for module, line in imports_of(path, package):
            where = f"{path.relative_to(package)}:{line}"
            if module.split(".")[0] == "mkdocs" and layer not in MAY_IMPORT_MKDOCS:
                found.append(f"{where}: {layer} imports {module}")
            target = layer_of(module)
            if target and target != layer and target not in ALLOWED[layer]:
                found.append(f"{where}: {layer} imports {target}")
    return list(dict.fromkeys(found))  # `from ..site import plugin` names the layer twice


def test_every_module_lives_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == []
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(ALLOWED)


def test_layers_import_only_downward():
    assert violations() == []


def test_the_checker_can_fail(tmp_path):
    """A format module importing the adapter, and one importing mkdocs, are both caught."""
    fake = tmp_path / "sop_portal"
    (fake / "format").mkdir(parents=True)
    (fake / "format" / "bad.py").write_text("from ..site import plugin\nimport mkdocs.config\nfrom . import model\n")
    found = violations(fake)
    assert len(found) == 2
    assert "format imports site" in found[0] and "format imports mkdocs" in found[1]


@pytest.mark.parametrize("adapter", ["site", "cli"])
def test_entry_points_name_the_adapters(adapter):
    text = (PACKAGE.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert f"sop_portal.{adapter}." in text
