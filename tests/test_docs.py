"""``docs/ARCHITECTURE.md`` names only files and code that exist.

A newcomer follows its names to the code; a file that was split or a method that was
renamed must not leave the page pointing at nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import textual.events
import textual.widgets

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "ARCHITECTURE.md"
NAMES = sorted(set(re.findall(r"`([^`\s]+)`", PAGE.read_text(encoding="utf-8"))))
PATHS = [name for name in NAMES if re.fullmatch(r"(tui|tests|bench)/[\w/.]*", name)]
DOTTED = [name for name in NAMES if re.fullmatch(r"[A-Z]\w+\.\w+", name)]
BARE = [name for name in NAMES if re.fullmatch(r"[A-Z][A-Za-z_]+", name)
        and not name.startswith("PYTHON")]  # Python's environment variables


def _defined() -> tuple[dict[str, set[str]], set[str]]:
    """Every class of ``tui`` with the names its body defines, and every top-level name."""
    classes: dict[str, set[str]] = {}
    top: set[str] = set()
    for path in (ROOT / "tui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                top.add(node.name)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                top.update(t.id for t in targets if isinstance(t, ast.Name))
        for found in ast.walk(tree):
            if isinstance(found, ast.ClassDef):
                members = classes.setdefault(found.name, set())
                for item in found.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        members.add(item.name)
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        members.add(item.target.id)
                    elif isinstance(item, ast.Assign):
                        members.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return classes, top


CLASSES, TOP_LEVEL = _defined()


def test_the_page_names_files_and_code() -> None:
    # The page is checked only if the patterns below find what it names.
    assert len(PATHS) > 10 and len(DOTTED) > 5


@pytest.mark.parametrize("name", PATHS)
def test_a_named_file_or_folder_exists(name: str) -> None:
    assert (ROOT / name).exists(), f"docs/ARCHITECTURE.md names {name}, which is not there"


def _textual(name: str) -> bool:
    return hasattr(textual.widgets, name) or hasattr(textual.events, name)


def missing(name: str) -> str | None:
    """Why ``name`` (``Class``, ``NAME`` or ``Class.member``) is not in ``tui``, or ``None``."""
    owner, _, member = name.partition(".")
    if owner not in CLASSES and owner not in TOP_LEVEL and _textual(owner):
        return None  # one of Textual's (TextArea, ScreenResume.refresh_styles)
    if not member:
        return None if owner in CLASSES or owner in TOP_LEVEL else f"no {owner} in tui"
    if owner not in CLASSES:
        return f"no class {owner} in tui"
    return None if member in CLASSES[owner] else f"{owner} has no {member}"


@pytest.mark.parametrize("name", DOTTED + BARE)
def test_a_named_class_or_method_exists(name: str) -> None:
    assert missing(name) is None, f"docs/ARCHITECTURE.md: {missing(name)}"


def test_a_name_that_is_not_in_the_code_is_caught() -> None:
    assert missing("DeepseekApp._start_in_theme") == "DeepseekApp has no _start_in_theme"
    assert missing("NoSuchIndex") == "no NoSuchIndex in tui"
    assert missing("NoSuchScreen.on_mount") == "no class NoSuchScreen in tui"
    assert missing("TextArea") is None
    assert missing("DeepseekApp.load_settings") is None
    assert missing("UI_BUDGET_S") is None
