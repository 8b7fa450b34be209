"""The dashboard's take keys and the screen use only each other's public names
(issue 29): a private name of one used by the other fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.core.support import ROOT

SCREENS = ROOT / "tui" / "ui" / "screens"


def _defined(tree: ast.AST) -> set[str]:
    """Private names a module defines: its methods and the ``self._x`` it assigns."""
    names = {node.name for node in ast.walk(tree)
             if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    names |= {node.attr for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)}
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def _used(tree: ast.AST) -> set[str]:
    """Private attributes a module reads or calls on ``self``."""
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "self" and node.attr.startswith("_")
            and not node.attr.startswith("__")}


def _crossing(one: Path, other: Path) -> set[str]:
    """Private names ``one`` defines that ``other`` uses without defining them too."""
    first, second = (ast.parse(p.read_text(encoding="utf-8")) for p in (one, other))
    return (_defined(first) - _defined(second)) & _used(second)


def test_the_take_keys_and_the_screen_use_only_public_names() -> None:
    takes, screen = SCREENS / "dashboard_takes.py", SCREENS / "dashboard.py"
    assert _crossing(takes, screen) == set()
    assert _crossing(screen, takes) == set()


def test_the_check_sees_a_private_name_crossing(tmp_path: Path) -> None:
    one, other = tmp_path / "one.py", tmp_path / "other.py"
    one.write_text("class A:\n    def _verdicts(self):\n        return {}\n")
    other.write_text("class B:\n    def f(self):\n        return self._verdicts()\n")
    assert _crossing(one, other) == {"_verdicts"}
