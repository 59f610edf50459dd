"""Dependencies point inwards (DEVELOPERS.md): a test, not a habit.

reflect/ is the pure core: no Qt, no SQL libraries, none of our outer packages.
storage/ and prompts/ never import Qt or ui. Only ui/ imports ui.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy"}
SQL = {"sqlalchemy", "sqlcipher3", "sqlite_utils", "sqlite3"}
OUTER = {"storage", "prompts", "ui", "cli"}

# Program entry points are launchers, not library code: they may reach outwards.
LAUNCHERS = {"reflect/__main__.py"}

FORBIDDEN: dict[str, set[str]] = {
    "reflect": QT | SQL | OUTER,
    "storage": QT | {"ui", "prompts", "cli"},
    "prompts": QT | {"ui", "storage", "cli"},
    "cli": QT | {"ui"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def violations(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in LAUNCHERS:
            continue
        bad = imported_roots(path) & FORBIDDEN[package]
        found += [f"{relative} imports {name}" for name in sorted(bad)]
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_point_inwards(package: str) -> None:
    assert violations(package) == []


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "from PySide6.QtWidgets import QWidget\nimport importlib\n"
        "importlib.import_module('sqlalchemy.orm')\n"
    )
    assert imported_roots(sneaky) >= {"PySide6", "sqlalchemy"}


def test_launcher_is_the_only_exception() -> None:
    launcher = ROOT / "reflect/__main__.py"
    assert imported_roots(launcher) & OUTER == {"cli"}
