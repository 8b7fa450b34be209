"""Every module of ``tui`` can be read in one sitting and says why it exists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tui"
MODULES = sorted(PACKAGE.rglob("*.py"))
MOST_LINES = 500


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_is_short_and_says_its_job(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MOST_LINES
    if path.name != "__main__.py" and text.strip():
        assert ast.get_docstring(ast.parse(text)), "no module docstring"
