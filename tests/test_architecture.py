"""Layers import downward only: ui -> export -> rules -> calc -> model.

Checked two ways: statically over every module's imports, and dynamically by importing the
model in a fresh interpreter and looking at what got loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "evsld"

# what each layer may import from evsld (besides itself and the leaf evsld.version);
# anything else is an upward import
LEAVES = {"version", "paths", "collector"}
ALLOWED = {
    "model": set(),
    "calc": {"model"},
    "rules": {"calc", "model"},
    "geometry": {"model"},
    "templates": {"geometry", "rules", "calc", "model"},
    "export": {"geometry", "rules", "calc", "model", "templates"},
    "cli": {"export", "geometry", "rules", "calc", "model", "templates"},
    "ui": {"export", "geometry", "rules", "calc", "model", "templates", "cli"},
}
QT_FREE = {"model", "calc", "rules", "geometry", "templates", "export", "cli"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _layer_modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).parts
        if len(rel) > 1:
            found.append((rel[0], path))
    return found


@pytest.mark.parametrize(("layer", "path"), _layer_modules(), ids=lambda v: str(v))
def test_imports_go_downward(layer: str, path: Path) -> None:
    assert layer in ALLOWED, f"new layer {layer}: add it to ALLOWED with its place"
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "evsld" and len(parts) > 1 and parts[1] not in LEAVES | {layer}:
            assert parts[1] in ALLOWED[layer], f"{path.name} ({layer}) imports {name}"
        if layer in QT_FREE:
            assert parts[0] != "PySide6", f"{path.name} ({layer}) imports Qt"


def test_model_loads_without_qt_or_upper_layers() -> None:
    code = (
        "import sys, evsld.model, evsld.model.fileformat;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'evsld.calc',"
        " 'evsld.rules', 'evsld.ui', 'evsld.export', 'evsld.templates'))];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
